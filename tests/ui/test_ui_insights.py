"""Quotes, timeline, related entities, search and export in the reader (Pilot, on the seeds)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TabbedContent
from ui_helpers import ready, screen_text

from syria_reader.ui.screens.export import ExportScreen
from syria_reader.ui.screens.main import MainScreen
from syria_reader.ui.screens.mentions import MentionsScreen
from syria_reader.ui.screens.quotes import QuotesScreen
from syria_reader.ui.screens.related import RelatedScreen
from syria_reader.ui.screens.search import SearchScreen
from syria_reader.ui.screens.timeline import TimelineScreen
from syria_reader.ui.widgets.article_view import QUOTE_STYLE, ArticleView
from syria_reader.ui.widgets.option_list import ReaderOptionList


def enabled(option_list: ReaderOptionList) -> list[str]:
    return [o.id for o in option_list.options if not o.disabled and o.id]  # type: ignore[misc]


async def open_mentions_of(pilot, name: str) -> None:
    await pilot.press("slash", *name, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MentionsScreen)


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


def entity_id(app, name: str) -> str:
    return app.index.find_entities(name, limit=1)[0].entity.id


async def test_mention_list_quotes_view_opens_a_quote(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await open_mentions_of(pilot, "Lavrov")
        await pilot.press("Q")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        quotes = app.index.quotes(speaker_id=entity_id(app, "Lavrov"))
        assert len(quotes) == 3
        assert len(enabled(screen.rows)) == 3
        assert "Our partners have some obsession" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)  # back to the mention list
        await pilot.press("Q")
        await settle(pilot)
        last = app.index.quotes(speaker_id=entity_id(app, "Lavrov"))[-1]
        app.screen.rows.highlighted = app.screen.rows.get_option_index("q:2")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.article.id == last.article_id
        view = app.screen.query_one(ArticleView)
        assert (view.mark.start, view.mark.end) == (last.start, last.end)


async def test_quotes_are_marked_in_the_article_and_listed_in_the_sidebar(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        target = next(a for a in app.index.articles() if "Vienna" in a.title)
        await app.open_article(target.id)
        await settle(pilot)
        quotes = app.index.quotes(article_id=target.id)
        assert len(quotes) >= 5
        view = app.screen.query_one(ArticleView)
        first = quotes[0]
        block = view.block_at(first.start)
        local = first.start - block.block.start
        styled = [
            span
            for span in block._base.spans
            if str(span.style) == QUOTE_STYLE and span.start <= local < span.end
        ]
        assert styled, "the quote is set apart in the text"
        sidebar = app.screen.query_one("#sidebar")
        sidebar.query_one(TabbedContent).active = "tab-quotes"
        await settle(pilot)
        quote_list = app.screen.query_one("#quote-options", ReaderOptionList)
        assert enabled(quote_list) == [f"p:{q.start}:{q.end}" for q in quotes]
        assert "Quotes" in str(sidebar.border_title)
        quote_list.focus()
        quote_list.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        assert (view.mark.start, view.mark.end) == (quotes[1].start, quotes[1].end)


async def test_related_view_lists_kerry_with_lavrov_and_their_sentences(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await open_mentions_of(pilot, "Lavrov")
        await pilot.press("R")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RelatedScreen)
        names = [r.entity.name for r in screen.related]
        assert "John Kerry" in names[:3]
        entities = screen.query_one("#related-rows", ReaderOptionList)
        entities.highlighted = names.index("John Kerry")
        await settle(pilot)
        assert screen.list_title == "Sergei Lavrov with John Kerry"
        together = app.index.together(entity_id(app, "Lavrov"), entity_id(app, "Kerry"))
        assert len(enabled(screen.rows)) == len(together) >= 2
        assert "Lavrov with John Kerry" in screen_text(app)
        await pilot.press("enter")  # on the entity: to its sentences
        await pilot.pause()
        assert screen.rows.has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        view = app.screen.query_one(ArticleView)
        assert (app.article.id, view.mark.start) == (together[0].article_id, together[0].start)


async def test_timeline_in_order_with_histogram_filter_and_jump(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        dates = [e.date for e in screen.entries]
        assert dates == sorted(dates) and dates[0] == "2011" and dates[-1].startswith("2016")
        text = screen_text(app)
        assert "busiest month 2015-10" in text and "2015" in text
        assert any(ch in text for ch in "▁▂▃▄▅▆▇█")
        await pilot.press("f")
        await pilot.press(*"Aleppo", "enter")
        await settle(pilot)
        aleppo = entity_id(app, "Aleppo")
        assert screen.entity is not None and screen.entity.id == aleppo
        assert [e.date for e in screen.entries] == [
            e.date for e in app.index.timeline(entity_id=aleppo)
        ]
        assert all("Aleppo" in e.context for e in screen.entries)
        assert "Timeline · Aleppo" in screen_text(app)
        entry = screen.entries[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        view = app.screen.query_one(ArticleView)
        assert (app.article.id, view.mark.start, view.mark.end) == (
            entry.article_id,
            entry.start,
            entry.end,
        )


async def test_search_in_the_reader_steps_and_opens_at_the_hit(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_one("#search-input", Input).has_focus
        await pilot.press(*"airstrikes", "enter")
        await settle(pilot)
        hits = app.index.search("airstrikes", limit=100)
        assert len(hits) >= 2
        assert len(enabled(screen.rows)) == len(hits)
        assert screen.rows.has_focus
        first = screen.rows.highlighted
        await pilot.press("n")
        assert screen.rows.highlighted != first
        await pilot.press("N")
        assert screen.rows.highlighted == first
        await pilot.press("N")  # wraps round to the last hit
        assert screen.rows.highlighted == screen.rows.get_option_index(f"h:{len(hits) - 1}")
        await pilot.press("n", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        view = app.screen.query_one(ArticleView)
        hit = hits[0]
        assert app.article.id == hit.article_id
        assert (view.mark.start, view.mark.end) == (hit.start, hit.end)


async def test_export_the_list_on_screen(seeds_app, tmp_path: Path) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await open_mentions_of(pilot, "Kerry")
        await pilot.press("Q")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        field = app.screen.query_one(Input)
        target = tmp_path / "kerry.md"
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuotesScreen)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Quotes of John Kerry")
        assert "| speaker | quote |" in text and "The meeting was constructive" in text

        # The same name again: refused, and the file is left as it was.
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert "exists" in screen_text(app)
        assert target.read_text(encoding="utf-8") == text
        await pilot.press("ctrl+t")  # .md -> .csv
        assert app.screen.query_one(Input).value.endswith("kerry.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "kerry.csv").read_text(encoding="utf-8").startswith("speaker,quote,")

        # The mention list exports too.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one(Input).value = str(tmp_path / "mentions.csv")
        await pilot.press("enter")
        await settle(pilot)
        rows = (tmp_path / "mentions.csv").read_text(encoding="utf-8").splitlines()
        assert rows[0] == "article,title,start,end,text,sentence"
        assert len(rows) - 1 == len(app.index.mentions_of(entity_id(app, "Kerry")))


async def test_long_lists_are_added_a_page_at_a_time_and_export_whole(tmp_path: Path) -> None:
    from textual.app import App

    from syria_reader.index.query import QuoteRow
    from syria_reader.ui.screens.list_screen import PAGE

    quotes = [
        QuoteRow(
            "a", "Article A", None, n * 10, n * 10 + 5, f"quote number {n} here", None, None, "none"
        )
        for n in range(PAGE * 2 + 50)
    ]

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(QuotesScreen("Many quotes", quotes))

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        assert len(enabled(screen.rows)) == PAGE - 1  # the article heading is a row too
        assert "shown" in str(screen.query_one("#list-pane").border_subtitle)
        screen.rows.highlighted = screen.rows.option_count - 1
        await settle(pilot)
        assert len(enabled(screen.rows)) == 2 * PAGE - 1
        for _ in range(3):
            screen.rows.highlighted = screen.rows.option_count - 1
            await settle(pilot)
        assert len(enabled(screen.rows)) == len(quotes)
        assert screen.query_one("#list-pane").border_subtitle is None
        assert len(screen.table().rows) == len(quotes)
