"""A keymap entry with a key that does not exist is reported with file, line and binding id;
the binding keeps its default (``q`` still quits)."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import ready

from syria_reader.config import config_file, load_settings
from syria_reader.ui.keys import invalid_keys, valid_key


def _config(text: str) -> Path:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def test_an_invalid_key_is_reported_and_the_default_kept(seeds_app, notifications) -> None:
    path = _config('theme = "reader-dark"\n\n[keymap]\nquit = "ctrl+nonsense+++"\nhelp = "f1"\n')
    before = path.read_bytes()
    app = seeds_app(load_settings())
    seen = notifications(app)
    async with app.run_test() as pilot:
        await ready(pilot)
        (message,) = [m for m in seen if "ctrl+nonsense+++" in m]
        assert f"{path}, line 4" in message and "quit" in message and "default" in message
        assert "quit" not in app.reader_keymap and app.reader_keymap["help"] == "f1"
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert path.read_bytes() == before  # the user's file is never rewritten


def test_key_names() -> None:
    for key in ("q", "ctrl+f", "slash", "question_mark", "f1", "shift+tab", "pageup", "space"):
        assert valid_key(key), key
    for key in ("ctrl+nonsense+++", "nonsense", "ctrl+", "", "hyperctrl+x", "ctrl++"):
        assert not valid_key(key), key
    assert invalid_keys("slash, ctrl+f") == []
    assert invalid_keys("slash,,bogus_key_name") == ["", "bogus_key_name"]
