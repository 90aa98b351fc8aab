"""The cheap freshness check (``quick_status``) and its stat memo: the same answer as the full
``compare(path, gather_inputs(...))``, reading only the files the memo cannot vouch for."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from syria_reader.config import Settings
from syria_reader.index import stat_memo
from syria_reader.index.build import build_index, ensure_index, index_status
from syria_reader.index.freshness import (
    IndexStatus,
    compare,
    gather_inputs,
    index_path_for,
    quick_status,
    read_state,
)

GENEVA = "wires/geneva-talks.txt"


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every memo is recorded and read an hour after the files were written: the files are then
    out of the racy window, as a corpus is when the reader opens it another day."""
    monkeypatch.setattr(stat_memo, "now_ns", lambda: time.time_ns() + 3600 * 10**9)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, small_corpus: Path) -> Callable[[], list[str]]:
    """Which corpus files were read since the last call (every read of a file's bytes goes
    through ``Path.read_bytes``)."""
    seen: list[str] = []
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        if self.resolve().is_relative_to(small_corpus.resolve()):
            seen.append(self.relative_to(small_corpus).as_posix())
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)

    def taken() -> list[str]:
        names = sorted(seen)
        seen.clear()
        return names

    return taken


def _both(corpus: Path, settings: Settings) -> IndexStatus:
    """The cheap check's status, asserted equal to the full check's."""
    path = index_path_for(corpus)
    quick = quick_status(path, corpus, settings)
    full = compare(path, gather_inputs(corpus, settings))
    assert (quick.state, quick.reason) == (full.state, full.reason)
    return quick


def _checked(
    corpus: Path, settings: Settings, reads: Callable[[], list[str]]
) -> tuple[str, list[str]]:
    """The cheap check's reason and the files it read (its answer asserted equal to the full
    check's)."""
    reads()
    reason = quick_status(index_path_for(corpus), corpus, settings).reason
    read = reads()
    assert _both(corpus, settings).reason == reason
    return reason, read


def _memo(corpus: Path) -> stat_memo.StatMemo:
    return stat_memo.StatMemo.load(
        stat_memo.memo_path_for(index_path_for(corpus)), corpus.resolve()
    )


def test_a_current_index_is_checked_without_reading_a_file(
    small_corpus, rules_settings, later, reads
):
    build_index(small_corpus, rules_settings)
    assert _checked(small_corpus, rules_settings, reads) == ("up to date", [])
    reads()
    assert index_status(small_corpus, rules_settings).state == "current"
    assert reads() == []


def test_a_changed_file_is_the_only_one_read(small_corpus, rules_settings, later, reads):
    build_index(small_corpus, rules_settings)
    (small_corpus / GENEVA).write_text("Ministers met again in Geneva.\n", encoding="utf-8")
    assert _checked(small_corpus, rules_settings, reads) == ("1 file changed", [GENEVA])


def test_an_added_file_is_read_and_a_removed_one_noticed(
    small_corpus, rules_settings, later, reads
):
    build_index(small_corpus, rules_settings)
    (small_corpus / "new.txt").write_text("Talks resume in Vienna.\n", encoding="utf-8")
    assert _checked(small_corpus, rules_settings, reads) == ("1 file added", ["new.txt"])

    (small_corpus / "new.txt").unlink()
    (small_corpus / GENEVA).unlink()
    assert _checked(small_corpus, rules_settings, reads) == ("1 file removed", [])


def test_binary_files_are_skipped_as_a_full_scan_skips_them(small_corpus, rules_settings, later):
    build_index(small_corpus, rules_settings)
    (small_corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert _both(small_corpus, rules_settings).state == "current"
    (small_corpus / GENEVA).write_bytes(b"\x00" * 40)  # an article turned binary: gone
    assert _both(small_corpus, rules_settings).reason == "1 file removed"


def test_a_file_grown_past_max_article_mb_is_skipped_unread(small_corpus, later, reads):
    settings = Settings(model="no-such-model", max_article_mb=0.002)  # 2,000 bytes
    build_index(small_corpus, settings)
    (small_corpus / GENEVA).write_text("Geneva. " * 300, encoding="utf-8")
    assert _checked(small_corpus, settings, reads) == ("1 file removed", [])


def test_a_change_behind_a_restored_mtime_is_caught_by_ctime(small_corpus, rules_settings, later):
    build_index(small_corpus, rules_settings)
    target = small_corpus / GENEVA
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Geneva", "Genevo"), encoding="utf-8")  # the same size
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = target.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert target.read_bytes() != text.encode()
    assert _both(small_corpus, rules_settings).reason == "1 file changed"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: b"\x00garbage{" + raw[:40], id="garbage"),
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: raw.replace(b'"version":1', b'"version":99'), id="other-version"),
        pytest.param(lambda raw: b"[1, 2, 3]", id="not-an-object"),
    ],
)
def test_a_damaged_memo_is_ignored_and_written_again(
    small_corpus, rules_settings, later, reads, damage
):
    build_index(small_corpus, rules_settings)
    memo_file = stat_memo.memo_path_for(index_path_for(small_corpus))
    memo_file.write_bytes(damage(memo_file.read_bytes()))
    assert _memo(small_corpus).entries == {}
    reads()
    assert _both(small_corpus, rules_settings).state == "current"
    assert len(reads()) == 2 * 3  # the cheap check read all three files, then the full one
    assert len(_memo(small_corpus).entries) == 3
    quick_status(index_path_for(small_corpus), small_corpus, rules_settings)
    assert reads() == []


