"""The reader on a damaged index: it does not crash; the background check rebuilds it."""

from __future__ import annotations

import sqlite3

import pytest
from ui_helpers import RULES, ready

from syria_reader.index.build import build_index
from syria_reader.index.check import index_problems
from syria_reader.ui.app import ReaderApp

ARTICLE = "Talks in Geneva\n\nSergei Lavrov met John Kerry in Geneva on Thursday, officials said.\n"


@pytest.mark.parametrize("damage", ["drop", "overwrite"])
async def test_the_reader_rebuilds_a_damaged_index(write_corpus, damage: str) -> None:
    corpus = write_corpus({"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Geneva", "Vienna")})
    index = build_index(corpus, RULES).path
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
    app = ReaderApp(corpus, RULES)
    async with app.run_test() as pilot:
        await ready(pilot)
        await app.workers.wait_for_complete()
        await ready(pilot)
        assert app.index is not None and app.article is not None
        assert app.catalogue is not None and app.catalogue.count == 2
    assert index_problems(index, thorough=True) == []


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
