"""A huge article opens at once: its text is styled in one pass, cut into pieces, and mounted
lazily as the reader scrolls or jumps into it (the article is generated here)."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.content import Content
from textual.style import Style

from syria_reader.index.query import MentionRow
from syria_reader.models import Article, Block
from syria_reader.ui.entity_style import mention_style
from syria_reader.ui.widgets.article_view import (
    MOUNT_CHARS,
    PIECE_CHARS,
    ArticleView,
    block_content,
    pieces,
)

SENTENCE = "Sergei Lavrov met John Kerry in Geneva, and Daesh fighters held Raqqa. "


def _line_article(chars: int) -> tuple[Article, list[MentionRow]]:
    """One block, one line: the sentence repeated, with a mention on every name."""
    text = "Huge report\n\n" + SENTENCE * (chars // len(SENTENCE) + 1)
    blocks = (Block("title", 0, 11), Block("paragraph", 13, len(text)))
    article = Article("huge", "Huge report", None, None, None, "huge.txt", text, blocks, "0" * 64)
    mentions = [
        MentionRow(
            "huge",
            "Huge report",
            f"e:{m.group()}",
            "PERSON",
            m.start(),
            m.end(),
            m.group(),
            "",
            0,
            False,
        )
        for m in re.finditer(r"Sergei Lavrov|John Kerry|Geneva|Daesh|Raqqa", text)
    ]
    return article, mentions


class _Pane(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleView(id="view")


async def test_an_800k_character_line_opens_with_only_its_first_part_mounted() -> None:
    article, mentions = _line_article(800_000)
    app = _Pane()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        await view.show_article(article, mentions)
        await pilot.pause()
        total = len(pieces(article.text, article.blocks[1])) + 1
        assert total > 80  # cut into pieces of at most PIECE_CHARS
        assert 1 < len(view.blocks) < total  # only the first part is mounted
        assert sum(b.end - b.start for b in view.blocks) <= MOUNT_CHARS + PIECE_CHARS
        # Jumping to a mention near the end mounts the article as far as that, and marks it.
        last = mentions[-1]
        view.select_mention(last)
        await pilot.pause()
        marked = view.block_at(last.start)
        assert marked is not None and marked.contains(last.start)
        assert view.mark is not None and view.mark.start == last.start


async def test_scrolling_down_mounts_the_rest_piece_by_piece() -> None:
    article, mentions = _line_article(200_000)
    app = _Pane()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        await view.show_article(article, mentions)
        await pilot.pause()
        for _ in range(200):
            if view.fully_mounted:
                break
            view.scroll_end(animate=False, immediate=True)
            await pilot.pause()
        assert view.fully_mounted
        text = "".join(article.text[b.start : b.end] for b in view.blocks[1:])
        assert text == article.text[13:]  # every character, once, in order


def test_pieces_cover_a_block_exactly_at_sentence_ends() -> None:
    article, _ = _line_article(50_000)
    block = article.blocks[1]
    runs = pieces(article.text, block)
    assert runs[0][0] == block.start and runs[-1][1] == block.end
    assert all(a[1] == b[0] for a, b in itertools.pairwise(runs))
    assert all(0 < end - start <= PIECE_CHARS for start, end in runs)
    assert all(article.text[end - 2 : end] == ". " for _, end in runs[:-1])


_mention_spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 12), st.sampled_from(["PERSON", "GPE"])),
    max_size=20,
)


@given(_mention_spans, st.integers(0, 30), st.integers(31, 80))
def test_one_pass_styling_equals_styling_mention_by_mention(spans, start, end) -> None:
    text = "x" * 80
    block = Block("paragraph", 0, 80)
    article = Article("a", "t", None, None, None, "a.txt", text, (block,), "0" * 64)
    mentions = [MentionRow("a", "t", "e", kind, s, s + n, "", "", 0, False) for s, n, kind in spans]
    expected = Content(text[start:end])
    for m in mentions:
        a, b = max(m.start, start) - start, min(m.end, end) - start
        if a < b:
            expected = expected.stylize(mention_style(m.kind), a, b)
            expected = expected.stylize(Style.from_meta({"mention": m.start}), a, b)
    got = block_content(article, block, mentions, start, end)
    assert got.plain == expected.plain and list(got.spans) == list(expected.spans)
