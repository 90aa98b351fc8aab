"""``syria-reader notes export|import|trash|restore`` on a fake index (the real one:
test_notes_end_to_end)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from notes_testkit import PARAGRAPHS, FakeIndex

from syria_reader.commands import notes_commands
from syria_reader.commands.common import CliError, common_options
from syria_reader.models import Article
from syria_reader.notes.anchors import capture
from syria_reader.notes.store import NotesStore


def run(argv: list[str]) -> int:
    """Parse and run one ``notes`` command the way ``cli.main`` does."""
    common = common_options()
    parser = argparse.ArgumentParser(prog="syria-reader", parents=[common])
    notes_commands.register(parser.add_subparsers(dest="command"), common)
    args = parser.parse_args(argv)
    args.settings = None
    return int(args.handler(args) or 0)


@pytest.fixture
def fake_index(monkeypatch: pytest.MonkeyPatch, article: Article) -> FakeIndex:
    index = FakeIndex([article])
    monkeypatch.setattr(notes_commands, "open_index", lambda args: index)
    return index


@pytest.fixture
def saved(article: Article) -> tuple[str, str]:
    with NotesStore() as store:
        start = article.text.index(PARAGRAPHS[2])
        note = store.add_note(capture(article, start, start + 40), "Count the ambulances")
        bookmark = store.add_bookmark(capture(article, 0, 20))
    return note.id, bookmark.id


def test_export_json_to_stdout(
    saved, fake_index: FakeIndex, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["notes", "export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [n["id"] for n in data["notes"]] == [saved[0]]
    assert [b["id"] for b in data["bookmarks"]] == [saved[1]]
    assert data["notes"][0]["anchored"] is True
    assert fake_index.closed


def test_export_markdown_is_the_default(
    saved, fake_index: FakeIndex, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["notes", "export"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Notes and bookmarks")
    assert "Count the ambulances" in out


def test_export_to_a_file_never_overwrites_without_force(
    saved, fake_index: FakeIndex, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "backup.json"
    assert run(["notes", "export", "--output", str(target)]) == 0
    assert (
        json.loads(target.read_text(encoding="utf-8"))["notes"][0]["id"] == saved[0]
    )  # format from the suffix
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(CliError, match="already exists") as caught:
        run(["notes", "export", "-o", str(target)])
    assert str(target) in str(caught.value)
    assert target.read_text(encoding="utf-8") == "precious"
    assert run(["notes", "export", "-o", str(target), "--force"]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["bookmarks"][0]["id"] == saved[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.json"]  # no temporary left behind


def test_export_without_an_index_warns_and_still_exports(
    saved, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: argparse.Namespace) -> None:
        raise CliError("no articles found in /nowhere")

    monkeypatch.setattr(notes_commands, "open_index", broken)
    assert run(["notes", "export", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "warning: no articles found" in captured.err
    assert json.loads(captured.out)["notes"][0]["anchored"] is False


def test_import_merges_an_export(saved, fake_index: FakeIndex, tmp_path: Path, capsys) -> None:
    backup = tmp_path / "backup.json"
    run(["notes", "export", "-o", str(backup)])
    with NotesStore() as store:
        store.delete_note(saved[0])
    assert run(["notes", "import", str(backup)]) == 0
    assert "imported 1" in capsys.readouterr().out
    with NotesStore() as store:
        assert [n.id for n in store.notes()] == [saved[0]]
    assert run(["notes", "import", str(backup)]) == 0
    assert "imported 0" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON: .* line 1 column 2"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'["a list"]', "expected a JSON object"),
        (b'{"notes": 3}', "'notes' must be a list"),
    ],
)
def test_a_bad_import_file_is_a_one_line_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(CliError, match=message) as caught:
        run(["notes", "import", str(bad)])
    assert str(bad) in str(caught.value) and "\n" not in str(caught.value)
    assert caught.value.status == 1


def test_import_of_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CliError, match="cannot read"):
        run(["notes", "import", str(tmp_path / "missing.json")])


def test_import_with_bad_entries_imports_the_rest_and_exits_1(tmp_path: Path, capsys) -> None:
    mixed = tmp_path / "mixed.json"
    mixed.write_text(
        json.dumps({"notes": [{"entity": "ORG:un", "text": "fine"}, {"text": 5}]}), encoding="utf-8"
    )
    assert run(["notes", "import", str(mixed)]) == 1
    captured = capsys.readouterr()
    assert "notes[1]: 'text' must be a non-empty string; skipped" in captured.err
    with NotesStore() as store:
        assert [n.text for n in store.notes()] == ["fine"]


def test_a_broken_store_is_a_one_line_error(tmp_path: Path, fake_index: FakeIndex) -> None:
    with NotesStore() as store:
        path = store.path
    for leftover in path.parent.glob("notes.sqlite*"):
        leftover.unlink()
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(CliError, match="not an SQLite database"):
        run(["notes", "export"])
    assert path.read_text(encoding="utf-8") == "not a database"


def test_trash_and_restore(saved, capsys: pytest.CaptureFixture[str]) -> None:
    with NotesStore() as store:
        store.delete_note(saved[0])
    assert run(["notes", "trash"]) == 0
    assert saved[0] in capsys.readouterr().out
    assert run(["notes", "restore", saved[0]]) == 0
    with NotesStore() as store:
        assert [n.id for n in store.notes()] == [saved[0]]
    with pytest.raises(CliError, match="no deleted note or bookmark"):
        run(["notes", "restore", saved[0]])
