"""The notes store keeps everything: across restarts, crashes, concurrent writers and bad files."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from notes_testkit import PARAGRAPHS

from syria_reader import paths
from syria_reader.models import Article
from syria_reader.notes.anchors import capture
from syria_reader.notes.store import SCHEMA_VERSION, Bookmark, Note, NotesStore, NotesStoreError


@pytest.fixture
def store(tmp_path: Path):
    with NotesStore(tmp_path / "notes.sqlite") as opened:
        yield opened


def parse_utc(stamp: str) -> datetime:
    parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    assert parsed.utcoffset() is not None and parsed.utcoffset().total_seconds() == 0
    return parsed


def test_default_store_is_in_the_data_dir_not_the_cache() -> None:
    with NotesStore() as store:
        assert store.path == paths.data_dir() / "notes.sqlite"
        assert paths.cache_dir() not in store.path.parents
        assert store.path.is_file()


def test_notes_survive_deleting_the_cache(article: Article) -> None:
    with NotesStore() as store:
        note = store.add_note(capture(article, 0, 20), "keep me")
    shutil.rmtree(paths.cache_dir())
    with NotesStore() as store:
        assert [n.id for n in store.notes()] == [note.id]


def test_add_list_update_delete_notes(store: NotesStore, article: Article) -> None:
    second = capture(
        article, article.text.index(PARAGRAPHS[2]), article.text.index(PARAGRAPHS[2]) + 30
    )
    first = capture(article, 0, 10)
    late = store.add_note(second, "about the wounded")
    early = store.add_note(first, "about the headline")
    assert uuid.UUID(late.id).version == 4
    assert late.created == late.updated
    parse_utc(late.created)

    assert [n.id for n in store.notes(article.id)] == [early.id, late.id]  # by offset
    assert store.notes("another-article") == []

    updated = store.update_note(late.id, "about the nine wounded")
    assert updated.text == "about the nine wounded"
    assert updated.created == late.created and parse_utc(updated.updated) >= parse_utc(late.updated)
    assert store.note(late.id) == updated

    assert store.delete_note(early.id) is True
    assert store.delete_note(early.id) is False
    assert [n.id for n in store.notes()] == [late.id]


def test_note_needs_text_and_a_target(store: NotesStore, article: Article) -> None:
    with pytest.raises(ValueError):
        store.add_note(capture(article, 0, 5), "   \n")
    with pytest.raises(ValueError):
        store.add_note(None, "on nothing")
    with pytest.raises(KeyError):
        store.update_note(str(uuid.uuid4()), "no such note")


def test_note_on_an_entity_without_a_passage(store: NotesStore, article: Article) -> None:
    on_entity = store.add_note(None, "check his title", entity_id="PERSON:farid-haddad")
    both = store.add_note(capture(article, 0, 8), "named here", entity_id="PERSON:farid-haddad")
    assert on_entity.anchor is None and on_entity.article_id is None
    assert [n.id for n in store.notes_for_entity("PERSON:farid-haddad")] == [on_entity.id, both.id]
    assert [n.id for n in store.notes(article.id)] == [both.id]
    assert {n.id for n in store.notes()} == {on_entity.id, both.id}


def test_bookmarks_are_kept_once_per_passage(store: NotesStore, article: Article) -> None:
    anchor = capture(article, 0, 12)
    bookmark = store.add_bookmark(anchor)
    assert isinstance(bookmark, Bookmark) and bookmark.anchor == anchor
    assert store.add_bookmark(anchor) == bookmark
    other = store.add_bookmark(capture(article, 20, 40))
    assert [b.id for b in store.bookmarks(article.id)] == [bookmark.id, other.id]
    assert store.delete_bookmark(bookmark.id) is True
    assert [b.id for b in store.bookmarks()] == [other.id]


def test_deleted_items_wait_in_the_trash(store: NotesStore, article: Article) -> None:
    note = store.add_note(capture(article, 0, 12), "second thoughts")
    bookmark = store.add_bookmark(capture(article, 30, 50))
    store.delete_note(note.id)
    store.delete_bookmark(bookmark.id)
    trash = store.trash()
    assert [(t.kind, t.item) for t in trash] == [("bookmark", bookmark), ("note", note)]
    assert store.restore(note.id) == note
    assert store.notes() == [note]
    with pytest.raises(KeyError):
        store.restore(note.id)
    assert [t.kind for t in store.trash()] == ["bookmark"]


def test_reading_positions(store: NotesStore) -> None:
    assert store.position("a") is None and store.last_position() is None
    store.save_position("a", 120)
    store.save_position("b", 7)
    store.save_position("a", 300)
    assert store.position("a") == 300 and store.position("b") == 7
    assert store.last_position() == ("a", 300)


def test_everything_survives_reopening(tmp_path: Path, article: Article) -> None:
    path = tmp_path / "notes.sqlite"
    with NotesStore(path) as store:
        note = store.add_note(capture(article, 5, 25), "multi\nline [bold]note[/bold]")
        bookmark = store.add_bookmark(capture(article, 40, 60))
        store.save_position(article.id, 99)
    with NotesStore(path) as store:
        assert store.notes() == [note]
        assert store.bookmarks() == [bookmark]
        assert store.position(article.id) == 99
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_empty_file_becomes_a_store_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"")
    with pytest.raises(NotesStoreError, match="empty file"):
        NotesStore(path)  # perhaps a store a failed copy emptied: reported, left as it is
    assert path.read_bytes() == b""
    with NotesStore(path, reuse_empty=True) as store:
        assert store.notes() == []


def test_closed_store_says_so(tmp_path: Path) -> None:
    store = NotesStore(tmp_path / "notes.sqlite")
    store.close()
    store.close()
    with pytest.raises(NotesStoreError, match="closed"):
        store.notes()


# -- bad files ---------------------------------------------------------------------------------


def _damaged_sqlite(path: Path, article: Article) -> None:
    with NotesStore(path) as store:
        for n in range(300):
            store.add_note(capture(article, 0, 40), f"note {n} " * 40)
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 6] = b"\xde\xad\xbe\xef" * 4096
    path.write_bytes(bytes(data))


def _foreign_sqlite(path: Path, article: Article) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE invoices (number INTEGER, total REAL)")
        raw.execute("INSERT INTO invoices VALUES (1, 9.5)")


def _newer_store(path: Path, article: Article) -> None:
    with NotesStore(path) as store:
        store.add_note(capture(article, 0, 10), "from the future")
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _text_file(path: Path, article: Article) -> None:
    path.write_text("these are my notes, typed by hand\n" * 50, encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_text_file, "not an SQLite database"),
        (_damaged_sqlite, "not a readable notes store|damaged"),
        (_foreign_sqlite, "not a notes store"),
        (_newer_store, "newer syria-reader"),
    ],
)
def test_a_bad_store_file_is_refused_and_left_untouched(
    tmp_path: Path, article: Article, make, reason
) -> None:
    path = tmp_path / "notes.sqlite"
    make(path, article)
    before = path.read_bytes()
    with pytest.raises(NotesStoreError, match=reason) as caught:
        NotesStore(path)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == before


def test_a_folder_in_the_way_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.mkdir()
    with pytest.raises(NotesStoreError, match="not a file"):
        NotesStore(path)


# -- crashes and concurrency -------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from syria_reader.notes.anchors import Anchor
    from syria_reader.notes.store import NotesStore

    path, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    go = path.with_name("go")
    for _ in range(1000):  # wait (at most 10 s) for the signal to start together
        if go.exists():
            break
        time.sleep(0.01)
    store = NotesStore(path)
    for n in range(count):
        anchor = Anchor(
            f"{tag}-article-{n % 5}", "x.txt", "0" * 64, n, n + 30, f"quote {n} " * 4,
            "before", "after",
        )
        note = store.add_note(anchor, f"{tag} note {n} " * 60)
        store.save_position(f"{tag}-article-{n % 5}", n)
        print(note.id, flush=True)
    store.close()
    """
)


