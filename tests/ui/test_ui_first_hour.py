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
