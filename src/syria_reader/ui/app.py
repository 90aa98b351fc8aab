"""The reader app: owns the index, the open article, the back stack and every state change.

Widgets post messages up; handlers here decide what the panes show. The index is prepared in
a thread worker that only posts messages (``index_loading``), so the window opens at once and
fills when ready; bookmarks, notes and reading positions are in ``notes_actions``.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import Widget

from syria_reader import paths
from syria_reader.config import Settings, load_settings
from syria_reader.safe_text import printable, printable_lines
from syria_reader.ui import insight_views, notes_bridge
from syria_reader.ui import themes as theme_files
from syria_reader.ui.catalogue_actions import CatalogueActions
from syria_reader.ui.curation_actions import Curator
from syria_reader.ui.entity_style import VARIABLE_DEFAULTS
from syria_reader.ui.held_keys import HeldKeys
from syria_reader.ui.index_loading import IndexLoading
from syria_reader.ui.messages import (
    ArticleChosen,
    CorrectionsChanged,
    CurationRequested,
    EntityChosen,
    IndexReady,
    InsightRequested,
    PassageChosen,
    UnlinkedFound,
)
from syria_reader.ui.navigation import History, JumpTarget, Place, step_mention
from syria_reader.ui.notes_actions import NotesActions
from syria_reader.ui.providers import ArticleCommands, EntityCommands
from syria_reader.ui.screens.lookup import LookupScreen
from syria_reader.ui.screens.main import MainScreen
from syria_reader.ui.screens.mentions import MentionsScreen
from syria_reader.ui.screens.unlinked import UnlinkedScreen
from syria_reader.ui.state import choose_theme, load_state, save_state
from syria_reader.ui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from syria_reader.index.article_pages import ArticleCatalogue
    from syria_reader.index.mention_list import MentionList
    from syria_reader.index.query import Index, MentionRow
    from syria_reader.models import Article
    from syria_reader.notes.store import NotesStore
    from syria_reader.ui.screens.help import HelpRow

#: Actions that only make sense on the main screen (hidden elsewhere).
MAIN_SCREEN_ACTIONS = frozenset(
    {
        "back",
        "toggle_list",
        "toggle_sidebar",
        "next_entity_mention",
        "previous_entity_mention",
        "bookmark",
        "note",
        "search",
        "timeline",
    }
)


class ReaderApp(CatalogueActions, NotesActions, IndexLoading):
    """syria-reader: articles, the entities they name, and every mention of each across the
    corpus."""

    CSS_PATH = Path(__file__).parent / "reader.tcss"
    TITLE = "syria-reader"
    COMMANDS = App.COMMANDS | {EntityCommands, ArticleCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", tooltip="Save the reading position and quit", id="quit"),
        # ctrl+c leaves too, at once, wherever the focus is (Textual's default only says how).
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        # Priority, so keys typed right after it reach the lookup rather than the pane that had
        # focus (check_action lets text fields keep the key).
        Binding(
            "slash",
            "lookup",
            "Find",
            tooltip="Fuzzy search over every entity name and alias",
            id="lookup",
            priority=True,
        ),
        Binding("question_mark", "help", "Help", tooltip="Every key binding", id="help"),
        Binding(
            "escape,backspace",
            "back",
            "Back",
            tooltip="Return to the place you jumped from",
            id="back",
        ),
        Binding(
            "right_square_bracket",
            "next_entity_mention",
            "Next",
            tooltip="Next mention of the current entity, across articles",
            id="entity-next",
        ),
        Binding(
            "left_square_bracket",
            "previous_entity_mention",
            "Prev mention",
            show=False,
            tooltip="Previous mention of the current entity, across articles",
            id="entity-previous",
        ),
        Binding(
            "a",
            "toggle_list",
            "Articles",
            show=False,
            tooltip="Show or hide the article list",
            id="toggle-list",
        ),
        Binding(
            "e",
            "toggle_sidebar",
            "Sidebar",
            show=False,
            tooltip="Show or hide the entity sidebar",
            id="toggle-sidebar",
        ),
        Binding(
            "b",
            "bookmark",
            "Mark",
            tooltip="Bookmark the chosen name or the paragraph at the top",
            id="bookmark",
        ),
        Binding(
            "n",
            "note",
            "Note",
            tooltip="Write a note on the chosen name or the paragraph at the top",
            id="note",
        ),
        Binding(
            "N",
            "notes",
            "Notes",
            show=False,
            tooltip="Every note and bookmark; Enter jumps to one",
            id="notes",
        ),
        Binding(
            "u,ctrl+z",
            "undo_correction",
            "Undo",
            show=False,
            tooltip="Take back the last correction of the entities",
            id="curate-undo",
        ),
        Binding(
            "ctrl+r,ctrl+y",
            "redo_correction",
            "Redo",
            show=False,
            tooltip="Put back the last correction taken back",
            id="curate-redo",
        ),
        Binding(
            "f",
            "search",
            "Search",
            tooltip="Full-text search over the articles; Enter opens the article at a hit",
            id="search",
        ),
        Binding(
            "t",
            "timeline",
            "Timeline",
            tooltip="Every date in the corpus in order, with a histogram by month",
            id="timeline",
        ),
        Binding(
            "F",
            "filter_articles",
            "Filter",
            show=False,
            tooltip="Narrow the article list: source, dates, an entity, notes",
            id="filter-articles",
        ),
        Binding(
            "i",
            "edit_metadata",
            "Catalogue",
            show=False,
            tooltip="Correct the article's title, source, author or date (with their evidence)",
            id="edit-metadata",
        ),
        Binding(
            "T",
            "change_theme",
            "Theme",
            show=False,
            tooltip="Choose a theme (remembered)",
            id="theme",
        ),
    ]

    def __init__(
        self, corpus: Path, settings: Settings | None = None, theme: str | None = None
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.settings = settings or Settings()
        self.reader_keymap: dict[str, str] = dict(self.settings.keymap)
        self.index: Index | None = None
        self.catalogue: ArticleCatalogue | None = None
        self.article: Article | None = None
        self.history = History()
        self.current_entity: str | None = None
        self._entity_mentions: dict[str, MentionList] = {}
        self._positions: dict[str, int] = {}  # used when the notes store is unavailable
        #: Keys typed while the first index build runs (see ``held_keys``).
        self._held_keys = HeldKeys()
        self._keys_wait_said = float("-inf")
        self.notes: NotesStore | None = None
        self._state = load_state()
        self._startup_messages: list[
            tuple[str, SeverityLevel]
        ] = []  # (message, severity), shown on mount
        self._theme_ready = False
        self.curator = Curator(self)
        self._register_themes(theme)

    # -- start-up --------------------------------------------------------------------------------

    def _register_themes(self, override: str | None) -> None:
        """Register bundled and user themes and pick the one to open with."""
        loaded = theme_files.load_themes([paths.bundled_themes(), paths.config_dir() / "themes"])
        for theme in loaded.themes:
            self.register_theme(theme)
        if loaded.failures:
            self._startup_messages.append((loaded.report(), "warning"))
        wanted = choose_theme(override, self._state, self.settings.theme, theme_files.DEFAULT_THEME)
        if wanted not in self.available_themes:
            self._startup_messages.append(
                (
                    f"Unknown theme '{wanted}'; using '{theme_files.DEFAULT_THEME}'. "
                    f"Themes: {', '.join(sorted(self.available_themes))}",
                    "warning",
                )
            )
            wanted = theme_files.DEFAULT_THEME
        if wanted in self.available_themes:
            self._open_with_theme(wanted)

    def _open_with_theme(self, name: str) -> None:
        """Open with theme ``name``, set before anything is styled.

        Setting ``theme`` runs Textual's watcher, which re-parses every stylesheet on the next
        tick to restyle widgets that do not exist yet (tens of milliseconds before the first
        frame); here the stylesheet gets the theme's variables before its first parse, and
        the app the classes the watcher would give it.
        """
        if name == self.theme:
            return
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        dark = self.current_theme.dark
        classes = {old: False for old in self.classes if old.startswith("-theme-")}
        classes.update({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark})
        self.update_classes(classes, update=False)
        # No public way to this: the filter that maps ANSI colours for a light or dark theme.
        self._refresh_truecolor_filter(self.ansi_theme)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Entity colours for themes that do not set them."""
        return dict(VARIABLE_DEFAULTS)

    def get_default_screen(self) -> Screen[None]:
        """The three-pane main screen."""
        return MainScreen()

    def on_mount(self) -> None:
        """Apply the keymap and report start-up problems; the rest waits for the first frame."""
        self._apply_keymap()
        for problem in self.settings.problems:
            self._startup_messages.append((problem, "warning"))
        for message, severity in self._startup_messages:
            self.notify(message, severity=severity, markup=False, timeout=12)
        self._theme_ready = True
        self.call_after_refresh(self._after_first_frame)
        # Another reader (or a hand edit) may change the corrections: follow the file.
        self.set_interval(2.0, self.curator.check_file)

    def _after_first_frame(self) -> None:
        """Start opening the notes and preparing the index, once the window is on screen (in
        a thread: their imports and file hashing would otherwise delay the first frame)."""
        self.curator.watch()
        self.prepare_index(open_notes=True)

    def _drop_invalid_keys(self) -> None:
        """Keymap entries naming a key that does not exist are reported with the file, line
        and binding id, and left out: that binding keeps its default keys."""
        from syria_reader.config import config_file, line_of
        from syria_reader.ui.keys import invalid_keys

        path = config_file()
        for binding_id, keys in list(self.reader_keymap.items()):
            bad = invalid_keys(keys)
            if not bad:
                continue
            del self.reader_keymap[binding_id]
            line = line_of(path, "keymap", binding_id)
            where = f"{path}, line {line}" if line else str(path)
            self._startup_messages.append(
                (
                    printable(
                        f"{where}: [keymap] {binding_id} = {keys!r}: "
                        f"{', '.join(repr(k) for k in bad)} is not a key; its default is kept"
                    ),
                    "warning",
                )
            )

    def _apply_keymap(self) -> None:
        """Apply the user's keymap; unknown binding ids and invalid keys are reported, not
        fatal."""
        self._drop_invalid_keys()
        if not self.reader_keymap:
            return
        from syria_reader.ui.help_contexts import binding_ids, help_contexts

        known = binding_ids(help_contexts(self))
        unknown = sorted(set(self.reader_keymap) - known)
        if unknown:
            self._startup_messages.append((unknown_keymap_ids_message(unknown, known), "warning"))
        self.reader_keymap = {
            key: value for key, value in self.reader_keymap.items() if key in known
        }
        self.set_keymap(self.reader_keymap)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen inside the reader."""
        if self._theme_ready:
            self._state.theme = theme
            self._state.config_theme = self.settings.theme
            save_state(self._state)

    # -- reading ---------------------------------------------------------------------------------

    def current_place(
        self, mentions_of: str | None = None, mentions_row: int | None = None
    ) -> Place | None:
        """Where the reader is now (None before the first article is open); a jump from a
        mention list also records the list, to reopen it on the way back."""
        if self.article is None:
            return None
        view = self._main.article_view
        return Place(
            self.article.id, view.reading_offset(), self._focused_pane(), mentions_of, mentions_row
        )

    def _focused_pane(self) -> str | None:
        focused = self._main.focused
        node: Widget | None = focused
        while node is not None:
            if node.id in ("articles", "article", "sidebar"):
                return node.id
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return None

    def _focus_pane(self, pane: str | None) -> None:
        main = self._main
        if pane == "sidebar" and main.sidebar.display:
            main.sidebar.focus_list()
        elif pane == "articles" and main.article_list.display:
            main.article_list.focus()
        else:
            main.article_view.focus()

    async def open_article(
        self,
        article_id: str,
        *,
        target: JumpTarget | None = None,
        offset: int | None = None,
        remember: bool = True,
    ) -> bool:
        """Show an article: at a marked passage, at an offset, or where the reader left it.

        ``remember`` pushes the current place on the back stack first.
        """
        if self.index is None:
            return False
        view = self._main.article_view
        if remember and (place := self.current_place()) is not None:
            self.history.push(place)
        if self.article is None or self.article.id != article_id:
            article = self.index.article(article_id)
            if article is None:
                self.notify(
                    f"Article {article_id} is no longer in the index",
                    severity="warning",
                    markup=False,
                )
                return False
            self._remember_position()
            await view.show_article(article, self.index.article_mentions(article_id))
            self.article = article
            await self._main.sidebar.ready()  # its tabs are mounted after the first frame
            self._main.sidebar.show(
                self.index.article_entities(article_id),
                self.index.dates(article_id),
                self.index.figures(article_id),
            )
            quotes = self.index.quotes(article_id=article_id)
            self._main.sidebar.show_quotes(quotes)
            view.mark_quotes([(q.start, q.end) for q in quotes])
            self._main.article_list.set_current(article_id)
            if self.catalogue is not None:
                position = self.catalogue.position(article_id) or 0
                view.border_title = Content(f"Article {position} of {self.catalogue.count}")
            self._show_note_marks()
            if target is None and offset is None:
                offset = self._saved_position(article_id)
        if target is not None:
            mention = view.mention_at(target.start) if target.kind else None
            if mention is not None and mention.end == target.end:
                view.select_mention(mention)
            else:
                view.set_mark(target.start, target.end, target.kind)
            self._show_entity_progress()
        elif offset:
            self.call_after_refresh(view.scroll_to_offset, offset)
        self.refresh_bindings()
        return True

    async def open_article_from_palette(self, article_id: str) -> None:
        """Open an article chosen in the command palette."""
        await self.open_article(article_id)
        self._main.article_view.focus()

    @on(ArticleChosen)
    async def _article_chosen(self, message: ArticleChosen) -> None:
        await self.open_article(message.article_id)
        main = self._main
        if main.has_class("-articles-shown") and not main.has_class("-wide"):
            main.reset_panes()  # the list was folded out at a narrow width: give the room back
            main.article_view.focus()

    @on(PassageChosen)
    def _passage_chosen(self, message: PassageChosen) -> None:
        if self.article is None:
            return
        if (place := self.current_place()) is not None:
            self.history.push(place)
        self._main.article_view.set_mark(message.start, message.end, None)
        self.refresh_bindings()

    @on(InsightRequested)
    def _insight_requested(self, message: InsightRequested) -> None:
        if message.view == "quotes":
            insight_views.open_quotes(self, message.entity_id)
        elif message.view == "related":
            insight_views.open_related(self, message.entity_id)
        elif message.view == "timeline":
            insight_views.open_timeline(self, message.entity_id)
        elif message.view == "search":
            insight_views.open_search(self)
        elif message.view == "export-mentions" and message.entity_id is not None:
            insight_views.export_mentions(self, message.entity_id)

    def action_search(self) -> None:
        """Open the full-text search."""
        insight_views.open_search(self)

    def action_timeline(self) -> None:
        """Open the timeline of every date."""
        insight_views.open_timeline(self)

    @on(ArticleList.SortChanged)
    def _sort_changed(self, message: ArticleList.SortChanged) -> None:
        self._state.sort = message.sort_key
        save_state(self._state)

    # -- entities and mentions -------------------------------------------------------------------

    def _mention_list(self, entity_id: str) -> MentionList | None:
        """The entity's paged mention list, kept while the index is (a screenful is read at a
        time, so this is cheap whatever the entity's size)."""
        assert self.index is not None
        if entity_id not in self._entity_mentions:
            found = self.index.mention_list(entity_id)
            if found is None:
                return None
            self._entity_mentions[entity_id] = found
        return self._entity_mentions[entity_id]

    @on(EntityChosen)
    def _entity_chosen(self, message: EntityChosen) -> None:
        self.open_mentions(message.entity_id)

    def open_mentions(self, entity_id: str, highlight: int | None = None) -> None:
        """Open the mention list of an entity (replacing one already open)."""
        if self.index is None:
            return
        mentions = self._mention_list(entity_id)
        if mentions is None:
            self.notify("That entity is no longer in the index", severity="warning")
            return
        entity_id = mentions.entity.id  # an id merged into another entity answers as that one
        self.current_entity = entity_id
        if isinstance(self.screen, MentionsScreen):
            self.pop_screen()
        notes = (
            notes_bridge.entity_notes(self.notes, self.index.entity_ids(entity_id))
            if self.notes is not None
            else []
        )
        self.push_screen(
            MentionsScreen(mentions.entity, mentions, notes=notes, highlight=highlight),
            callback=self._mention_chosen,
        )

    async def _mention_chosen(self, target: JumpTarget | None) -> None:
        if target is None or self.current_entity is None:
            return
        place = self.current_place(mentions_of=self.current_entity, mentions_row=target.list_row)
        if place is not None:
            self.history.push(place)
        await self.open_article(target.article_id, target=target, remember=False)
        self._main.article_view.focus()

    def _show_entity_progress(self) -> None:
        """Name the followed entity and which of its mentions is marked, under the article."""
        view = self._main.article_view
        if (
            self.index is None
            or self.current_entity is None
            or view.mark is None
            or self.article is None
        ):
            view.border_subtitle = None
            return
        mentions = self._mention_list(self.current_entity)
        position = self.index.mention_position(
            self.current_entity, self.article.id, view.mark.start
        )
        here = self.index.mentions_in(self.current_entity, self.article.id)
        if mentions is None or position is None or view.mark.start not in {m.start for m in here}:
            view.border_subtitle = None
            return
        name = mentions.entity.name
        view.border_subtitle = Content(f"{name} {position + 1}/{mentions.mention_count}")

    async def _step_entity_mention(self, direction: int) -> None:
        view = self._main.article_view
        entity_id = self.current_entity or (view.selected.entity_id if view.selected else None)
        if self.index is None or self.article is None:
            return
        if entity_id is None:
            self.notify("Choose an entity first: / finds one, m selects a name in the text")
            return
        self.current_entity = entity_id
        mentions, order = self._step_candidates(entity_id)
        mark = view.mark
        on_mention = (
            mark is not None
            and view.selected is not None
            and view.selected.entity_id == entity_id
            and view.selected.start == mark.start
        )
        offset = mark.start if mark is not None else view.reading_offset()
        mention, wrapped = step_mention(
            mentions, order, self.article.id, offset, direction, on_mention=on_mention
        )
        if mention is None:
            self.notify("No mentions of this entity", severity="warning")
            return
        if wrapped:
            self.notify(
                "Wrapped round to the " + ("first" if direction > 0 else "last") + " mention"
            )
        target = JumpTarget(mention.article_id, mention.start, mention.end, mention.kind)
        await self.open_article(
            mention.article_id, target=target, remember=mention.article_id != self.article.id
        )

    def _step_candidates(self, entity_id: str) -> tuple[list[MentionRow], dict[str, int]]:
        """The mentions a step from the current article can reach: those in it, the first of the
        next article naming the entity (in corpus order) and the last of the previous one, and
        the ends of the corpus for wrapping round; and the corpus order of their articles.
        Read from the index, so a step costs the same for an entity named ten times or a
        hundred thousand."""
        assert self.index is not None and self.article is not None
        if self.catalogue is None:
            return [], {}
        entity_id = self.index.resolve_id(entity_id)
        order = self.catalogue.entity_steps(entity_id, self.article.id)
        chosen = list(order)
        here = self.catalogue.rowid(self.article.id)
        if here is not None:
            order.setdefault(self.article.id, here)
        mentions: list[MentionRow] = []
        for article_id in chosen:
            mentions.extend(self.index.mentions_in(entity_id, article_id))
        return mentions, order

    # -- curation --------------------------------------------------------------------------------

    @on(CurationRequested)
    def _curation_requested(self, message: CurationRequested) -> None:
        self.curator.request(message.action, message.entity_id, message.mention)

    async def on_corrections_changed(self, message: CorrectionsChanged) -> None:
        """Say what a correction did and show the corrected index."""
        self.notify(message.message, severity=message.severity, markup=False)
        if message.path is not None:
            await self._reopen_corrected(message.path)

    async def _reopen_corrected(self, path: Path) -> None:
        """Reopen the index after a correction, and the mention list on the entity it became."""
        mentions_open = isinstance(self.screen, MentionsScreen)
        row = self.screen.highlighted_row if isinstance(self.screen, MentionsScreen) else None
        pane = self._focused_pane()
        sidebar_row = self._main.sidebar.entity_row()
        await self._open_index(IndexReady(path))
        if mentions_open and isinstance(self.screen, MentionsScreen):
            self._refresh_mentions(row)
        self._focus_pane(pane)
        if pane == "sidebar" and sidebar_row is not None:
            self._main.sidebar.restore_entity_row(sidebar_row)

    def _refresh_mentions(self, row: int | None = None) -> None:
        """Show the open mention list again from the index (its entity may have been merged,
        renamed or hidden meanwhile)."""
        if self.index is None or self.current_entity is None:
            return
        resolved = self.index.resolve_id(self.current_entity)
        if self.index.entity(resolved) is None:
            self.current_entity = None
            if isinstance(self.screen, MentionsScreen):
                self.pop_screen()
            return
        self.current_entity = resolved
        if isinstance(self.screen, MentionsScreen):
            self.open_mentions(resolved, highlight=row)

    def on_unlinked_found(self, message: UnlinkedFound) -> None:
        """Show the unlinked mentions found for review."""
        if not message.items:
            self.notify("No unlinked mentions: every known name in the articles is tagged")
            return

        def closed(_: None) -> None:
            if isinstance(self.screen, MentionsScreen):
                self._refresh_mentions(self.screen.highlighted_row)

        self.push_screen(
            UnlinkedScreen(message.title, message.items, self.curator.decide_unlinked),
            callback=closed,
        )

    def action_undo_correction(self) -> None:
        """Take back the last correction."""
        self.curator.undo()

    def action_redo_correction(self) -> None:
        """Put back the last correction taken back."""
        self.curator.undo(redo=True)

    def action_review_unlinked(self) -> None:
        """Review every unlinked mention of the corpus."""
        self.curator.review_unlinked()

    # -- actions ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Main-screen actions run only there; back only when there is somewhere to go; the
        lookup key (a priority binding) only where no text field wants it."""
        if action == "lookup" and not isinstance(self.screen, (MainScreen, MentionsScreen)):
            return False  # the other screens have text fields, or are the lookup itself
        if action in MAIN_SCREEN_ACTIONS and not isinstance(self.screen, MainScreen):
            return False
        if action in ("undo_correction", "redo_correction") and not isinstance(
            self.screen, (MainScreen, MentionsScreen, UnlinkedScreen)
        ):
            return False
        # ] and [ with no entity chosen still run: they say how to choose one.
        return not (action == "back" and not self.history)

    async def on_event(self, event: events.Event) -> None:
        """While there is no index yet (the first build), keys on the main screen go through
        ``HeldKeys``: held back, run, or ignored with a message; never run as something else."""
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and self.index is None
            and self.screen_stack
            and isinstance(self.screen, MainScreen)
        ):
            bound = self.screen.active_bindings.get(event.key)
            action = bound[1].action if bound is not None else None
            decision = self._held_keys.feed(event.key, event.character, action)
            if decision != "run":
                event.stop()
                event.prevent_default()
                if decision == "lookup":
                    self.notify("Building the index: the lookup opens as soon as it is ready")
                elif decision == "ignored":
                    self._say_keys_wait()
                return
        await super().on_event(event)

    def _say_keys_wait(self) -> None:
        """Say (once every few seconds, not once per key) why a key did nothing."""
        now = time.monotonic()
        if now - self._keys_wait_said < 5.0:
            return
        self._keys_wait_said = now
        self.notify(
            "Building the index: that key works once it is ready (/ types a lookup now, "
            "q quits, ? lists the keys)"
        )

    def index_opened(self) -> None:
        """Open the lookup typed while the index was being built, with what was typed."""
        query = self._held_keys.release()
        if query is not None and isinstance(self.screen, MainScreen):
            self.action_lookup(query)

    def action_lookup(self, query: str = "") -> None:
        """Open the entity lookup (with ``query`` typed in)."""
        index = self.index
        if index is None:
            self.notify("The index is not ready yet")
            return

        def chosen(entity_id: str | None) -> None:
            if entity_id is not None:
                self.open_mentions(entity_id)

        self.push_screen(
            LookupScreen(
                index.find_entities,
                lambda limit: index.entities(limit=limit),
                query,
                ready=index.lookup_ready,
            ),
            callback=chosen,
        )

    async def action_back(self) -> None:
        """Return to the last place jumped from (reopening its mention list, if it was one)."""
        place = self.history.pop()
        if place is None:
            return
        if not await self.open_article(place.article_id, offset=place.offset, remember=False):
            return
        view = self._main.article_view
        view.clear_mark()
        view.selected = None
        view.border_subtitle = None
        self.call_after_refresh(view.scroll_to_offset, place.offset)
        self._focus_pane(place.focus)
        if place.mentions_of is not None:
            self.open_mentions(place.mentions_of, highlight=place.mentions_row)
        self.refresh_bindings()

    async def action_next_entity_mention(self) -> None:
        """Jump to the next mention of the current entity, in this or a later article."""
        await self._step_entity_mention(+1)

    async def action_previous_entity_mention(self) -> None:
        """Jump to the previous mention of the current entity."""
        await self._step_entity_mention(-1)

    def action_toggle_list(self) -> None:
        """Show or hide the article list."""
        if self._main.toggle_pane("articles"):
            self._main.article_list.focus()

    def action_toggle_sidebar(self) -> None:
        """Show or hide the entity sidebar."""
        self._main.toggle_pane("sidebar")

    def action_change_theme(self) -> None:
        """Open the theme picker."""
        self.search_themes()

    def action_help(self) -> None:
        """Show every key binding."""
        from syria_reader.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.help_sections()))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification made terminal-safe: they carry file names, paths and problems."""
        super().notify(
            printable_lines(str(message)),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    async def action_quit(self) -> None:
        """Remember where the reader was, then quit with status 0."""
        self._remember_position()
        if self.notes is not None:
            self.notes.close()
            self.notes = None
        self.exit(0)

    def action_rebuild_index(self) -> None:
        """Rebuild the index from the corpus files."""
        self.prepare_index(rebuild=True)

    # -- help, keymap and palette ----------------------------------------------------------------

    def help_sections(self) -> list[tuple[str, list[HelpRow]]]:
        """Sections of the help screen, generated from the bindings."""
        from syria_reader.ui.help_contexts import help_sections

        return help_sections(self, self.reader_keymap)

    def get_system_commands(self, screen: Screen[object]) -> Iterator[SystemCommand]:
        """The reader's own commands, then Textual's (theme, keys, quit...)."""
        yield SystemCommand(
            "Find entity", "Fuzzy search over every entity name and alias", self.action_lookup
        )
        yield SystemCommand(
            "Show or hide the article list", "Toggle the article list pane", self.action_toggle_list
        )
        yield SystemCommand(
            "Show or hide the sidebar", "Toggle the entity sidebar", self.action_toggle_sidebar
        )
        yield SystemCommand(
            "Show or hide reader comments",
            "Toggle comments under the article",
            lambda: self._main.article_view.action_toggle_comments(),
        )
        yield SystemCommand(
            "Sort articles",
            "Cycle the article list's sort order",
            lambda: self._main.article_list.action_cycle_sort(),
        )
        yield SystemCommand("Notes and bookmarks", "Every note and bookmark", self.action_notes)
        yield SystemCommand(
            "Review unlinked mentions",
            "Text naming a known entity that was not tagged: accept or reject each",
            self.action_review_unlinked,
        )
        yield SystemCommand(
            "Undo correction", "Take back the last correction", self.action_undo_correction
        )
        yield SystemCommand(
            "Redo correction",
            "Put back the last correction taken back",
            self.action_redo_correction,
        )
        yield SystemCommand(
            "Search the articles", "Full-text search with snippets", self.action_search
        )
        yield SystemCommand(
            "Timeline", "Every resolved date in order, by month", self.action_timeline
        )
        yield SystemCommand(
            "Every quote",
            "All quotations and their speakers",
            lambda: insight_views.open_quotes(self),
        )
        if self.current_entity is not None:
            entity = self.current_entity
            yield SystemCommand(
                "Quotes of the current entity",
                "What the entity followed with ] and [ said",
                lambda: insight_views.open_quotes(self, entity),
            )
            yield SystemCommand(
                "Related to the current entity",
                "Entities named in the same sentences",
                lambda: insight_views.open_related(self, entity),
            )
        yield SystemCommand(
            "Rebuild index",
            "Re-read the corpus and rebuild the entity index",
            self.action_rebuild_index,
        )
        yield SystemCommand("Help", "Every key binding", self.action_help)
        yield from super().get_system_commands(screen)


def unknown_keymap_ids_message(unknown: list[str], known: set[str]) -> str:
    """The warning for ``[keymap]`` ids that name no binding: which, and every valid id."""
    names = ", ".join(f"'{name}'" for name in unknown)
    what = "id" if len(unknown) == 1 else "ids"
    return (
        f"Keymap: unknown binding {what} {names} ignored. Valid ids: {', '.join(sorted(known))} "
        "(? shows each with its keys)"
    )


def run_reader(corpus: Path | None, theme: str | None) -> int:
    """Open the reader on a corpus (default: the config's corpus, else the bundled seeds)."""
    settings = load_settings()
    root = Path(corpus) if corpus is not None else (settings.corpus or paths.bundled_seeds())
    app = ReaderApp(root, settings, theme)
    result = app.run()
    status = int(result if isinstance(result, int) else (app.return_code or 0))
    if app.building():
        # An index build told to stop has not reached its next step yet: leave now rather
        # than wait for it. Its temporary file is removed by the next build; the old index,
        # the notes (closed on quit) and the config are untouched.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status
