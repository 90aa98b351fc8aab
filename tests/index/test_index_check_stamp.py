"""The check stamp: the thorough check (SQLite's quick_check over the whole index file) runs
again only once the file has changed since it last passed; ``index`` and ``index --check`` run
it every time."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from syria_reader import cli
from syria_reader.index import check_stamp, stat_memo
from syria_reader.index.build import build_index
from syria_reader.index.check import checked_problems


@pytest.fixture
def index(small_corpus: Path, rules_settings, isolated_user_dirs: Path) -> Path:
    """The small corpus's index, built with the rules (the config says so too, for the CLI)."""
    config = isolated_user_dirs / "xdg_config_home" / "syria-reader"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('model = "no-such-model"\n', encoding="utf-8")
    return build_index(small_corpus, rules_settings).path


def _write_meta(index: Path) -> None:
    """A sound change made through SQLite (what applying corrections does)."""
    db = sqlite3.connect(index)
    db.execute("INSERT INTO meta (key, value) VALUES ('test_change', 'x')")
    db.commit()
    db.close()


def _restore_copy(index: Path) -> None:
    """The same bytes and mtime, as a restore from a backup leaves them (another inode)."""
    copy = index.with_name("restored.tmp")
    shutil.copy2(index, copy)
    os.replace(copy, index)


def _overwrite_keeping_mtime(index: Path) -> None:
    """Pages in the middle overwritten, then the mtime put back (``touch -r``)."""
    before = index.stat()
    data = bytearray(index.read_bytes())
    data[len(data) // 3 : len(data) // 3 + 8192] = b"\x5a" * 8192
    index.write_bytes(bytes(data))
    os.utime(index, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_an_unchanged_index_is_read_whole_once(index, later, thorough) -> None:
    assert checked_problems(index, trust_stamp=True) == []
    assert thorough() == 1
    for _ in range(3):
        assert checked_problems(index, trust_stamp=True) == []
    assert thorough() == 0


@pytest.mark.parametrize("change", [_write_meta, _restore_copy], ids=["sqlite-write", "restored"])
def test_a_changed_index_is_checked_again(index, later, thorough, tick_past, change) -> None:
    checked_problems(index, trust_stamp=True)
    thorough()
    tick_past(index)
    change(index)
    assert checked_problems(index, trust_stamp=True) == []
    assert thorough() == 1
    assert checked_problems(index, trust_stamp=True) == []
    assert thorough() == 0


def test_damage_after_a_pass_is_found_behind_a_restored_mtime(
    index, later, thorough, tick_past
) -> None:
    checked_problems(index, trust_stamp=True)
    recorded = check_stamp.stamp_path_for(index).read_bytes()
    tick_past(index)
    _overwrite_keeping_mtime(index)
    damage = checked_problems(index, trust_stamp=True)
    assert damage and damage[0].startswith("damaged")
    assert thorough() == 2
    # A failed check records nothing: the next one reads the file again.
    assert check_stamp.stamp_path_for(index).read_bytes() == recorded
    assert checked_problems(index, trust_stamp=True) == damage
    assert thorough() == 1


def test_a_stamp_recorded_in_the_racy_window_vouches_for_nothing(
    index, thorough, monkeypatch
) -> None:
    """A file written again in the same timestamp tick as its check could keep its stat: a
    stamp recorded within 2 s of the file's last change is not believed."""
    info = index.stat()
    changed = max(info.st_mtime_ns, info.st_ctime_ns)
    monkeypatch.setattr(stat_memo, "now_ns", lambda: changed + 10**9)  # checked 1 s after
    checked_problems(index, trust_stamp=True)
    checked_problems(index, trust_stamp=True)
    assert thorough() == 2
    monkeypatch.setattr(stat_memo, "now_ns", lambda: changed + 3 * 10**9)  # 3 s after
    checked_problems(index, trust_stamp=True)
    checked_problems(index, trust_stamp=True)
    assert thorough() == 1


def _edited(field: str, value: object) -> Callable[[bytes], bytes]:
    def edit(raw: bytes) -> bytes:
        data = json.loads(raw)
        data[field] = value
        return json.dumps(data).encode()

    return edit


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: b"\x00garbage{" + raw[:20], id="garbage"),
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"[1, 2, 3]", id="not-an-object"),
        pytest.param(lambda raw: b"[" * 100_000, id="too-deep"),
        pytest.param(_edited("version", 99), id="other-version"),
        pytest.param(_edited("program", "0.0.0"), id="other-program"),
        pytest.param(_edited("index", "/elsewhere/index.sqlite3"), id="other-index"),
        pytest.param(_edited("stamp", [1, 2, 3, 4]), id="other-stamp"),
        pytest.param(_edited("recorded_ns", "soon"), id="not-a-time"),
        pytest.param(_edited("recorded_ns", time.time_ns() + 10**18), id="from-the-future"),
    ],
)
def test_a_damaged_or_foreign_stamp_is_ignored_and_written_again(
    index, later, thorough, damage
) -> None:
    checked_problems(index, trust_stamp=True)
    thorough()
    stamp_file = check_stamp.stamp_path_for(index)
    stamp_file.write_bytes(damage(stamp_file.read_bytes()))
    assert checked_problems(index, trust_stamp=True) == []
    assert thorough() == 1
    assert checked_problems(index, trust_stamp=True) == []
    assert thorough() == 0


def test_an_unwritable_stamp_only_costs_the_check(index, later, thorough, monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    for _ in range(2):
        assert checked_problems(index, trust_stamp=True) == []
    assert thorough() == 2
    assert not check_stamp.stamp_path_for(index).exists()
    assert list(index.parent.glob("*.tmp")) == []


def test_index_and_index_check_read_the_whole_index_every_time(
    index, small_corpus, later, thorough, capsys
) -> None:
    for argv in (["index", "--check"], ["index", "--check"], ["index"], ["index"]):
        assert cli.main([*argv, "--corpus", str(small_corpus)]) == 0
    out = capsys.readouterr().out
    assert out.count("quick_check ok") == 2 and out.count("is up to date") == 2
    assert thorough() == 4
    # Their passes are recorded: the reader's check that follows does not read it again.
    assert checked_problems(index, trust_stamp=True) == []
    assert thorough() == 0
