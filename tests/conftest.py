"""Fixtures for every test: the user's real cache, data and config dirs never leak in."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from syria_reader import paths

SEEDS = paths.bundled_seeds()


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the XDG cache, data and config dirs at a fresh temporary folder for each test."""
    root = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        folder = root / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    return root


@pytest.fixture
def seeds_dir() -> Path:
    """The bundled corpus of five seed files (read only)."""
    return SEEDS


@pytest.fixture
def write_corpus(tmp_path: Path):
    """Write ``{relative path: text or bytes}`` into a fresh corpus folder and return the folder."""

    def write(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "corpus"
        root.mkdir(exist_ok=True)
        for name, content in files.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        return root

    return write


@pytest.fixture
def tick_past():
    """``tick_past(path)`` returns once the file system's clock has moved past the file's last
    change (a scratch file beside it gets a later timestamp), so that a change made next gets
    another mtime and ctime: what a change made seconds later has, without waiting seconds."""

    def wait(path: Path) -> None:
        info = path.stat()
        last = max(info.st_mtime_ns, info.st_ctime_ns)
        scratch = path.with_name(path.name + ".tick")
        try:
            for _ in range(1_000_000):
                scratch.write_bytes(b"x")
                if scratch.stat().st_mtime_ns > last:
                    return
            raise AssertionError("the file system's clock did not move")
        finally:
            scratch.unlink(missing_ok=True)

    return wait


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds indexed once per test session with the default settings (the real spaCy model).

    Returns the index file; open it with ``syria_reader.index.query.Index``. It lives in a
    session cache dir of its own: use ``seeds_index_cached`` to have ``ensure_index`` find it.
    """
    from syria_reader.config import Settings
    from syria_reader.index.build import build_index

    root = tmp_path_factory.mktemp("seeds-index")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            folder = root / name.lower()
            folder.mkdir()
            patch.setenv(name, str(folder))
        return build_index(SEEDS, Settings()).path


@pytest.fixture
def seeds_index_cached(seeds_index: Path) -> Path:
    """The session's seeds index copied into this test's cache dir, where ``ensure_index``
    (default settings, bundled seeds) finds it current and builds nothing. Returns its path."""
    import shutil

    from syria_reader.index.build import index_path_for

    target = index_path_for(SEEDS)
    shutil.copyfile(seeds_index, target)
    return target


@pytest.fixture
def forget_mention():
    """Make an index as if the extractor had missed one mention: ``forget(index, text)`` drops
    the first stored mention with exactly that text from the index (its counts too) and
    returns its (article id, start)."""
    import sqlite3

    def forget(index_path: Path, text: str) -> tuple[str, int]:
        from syria_reader.index.codec import register_functions

        db = sqlite3.connect(index_path)
        register_functions(db)
        try:
            rowid, article, start, entity = db.execute(
                "SELECT m.rowid, a.id, m.start, coalesce(m.auto_entity, m.entity) FROM mentions m"
                " JOIN articles a ON a.rowid = m.article"
                ' WHERE substr(article_text(a.body), m.start + 1, m."end" - m.start) = ?'
                " ORDER BY m.rowid",
                (text,),
            ).fetchone()
            db.execute("DELETE FROM mentions WHERE rowid = ?", (rowid,))
            for table in ("entities", "auto_entities"):
                db.execute(
                    f"UPDATE {table} SET mentions = mentions - 1,"
                    " articles = (SELECT count(DISTINCT article) FROM mentions WHERE entity = ?)"
                    " WHERE rowid = ?",
                    (entity, entity),
                )
            db.commit()
        finally:
            db.close()
        return article, start

    return forget


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check runs an hour after the index was written, as when the reader opens it
    another day (out of the stat memo's and check stamp's racy window)."""
    from syria_reader.index import stat_memo

    monkeypatch.setattr(stat_memo, "now_ns", lambda: time.time_ns() + 3600 * 10**9)


@pytest.fixture
def thorough(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many thorough checks (the whole index file read) ran since the last call."""
    from syria_reader.index import check

    calls: list[Path] = []
    original = check.index_problems

    def counting(path: Path, thorough: bool = False) -> list[str]:
        if thorough:
            calls.append(path)
        return original(path, thorough)

    monkeypatch.setattr(check, "index_problems", counting)

    def taken() -> int:
        count = len(calls)
        calls.clear()
        return count

    return taken
