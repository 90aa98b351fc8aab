"""Themes and keymaps applied by the running reader: user files, reports, memory of the choice."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import DataTable
from ui_helpers import ready

from syria_reader import paths
from syria_reader.config import Settings
from syria_reader.ui.screens.help import HelpScreen
from syria_reader.ui.screens.lookup import LookupScreen
from syria_reader.ui.screens.main import MainScreen
from syria_reader.ui.state import state_path


def user_theme(name: str, text: str) -> Path:
    folder = paths.config_dir() / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


async def test_invalid_user_themes_are_reported_once_and_skipped(seeds_app, notifications) -> None:
    user_theme(
        "ok.toml", 'name = "mine"\nprimary = "#336699"\n[variables]\nentity-person = "#aa5500"\n'
    )
    user_theme("typo.toml", 'primary = "#336699"\nbackgorund = "#000000"\n')
    user_theme("colour.toml", 'primary = "#336699"\n[variables]\nentity-org = "purplish"\n')
    app = seeds_app()
    seen = notifications(app)
    async with app.run_test() as pilot:
        await ready(pilot)
        assert "mine" in app.available_themes
        assert "typo" not in app.available_themes and "colour" not in app.available_themes
        reports = [message for message in seen if "theme file" in message]
        assert len(reports) == 1
        assert "typo.toml" in reports[0] and "'backgorund'" in reports[0]
        assert "colour.toml" in reports[0] and "'variables.entity-org'" in reports[0]
        assert app.theme == "reader-dark"


async def test_theme_choice_is_remembered_but_config_untouched(seeds_app) -> None:
    config = paths.config_dir() / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('# my settings\ntheme = "reader-nord"\n', encoding="utf-8")
    before = config.read_bytes()
    app = seeds_app(Settings(theme="reader-nord"))
    async with app.run_test() as pilot:
        await ready(pilot)
        assert app.theme == "reader-nord"
        app.theme = "reader-light"
        await pilot.press("q")
    assert json.loads(state_path().read_text(encoding="utf-8"))["theme"] == "reader-light"
    assert config.read_bytes() == before
    again = seeds_app(Settings(theme="reader-nord"))
    async with again.run_test() as pilot:
        await ready(pilot)
        assert again.theme == "reader-light"
        assert again.screen.has_class("-light-mode") or again.has_class("-light-mode")


async def test_theme_flag_wins_and_unknown_name_falls_back(seeds_app, notifications) -> None:
    app = seeds_app(theme="reader-sepia")
    async with app.run_test() as pilot:
        await ready(pilot)
        assert app.theme == "reader-sepia"
    app = seeds_app(theme="no-such-theme")
    seen = notifications(app)
    async with app.run_test() as pilot:
        await ready(pilot)
        assert app.theme == "reader-dark"
        assert any("no-such-theme" in message for message in seen)


async def test_user_keymap_is_applied_and_shown_in_help(seeds_app, notifications) -> None:
    app = seeds_app(Settings(keymap={"lookup": "ctrl+f", "help": "f1", "nonsense": "x"}))
    seen = notifications(app)
    async with app.run_test() as pilot:
        await ready(pilot)
        assert any("nonsense" in message for message in seen)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)
        await pilot.press("escape")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = {
            str(table.get_row_at(i)[1]): str(table.get_row_at(i)[0]) for i in range(table.row_count)
        }
        assert rows["Find"] == "^f"
        assert rows["Help"] == "f1"
