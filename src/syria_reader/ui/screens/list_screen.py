"""A full-screen list of passages (quotes, dates, sentences, search hits): Enter opens one.

The screens of quotes, the timeline, related entities and search share this frame: a titled
pane, a summary line, a list whose rows each stand for a passage, ``x`` to export the list as
CSV or Markdown, escape to go back. Dismissing with a ``JumpTarget`` asks the app to open it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets.option_list import Option

from syria_reader.index.listing import Table
from syria_reader.ui.navigation import JumpTarget
from syria_reader.ui.screens.export import ExportScreen
from syria_reader.ui.widgets.footer import ReaderFooter
from syria_reader.ui.widgets.option_list import ReaderOptionList

#: Longest text shown in one row (a quote may run over many paragraphs).
ROW_CHARS = 400
#: A row, or what builds it when its page is added (building every row of a long list up
#: front costs as much as measuring them).
Row = Option | Callable[[], Option]
#: Rows added to the list at a time: an OptionList measures every row it holds, so a long
#: list (every date of a large corpus) is added a page at a time as the reader moves down.
PAGE = 200


def clipped(text: str, limit: int = ROW_CHARS) -> str:
    """Text on one line, cut at ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _built(rows: Sequence[Row]) -> list[Option]:
    return [row if isinstance(row, Option) else row() for row in rows]


def empty_option(text: str) -> Option:
    """A disabled row saying the list is empty."""
    return Option(Content.styled(text, "italic $foreground-muted"), disabled=True)


class ListScreen(Screen[JumpTarget | None]):
    """A list of passages; subclasses fill it (``fill``) and say what to export (``table``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "close", "Back", tooltip="Close this list", id="list-close"),
        Binding("enter", "open_row", "Open", tooltip="Open the article there", id="list-open"),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="Save this list as CSV or Markdown",
            id="list-export",
        ),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.list_title = title
        self.targets: dict[str, JumpTarget] = {}
        self._pending: list[Row] = []  # rows not added to the list yet
        self._total = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="list-pane", classes="list-pane"):
            yield from self.compose_header()
            yield ReaderOptionList(id="list-rows")
        yield ReaderFooter(compact=True)

    def compose_header(self) -> ComposeResult:
        """Widgets above the list (a summary line by default)."""
        yield Static(Content(""), id="list-summary")

    def on_mount(self) -> None:
        self.setup()

    def setup(self) -> None:
        """Fill the screen once mounted (subclasses extend this, not ``on_mount``: Textual
        calls every class's own handler)."""
        self.query_one("#list-pane").border_title = Content(self.list_title)
        self.refill()
        self.rows.focus()
        self.watch(self.rows, "scroll_y", self._scrolled, init=False)

    @property
    def rows(self) -> ReaderOptionList:
        """The list."""
        return self.query_one("#list-rows", ReaderOptionList)

    def refill(self) -> None:
        """Rebuild the list from ``fill``."""
        self.targets = {}
        options = self.fill()
        self._total = len(options)
        self._pending = list(options[PAGE:])
        page = _built(options[:PAGE])
        self.rows.clear_options()
        self.rows.add_options(page)
        first = next((i for i, o in enumerate(page) if not o.disabled), None)
        if first is not None:
            self.rows.highlighted = first
        self._show_loaded()

    def load_more(self) -> None:
        """Add the next page of rows, if any are left."""
        if not self._pending:
            return
        page, self._pending = self._pending[:PAGE], self._pending[PAGE:]
        self.rows.add_options(_built(page))
        self._show_loaded()

    def _show_loaded(self) -> None:
        pane = self.query("#list-pane")
        if not pane:
            return
        loaded = self._total - len(self._pending)
        pane.first().border_subtitle = (
            Content(f"{loaded} of {self._total} rows shown; more as you move down")
            if self._pending
            else None
        )

    def _scrolled(self, scroll_y: float) -> None:
        rows = self.rows
        if self._pending and scroll_y >= rows.max_scroll_y - rows.size.height:
            self.load_more()

    @on(ReaderOptionList.OptionHighlighted, "#list-rows")
    def _near_the_end(self, event: ReaderOptionList.OptionHighlighted) -> None:
        if self._pending and event.option_index >= self.rows.option_count - 20:
            self.load_more()

    def add_target(self, option_id: str, target: JumpTarget) -> str:
        """Remember where a row leads; returns its option id."""
        self.targets[option_id] = target
        return option_id

    def fill(self) -> Sequence[Row]:
        """The rows (subclasses): options, or functions that build them."""
        raise NotImplementedError

    def table(self) -> Table:
        """The list as a table, for export (subclasses)."""
        raise NotImplementedError

    def summary(self, text: str | Content) -> None:
        """Set the line above the list."""
        summary = self.query("#list-summary")
        if summary:
            summary.first(Static).update(text if isinstance(text, Content) else Content(text))

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)

    def action_open_row(self) -> None:
        """Open the highlighted row's passage."""
        option = self.rows.highlighted_option
        if option is not None and option.id in self.targets:
            self.dismiss(self.targets[option.id])

    @on(ReaderOptionList.OptionSelected, "#list-rows")
    def _selected(self, event: ReaderOptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in self.targets:
            self.dismiss(self.targets[event.option.id])

    def action_export(self) -> None:
        """Ask where to save the list, then save it."""
        table = self.table()
        if not table.rows:
            self.notify("Nothing to export: the list is empty", severity="warning")
            return

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Saved {len(table.rows)} rows to {path}", markup=False, timeout=10)

        self.app.push_screen(ExportScreen(table), callback=saved)
