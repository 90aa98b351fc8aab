"""The reader on a damaged index: it does not crash; the background check rebuilds it. The
check reads the whole file only when it changed since it last passed (its check stamp)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from ui_helpers import RULES, ready

from syria_reader.index import check_stamp
from syria_reader.index.build import build_index
from syria_reader.index.check import index_problems
from syria_reader.ui.app import ReaderApp

ARTICLE = "Talks in Geneva\n\nSergei Lavrov met John Kerry in Geneva on Thursday, officials said.\n"


async def _open(corpus: Path) -> None:
    """Open the reader on the corpus until its workers are done, then quit."""
    app = ReaderApp(corpus, RULES)
    async with app.run_test() as pilot:
        await ready(pilot)
        await app.workers.wait_for_complete()
        await ready(pilot)
        assert app.index is not None and app.article is not None
        assert app.catalogue is not None and app.catalogue.count == 2


@pytest.mark.parametrize("checked_before", [False, True], ids=["new", "checked-before"])
@pytest.mark.parametrize("damage", ["drop", "overwrite"])
async def test_the_reader_rebuilds_a_damaged_index(
    write_corpus, damage: str, checked_before: bool, later, tick_past
) -> None:
    corpus = write_corpus({"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Geneva", "Vienna")})
    index = build_index(corpus, RULES).path
    if checked_before:
        # Opened once while sound: its check stamp must not vouch for the damage that follows.
        await _open(corpus)
        assert check_stamp.stamp_path_for(index).is_file()
        tick_past(index)
    if damage == "drop":
        connection = sqlite3.connect(index)
        connection.execute("DROP TABLE mentions")
        connection.commit()
        connection.close()
    else:
        data = bytearray(index.read_bytes())
        data[len(data) // 3 : len(data) // 3 + 8192] = b"\x5a" * 8192
        index.write_bytes(bytes(data))
    assert index_problems(index, thorough=True)
    await _open(corpus)
    assert index_problems(index, thorough=True) == []


async def test_a_sound_index_is_read_whole_once_until_it_changes(
    write_corpus, later, thorough, tick_past
) -> None:
    corpus = write_corpus({"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Geneva", "Vienna")})
    index = build_index(corpus, RULES).path
    await _open(corpus)
    assert thorough() == 1
    await _open(corpus)
    assert thorough() == 0  # unchanged since it passed
    tick_past(index)
    connection = sqlite3.connect(index)
    connection.execute("INSERT INTO meta (key, value) VALUES ('test_change', 'x')")
    connection.commit()
    connection.close()
    await _open(corpus)
    assert thorough() == 1  # changed: checked again
    stamp = check_stamp.stamp_path_for(index)
    stamp.write_bytes(b"\x00not json")
    await _open(corpus)
    assert thorough() == 1  # a damaged stamp vouches for nothing...
    await _open(corpus)
    assert thorough() == 0  # ...and is written again


async def test_the_reader_works_from_the_files_when_the_cache_cannot_be_written(
    write_corpus, tmp_path, monkeypatch, notifications
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    corpus = write_corpus({"a.txt": ARTICLE})
    app = ReaderApp(corpus, RULES)
    seen = notifications(app)
    async with app.run_test() as pilot:
        await ready(pilot)
        await app.workers.wait_for_complete()
        await ready(pilot)
        assert app.index is not None and app.article is not None
    assert any("cannot write the index" in m and "temporary index" in m for m in seen)