def test_a_memo_hash_that_disagrees_with_the_index_is_checked_against_the_file(
    small_corpus, rules_settings, later, reads
):
    build_index(small_corpus, rules_settings)
    memo_file = stat_memo.memo_path_for(index_path_for(small_corpus))
    data = json.loads(memo_file.read_bytes())
    data["files"][GENEVA][-1] = "0" * 64  # well-formed, and wrong
    memo_file.write_text(json.dumps(data), encoding="utf-8")
    reads()
    assert _both(small_corpus, rules_settings).state == "current"  # not a needless rebuild
    assert reads().count(GENEVA) == 2


def test_a_file_changed_within_the_racy_window_is_hashed_again(
    small_corpus, rules_settings, monkeypatch
):
    """A file rewritten in the same timestamp tick as its hashing can keep its stamp: the memo
    then vouches for its old content. Forged here: the file's stamp now, its hash before."""
    path = build_index(small_corpus, rules_settings).path
    target = small_corpus / GENEVA
    old_hash = hashlib.sha256(target.read_bytes()).hexdigest()
    state = read_state(path)
    assert state is not None and state[1][GENEVA] == old_hash
    target.write_text(target.read_text(encoding="utf-8").upper(), encoding="utf-8")
    info = target.stat()
    changed_ns = max(info.st_mtime_ns, info.st_ctime_ns)

    def forge() -> None:
        memo_file = stat_memo.memo_path_for(path)
        data = json.loads(memo_file.read_bytes())
        data["recorded_ns"] = changed_ns + 1  # recorded just after the change
        stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        data["files"][GENEVA] = [*stamp, old_hash]
        memo_file.write_text(json.dumps(data), encoding="utf-8")

    forge()
    assert _both(small_corpus, rules_settings).reason == "1 file changed"
    # Without the window the same memo is believed: the window is what caught it.
    monkeypatch.setattr(stat_memo, "RACY_NS", 0)
    forge()
    assert quick_status(path, small_corpus, rules_settings).state == "current"


def test_ensure_index_finds_a_current_index_without_reading_and_rebuilds_a_stale_one(
    small_corpus, rules_settings, later, reads
):
    build_index(small_corpus, rules_settings)
    reads()
    path = ensure_index(small_corpus, rules_settings)
    assert reads() == []
    changed = b"Ministers met again in Geneva.\n"
    (small_corpus / GENEVA).write_bytes(changed)
    assert ensure_index(small_corpus, rules_settings) == path
    assert sorted(set(reads())) == sorted(
        ["notes/turkey-border.md", GENEVA, "wires/aleppo-aid.txt"]
    )
    state = read_state(path)
    assert state is not None
    assert state[1][GENEVA] == hashlib.sha256(changed).hexdigest()
    # The build recorded its own scan: the next check reads nothing.
    assert index_status(small_corpus, rules_settings).state == "current"
    assert reads() == []


def test_a_build_hashes_the_files_whatever_the_memo_says(small_corpus, rules_settings, later):
    path = build_index(small_corpus, rules_settings).path
    target = small_corpus / GENEVA
    old_hash = hashlib.sha256(target.read_bytes()).hexdigest()
    target.write_text("Ministers met again in Geneva.\n", encoding="utf-8")
    info = target.stat()
    memo_file = stat_memo.memo_path_for(path)
    data = json.loads(memo_file.read_bytes())
    data["files"][GENEVA] = [
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
        info.st_ino,
        old_hash,
    ]
    memo_file.write_text(json.dumps(data), encoding="utf-8")  # a memo that lies

    report = build_index(small_corpus, rules_settings)
    assert report.built and report.processed >= 1
    state = read_state(path)
    assert state is not None and state[1][GENEVA] == hashlib.sha256(target.read_bytes()).hexdigest()
    assert _memo(small_corpus).entries[GENEVA][-1] == state[1][GENEVA]


def test_a_missing_memo_or_an_unwritable_cache_only_costs_reads(
    small_corpus, rules_settings, later, reads, monkeypatch
):
    path = build_index(small_corpus, rules_settings).path
    stat_memo.memo_path_for(path).unlink()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    reads()
    assert _both(small_corpus, rules_settings).state == "current"
    assert len(reads()) == 2 * 3
    assert not stat_memo.memo_path_for(path).exists()
    assert list(path.parent.glob("*.tmp")) == []
