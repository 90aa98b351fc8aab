"""The list of articles: title over source and date, sortable, the open article marked.

A virtual list: it holds an ``ArticleOrder`` (the rowids of the articles it shows, in its
order) and reads from the index only the rows on screen, so a corpus of 50,000 articles
opens, sorts and scrolls as one of fifty does. Each article takes two lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from syria_reader.index.article_pages import SORT_KEYS, SORTS
from syria_reader.safe_text import printable
from syria_reader.ui.messages import ArticleChosen
from syria_reader.ui.widgets.row_chunks import RowChunks

if TYPE_CHECKING:
    from syria_reader.index.article_pages import ArticleOrder
    from syria_reader.index.query import ArticleRow

#: Lines each article takes: its title, then its source and date.
LINES_PER_ROW = 2
#: How many rows are read from the index at a time (a screenful or two).

#: Gives the list's articles in a sort order (the app binds the index and the filter).
OrderSource = Callable[[str], "ArticleOrder"]


def article_prompt(row: ArticleRow, current: bool) -> Content:
    """Two lines: the title (literal text), then source and date, dimmed."""
    title = Content(printable(row.title) or "(untitled)")
    if current:
        title = Content.assemble(("▸ ", "bold $accent"), title.stylize("bold"))
    details = " · ".join(part for part in (row.source, row.date) if part) or "no source or date"
    return Content.assemble(title, "\n", (details, "$foreground-muted"))


class ArticleList(ScrollView, can_focus=True):
    """The articles of the corpus (as the filter keeps them); Enter (or a click) opens one."""

    DEFAULT_CSS = """
    ArticleList {
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
        overflow-x: hidden;
        &:focus { background-tint: $foreground 5%; }
        & > .article-list--row { }
        & > .article-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .article-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .article-list--empty { color: $foreground-muted; text-style: italic; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--row",
        "article-list--cursor",
        "article-list--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Down", show=False, id="list-down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="list-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list-page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list-page-up"),
        Binding("home,g", "first", "First", show=False, id="list-first"),
        Binding("end,G", "last", "Last", show=False, id="list-last"),
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            tooltip="Cycle the sort order: corpus, date, source",
            id="sort",
        ),
        Binding("enter", "select", "Open", id="open-article"),
    ]

    #: The row under the cursor (-1: the list is empty).
    cursor: reactive[int] = reactive(-1, init=False)

    @dataclass
    class SortChanged(Message):
        """The user changed the sort order."""

        sort_key: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Articles"
        self.sort_key = SORT_KEYS[0]
        self._source: OrderSource | None = None
        self._order: ArticleOrder | None = None
        self._current: str | None = None
        self._rows: RowChunks[ArticleRow] = RowChunks()
        self._lines: LRUCache[tuple[int, int, int, bool, bool, bool], Strip] = LRUCache(512)

    # -- what it shows --------------------------------------------------------------------------

    def set_articles(self, source: OrderSource | None, sort_key: str | None = None) -> None:
        """Show the articles ``source`` gives, sorted by ``sort_key`` (or the current order);
        None empties the list."""
        self._source = source
        if sort_key in SORT_KEYS:
            self.sort_key = sort_key
        self._rebuild()

    @property
    def row_count(self) -> int:
        """How many articles the list shows."""
        return len(self._order) if self._order is not None else 0

    def article_ids(self) -> list[str]:
        """The ids of every article shown, in order (reads them all: for tests and tools)."""
        if self._order is None:
            return []
        return [row.id for row in self._order.rows(0, len(self._order))]

    def row(self, number: int) -> ArticleRow | None:
        """Row ``number`` of the list, read from the index a chunk at a time."""
        if self._order is None or not 0 <= number < len(self._order):
            return None
        return self._rows.get(number, self._order.rows)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the article under the cursor."""
        row = self.row(self.cursor)
        return row.id if row is not None else None

    def set_current(self, article_id: str | None) -> None:
        """Mark the open article and move the cursor to it."""
        self._current = article_id
        self._lines.clear()
        self.refresh()
        if article_id is not None and self._order is not None:
            found = self._order.index_of(article_id)
            if found is not None:
                self.cursor = found

    def _rebuild(self) -> None:
        self._order = self._source(self.sort_key) if self._source is not None else None
        self._rows.clear()
        self._lines.clear()
        count = self.row_count
        found = (
            self._order.index_of(self._current)
            if self._order is not None and self._current is not None
            else None
        )
        self.set_reactive(ArticleList.cursor, found if found is not None else (0 if count else -1))
        if self._source is not None:
            self.border_subtitle = Content(f"{count} · {SORTS[self.sort_key][0]}")
        self._update_size()
        self.refresh()
        self._scroll_to_cursor(centre=True)

    def action_cycle_sort(self) -> None:
        """Sort by the next order in the cycle."""
        position = SORT_KEYS.index(self.sort_key)
        self.sort_key = SORT_KEYS[(position + 1) % len(SORT_KEYS)]
        self._rebuild()
        self.post_message(self.SortChanged(self.sort_key))

    # -- layout and drawing ---------------------------------------------------------------------

    def on_mount(self) -> None:
        self._update_size()

    def on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self._update_size()
        self._scroll_to_cursor(centre=False)

    def _update_size(self) -> None:
        width = self.scrollable_content_region.width
        self.virtual_size = Size(width, max(1, self.row_count * LINES_PER_ROW))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        number, part = divmod(line, LINES_PER_ROW)
        if self._order is not None and self.row_count == 0 and line == 0:
            return self._strip(Content("No articles"), width, "article-list--empty")
        row = self.row(number)
        if row is None:
            return Strip.blank(width, self.get_visual_style("article-list--row").rich_style)
        is_cursor = number == self.cursor
        is_current = row.id == self._current
        key = (number, part, width, is_cursor, is_current, self.has_focus)
        cached = self._lines.get(key)
        if cached is None:
            text = article_prompt(row, is_current).split("\n")[part]
            classes = ("article-list--row", "article-list--cursor") if is_cursor else ()
            cached = self._strip(text, width, *(classes or ("article-list--row",)))
            self._lines[key] = cached
        return cached.apply_offsets(0, line)

    def _strip(self, content: Content, width: int, *classes: str) -> Strip:
        """One line: a cell of padding each side, the text cut with an ellipsis."""
        style = self.get_visual_style(*classes)
        inner = max(1, width - 2)
        line = Content.assemble(" ", content.truncate(inner, ellipsis=True), " ")
        strips = Visual.to_strips(self, line, width, 1, style)
        strip = strips[0] if strips else Strip.blank(width)
        return strip.extend_cell_length(width, style.rich_style).crop(0, width)

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        for number in (old, new):
            if number >= 0:
                self.refresh(Region(0, number * LINES_PER_ROW - top, self.size.width, 2))
        self._scroll_to_cursor(centre=False)

    def on_focus(self) -> None:
        self._lines.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._lines.clear()
        self.refresh()

    def _scroll_to_cursor(self, centre: bool) -> None:
        height = self.scrollable_content_region.height
        if height <= 0 or self.cursor < 0:
            return
        first = self.cursor * LINES_PER_ROW
        last = first + LINES_PER_ROW - 1
        top = self.scroll_offset.y
        if centre:
            if not (top <= first and last < top + height):
                self.scroll_to(y=max(0, first - height // 2), animate=False, immediate=True)
        elif first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=last - height + 1, animate=False, immediate=True)

    # -- moving ---------------------------------------------------------------------------------

    def move_to(self, number: int) -> None:
        """Put the cursor on row ``number`` (kept inside the list)."""
        if self.row_count:
            self.cursor = max(0, min(number, self.row_count - 1))

    def action_move(self, step: int) -> None:
        """Move the cursor by ``step`` articles."""
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        """Move a screenful."""
        rows = max(1, self.scrollable_content_region.height // LINES_PER_ROW - 1)
        self.move_to(self.cursor + direction * rows)

    def action_first(self) -> None:
        """The first article."""
        self.move_to(0)

    def action_last(self) -> None:
        """The last article."""
        self.move_to(self.row_count - 1)

    def action_select(self) -> None:
        """Open the article under the cursor."""
        article_id = self.highlighted_id
        if article_id is not None:
            self.post_message(ArticleChosen(article_id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        number = (self.scroll_offset.y + offset.y) // LINES_PER_ROW
        if 0 <= number < self.row_count:
            self.cursor = number
            self.action_select()
