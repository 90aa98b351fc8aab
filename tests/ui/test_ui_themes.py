"""Theme files: strict parsing, colour validation, one report naming each bad file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from syria_reader import paths
from syria_reader.ui.entity_style import VARIABLE_DEFAULTS
from syria_reader.ui.state import UiState, choose_theme, load_state, save_state
from syria_reader.ui.themes import ThemeFileError, load_theme_file, load_themes

GOOD = """
name = "paper"
primary = "#1f6fb2"
background = "#fbfaf7"
dark = false
[variables]
entity-person = "#945200"
footer-key-foreground = "#1f6fb2 80%"
block-cursor-text-style = "bold"
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_themes_are_valid_and_one_is_light() -> None:
    result = load_themes([paths.bundled_themes()])
    assert result.failures == []
    names = {theme.name for theme in result.themes}
    assert {"reader-dark", "reader-light"} <= names
    assert len(names) >= 3
    assert any(not theme.dark for theme in result.themes)
    for theme in result.themes:
        # Every bundled theme sets every entity colour itself.
        assert set(VARIABLE_DEFAULTS) - {"note-marker"} <= set(theme.variables), theme.name


def test_good_theme_file_maps_onto_theme(tmp_path: Path) -> None:
    theme = load_theme_file(write(tmp_path, "paper.toml", GOOD))
    assert theme.name == "paper"
    assert theme.dark is False
    assert theme.variables["entity-person"] == "#945200"


def test_name_defaults_to_file_stem(tmp_path: Path) -> None:
    theme = load_theme_file(write(tmp_path, "stem-name.toml", 'primary = "red"\n'))
    assert theme.name == "stem-name"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('primary = "#fff"\nprimray = "#000"\n', "'primray'"),
        ('primary = "notacolour"\n', "'primary'"),
        ('primary = "#fff"\nbackground = 12\n', "'background'"),
        ('primary = "#fff"\ndark = "yes"\n', "'dark'"),
        ('primary = "#fff"\n[variables]\nentity-person = "#12345"\n', "'variables.entity-person'"),
        ('primary = "#fff"\n[variables]\nlink-style = "blinking"\n', "'variables.link-style'"),
        ('background = "#fff"\n', "'primary' is required"),
        ('primary = "#fff"\ntext_alpha = 3\n', "'text_alpha'"),
    ],
)
def test_invalid_theme_names_the_key(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, "bad.toml", text)
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(path)
    assert caught.value.path == path
    assert any(key in problem for problem in caught.value.problems), caught.value.problems


def test_broken_toml_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ThemeFileError, match="not valid TOML"):
        load_theme_file(write(tmp_path, "broken.toml", "primary = \n"))


def test_load_themes_skips_bad_files_and_reports_them_together(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    write(folder, "good.toml", GOOD)
    write(folder, "one.toml", 'primary = "nope"\n')
    write(folder, "two.toml", 'primary = "#fff"\nsparkle = true\n')
    result = load_themes([folder])
    assert [theme.name for theme in result.themes] == ["paper"]
    report = result.report()
    assert "one.toml" in report and "'primary'" in report
    assert "two.toml" in report and "'sparkle'" in report


def test_user_themes_override_bundled_ones_by_name(tmp_path: Path) -> None:
    user = tmp_path / "user"
    write(user, "mine.toml", 'name = "reader-dark"\nprimary = "#ff0000"\n')
    result = load_themes([paths.bundled_themes(), user])
    dark = next(theme for theme in result.themes if theme.name == "reader-dark")
    assert dark.primary == "#ff0000"


def test_state_round_trip_and_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "ui-state.json"
    save_state(UiState(theme="reader-light", config_theme=None, sort="source"), path)
    assert load_state(path) == UiState(theme="reader-light", config_theme=None, sort="source")
    path.write_text("{not json", encoding="utf-8")
    assert load_state(path) == UiState()
    assert list(tmp_path.iterdir()) == [path]  # no temporary files left behind


def test_choose_theme_order() -> None:
    remembered = UiState(theme="reader-nord", config_theme="reader-light")
    assert choose_theme("reader-sepia", remembered, "reader-light", "reader-dark") == "reader-sepia"
    assert choose_theme(None, remembered, "reader-light", "reader-dark") == "reader-nord"
    # The config's theme was changed after the in-app choice: the config wins.
    assert choose_theme(None, remembered, "reader-sepia", "reader-dark") == "reader-sepia"
    assert choose_theme(None, UiState(), None, "reader-dark") == "reader-dark"
