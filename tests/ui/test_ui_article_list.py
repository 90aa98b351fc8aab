"""The article list at size: a virtual list that reads only the rows on screen, moves with
the keys, opens the article under the cursor and keeps the open one marked across sorts."""

from __future__ import annotations

from ui_helpers import RULES, ready

from syria_reader.index.article_pages import ArticleOrder
from syria_reader.ui.app import ReaderApp

ARTICLES = 240


async def test_a_long_list_reads_a_screenful_and_moves(write_corpus, monkeypatch) -> None:
    corpus = write_corpus(
        {
            f"{n:03}.txt": f"Report number {n}\n\nSergei Lavrov met officials in Damascus on "
            f"day {n}, the ministry said.\n"
            for n in range(ARTICLES)
        }
    )
    read: list[int] = []
    original = ArticleOrder.rows

    def counted(self: ArticleOrder, start: int, end: int):  # type: ignore[no-untyped-def]
        rows = original(self, start, end)
        read.append(len(rows))
        return rows

    monkeypatch.setattr(ArticleOrder, "rows", counted)
    app = ReaderApp(corpus, RULES)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        article_list = app._main.article_list
        assert article_list.row_count == ARTICLES
        assert "240 · corpus order" in str(article_list.border_subtitle)
        article_list.focus()
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert article_list.cursor == ARTICLES - 1
        assert (
            article_list.highlighted_id == app.catalogue.order().rows(ARTICLES - 1, ARTICLES)[0].id
        )
        await pilot.press("k", "k", "j")
        assert article_list.cursor == ARTICLES - 2
        await pilot.press("g", "pagedown")
        page = article_list.cursor
        assert 10 <= page < 20  # a screenful of two-line rows in a 40-line terminal
        await pilot.press("pageup")
        assert article_list.cursor == 0
        await pilot.press("end", "enter")
        await pilot.pause()
        last = article_list.highlighted_id
        assert app.article is not None and app.article.id == last
        assert str(app._main.article_view.border_title) == f"Article {ARTICLES} of {ARTICLES}"
        # Rows are read a chunk at a time around what is shown, never the whole list.
        assert sum(read) <= 4 * 64, read
        article_list.focus()
        await pilot.press("s")  # newest first: every date is missing, so corpus order
        await pilot.pause()
        assert article_list.sort_key == "date-new"
        assert article_list.highlighted_id == last, "the open article stays under the cursor"
        assert "newest first" in str(article_list.border_subtitle)
