"""Article text full of markup-like brackets goes through every view literally, without a crash."""

from __future__ import annotations

from textual.widgets import Input
from ui_helpers import BRACKET_PIECES, palette_search, ready, screen_text

from syria_reader.index.grouping import SentenceMentions
from syria_reader.ui.screens.lookup import LookupScreen
from syria_reader.ui.screens.main import MainScreen
from syria_reader.ui.screens.mentions import MentionsScreen
from syria_reader.ui.widgets.article_view import ArticleView
from syria_reader.ui.widgets.mention_list import sentence_line


def assert_literal(app, where: str) -> None:
    text = screen_text(app)
    missing = [piece for piece in BRACKET_PIECES if piece not in text]
    assert not missing, f"{where}: {missing} not shown literally in:\n{text}"


async def open_bracket_article(app, pilot) -> None:
    bracket_id = next(row.id for row in app.index.articles() if "[bold]" in row.title)
    await app.open_article(bracket_id)
    await pilot.pause()


async def test_brackets_in_list_article_and_sidebar(markup_app) -> None:
    app = markup_app()
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await ready(pilot)
        await open_bracket_article(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.is_running
        assert "[bold]Lavrov[/bold]" in screen_text(app)  # the title, in the list and the pane
        assert_literal(app, "article pane")
        # Each block is the literal text of the article, character for character.
        view = app.screen.query_one(ArticleView)
        for block in view.blocks:
            assert str(block.content) == app.article.block_text(block.block)
        # Sidebar tabs: entities, dates, figures and quotes built from the same text.
        await pilot.press("tab")
        assert app.screen.sidebar.has_focus_within
        for tab in ("Dates", "Figures", "Quotes", "Entities"):
            await pilot.press("l")
            await pilot.pause()
            assert app.is_running
            assert str(app.screen.sidebar.border_title).startswith(tab)
            assert_literal(app, f"sidebar {tab}")
        # Every view's bracketed text, chosen mention by mention.
        await pilot.press("shift+tab")
        for _ in range(6):
            await pilot.press("m")
            await pilot.pause()
        assert app.is_running
        assert_literal(app, "article pane after marking mentions")


async def test_brackets_in_lookup_mentions_and_palette(markup_app) -> None:
    app = markup_app()
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await ready(pilot)
        await open_bracket_article(app, pilot)
        # Lookup: type a bracket query too; nothing may be parsed.
        await pilot.press("slash")
        assert isinstance(app.screen, LookupScreen)
        app.screen.query_one(Input).cursor_blink = False
        await pilot.press(*"[/]")
        await pilot.pause()
        await pilot.press(*("backspace",) * 3, *"Lavrov")
        await pilot.pause()
        assert "Lavrov" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        assert_literal(app, "mention list")
        # Every mention row is the literal sentence.
        pages = app.screen.mentions
        rows = [r for r in pages.rows(0, pages.row_count) if isinstance(r, SentenceMentions)]
        assert rows
        for row in rows:
            assert row.context.replace("\n", " ") in str(sentence_line(row, 10_000))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert_literal(app, "article after jump")

        # Palette: articles by title (brackets in it), entities, commands.
        assert len(await palette_search(pilot, "bold")) >= 1
        assert "[bold]Lavrov[/bold]" in screen_text(app) or "Lavrov[/bold]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "[bold]" in app.article.title
        await pilot.press("ctrl+p")
        await pilot.press(*"Lavrov")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
        # Help, with a bracketed keymap value would still be literal; a quit afterwards works.
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape", "q")
    assert app.return_code == 0


async def test_bracketed_notification_text_is_literal(markup_app) -> None:
    app = markup_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        await open_bracket_article(app, pilot)
        await pilot.press("b")  # "Bookmarked “[bold]Lavrov…”" — the quote is article text
        await pilot.pause()
        assert app.is_running
        assert "Bookmarked" in screen_text(app)
        assert "[bold]" in screen_text(app)
