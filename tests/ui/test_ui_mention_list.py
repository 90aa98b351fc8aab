"""The virtual mention list: it reads only what it shows, and moves to any row of it."""

from __future__ import annotations

from ui_helpers import ready

from syria_reader.index.grouping import SentenceMentions
from syria_reader.index.mention_list import ArticleHeading
from syria_reader.ui.screens.mentions import MentionsScreen
from syria_reader.ui.widgets.mention_list import MentionListView, heading_line


def test_a_long_title_is_cut_before_the_count() -> None:
    heading = ArticleHeading("a1", "A very long title " * 10, 12, 0)
    line = heading_line(heading, 60)
    assert line.cell_length <= 60
    assert str(line).endswith("12 mentions")


async def test_end_home_and_article_steps_in_a_list_longer_than_the_screen(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await ready(pilot)
        entity = max(app.index.entities(), key=lambda e: e.mentions)
        app.open_mentions(entity.id)
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        view = app.screen.query_one(MentionListView)
        pages = app.screen.mentions
        assert pages.row_count > view.size.height, "the list is longer than the screen"
        await pilot.press("G")
        await pilot.pause()
        last = pages.row(pages.row_count - 1)
        assert isinstance(last, SentenceMentions) and view.cursor == pages.row_count - 1
        line = view.cursor  # no notes on the seeds: list row = line
        top, height = view.scroll_offset.y, view.scrollable_content_region.height
        assert top <= line < top + height, "the last sentence is on screen"
        await pilot.press("g")
        await pilot.pause()
        assert view.cursor == 1 and isinstance(view.highlighted, SentenceMentions)
        await pilot.press("J")
        await pilot.pause()
        headings = [
            i for i, r in enumerate(pages.rows(0, pages.row_count)) if isinstance(r, ArticleHeading)
        ]
        assert view.cursor == headings[1] + 1  # the next article's first sentence
        await pilot.press("K")
        await pilot.pause()
        assert view.cursor == 1
