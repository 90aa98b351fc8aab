"""The Notes screen: every note and bookmark, by article, with orphans listed apart.

Enter dismisses with the place to jump to, ``(article_id, offset)``; ``e`` edits a note,
``d``/delete deletes (after asking; deleted items go to the store's trash). Notes, quotes and
titles are untrusted text: every option is built as literal ``Content``.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from syria_reader.index.query import Index
from syria_reader.notes.export import Placed, current_offset, place_all
from syria_reader.notes.store import Bookmark, Note, NotesStore, NotesStoreError
from syria_reader.safe_text import one_line
from syria_reader.ui.screens.note_editor import ConfirmScreen, NoteEditorScreen
from syria_reader.ui.widgets.footer import ReaderFooter
from syria_reader.wording import plural


class NotesScreen(ModalScreen[tuple[str, int] | None]):
    """All notes and bookmarks grouped by article; dismisses with a jump target or ``None``."""

    DEFAULT_CSS = """
    NotesScreen { align: center middle; }
    NotesScreen > #notes-dialog {
        width: 95%; height: 95%; border: thick $accent; background: $surface; padding: 0 1;
    }
    NotesScreen #notes-heading { width: 100%; text-style: bold; }
    NotesScreen #notes-list { height: 1fr; border: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="notes-close", tooltip="Back to the reader"),
        Binding("e", "edit", "Edit note", id="notes-edit", tooltip="Edit the highlighted note"),
        Binding("d,delete", "delete", "Delete", id="notes-delete", tooltip="Delete (asks first)"),
    ]

    def __init__(self, store: NotesStore, index: Index | None, corpus: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.index = index
        #: The open corpus (``corpus_key``): its notes come first, other corpora's apart.
        self.corpus = corpus
        self._items: dict[str, Placed] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-dialog"):
            yield Label(Content("Notes and bookmarks"), id="notes-heading")
            yield OptionList(id="notes-list", markup=False)
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#notes-list", OptionList).focus()

    # -- building the list ---------------------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        """Read the store again and rebuild the list, keeping the highlight on ``keep`` if given."""
        option_list = self.query_one("#notes-list", OptionList)
        previous = option_list.highlighted
        notes, bookmarks = place_all(self.store, self.index, self.corpus)
        self._items = {}
        option_list.clear_options()
        options = self._options(notes, bookmarks)
        option_list.add_options(options)
        heading = (
            f"Notes and bookmarks — {plural(len(notes), 'note')}, "
            f"{plural(len(bookmarks), 'bookmark')}"
        )
        self.query_one("#notes-heading", Label).update(Content(heading))
        if keep is not None and keep in self._items:
            option_list.highlighted = option_list.get_option_index(keep)
        elif self._items:
            ids = [o.id for o in options if o.id is not None and not o.disabled]
            if previous is not None:
                # The item below the one just deleted, or the last one.
                later = [i for i in ids if option_list.get_option_index(i) >= previous]
                option_list.highlighted = option_list.get_option_index(
                    later[0] if later else ids[-1]
                )
            else:
                option_list.highlighted = option_list.get_option_index(ids[0])
        self.refresh_bindings()

    def _options(self, notes: list[Placed], bookmarks: list[Placed]) -> list[Option]:
        rows = self.index.articles() if self.index is not None else []
        order = {row.id: position for position, row in enumerate(rows)}
        by_article: dict[str, list[Placed]] = {}
        titles: dict[str, str] = {}
        on_entities: list[Placed] = []
        orphans: list[Placed] = []
        elsewhere: dict[str, list[Placed]] = {}
        for placed in notes + bookmarks:
            if placed.anchor is None:
                on_entities.append(placed)
            elif placed.elsewhere is not None:
                elsewhere.setdefault(placed.elsewhere, []).append(placed)
            elif (
                placed.resolved is not None and not placed.anchored
            ):  # None: no index to check with
                orphans.append(placed)
            else:
                by_article.setdefault(placed.anchor.article_id, []).append(placed)
                titles[placed.anchor.article_id] = placed.title or "Untitled article"

        options: list[Option] = []
        if not notes and not bookmarks:
            return [Option(Content("No notes or bookmarks yet."), disabled=True)]
        for article_id in sorted(by_article, key=lambda a: (order.get(a, len(order)), a)):
            options.append(_heading(titles[article_id]))
            items = sorted(by_article[article_id], key=current_offset)
            options.extend(self._option(p) for p in items)
        if on_entities:
            options.append(_heading("Notes on entities"))
            options.extend(self._option(p) for p in on_entities)
        if orphans:
            options.append(_heading("Orphans — passage no longer found in the article"))
            options.extend(self._option(p, orphan=True) for p in orphans)
        for folder in sorted(elsewhere):
            name = folder or "a corpus not recorded (notes made before corpora were)"
            options.append(_heading(f"Other corpus: {name}"))
            items = sorted(
                elsewhere[folder],
                key=lambda p: (p.anchor.article_id if p.anchor else "", current_offset(p)),
            )
            options.extend(self._option(p, other_corpus=True) for p in items)
        return options

    def _option(self, placed: Placed, orphan: bool = False, other_corpus: bool = False) -> Option:
        item = placed.item
        kind = "note" if isinstance(item, Note) else "bookmark"
        option_id = f"{kind}:{item.id}"
        self._items[option_id] = placed
        anchor = placed.anchor
        quote = one_line(anchor.quote, 150) if anchor else ""
        if anchor is not None and anchor.context and anchor.quote in anchor.context:
            quote = one_line(anchor.context, 150)  # the sentence around a chosen name
        parts: list[str | tuple[str, str]] = []
        if isinstance(item, Note):
            parts.append(("✎ ", "bold $accent"))
            parts.append(one_line(item.text, 200))
            if item.entity_id and placed.anchor is None:
                parts.append((f"  [{_entity_name(self.index, item.entity_id)}]", "italic"))
            if quote:
                parts.append(("\n   “" + quote + "”", "dim italic"))
        else:
            parts.append(("◆ ", "bold $secondary"))
            parts.append(("bookmark  ", "bold"))
            parts.append(("“" + quote + "”", "italic"))
        if other_corpus:
            title = placed.title or (anchor.article_title if anchor else "") or "an article"
            parts.append((f"\n   in {one_line(title, 80)}", "dim"))
        if orphan:
            title = (
                placed.title
                or (placed.anchor.article_title if placed.anchor else "")
                or "an article"
            )
            gone = "" if placed.article_present else " (no longer in the corpus)"
            parts.append((f"\n   in {one_line(title, 80)}{gone}", "dim"))
        return Option(Content.assemble(*parts), id=option_id)

    # -- actions -------------------------------------------------------------------------------

    def _highlighted(self) -> tuple[str, Placed] | None:
        option_list = self.query_one("#notes-list", OptionList)
        if option_list.highlighted is None:
            return None
        option_id = option_list.get_option_at_index(option_list.highlighted).id
        if option_id is None or option_id not in self._items:
            return None
        return option_id, self._items[option_id]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit only a note; delete only a note or bookmark (shown disabled otherwise)."""
        if action in ("edit", "delete"):
            current = self._highlighted() if self.is_mounted else None
            if current is None:
                return None
            if action == "edit" and not isinstance(current[1].item, Note):
                return None
        return True

    @on(OptionList.OptionHighlighted)
    def _highlight_changed(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if option_id is None or option_id not in self._items:
            return
        target = self._target(self._items[option_id])
        if target is not None:
            self.dismiss(target)

    def _target(self, placed: Placed) -> tuple[str, int] | None:
        """Where Enter goes: the passage; an orphan's article near where it was; an entity's first
        mention."""
        anchor, resolved = placed.anchor, placed.resolved
        if placed.elsewhere is not None:
            where = placed.elsewhere or "another corpus"
            self.notify(
                f"This is from {where}: open that corpus (--corpus) to go to it.", markup=False
            )
            return None
        if anchor is None:
            note = placed.item
            assert isinstance(note, Note)
            mentions = (
                self.index.mentions_of(note.entity_id, limit=1)
                if note.entity_id and self.index is not None
                else []
            )
            if not mentions:
                self.notify(
                    "This note is on an entity with no mention in this corpus.", markup=False
                )
                return None
            return mentions[0].article_id, mentions[0].start
        if resolved is not None and resolved.start is not None:
            return anchor.article_id, resolved.start
        if self.index is None:  # not checked yet: where it was
            return anchor.article_id, max(anchor.start, 0)
        article = self.index.article(anchor.article_id)
        if article is None:
            self.notify(
                "This article is no longer in the corpus; the quote is kept here.", markup=False
            )
            return None
        return anchor.article_id, min(max(anchor.start, 0), len(article.text))

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(None)

    def action_edit(self) -> None:
        """Edit the highlighted note in the note editor."""
        current = self._highlighted()
        if current is None or not isinstance(current[1].item, Note):
            return
        option_id, placed = current
        note = placed.item
        assert isinstance(note, Note)
        title = placed.title or (
            _entity_name(self.index, note.entity_id) if note.entity_id else "Note"
        )

        def saved(text: str | None) -> None:
            if text is None or text == note.text:
                return
            try:
                self.store.update_note(note.id, text)
            except (NotesStoreError, KeyError, ValueError) as error:
                self.notify(f"The note was not saved: {error}", severity="error", markup=False)
                return
            self.reload(keep=option_id)

        self.app.push_screen(NoteEditorScreen(f"Edit note — {title}", note.text), saved)

    def action_delete(self) -> None:
        """Delete the highlighted note or bookmark, after asking."""
        current = self._highlighted()
        if current is None:
            return
        _, placed = current
        item = placed.item
        if isinstance(item, Note):
            question = f"Delete this note?\n\n{one_line(item.text, 200)}"
        else:
            quote = one_line(placed.anchor.quote, 200) if placed.anchor else ""
            question = f"Delete this bookmark?\n\n“{quote}”"

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            try:
                if isinstance(item, Note):
                    self.store.delete_note(item.id)
                else:
                    assert isinstance(item, Bookmark)
                    self.store.delete_bookmark(item.id)
            except NotesStoreError as error:
                self.notify(f"Not deleted: {error}", severity="error", markup=False)
                return
            self.notify(
                f"Deleted. It is kept in the trash: syria-reader notes restore {item.id}",
                markup=False,
                timeout=8,
            )
            self.reload()

        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), answered)


def _heading(text: str) -> Option:
    return Option(Content.styled(one_line(text, 120), "bold underline"), disabled=True)


def _entity_name(index: Index | None, entity_id: str) -> str:
    row = index.entity(entity_id) if index is not None else None
    return one_line(row.name, 60) if row is not None else entity_id
