"""The notes store: bookmarks, notes and reading positions in one SQLite file in the user data dir.

The store is precious, so it is careful:
- every change is one short transaction (``BEGIN IMMEDIATE``) in WAL mode with ``synchronous=FULL``
  and a busy timeout: killing the program at any moment loses at most the change being made, and
  several processes may read and write at once;
- it never deletes or rewrites anything wholesale: deleting a note or bookmark (the user's explicit
  action) moves it into a ``trash`` table, from which ``restore`` brings it back;
- the schema is versioned with ``PRAGMA user_version`` and migrations only ever add;
- a file that is not a readable notes store is refused with an error naming it and left untouched,
  never "repaired" or recreated.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from syria_reader import paths
from syria_reader.notes.anchors import Anchor

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000

_ANCHOR_COLUMNS = (
    "article_id, article_path, article_sha256, article_title, start_offset, "
    "end_offset, quote, prefix, suffix, corpus, article_source, article_date, context"
)
#: How many columns ``_ANCHOR_COLUMNS`` names.
_ANCHOR_WIDTH = 13

#: Schema migrations, one tuple of statements per version; only ever append, only ever add.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE notes (
            id TEXT PRIMARY KEY,
            article_id TEXT,
            article_path TEXT,
            article_sha256 TEXT,
            article_title TEXT,
            start_offset INTEGER,
            end_offset INTEGER,
            quote TEXT,
            prefix TEXT,
            suffix TEXT,
            entity_id TEXT,
            body TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )""",
        "CREATE INDEX notes_by_article ON notes (article_id, start_offset)",
        "CREATE INDEX notes_by_entity ON notes (entity_id)",
        """CREATE TABLE bookmarks (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL,
            article_path TEXT NOT NULL,
            article_sha256 TEXT NOT NULL,
            article_title TEXT NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            created TEXT NOT NULL
        )""",
        "CREATE INDEX bookmarks_by_article ON bookmarks (article_id, start_offset)",
        """CREATE TABLE positions (
            article_id TEXT PRIMARY KEY,
            offset INTEGER NOT NULL,
            updated TEXT NOT NULL
        )""",
        """CREATE TABLE trash (
            trash_id INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL,
            deleted TEXT NOT NULL
        )""",
    ),
    # 2: the corpus a note or bookmark belongs to, and what cites its passage (the article's
    # source and date, the sentence around a chosen name).
    tuple(
        f"ALTER TABLE {table} ADD COLUMN {column} TEXT"
        for table in ("notes", "bookmarks")
        for column in ("corpus", "article_source", "article_date", "context")
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
#: The table holding the live items of each kind the trash keeps.
_TABLES = {"note": "notes", "bookmark": "bookmarks"}
_OUR_TABLES = frozenset({"notes", "bookmarks", "positions", "trash", "sqlite_sequence"})


class NotesStoreError(Exception):
    """The notes store cannot be opened or written; the message names the file."""


@dataclass(frozen=True)
class Note:
    """A note on a passage, on an entity, or both."""

    id: str
    anchor: Anchor | None
    text: str
    entity_id: str | None
    created: str
    updated: str

    @property
    def article_id(self) -> str | None:
        """The article the note's passage is in (None for a note on an entity only)."""
        return self.anchor.article_id if self.anchor else None


@dataclass(frozen=True)
class Bookmark:
    """A marked passage."""

    id: str
    anchor: Anchor
    created: str

    @property
    def article_id(self) -> str:
        """The article the bookmark is in."""
        return self.anchor.article_id


@dataclass(frozen=True)
class TrashItem:
    """A deleted note or bookmark, kept until the user restores it."""

    kind: Literal["note", "bookmark"]
    item: Note | Bookmark
    deleted: str


def now_iso() -> str:
    """The current time as an ISO 8601 UTC timestamp with milliseconds ("...Z")."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_path() -> Path:
    """Where the notes live: ``notes.sqlite`` in the user data dir (never the cache)."""
    return paths.data_dir() / "notes.sqlite"


class NotesStore:
    """Bookmarks, notes and reading positions, stored safely; safe to share between threads."""

    def __init__(self, path: Path | None = None, *, reuse_empty: bool = False) -> None:
        """Open (or create) the store; an existing empty file is only set up as a new store
        with ``reuse_empty`` (the user said so: ``notes init``)."""
        self.path = Path(path) if path is not None else default_path()
        self._reuse_empty = reuse_empty
        self._lock = threading.RLock()
        self._positions: dict[str, int] = {}
        self._last_saved_article: str | None = None
        self._conn: sqlite3.Connection | None = self._open()

    # -- opening -------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        path = self.path
        exists = path.exists()
        if exists:
            self._check_header(path)
            if not self._reuse_empty and path.stat().st_size == 0:
                raise NotesStoreError(
                    f"{path}: the notes store is an empty file (0 bytes), perhaps emptied by a "
                    "failed copy or sync; it was left untouched. Restore it from a backup, or "
                    "run 'syria-reader notes init' to start a new store in it"
                )
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise NotesStoreError(
                    f"{path}: cannot create the notes folder: {error.strerror or error}"
                ) from error
            exists = self._create(path)
        uri = f"{path.resolve().as_uri()}?mode={'rw' if exists else 'rwc'}"
        try:
            conn = sqlite3.connect(
                uri,
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise NotesStoreError(f"{path}: cannot open the notes store: {error}") from error
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Everything that could reveal a bad file is read before anything is written.
            self._check_readable(conn)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            self._migrate(conn)
        except NotesStoreError:
            conn.close()
            raise
        except sqlite3.Error as error:
            conn.close()
            raise NotesStoreError(
                f"{path}: not a readable notes store ({error}); the file was left untouched"
            ) from error
        return conn

    @staticmethod
    def _create(path: Path) -> bool:
        """Create a new, set-up store at ``path`` in one step (whether it now exists).

        The store is made beside it and hard-linked into place, so no other process ever
        sees it empty (an empty file is a store a failed copy emptied, and is refused). If
        another process made it first, its store is kept. Where hard links are not possible,
        SQLite creates it in place as before.
        """
        temporary = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.new")
        try:
            conn = sqlite3.connect(temporary, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                NotesStore._migrate(conn)
            finally:
                conn.close()
            # Another process may have created it meanwhile: that store is the one kept.
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
            return True
        except (OSError, sqlite3.Error):
            return path.exists()
        finally:
            for leftover in (temporary, temporary.with_name(temporary.name + "-wal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            with contextlib.suppress(OSError):
                temporary.with_name(temporary.name + "-shm").unlink()

    @staticmethod
    def _check_header(path: Path) -> None:
        if not path.is_file():
            raise NotesStoreError(f"{path}: is not a file; the notes store must be an SQLite file")
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise NotesStoreError(
                f"{path}: cannot read the notes store: {error.strerror or error}"
            ) from error
        if header and header != SQLITE_HEADER:
            raise NotesStoreError(
                f"{path}: not a notes store (not an SQLite database); the file was left untouched"
            )

    def _check_readable(self, conn: sqlite3.Connection) -> None:
        path = self.path
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise NotesStoreError(
                f"{path}: the notes store is damaged ({'; '.join(problems[:3])}); the file was "
                "left untouched"
            )
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NotesStoreError(
                f"{path}: written by a newer syria-reader (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); "
                "the file was left untouched"
            )
        if version == 0:
            tables = {
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if tables - _OUR_TABLES:
                raise NotesStoreError(
                    f"{path}: an SQLite database but not a notes store (tables: "
                    f"{', '.join(sorted(tables))}); "
                    "the file was left untouched"
                )

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again inside the write lock: another process may have migrated meanwhile.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- plumbing ------------------------------------------------------------------------------

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise NotesStoreError(f"{self.path}: the notes store is closed")
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction holding the write lock from its start (no deadlock on upgrade)."""
        with self._lock:
            conn = self._db
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise NotesStoreError(f"{self.path}: cannot save: {error}") from error
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise NotesStoreError(f"{self.path}: cannot save: {error}") from error
                raise

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                cursor = self._db.execute(sql, params)
                cursor.row_factory = sqlite3.Row
                return cursor.fetchall()
            except sqlite3.Error as error:
                raise NotesStoreError(f"{self.path}: cannot read: {error}") from error

    def close(self) -> None:
        """Close the store (idempotent)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- bookmarks -----------------------------------------------------------------------------

    def add_bookmark(self, anchor: Anchor) -> Bookmark:
        """Bookmark a passage; bookmarking the same passage again returns the existing bookmark."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT id, created FROM bookmarks WHERE article_id = ? AND start_offset = ? AND "
                "end_offset = ? "
                "AND quote = ?",
                (anchor.article_id, anchor.start, anchor.end, anchor.quote),
            ).fetchone()
            if row is not None:
                return Bookmark(row[0], anchor, row[1])
            bookmark = Bookmark(str(uuid.uuid4()), anchor, now_iso())
            self._insert_bookmark(conn, bookmark)
        return bookmark

    def delete_bookmark(self, bookmark_id: str) -> bool:
        """Move a bookmark to the trash; False if there was no such bookmark."""
        return self._trash_by_id("bookmark", bookmark_id)

    def bookmarks(self, article_id: str | None = None) -> list[Bookmark]:
        """Bookmarks of one article (by offset), or all (by article, then offset)."""
        with self._lock:
            if article_id is None:
                return self._bookmarks_where(self._db, "1", ())
            return self._bookmarks_where(self._db, "article_id = ?", (article_id,))

    # -- notes ---------------------------------------------------------------------------------

    def add_note(self, anchor: Anchor | None, text: str, entity_id: str | None = None) -> Note:
        """Add a note on a passage and/or an entity; raises ValueError for empty text or no
        target."""
        _check_text(text)
        if anchor is None and not entity_id:
            raise ValueError("a note needs a passage or an entity")
        stamp = now_iso()
        note = Note(str(uuid.uuid4()), anchor, text, entity_id or None, stamp, stamp)
        with self._write() as conn:
            self._insert_note(conn, note)
        return note

    def update_note(self, note_id: str, text: str) -> Note:
        """Replace a note's text; raises KeyError if there is no such note."""
        _check_text(text)
        with self._write() as conn:
            found = self._notes_where(conn, "id = ?", (note_id,))
            if not found:
                raise KeyError(note_id)
            stamp = now_iso()
            conn.execute(
                "UPDATE notes SET body = ?, updated = ? WHERE id = ?", (text, stamp, note_id)
            )
        old = found[0]
        return Note(old.id, old.anchor, text, old.entity_id, old.created, stamp)

    def delete_note(self, note_id: str) -> bool:
        """Move a note to the trash (the user's explicit action); False if there was no such
        note."""
        return self._trash_by_id("note", note_id)

    def note(self, note_id: str) -> Note | None:
        """One note by id."""
        with self._lock:
            found = self._notes_where(self._db, "id = ?", (note_id,))
        return found[0] if found else None

    def notes(self, article_id: str | None = None) -> list[Note]:
        """Notes on passages of one article (by offset), or all notes (by article, then offset)."""
        with self._lock:
            if article_id is None:
                return self._notes_where(self._db, "1", ())
            return self._notes_where(self._db, "article_id = ?", (article_id,))

    def notes_for_entity(self, entity_id: str) -> list[Note]:
        """Notes attached to one entity, oldest first."""
        with self._lock:
            return self._notes_where(
                self._db, "entity_id = ?", (entity_id,), order="created, rowid"
            )

    # -- reading positions ---------------------------------------------------------------------

    def save_position(self, article_id: str, offset: int) -> None:
        """Remember where the user is in an article (a write only when it or the article
        changed)."""
        # Skipping an unchanged offset is only safe while this article is still the most recent
        # one: otherwise last_position() would keep pointing at another article.
        if self._positions.get(article_id) == offset and self._last_saved_article == article_id:
            return
        with self._write() as conn:
            # REPLACE gives the row a new, highest rowid: the rowid orders positions by recency.
            conn.execute(
                "INSERT OR REPLACE INTO positions (article_id, offset, updated) VALUES (?, ?, ?)",
                (article_id, int(offset), now_iso()),
            )
        self._positions[article_id] = offset
        self._last_saved_article = article_id

    def position(self, article_id: str) -> int | None:
        """The remembered reading position in an article, if any."""
        rows = self._read("SELECT offset FROM positions WHERE article_id = ?", (article_id,))
        return int(rows[0][0]) if rows else None

    def last_position(self) -> tuple[str, int] | None:
        """The article read most recently and the position in it, if any."""
        rows = self._read("SELECT article_id, offset FROM positions ORDER BY rowid DESC LIMIT 1")
        return (rows[0][0], int(rows[0][1])) if rows else None

    # -- trash ---------------------------------------------------------------------------------

    def trash(self) -> list[TrashItem]:
        """Deleted notes and bookmarks, most recently deleted first."""
        items = []
        for row in self._read("SELECT kind, data, deleted FROM trash ORDER BY trash_id DESC"):
            data = json.loads(row["data"])
            item: Note | Bookmark = (
                _note_from_json(data) if row["kind"] == "note" else _bookmark_from_json(data)
            )
            items.append(TrashItem(row["kind"], item, row["deleted"]))
        return items

    def restore(self, item_id: str) -> Note | Bookmark:
        """Bring the most recently deleted note or bookmark with this id back from the trash.

        Raises KeyError if the id is not in the trash, ValueError if it is live already.
        """
        with self._write() as conn:
            row = conn.execute(
                "SELECT trash_id, kind, data FROM trash WHERE id = ? ORDER BY trash_id DESC "
                "LIMIT 1",
                (item_id,),
            ).fetchone()
            if row is None:
                raise KeyError(item_id)
            trash_id, kind, data = row
            if conn.execute(f"SELECT 1 FROM {_TABLES[kind]} WHERE id = ?", (item_id,)).fetchone():
                raise ValueError(f"{kind} {item_id} is not deleted")
            item: Note | Bookmark
            if kind == "note":
                item = _note_from_json(json.loads(data))
                self._insert_note(conn, item)
            else:
                item = _bookmark_from_json(json.loads(data))
                self._insert_bookmark(conn, item)
            conn.execute("DELETE FROM trash WHERE trash_id = ?", (trash_id,))
        return item

    # -- merging (import) ----------------------------------------------------------------------

    def merge_note(self, note: Note) -> bool:
        """Insert a note as it is (id and times kept) unless it is already here; True if added.

        Already here: the same id, or a note on the same article and quote (or the same entity,
        for a note without passage) with the same text.
        """
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM notes WHERE id = ?", (note.id,)).fetchone():
                return False
            if note.anchor is not None:
                duplicate = conn.execute(
                    "SELECT 1 FROM notes WHERE article_id = ? AND quote = ? AND body = ?",
                    (note.anchor.article_id, note.anchor.quote, note.text),
                ).fetchone()
            else:
                duplicate = conn.execute(
                    "SELECT 1 FROM notes WHERE article_id IS NULL AND entity_id IS ? AND body = ?",
                    (note.entity_id, note.text),
                ).fetchone()
            if duplicate:
                return False
            self._insert_note(conn, note)
        return True

    def merge_bookmark(self, bookmark: Bookmark) -> bool:
        """Insert a bookmark as it is unless the same id or article and quote is here; True if
        added."""
        with self._write() as conn:
            duplicate = conn.execute(
                "SELECT 1 FROM bookmarks WHERE id = ? OR (article_id = ? AND quote = ?)",
                (bookmark.id, bookmark.anchor.article_id, bookmark.anchor.quote),
            ).fetchone()
            if duplicate:
                return False
            self._insert_bookmark(conn, bookmark)
        return True

    # -- rows ----------------------------------------------------------------------------------

    @staticmethod
    def _insert_note(conn: sqlite3.Connection, note: Note) -> None:
        conn.execute(
            f"INSERT INTO notes (id, {_ANCHOR_COLUMNS}, entity_id, body, created, updated) "
            f"VALUES ({', '.join('?' * (_ANCHOR_WIDTH + 5))})",
            (
                note.id,
                *_anchor_values(note.anchor),
                note.entity_id,
                note.text,
                note.created,
                note.updated,
            ),
        )

    @staticmethod
    def _insert_bookmark(conn: sqlite3.Connection, bookmark: Bookmark) -> None:
        conn.execute(
            f"INSERT INTO bookmarks (id, {_ANCHOR_COLUMNS}, created) "
            f"VALUES ({', '.join('?' * (_ANCHOR_WIDTH + 2))})",
            (bookmark.id, *_anchor_values(bookmark.anchor), bookmark.created),
        )

    def _trash_by_id(self, kind: Literal["note", "bookmark"], item_id: str) -> bool:
        """Move the note or bookmark ``item_id`` to the trash; False if there is no such one."""
        find = self._notes_where if kind == "note" else self._bookmarks_where
        with self._write() as conn:
            found: Sequence[Note | Bookmark] = find(conn, "id = ?", (item_id,))
            if not found:
                return False
            self._move_to_trash(conn, kind, found[0])
        return True

    @staticmethod
    def _move_to_trash(
        conn: sqlite3.Connection, kind: Literal["note", "bookmark"], item: Note | Bookmark
    ) -> None:
        conn.execute(
            "INSERT INTO trash (id, kind, data, deleted) VALUES (?, ?, ?, ?)",
            (item.id, kind, json.dumps(asdict(item), ensure_ascii=False), now_iso()),
        )
        conn.execute(f"DELETE FROM {_TABLES[kind]} WHERE id = ?", (item.id,))

    @staticmethod
    def _notes_where(
        conn: sqlite3.Connection,
        where: str,
        params: tuple[Any, ...],
        order: str = "article_id IS NOT NULL, article_id, start_offset, created, rowid",
    ) -> list[Note]:
        cursor = conn.execute(
            f"SELECT id, {_ANCHOR_COLUMNS}, entity_id, body, created, updated FROM notes "
            f"WHERE {where} ORDER BY {order}",
            params,
        )
        w = _ANCHOR_WIDTH
        return [
            Note(row[0], _anchor_from_row(row[1 : w + 1]), row[w + 2], row[w + 1], *row[w + 3 :])
            for row in cursor.fetchall()
        ]

    @staticmethod
    def _bookmarks_where(
        conn: sqlite3.Connection, where: str, params: tuple[Any, ...]
    ) -> list[Bookmark]:
        cursor = conn.execute(
            f"SELECT id, {_ANCHOR_COLUMNS}, created FROM bookmarks WHERE {where} "
            "ORDER BY article_id, start_offset, created, rowid",
            params,
        )
        bookmarks = []
        for row in cursor.fetchall():
            anchor = _anchor_from_row(row[1 : _ANCHOR_WIDTH + 1])
            assert anchor is not None  # bookmarks.article_id is NOT NULL
            bookmarks.append(Bookmark(row[0], anchor, row[_ANCHOR_WIDTH + 1]))
        return bookmarks