def _writer(path: Path, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), tag, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_process_killed_while_writing_loses_nothing_it_saved(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    (tmp_path / "go").touch()
    saved: list[str] = []
    for round_number in range(3):
        writer = _writer(path, f"round{round_number}", 5000)
        assert writer.stdout is not None
        for _ in range(30):
            line = writer.stdout.readline()
            assert line, writer.stderr.read() if writer.stderr else ""
            saved.append(line.strip())
        time.sleep(0.05)
        writer.kill()  # SIGKILL: no cleanup, most likely in the middle of a transaction
        # Read on through stdout itself: communicate() reads the pipe beneath it and would
        # miss the lines readline() has already buffered (ids saved but never counted).
        rest = writer.stdout.read()
        writer.wait()
        if writer.stderr is not None:
            writer.stderr.close()
        assert writer.returncode != 0, "the writer finished before it was killed: raise its count"
        saved += rest.split()

    with NotesStore(path) as store:
        ids = {n.id for n in store.notes()}
    assert set(saved) <= ids
    # At most the note being written when killed may be missing from what was printed.
    assert len(ids) - len(saved) <= 3
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


STUCK_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from syria_reader.notes.anchors import Anchor
    from syria_reader.notes.store import NotesStore

    store = NotesStore(Path(sys.argv[1]))
    anchor = Anchor("article", "x.txt", "0" * 64, 0, 10, "some quote", "", "")
    for n in range(20):
        print(store.add_note(anchor, f"saved {n}").id, flush=True)

    insert = NotesStore._insert_note
    def insert_then_hang(conn, note):
        insert(conn, note)          # written into the open transaction, not committed
        print("IN-TRANSACTION", flush=True)
        time.sleep(60)
    NotesStore._insert_note = staticmethod(insert_then_hang)
    store.add_note(anchor, "never committed")
    """
)


def test_a_process_killed_inside_a_transaction(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    writer = subprocess.Popen(
        [sys.executable, "-c", STUCK_WRITER, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    lines = [writer.stdout.readline().strip() for _ in range(21)]
    assert lines[-1] == "IN-TRANSACTION", writer.stderr.read() if writer.stderr else ""
    writer.kill()
    writer.communicate()
    with NotesStore(path) as store:
        notes = store.notes()
        assert [n.id for n in notes] == lines[:20]
        assert "never committed" not in {n.text for n in notes}
        store.add_note(
            None, "the store still takes notes", entity_id="ORG:x"
        )  # the lock died with the writer


def test_two_writers_at_once(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"  # created by the writers themselves, racing
    writers = [_writer(path, tag, 120) for tag in ("alpha", "beta")]
    (tmp_path / "go").touch()
    outputs = [w.communicate(timeout=120) for w in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
    with NotesStore(path) as store:
        notes = store.notes()
        assert len(notes) == 240
        assert {n.id for n in notes} == set(outputs[0][0].split()) | set(outputs[1][0].split())
        assert store.position("alpha-article-4") == 119


def test_reader_and_writer_connections_in_one_process(tmp_path: Path, article: Article) -> None:
    path = tmp_path / "notes.sqlite"
    with NotesStore(path) as writer, NotesStore(path) as reader:
        note = writer.add_note(capture(article, 0, 10), "seen by the other")
        assert reader.notes() == [note]
        assert isinstance(reader.notes()[0], Note)
