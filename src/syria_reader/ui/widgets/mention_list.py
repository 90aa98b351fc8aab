"""A virtual list of an entity's mentions: only the rows on screen are read and drawn.

A ``MentionList`` from the index gives the rows (an article heading, then one row per
sentence naming the entity); this widget asks it for the screenful it shows, so opening and
scrolling the list of an entity named 100,000 times costs what a short list does. Each row is
one line: a long sentence is shown around its first mention, so the name is always in view.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

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

from syria_reader.index.grouping import SentenceMentions
from syria_reader.index.mention_list import ArticleHeading, ListRow, MentionList
from syria_reader.safe_text import printable
from syria_reader.ui.entity_style import marked_style
from syria_reader.ui.widgets.row_chunks import RowChunks
from syria_reader.wording import plural

#: The label set before a sentence from a caption or pull quote, apart from its words.
ASIDE_LABEL = "[aside]"
#: How many rows are read from the index at a time (a screenful or two).


def sentence_line(group: SentenceMentions, width: int) -> Content:
    """The sentence on one line of ``width`` cells with every mention in it marked, after a
    count column (``2x`` when it names the entity more than once); asides carry a label.
    A sentence too long for the line starts shortly before its first mention."""
    sentence = group.context.replace("\n", " ")
    content = Content(sentence)
    spans = group.spans()
    for start, end in spans:
        content = content.stylize(marked_style(group.first.kind), start, end)
    count = len(group.mentions)
    column = f"{count}\u00d7" if count > 1 else ""
    parts: list[Content | tuple[str, str] | str] = [(f"{column:>3} ", "bold $foreground-muted")]
    if group.in_aside:
        parts.extend([(ASIDE_LABEL, "$foreground-muted"), " "])
    room = width - Content.assemble(*parts).cell_length
    if spans and content.cell_length > room > 0:
        first = spans[0][0]
        cut = max(0, min(first - room // 3, len(sentence) - room + 1))
        space = sentence.find(" ", cut, first)
        if cut > 0 and space >= 0 and space - cut < 16:
            cut = space + 1  # start on a word
        if cut > 0:
            content = Content.assemble("…", content[cut:])
    parts.append(content)
    return Content.assemble(*parts)


def heading_line(heading: ArticleHeading, width: int) -> Content:
    """An article's title in bold and how often it names the entity; a title too long for
    the line is cut, never the count."""
    count = f"  {plural(heading.mentions, 'mention')}"
    title = Content(printable(heading.title or heading.article_id)).stylize("bold")
    room = width - len(count)
    if room > 8 and title.cell_length > room:
        title = title.truncate(room, ellipsis=True)
    return Content.assemble(title, (count, "$foreground-muted"))


class MentionListView(ScrollView, can_focus=True):
    """The rows of a ``MentionList``, a line each, with a cursor on the sentence rows.

    ``notes`` are lines shown above the list (not selectable). A click, or ``action_select``
    (the screen binds it to Enter), posts ``MentionListView.Selected`` with the sentence.
    """

    DEFAULT_CSS = """
    MentionListView {
        background: $surface;
        & > .mention-list--heading { text-style: bold; }
        & > .mention-list--row { }
        & > .mention-list--note { color: $foreground-muted; }
        & > .mention-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        &:blur > .mention-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "mention-list--heading",
        "mention-list--row",
        "mention-list--note",
        "mention-list--cursor",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Down", show=False, id="list-down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="list-up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="list-page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list-page-up"),
        Binding("home,g", "first", "First", show=False, id="list-first"),
        Binding("end,G", "last", "Last", show=False, id="list-last"),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class Selected(Message):
        """A sentence row was chosen (Enter or click)."""

        def __init__(self, row: SentenceMentions) -> None:
            super().__init__()
            self.row = row

    def __init__(
        self,
        mentions: MentionList,
        notes: Sequence[Content] = (),
        *,
        cursor_position: int | None = None,
        id: str | None = None,
    ) -> None:
        """``cursor_position``: the mention (its position in the list) to start on."""
        super().__init__(id=id)
        self.mentions = mentions
        self.notes = list(notes)
        self._prefix = len(self.notes) + (1 if self.notes else 0)  # a blank line after notes
        self._rows: RowChunks[ListRow] = RowChunks()
        self._lines: LRUCache[tuple[int, int, bool, bool], Strip] = LRUCache(1024)
        rows = mentions.row_count
        start = 1 if rows else 0
        if cursor_position is not None and rows:
            start = mentions.row_of_position(cursor_position)
        self.set_reactive(MentionListView.cursor, start)

    # -- rows -----------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """Rows of the list, headings included (notes excluded)."""
        return self.mentions.row_count

    def row(self, number: int) -> ListRow | None:
        """List row ``number``, read from the index a chunk at a time."""
        if not 0 <= number < self.row_count:
            return None
        return self._rows.get(number, self.mentions.rows)

    @property
    def highlighted(self) -> SentenceMentions | None:
        """The sentence under the cursor."""
        row = self.row(self.cursor)
        return row if isinstance(row, SentenceMentions) else None

    # -- layout and drawing ---------------------------------------------------------------------

    def on_mount(self) -> None:
        self._update_size()
        self.call_after_refresh(self._scroll_to_cursor, True)

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()
        self._scroll_to_cursor(False)

    def _update_size(self) -> None:
        width = self.scrollable_content_region.width
        lines = self._prefix + max(1, self.row_count)
        self.virtual_size = Size(width, lines)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        if line < self._prefix:
            note = self.notes[line] if line < len(self.notes) else Content("")
            return self._strip(note.truncate(width, ellipsis=True), width, "mention-list--note")
        number = line - self._prefix
        if number == 0 and self.row_count == 0:
            empty = Content.styled("No mentions in the corpus", "italic $foreground-muted")
            return self._strip(empty, width, "mention-list--note")
        row = self.row(number)
        if row is None:
            return Strip.blank(width, self.get_visual_style("mention-list--row").rich_style)
        is_cursor = number == self.cursor and isinstance(row, SentenceMentions)
        key = (number, width, is_cursor, self.has_focus)
        cached = self._lines.get(key)
        if cached is None:
            if isinstance(row, ArticleHeading):
                cached = self._strip(heading_line(row, width), width, "mention-list--heading")
            else:
                classes = ("mention-list--row", "mention-list--cursor") if is_cursor else ()
                content = sentence_line(row, width).truncate(width, ellipsis=True)
                cached = self._strip(content, width, *(classes or ("mention-list--row",)))
            self._lines[key] = cached
        return cached.apply_offsets(0, line)

    def _strip(self, content: Content, width: int, *classes: str) -> Strip:
        style = self.get_visual_style(*classes)
        strips = Visual.to_strips(self, content, width, 1, style)
        strip = strips[0] if strips else Strip.blank(width)
        return strip.extend_cell_length(width, style.rich_style)

    def watch_cursor(self, old: int, new: int) -> None:
        for number in (old, new):
            self.refresh(
                Region(0, self._prefix + number - self.scroll_offset.y, self.size.width, 1)
            )
        self._scroll_to_cursor(False)

    def on_focus(self) -> None:
        self._lines.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._lines.clear()
        self.refresh()

    def _scroll_to_cursor(self, centre: bool) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        line = self._prefix + self.cursor
        top = self.scroll_offset.y
        if centre:
            if not top <= line < top + height:
                self.scroll_to(y=max(0, line - height // 2), animate=False, immediate=True)
            elif line < self._prefix + height:
                self.scroll_to(y=0, animate=False, immediate=True)
        elif line < top:
            self.scroll_to(y=line - 1 if line > 0 else 0, animate=False, immediate=True)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)

    # -- moving ---------------------------------------------------------------------------------

    def _sentence_row(self, number: int, direction: int) -> int:
        """``number`` or the nearest sentence row from it in ``direction``, inside the list."""
        count = self.row_count
        if count == 0:
            return 0
        number = max(0, min(number, count - 1))
        if isinstance(self.row(number), ArticleHeading):
            number = number + 1 if direction >= 0 or number == 0 else number - 1
        return max(1, min(number, count - 1))

    def move_to(self, number: int, direction: int = 1) -> None:
        """Put the cursor on row ``number`` (or the nearest sentence row)."""
        self.cursor = self._sentence_row(number, direction)

    def action_move(self, step: int) -> None:
        """Move the cursor by ``step`` sentence rows (headings are passed over)."""
        target = self.cursor + step
        if 0 <= target < self.row_count and isinstance(self.row(target), ArticleHeading):
            target += 1 if step > 0 else -1
        if target < 1:
            return
        self.move_to(target, step)

    def action_page(self, direction: int) -> None:
        """Move a screenful."""
        height = max(1, self.scrollable_content_region.height - 1)
        self.move_to(self.cursor + direction * height, direction)

    def action_first(self) -> None:
        """The first sentence."""
        self.move_to(1)
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_last(self) -> None:
        """The last sentence."""
        self.move_to(self.row_count - 1, -1)

    def action_select(self) -> None:
        """Choose the sentence under the cursor."""
        row = self.highlighted
        if row is not None:
            self.post_message(self.Selected(row))

    def on_click(self, event: events.Click) -> None:
        number = self.scroll_offset.y + event.y - self._prefix
        if isinstance(self.row(number), SentenceMentions):
            self.cursor = number
            self.action_select()
