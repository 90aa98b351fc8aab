"""The list of articles: title over source and date, sortable, the open article marked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from syria_reader.safe_text import printable
from syria_reader.ui.messages import ArticleChosen
from syria_reader.ui.widgets.option_list import ReaderOptionList

if TYPE_CHECKING:
    from syria_reader.index.query import ArticleRow

#: Sort orders the list cycles through: (key, label, sort function).
SORTS: tuple[tuple[str, str, Callable[[list[ArticleRow]], list[ArticleRow]]], ...] = (
    ("corpus", "corpus order", lambda rows: list(rows)),
    (
        "date-new",
        "newest first",
        lambda rows: sorted(rows, key=lambda r: r.date or "", reverse=True),
    ),
    ("date-old", "oldest first", lambda rows: sorted(rows, key=lambda r: r.date or "9999")),
    (
        "source",
        "by source",
        lambda rows: sorted(rows, key=lambda r: ((r.source or "~").casefold(), r.date or "")),
    ),
)
SORT_KEYS = tuple(key for key, _, _ in SORTS)


def article_prompt(row: ArticleRow, current: bool) -> Content:
    """Two lines: the title (literal text), then source and date, dimmed."""
    title = Content(printable(row.title) or "(untitled)")
    if current:
        title = Content.assemble(("▸ ", "bold $accent"), title.stylize("bold"))
    details = " · ".join(part for part in (row.source, row.date) if part) or "no source or date"
    return Content.assemble(title, "\n", (details, "$foreground-muted"))


class ArticleList(ReaderOptionList):
    """Every article of the corpus; Enter (or a click) opens one."""

    @dataclass
    class SortChanged(Message):
        """The user changed the sort order."""

        sort_key: str

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            tooltip="Cycle the sort order: corpus, date, source",
            id="sort",
        ),
        Binding("enter", "select", "Open", id="open-article"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Articles"
        self._rows: list[ArticleRow] = []
        self._current: str | None = None
        self.sort_key = SORT_KEYS[0]

    def set_articles(self, rows: list[ArticleRow], sort_key: str | None = None) -> None:
        """Show these articles, sorted by ``sort_key`` (or the current order)."""
        self._rows = list(rows)
        if sort_key in SORT_KEYS:
            self.sort_key = sort_key
        self._rebuild()

    def set_current(self, article_id: str | None) -> None:
        """Mark the open article and move the highlight to it."""
        previous, self._current = self._current, article_id
        rows = {row.id: row for row in self._rows}
        for article in (previous, article_id):
            if article in rows:
                self.replace_option_prompt(
                    article, article_prompt(rows[article], article == self._current)
                )
        if article_id in rows:
            self.highlighted = self.get_option_index(article_id)

    def _rebuild(self) -> None:
        label_sort = {key: (label, sort) for key, label, sort in SORTS}
        label, sort = label_sort[self.sort_key]
        rows = sort(self._rows)
        self.clear_options()
        self.add_options(
            Option(article_prompt(row, row.id == self._current), id=row.id) for row in rows
        )
        self.border_subtitle = Content(f"{len(rows)} · {label}")
        if self._current is not None and self._current in {row.id for row in rows}:
            self.highlighted = self.get_option_index(self._current)

    def action_cycle_sort(self) -> None:
        """Sort by the next order in the cycle."""
        position = SORT_KEYS.index(self.sort_key)
        self.sort_key = SORT_KEYS[(position + 1) % len(SORT_KEYS)]
        self._rebuild()
        self.post_message(self.SortChanged(self.sort_key))

    @on(ReaderOptionList.OptionSelected)
    def _open(self, event: ReaderOptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(ArticleChosen(event.option.id))
