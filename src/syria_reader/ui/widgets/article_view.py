"""The article pane: header, then the blocks, with entity mentions coloured by kind.

Every piece of article text is a ``Content`` built from the literal string and styled by
offsets, so brackets in the text are never read as markup. A mention carries its start offset
as style meta, so a click on it can be resolved to the entity.

Long articles are shown lazily: a block longer than :data:`PIECE_CHARS` is cut at spaces into
several widgets (so styling and wrapping cost grows with the article, not its square), and
only the first screens are mounted when an article opens; the rest is mounted as the reader
scrolls towards it or jumps into it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.message import Message
from textual.style import Style
from textual.widgets import Static

from syria_reader.safe_text import printable
from syria_reader.ui.entity_style import marked_style, mention_style
from syria_reader.ui.keys import key_display
from syria_reader.ui.messages import EntityChosen
from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.index.query import MentionRow
    from syria_reader.models import Article, Block

#: How quotations look in the running text (over the mention colours, which stay).
QUOTE_STYLE = "italic $text-secondary"
#: Labels shown on the border of blocks that are not running text.
BLOCK_LABELS = {
    "caption": "caption",
    "pullquote": "pull quote",
    "footnote": "footnote",
    "comment": "reader comment",
}


#: The longest run of text one widget shows; a longer block (none in ordinary news) is cut
#: into pieces at a sentence end, else at a space.
PIECE_CHARS = 10_000
#: How much text is mounted at a time: when an article opens, and each time more is needed.
MOUNT_CHARS = 40_000


def block_content(
    article: Article,
    block: Block,
    mentions: list[MentionRow],
    start: int | None = None,
    end: int | None = None,
) -> Content:
    """The literal text of ``block`` (or of its piece ``start:end``) with each mention styled
    by kind and tagged with its offset, all spans set at once."""
    start = block.start if start is None else start
    end = block.end if end is None else end
    spans: list[Span] = []
    for mention in mentions:
        local_start = max(mention.start, start) - start
        local_end = min(mention.end, end) - start
        if local_start < local_end:
            spans.append(Span(local_start, local_end, mention_style(mention.kind)))
            spans.append(Span(local_start, local_end, Style.from_meta({"mention": mention.start})))
    return Content(article.text[start:end], spans)


def pieces(text: str, block: Block, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``block`` cut into runs of at most ``limit`` characters, at a sentence end or a space."""
    runs: list[tuple[int, int]] = []
    position = block.start
    while block.end - position > limit:
        cut = text.rfind(". ", position + limit // 2, position + limit - 1)
        if cut >= 0:
            cut += 1
        else:
            cut = text.rfind(" ", position + limit // 2, position + limit)
        cut = position + limit if cut < 0 else cut + 1
        runs.append((position, cut))
        position = cut
    runs.append((position, block.end))
    return runs


class BlockView(Static):
    """One block of the article (a paragraph, heading, caption, pull quote or comment)."""

    @dataclass
    class MentionClicked(Message):
        """A mention in this block was clicked."""

        start: int

    def __init__(
        self,
        article: Article,
        block: Block,
        mentions: list[MentionRow],
        start: int | None = None,
        end: int | None = None,
        index: int = 0,
    ) -> None:
        self.block = block
        self.index = index  # the block's position in the article
        self.start = block.start if start is None else start  # this widget's run of the block
        self.end = block.end if end is None else end
        self._base = block_content(article, block, mentions, self.start, self.end)
        first, last = self.start == block.start, self.end == block.end
        classes = f"block -{block.kind}" + ("" if last else " -continued")
        classes += "" if first else " -continuation"
        super().__init__(self._base, classes=classes)
        if block.kind in BLOCK_LABELS and first:
            self.border_title = Content(BLOCK_LABELS[block.kind])

    def contains(self, offset: int) -> bool:
        """True if the article offset falls inside this widget's run of its block."""
        return self.start <= offset < self.end

    def show_mark(self, start: int, end: int, style: str) -> None:
        """Mark the run ``start:end`` (article offsets) over the normal styling."""
        local_start = max(start, self.start) - self.start
        local_end = min(max(end, start + 1), self.end) - self.start
        self.update(self._base.stylize(style, local_start, local_end))

    def clear_mark(self) -> None:
        """Remove any mark."""
        self.update(self._base)

    def mark_quotes(self, spans: list[tuple[int, int]]) -> None:
        """Set the quotations in this run (article offsets) apart from the narrative."""
        extra = []
        for start, end in spans:
            local_start = max(start, self.start) - self.start
            local_end = min(end, self.end) - self.start
            if local_start < local_end:
                extra.append(Span(local_start, local_end, QUOTE_STYLE))
        if extra:
            self._base = Content(self._base.plain, [*self._base.spans, *extra])
            self.update(self._base)

    def set_noted(self, count: int) -> None:
        """Show (or hide) the note marker for ``count`` notes and bookmarks on this block."""
        self.set_class(count > 0, "-noted")
        self.tooltip = (
            f"{plural(count, 'note or bookmark', 'notes or bookmarks')} here; N lists them"
            if count
            else None
        )

    def on_click(self, event: events.Click) -> None:
        """A click on a mention asks the article view to choose its entity."""
        start = event.style.meta.get("mention")
        if isinstance(start, int):
            event.stop()
            self.post_message(self.MentionClicked(start))


@dataclass(frozen=True)
class Mark:
    """The marked run of the open article and, for a mention, its kind."""

    start: int
    end: int
    kind: str | None = None


class ArticleView(VerticalScroll):
    """The open article: title, byline, then its blocks; one mark at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="article-down"),
        Binding("k", "scroll_up", "Up", show=False, id="article-up"),
        Binding("space", "page_down", "Page down", show=False, id="article-page-down"),
        Binding(
            "m", "next_mention", "Name", tooltip="Select the next entity mention", id="mention-next"
        ),
        Binding("M", "previous_mention", "Previous name", show=False, id="mention-previous"),
        Binding(
            "enter",
            "choose_mention",
            "Mentions",
            tooltip="List every mention of the selected entity",
            id="mention-choose",
        ),
        Binding(
            "c",
            "toggle_comments",
            "Comments",
            tooltip="Show or hide reader comments",
            id="toggle-comments",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.mentions: list[MentionRow] = []
        self._mention_starts: list[int] = []
        self.mark: Mark | None = None
        self.selected: MentionRow | None = None
        self.border_title = "Article"
        # The open article's pieces (block index, block, start, end) and the views mounted so
        # far, in order: the first ``len(_views)`` pieces.
        self._pieces: list[tuple[int, Block, int, int]] = []
        self._piece_starts: list[int] = []
        self._views: list[BlockView] = []
        self._note_counts: dict[int, int] = {}
        self._quotes: list[tuple[int, int]] = []
        self._comments = 0
        self._comments_stated: int | None = None
        self._byline = Static(Content(""), classes="byline")

    # -- filling -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(Content("Opening the corpus…"), classes="byline")

    async def show_article(self, article: Article, mentions: list[MentionRow]) -> None:
        """Replace the pane's content with this article (awaits the mount of its first part)."""
        self.article = article
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._mention_starts = [m.start for m in self.mentions]
        self.mark = None
        self.selected = None
        self._views = []
        self._note_counts = {}
        self._quotes = []
        self._pieces = [
            (index, block, start, end)
            for index, block in enumerate(article.blocks)
            for start, end in pieces(article.text, block)
        ]
        self._piece_starts = [start for _, _, start, _ in self._pieces]
        comments = [
            article.block_text(block) for block in article.blocks if block.kind == "comment"
        ]
        from syria_reader.corpus.boilerplate import count_comments, stated_comment_count

        #: The comments the reader shows, and the number the page itself gives (if any).
        self._comments = count_comments(comments) if comments else 0
        self._comments_stated = stated_comment_count(comments)
        date = article.date
        if date and article.inferred("date"):
            date = f"{date} (inferred from the {article.provenance['date'].how})"
        byline = " · ".join(part for part in (article.source, article.author, date) if part)
        # Metadata may come from corpus.toml or a page's markup: made terminal-safe too.
        self._byline = Static(
            Content(printable(byline) or "no source, author or date"), classes="byline"
        )
        widgets: list[Static] = []
        if not any(block.kind == "title" for block in article.blocks):
            widgets += [
                Static(Content(printable(article.title) or "(untitled)"), classes="block -title"),
                self._byline,
            ]
        await self.remove_children()
        await self.mount_all([*widgets, *self._next_views(MOUNT_CHARS)])
        self.scroll_home(animate=False, immediate=True)

    def _next_views(self, chars: int, upto: int = -1) -> list[Static]:
        """Widgets for the next pieces not mounted yet: ``chars`` of text, and at least as far as
        offset ``upto``; the byline after the title, the comments hint after the last piece."""
        assert self.article is not None
        widgets: list[Static] = []
        taken = 0
        while len(self._views) < len(self._pieces) and (
            taken < chars or self._pieces[len(self._views)][2] <= upto
        ):
            index, block, start, end = self._pieces[len(self._views)]
            first = bisect.bisect_left(self._mention_starts, start)
            last = bisect.bisect_left(self._mention_starts, end)
            view = BlockView(self.article, block, self.mentions[first:last], start, end, index)
            self._views.append(view)
            widgets.append(view)
            view.set_noted(self._note_counts.get(index, 0))
            self._apply_quotes(view)
            taken += end - start
            if block.kind == "title" and not self._byline.is_attached and end == block.end:
                widgets.append(self._byline)
        if len(self._views) == len(self._pieces) and self._comments and widgets:
            hint = self._comments_hint(self._comments, self._comments_stated)
            widgets.append(Static(hint, classes="comments-hint"))
        return widgets

    def _mount_more(self, upto: int = -1) -> None:
        """Mount the next part of a long article (and everything before offset ``upto``)."""
        widgets = self._next_views(MOUNT_CHARS, upto)
        if widgets:
            self.mount_all(widgets)

    @property
    def fully_mounted(self) -> bool:
        """Whether every piece of the open article is mounted."""
        return len(self._views) == len(self._pieces)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Mount more of a long article as the reader nears the end of what is mounted."""
        super().watch_scroll_y(old_value, new_value)
        if not self.fully_mounted and new_value >= self.max_scroll_y - 2 * self.size.height:
            self._mount_more()

    def _comments_hint(self, count: int, stated: int | None = None) -> Content:
        """The line under the article: how many comments it shows (and the page's own count
        when that differs: a page counts deleted or hidden ones too)."""
        key = key_display(self.app, "toggle-comments", "c")
        page = f" (the page says {stated})" if stated is not None and stated != count else ""
        return Content(
            f"{plural(count, 'reader comment')}{page} below the article: {key} shows or hides them"
        )

    @property
    def blocks(self) -> list[BlockView]:
        """The block widgets mounted so far, in reading order."""
        return list(self._views)

    def block_at(self, offset: int) -> BlockView | None:
        """The widget holding an article offset (or the last one before it), mounting the
        article as far as that first."""
        position = bisect.bisect_right(self._piece_starts, offset) - 1
        if position < 0:
            return self._views[0] if self._views else None
        if position >= len(self._views):
            self._mount_more(upto=offset)
        return self._views[min(position, len(self._views) - 1)] if self._views else None

    def mark_quotes(self, spans: list[tuple[int, int]]) -> None:
        """Set the quotations (article offsets) apart in the pieces that hold them."""
        self._quotes = sorted(spans)
        for view in self._views:
            self._apply_quotes(view)

    def _apply_quotes(self, view: BlockView) -> None:
        if not self._quotes:
            return
        # Quotations are short and sorted: those starting before the piece ends, looked back
        # over no further than the longest one.
        longest = max(e - s for s, e in self._quotes)
        first = bisect.bisect_left(self._quotes, (view.start - longest, 0))
        last = bisect.bisect_left(self._quotes, (view.end, 0))
        inside = [(s, e) for s, e in self._quotes[first:last] if e > view.start]
        if inside:
            view.mark_quotes(inside)

    def set_note_counts(self, counts: dict[int, int]) -> None:
        """Mark blocks that carry notes or bookmarks (block index -> count)."""
        self._note_counts = dict(counts)
        for view in self._views:
            view.set_noted(counts.get(view.index, 0))

    # -- reading position and marks --------------------------------------------------------------

    def reading_offset(self) -> int:
        """Article offset of the first block visible at the top of the pane."""
        top = self.scroll_y
        for block in self.blocks:
            if not block.display:
                continue
            if block.virtual_region_with_margin.bottom > top:
                return block.start
        return 0

    def scroll_to_offset(self, offset: int, *, center: bool = False) -> None:
        """Scroll so the block holding ``offset`` is at the top (or centred)."""
        block = self.block_at(offset)
        if block is None:
            return
        if center:
            self._center_on(block, offset)
        else:
            self._scroll_to_top_of(block)

    def _laid_out(self, block: BlockView) -> bool:
        """Whether a (new) block has been given its place and the pane its height yet."""
        return block.virtual_region.height > 0 and self.virtual_size.height > 0

    def _scroll_to_top_of(self, block: BlockView, retries: int = 5) -> None:
        """Put the block at the top (retrying while the container's height is still settling)."""
        target = block.virtual_region_with_margin.y
        if (not self._laid_out(block) or target > self.max_scroll_y) and retries > 0:
            self.call_after_refresh(self._scroll_to_top_of, block, retries - 1)
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def _center_on(self, block: BlockView, offset: int, retries: int = 5) -> None:
        """Centre the line of ``offset``: the block itself when it fits, else the estimated line.

        Right after an article is mounted the container may not know its full height yet, so
        a target beyond the current scroll range is tried again after the next refresh.
        """
        region = block.virtual_region
        viewport = self.scrollable_content_region.height
        if not self._laid_out(block):
            if retries > 0:
                self.call_after_refresh(self._center_on, block, offset, retries - 1)
            return
        if region.height <= viewport:
            line = region.y + region.height // 2
        else:
            length = max(1, block.end - block.start)
            line = region.y + int(region.height * (offset - block.start) / length)
        target = max(0, line - viewport // 2)
        if target > self.max_scroll_y and retries > 0:
            self.call_after_refresh(self._center_on, block, offset, retries - 1)
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def set_mark(self, start: int, end: int, kind: str | None = None) -> None:
        """Mark ``start:end`` (one mark at a time) and centre it."""
        self.clear_mark()
        block = self.block_at(start)
        if block is None:
            return
        if block.block.kind == "comment" and not self.has_class("-show-comments"):
            self.add_class("-show-comments")
        self.mark = Mark(start, end, kind)
        block.show_mark(start, end, marked_style(kind))
        self.call_after_refresh(self._center_on, block, start)

    def clear_mark(self) -> None:
        """Remove the mark, if any."""
        if self.mark is not None:
            block = self.block_at(self.mark.start)
            if block is not None:
                block.clear_mark()
        self.mark = None

    def mention_at(self, start: int) -> MentionRow | None:
        """The mention starting at ``start``."""
        position = bisect.bisect_left(self._mention_starts, start)
        if position < len(self.mentions) and self.mentions[position].start == start:
            return self.mentions[position]
        return None

    def select_mention(self, mention: MentionRow) -> None:
        """Select (and mark) one mention."""
        self.selected = mention
        self.set_mark(mention.start, mention.end, mention.kind)

    def _visible_mentions(self) -> list[MentionRow]:
        if self.has_class("-show-comments"):
            return self.mentions
        assert self.article is not None
        hidden = [(b.start, b.end) for b in self.article.blocks if b.kind == "comment"]
        if not hidden:
            return self.mentions
        return [m for m in self.mentions if not any(a <= m.start < b for a, b in hidden)]

    def _on_screen(self, offset: int) -> bool:
        """Whether the block holding an article offset is (partly) inside the pane."""
        block = self.block_at(offset)
        return block is not None and self.scrollable_content_region.overlaps(block.region)

    def _visible_span(self) -> tuple[int, int]:
        """Article offsets from the first to the end of the last block inside the pane."""
        pane = self.scrollable_content_region
        shown = [b.block for b in self.blocks if b.display and pane.overlaps(b.region)]
        if not shown:
            here = self.reading_offset()
            return here, here
        return shown[0].start, shown[-1].end

    def _step_mention(self, direction: int) -> None:
        """Select the next (previous) name: after (before) the selected one while it is on
        screen, else the first (last) name on screen, so m starts from what is read now."""
        mentions = self._visible_mentions()
        if not mentions:
            self.notify("No entity mentions in this article", severity="warning")
            return
        if (
            self.selected is not None
            and self.selected in mentions
            and self._on_screen(self.selected.start)
        ):
            position = (mentions.index(self.selected) + direction) % len(mentions)
        else:
            top, bottom = self._visible_span()
            starts = [m.start for m in mentions]
            if direction > 0:
                position = bisect.bisect_left(starts, top) % len(mentions)
            else:
                position = (bisect.bisect_left(starts, bottom) - 1) % len(mentions)
        self.select_mention(mentions[position])

    # -- actions and events ----------------------------------------------------------------------

    def action_next_mention(self) -> None:
        """Select the next mention from the reading position."""
        self._step_mention(+1)

    def action_previous_mention(self) -> None:
        """Select the previous mention."""
        self._step_mention(-1)

    def action_choose_mention(self) -> None:
        """Open the mention list of the selected mention's entity."""
        if self.selected is None:
            self._step_mention(+1)
            return
        self.post_message(EntityChosen(self.selected.entity_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the comments toggle only for articles that have reader comments."""
        if action == "toggle_comments":
            return self.article is not None and any(
                b.kind == "comment" for b in self.article.blocks
            )
        return True

    def action_toggle_comments(self) -> None:
        """Show or hide reader comments."""
        self.toggle_class("-show-comments")

    def on_block_view_mention_clicked(self, event: BlockView.MentionClicked) -> None:
        """Choose the entity of a clicked mention."""
        mention = self.mention_at(event.start)
        if mention is not None:
            self.focus()
            self.select_mention(mention)
            self.post_message(EntityChosen(mention.entity_id))
