"""The entity lookup: type a name or alias (typos welcome), Enter chooses the entity.

When the best match is weak (no name, word, prefix or consonant skeleton matched), the lookup
says that nothing matched and lists the close names without choosing one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from syria_reader.ui.entity_style import entity_details, kind_colour
from syria_reader.ui.widgets.option_list import ReaderOptionList
from syria_reader.wording import plural

if TYPE_CHECKING:
    from textual.timer import Timer

    from syria_reader.index.query import EntityMatch, EntityRow

#: How many matches the lookup shows.
LIMIT = 30


def match_prompt(entity: EntityRow, matched: str | None) -> Content:
    """Name in its kind's colour (with the alias that matched), then kind and counts."""
    first = Content.styled(entity.name, f"bold {kind_colour(entity.kind)}")
    if matched and matched.casefold() != entity.name.casefold():
        first = Content.assemble(first, ("  ← ", "$foreground-muted"), (matched, "italic"))
    return Content.assemble(first, "\n", (entity_details(entity), "$foreground-muted"))


class LookupScreen(ModalScreen[str | None]):
    """A fuzzy search over every entity name and alias; dismisses with the chosen entity id."""

    AUTO_FOCUS = "#lookup-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="lookup-cancel"),
        Binding("down", "move(1)", "Down", show=False, id="lookup-down"),
        Binding("up", "move(-1)", "Up", show=False, id="lookup-up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="lookup-page-down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="lookup-page-up"),
        Binding("enter", "choose", "Choose", id="lookup-choose"),
    ]

    def __init__(
        self,
        find: Callable[[str, int], list[EntityMatch]],
        top: Callable[[int], list[EntityRow]],
        query: str = "",
        ready: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__()
        self._find = find
        self._top = top
        # False while another thread loads the names: typing then waits for them instead of
        # loading them again on the app's thread (tens of seconds on a large corpus).
        self._ready = ready
        self._waiting: Timer | None = None
        self._query = query
        self._shown_query: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="lookup-dialog"):
            yield Input(
                value=self._query,
                placeholder="Entity name or alias (typos are fine)",
                id="lookup-input",
                select_on_focus=False,
            )
            yield Static(Content(""), id="lookup-status")
            yield ReaderOptionList(id="lookup-results")

    def on_mount(self) -> None:
        self.query_one("#lookup-dialog").border_title = "Find an entity"
        self.query_one(ReaderOptionList).can_focus = False
        self._refresh_results(self._query)
        self.query_one(Input).focus()

    def on_key(self, event: events.Key) -> None:
        """Keys typed before the input had focus (fast typists right after ``/``) still count."""
        text_input = self.query_one(Input)
        if not text_input.has_focus and event.is_printable and event.character:
            event.stop()
            text_input.focus()
            text_input.insert_text_at_cursor(event.character)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._refresh_results(event.value)

    def _refresh_results(self, query: str) -> None:
        self._shown_query = query
        results = self.query_one(ReaderOptionList)
        results.clear_options()
        query = query.strip()
        weak = False
        if query and not self._ready():
            status = "Loading the names of every entity: the matches follow in a moment…"
            if self._waiting is None:
                self._waiting = self.set_interval(0.2, self._check_ready)
            options = []
        elif query:
            matches = _unique(self._find(query, LIMIT))
            options = [Option(match_prompt(m.entity, m.matched), id=m.entity.id) for m in matches]
            weak = bool(matches) and not matches[0].strong
            if weak:
                status = f"Nothing matched \u201c{query}\u201d. Close names (\u2193 to choose one):"
            else:
                status = (
                    plural(len(options), "match", "matches") if options else "No entity matches"
                )
        else:
            options = [
                Option(match_prompt(entity, None), id=entity.id) for entity in self._top(LIMIT)
            ]
            status = "The most mentioned entities; type to search"
        results.add_options(options)
        # A weak best match is offered, not chosen: Enter takes nothing until one is picked.
        results.highlighted = 0 if options and not weak else None
        self.query_one("#lookup-status", Static).update(Content.styled(status, "$foreground-muted"))

    def _check_ready(self) -> None:
        """Show the matches for what is typed once the names are loaded."""
        if self._ready() and self._waiting is not None:
            self._waiting.stop()
            self._waiting = None
            self._refresh_results(self.query_one(Input).value)

    def action_move(self, step: int) -> None:
        """Move the highlight in the results."""
        results = self.query_one(ReaderOptionList)
        if results.option_count:
            current = results.highlighted if results.highlighted is not None else -1
            results.highlighted = max(0, min(results.option_count - 1, current + step))

    def action_choose(self) -> None:
        """Choose the highlighted entity (of the results for what is typed now)."""
        typed = self.query_one(Input).value
        if typed != self._shown_query:  # keys typed faster than the results refreshed
            self._refresh_results(typed)
        option = self.query_one(ReaderOptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(option.id)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    @on(ReaderOptionList.OptionSelected)
    def _clicked(self, event: ReaderOptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


def _unique(matches: list[EntityMatch]) -> list[EntityMatch]:
    """The best match per entity (an entity can match by name and by several aliases)."""
    seen: dict[str, EntityMatch] = {}
    for match in matches:
        if match.entity.id not in seen or match.score > seen[match.entity.id].score:
            seen[match.entity.id] = match
    return sorted(seen.values(), key=lambda m: -m.score)
