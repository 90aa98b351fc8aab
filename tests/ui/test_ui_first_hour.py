"""What a new user meets in a first hour with the reader (issue 8): lookups that match
nothing, palette ranking, keys during the first index build, and the layout at small sizes.
Driven with Pilot on a small corpus written here and indexed with the rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Static
from ui_helpers import RULES, ready, screen_text

from syria_reader.ui.screens.lookup import LookupScreen
from syria_reader.ui.screens.mentions import MentionsScreen

FIRST_HOUR = {
    # Its title holds k..e..r..r..y scattered through its words; the text never names Kerry.
    "kremlin.txt": (
        "Kremlin envoy returns ready for talks\n\n"
        "MOSCOW, March 3 2016 - A Russian envoy returned from Damascus on Thursday and said the "
        "ceasefire held in most of Syria.\n"
    ),
    "geneva.txt": (
        "Talks resume in Geneva\n\n"
        "GENEVA, March 5 2016 - Sergei Lavrov and John Kerry met in Geneva on Saturday to discuss "
        "the ceasefire in Syria. Kerry said more than 250,000 people had been killed.\n"
    ),
}


@pytest.fixture
def first_hour_corpus(tmp_path: Path) -> Path:
    """The small corpus above, in a folder of its own."""
    root = tmp_path / "first-hour"
    root.mkdir()
    for name, text in FIRST_HOUR.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def first_hour_app(first_hour_corpus: Path):
    """Make a ReaderApp on the small corpus, its index built beforehand (rules)."""
    from syria_reader.index.build import build_index
    from syria_reader.ui.app import ReaderApp

    build_index(first_hour_corpus, RULES)

    def make() -> ReaderApp:
        return ReaderApp(first_hour_corpus, RULES)

    return make


async def test_palette_puts_the_entity_named_before_a_title_that_only_scatters_its_letters(
    first_hour_app,
) -> None:
    app = first_hour_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(app)
        app.screen.query_one(Input).cursor_blink = False
        await pilot.press(*"kerry")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one(CommandList)
        prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert prompts, "the palette found something"
        assert prompts[0].startswith("entity: John Kerry"), prompts
        kremlin = [i for i, p in enumerate(prompts) if "Kremlin envoy" in p]
        assert all(i > 0 for i in kremlin)


async def test_lookup_with_only_a_weak_match_says_nothing_matched_and_offers_close_names(
    first_hour_app,
) -> None:
    app = first_hour_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        matches = app.index.find_entities("Geneva Convention Office")
        assert matches and not matches[0].strong, "only a weak match for this name"
        await pilot.press("slash")
        assert isinstance(app.screen, LookupScreen)
        app.screen.query_one(Input).value = "Geneva Convention Office"
        await pilot.pause()
        status = str(app.screen.query_one("#lookup-status", Static).render())
        assert "Nothing matched" in status and "Close names" in status
        assert "Geneva" in screen_text(app)  # the close name is offered...
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)  # ...but not taken
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)  # chosen on purpose, it opens
        assert app.screen.entity.name == "Geneva"


async def test_m_starts_from_what_is_on_screen_after_the_view_moved(seeds_app) -> None:
    from syria_reader.ui.widgets.article_view import ArticleView

    app = seeds_app()
    async with app.run_test(size=(150, 45)) as pilot:
        await ready(pilot)
        view = app.screen.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        _, first_screen_end = view._visible_span()

        async def select_below_the_first_screen() -> None:
            for _ in range(200):
                await pilot.press("m")
                if view.selected is not None and view.selected.start > first_screen_end:
                    break
            await pilot.pause()
            assert view.selected is not None and view.selected.start > first_screen_end

        await select_below_the_first_screen()
        far = view.selected
        await pilot.press("home")
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("m")
        await pilot.pause()
        assert view.selected == view.mentions[0], "m starts at the top of what is shown"

        await select_below_the_first_screen()
        await pilot.press("home")
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        assert view.selected is not None and view.selected.start < far.start
        top, bottom = view._visible_span()
        assert top <= view.selected.start < bottom, "M takes the last name shown, not one below"


async def test_next_mention_with_no_entity_chosen_says_why(first_hour_app, notifications) -> None:
    app = first_hour_app()
    seen = notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert app.current_entity is None
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert any("Choose an entity first" in message for message in seen), seen
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert sum("Choose an entity first" in message for message in seen) == 2


async def test_help_lists_each_binding_id(first_hour_app) -> None:
    from textual.widgets import DataTable

    from syria_reader.ui.help_contexts import binding_ids, help_contexts
    from syria_reader.ui.screens.help import HelpScreen

    app = first_hour_app()
    async with app.run_test(size=(150, 45)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        shown = {str(table.get_row_at(row)[2]) for row in range(table.row_count)}
        for binding_id in ("lookup", "mention-next", "entity-next", "toggle-list", "bookmark"):
            assert binding_id in shown
        lookup_row = next(
            table.get_row_at(row)
            for row in range(table.row_count)
            if str(table.get_row_at(row)[2]) == "lookup"
        )
        assert str(lookup_row[0]) == "/"
        assert binding_ids(help_contexts(app)) - shown <= {""}, "every id a keymap takes is shown"


async def test_unknown_keymap_id_is_reported_with_the_valid_ids(
    first_hour_corpus, notifications
) -> None:
    from syria_reader.config import Settings
    from syria_reader.index.build import build_index
    from syria_reader.ui.app import ReaderApp

    build_index(first_hour_corpus, RULES)
    app = ReaderApp(first_hour_corpus, Settings(model=RULES.model, keymap={"find": "f"}))
    seen = notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        [message] = [m for m in seen if "Keymap" in m]
        assert "unknown binding id 'find' ignored" in message
        valid = message.split("Valid ids: ", 1)[1]
        for binding_id in ("lookup", "mention-next", "quit", "toggle-list"):
            assert binding_id in valid