def _check_text(text: str) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a note needs some text")


def _anchor_values(anchor: Anchor | None) -> tuple[Any, ...]:
    if anchor is None:
        return (None,) * _ANCHOR_WIDTH
    return (
        anchor.article_id,
        anchor.article_path,
        anchor.article_sha256,
        anchor.article_title,
        anchor.start,
        anchor.end,
        anchor.quote,
        anchor.prefix,
        anchor.suffix,
        anchor.corpus,
        anchor.article_source,
        anchor.article_date,
        anchor.context,
    )


def _anchor_from_row(row: tuple[Any, ...] | sqlite3.Row) -> Anchor | None:
    article_id, path, sha256, title, start, end, quote, prefix, suffix, *cited = tuple(row)
    if article_id is None:
        return None
    corpus, source, date, context = (value or "" for value in cited)
    return Anchor(
        article_id,
        path or "",
        sha256 or "",
        int(start),
        int(end),
        quote or "",
        prefix or "",
        suffix or "",
        title or "",
        corpus=corpus,
        article_source=source,
        article_date=date,
        context=context,
    )


def _note_from_json(data: dict[str, Any]) -> Note:
    anchor = Anchor(**data["anchor"]) if data.get("anchor") else None
    return Note(
        data["id"], anchor, data["text"], data.get("entity_id"), data["created"], data["updated"]
    )


def _bookmark_from_json(data: dict[str, Any]) -> Bookmark:
    return Bookmark(data["id"], Anchor(**data["anchor"]), data["created"])
