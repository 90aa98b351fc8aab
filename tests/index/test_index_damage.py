"""A damaged index (a table dropped, pages overwritten, another format) is rebuilt, or the
user is told in one line how to; never a traceback. ``index --check`` reports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from syria_reader import cli
from syria_reader.index.build import build_index, index_status
from syria_reader.index.check import index_problems


@pytest.fixture
def built(small_corpus: Path, rules_settings, isolated_user_dirs: Path) -> tuple[Path, Path]:
    config = isolated_user_dirs / "xdg_config_home" / "syria-reader"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('model = "no-such-model"\n', encoding="utf-8")
    return small_corpus, build_index(small_corpus, rules_settings).path


def _drop(index: Path, table: str) -> None:
    connection = sqlite3.connect(index)
    connection.execute(f"DROP TABLE {table}")
    connection.commit()
    connection.close()


def _overwrite_middle(index: Path) -> None:
    """Overwrite two pages in the middle of the file, from one every command reads (the
    file list the freshness check reads): which table lies mid-file depends on the schema."""
    connection = sqlite3.connect(index)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            row[0] for row in connection.execute("SELECT pageno FROM dbstat WHERE name = 'files'")
        ]
    finally:
        connection.close()
    data = bytearray(index.read_bytes())
    start = (pages[len(pages) // 2] - 1) * page_size
    data[start : start + 2 * page_size] = b"\xa5" * (2 * page_size)
    index.write_bytes(bytes(data))


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_dropped_table_makes_the_index_stale_and_any_command_rebuilds_it(
    built, rules_settings, capsys
) -> None:
    corpus, index = built
    _drop(index, "mentions")
    assert index_problems(index) == ["missing table mentions"]
    status = index_status(corpus, rules_settings)
    assert status.state == "stale" and "missing table mentions" in status.reason
    code, out, err = _run(capsys, "entities", "--corpus", str(corpus))
    assert code == 0 and "Traceback" not in err
    assert "Islamic State" in out
    assert index_problems(index, thorough=True) == []


@pytest.mark.parametrize("command", [["entities"], ["mentions", "Aleppo"], ["notes", "export"]])
def test_pages_overwritten_in_the_middle_are_rebuilt_for_every_query_command(
    built, capsys, command: list[str]
) -> None:
    corpus, index = built
    _overwrite_middle(index)
    assert index_problems(index, thorough=True)
    code, _out, err = _run(capsys, *command, "--corpus", str(corpus))
    assert "Traceback" not in err
    assert code == 0, err
    assert index_problems(index, thorough=True) == []


def test_index_does_not_call_a_damaged_index_up_to_date(built, capsys) -> None:
    corpus, index = built
    _overwrite_middle(index)
    code, out, err = _run(capsys, "index", "--corpus", str(corpus))
    assert code == 0 and "up to date" not in out and "Indexed 3 articles" in out
    assert "Traceback" not in err
    assert index_problems(index, thorough=True) == []


def test_index_check_reports_a_sound_and_a_damaged_index(built, capsys) -> None:
    corpus, index = built
    code, out, _ = _run(capsys, "index", "--check", "--corpus", str(corpus))
    assert code == 0 and "quick_check ok" in out and "current" in out
    _drop(index, "entities")
    code, out, _ = _run(capsys, "index", "--check", "--corpus", str(corpus))
    assert code == 1 and "missing table entities" in out and "index --rebuild" in out
    assert index_problems(index) == ["missing table entities"]  # --check builds nothing


def test_an_unreadable_index_the_rebuild_cannot_fix_is_one_line(built, capsys, monkeypatch) -> None:
    corpus, _ = built

    def always_damaged(*args: object, **kwargs: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    from syria_reader.commands import index_commands

    monkeypatch.setattr(index_commands, "open_index", always_damaged)
    code, _out, err = _run(capsys, "entities", "--corpus", str(corpus))
    assert code == 1
    assert "Traceback" not in err and "index --rebuild" in err
    assert len(err.strip().splitlines()) == 1
