"""Every user file that is invalid gets a message naming the file, the line and the key;
defaults stand in for what is invalid, and the file is never rewritten."""

from __future__ import annotations

from pathlib import Path

from syria_reader import cli
from syria_reader.config import Settings, config_file, load_settings
from syria_reader.nlp.gazetteer import load_gazetteer
from syria_reader.ui.themes import load_themes


def _write(path: Path, text: str) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path.read_bytes()


def test_a_bad_config_value_names_file_line_and_key(capsys) -> None:
    path = config_file()
    before = _write(path, 'model = "no-such-model"\n\nmax_article_mb = -3\ncolour = "x"\n')
    settings = load_settings()
    assert settings.max_article_mb == Settings().max_article_mb  # the default stands in
    assert f"{path}, line 3: 'max_article_mb'" in " ".join(settings.problems)
    assert f"{path}, line 4: unknown setting 'colour'" in " ".join(settings.problems)
    cli.main(["articles"])
    err = capsys.readouterr().err
    assert "line 3: 'max_article_mb'" in err
    assert path.read_bytes() == before


def test_a_broken_config_file_says_where(capsys) -> None:
    path = config_file()
    before = _write(path, 'model = "x"\ntheme = \n')
    (problem,) = load_settings().problems
    assert str(path) in problem and "line 2" in problem
    assert path.read_bytes() == before


def test_a_bad_gazetteer_entry_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.toml"
    before = _write(
        path,
        '[[entity]]\nname = "Liwa Test Brigade"\nkind = "ORG"\naliases = ["Test Brigade"]\n\n'
        '[[entity]]\nname = "Nowhere"\nkind = "PLANET"\n',
    )
    gazetteer = load_gazetteer(path)
    (problem,) = gazetteer.problems
    assert problem.startswith(f"{path}, line 6: entity 2 ('Nowhere'): 'kind'")
    assert any(e.name == "Liwa Test Brigade" for e in gazetteer.entries)  # the rest still loads
    assert path.read_bytes() == before


def test_a_bad_theme_names_its_line_and_key(tmp_path: Path) -> None:
    path = tmp_path / "themes" / "mine.toml"
    before = _write(
        path, 'name = "mine"\nprimary = "#123456"\n\n[variables]\nentity-person = "nocolour"\n'
    )
    result = load_themes([path.parent])
    (failure,) = result.failures
    assert "line 5: 'variables.entity-person'" in str(failure)
    assert path.read_bytes() == before
