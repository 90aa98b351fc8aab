"""Every table of an index file as comparable rows, whatever rowids the rows were given.

Two builds of one corpus may number their rows differently (an incremental build updates a
copy of the old file; a full build writes a fresh one); what must be equal is what the rows
say. Each row is dumped with its references (``REFERENCES t(rowid)`` in the schema) replaced
by what they point to, recursively, and rowids dropped; a table is the sorted list of its
rows. ``built_at`` is left out of ``meta``. Run as a script to print the dump of a file.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

#: Rows whose value changes with every build, not with the corpus.
VOLATILE_META = frozenset({"built_at"})


def _tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'articles_fts%' ORDER BY name"
    )
    return [name for (name,) in rows]


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]


def _references(db: sqlite3.Connection, table: str) -> dict[str, str]:
    """Column -> the table whose rowid it holds."""
    return {row[3]: row[2] for row in db.execute(f'PRAGMA foreign_key_list("{table}")')}


class _Resolver:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.cache: dict[str, dict[int, object]] = {}

    def rows_of(self, table: str) -> dict[int, object]:
        """rowid -> the row's content with its own references resolved."""
        if table not in self.cache:
            self.cache[table] = {}  # a cycle would resolve to None, not recurse forever
            columns = [c for c in _columns(self.db, table) if c != "rowid"]
            refs = _references(self.db, table)
            quoted = ", ".join(f'"{c}"' for c in columns)
            resolved: dict[int, object] = {}
            try:
                rows = list(self.db.execute(f'SELECT rowid, {quoted} FROM "{table}"'))
            except sqlite3.OperationalError:  # WITHOUT ROWID: nothing refers to its rows
                rows = [
                    (n, *row)
                    for n, row in enumerate(self.db.execute(f'SELECT {quoted} FROM "{table}"'))
                ]
            for rowid, *values in rows:
                resolved[rowid] = tuple(
                    self.resolve(refs[c], v) if c in refs else v
                    for c, v in zip(columns, values, strict=True)
                )
            self.cache[table] = resolved
        return self.cache[table]

    def resolve(self, table: str, rowid: object) -> object:
        if rowid is None:
            return None
        return self.rows_of(table).get(int(rowid), ("dangling", table, rowid))  # type: ignore[call-overload]


def dump(path: Path) -> dict[str, list[str]]:
    """Every table of the index at ``path``: sorted rows, as JSON strings, rowids resolved."""
    from syria_reader.index.codec import register_functions

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    register_functions(db)  # the full-text index reads the articles' text through it
    try:
        resolver = _Resolver(db)
        out: dict[str, list[str]] = {}
        for table in _tables(db):
            if table == "meta":
                rows = [
                    json.dumps(row)
                    for row in db.execute("SELECT key, value FROM meta")
                    if row[0] not in VOLATILE_META
                ]
            else:
                rows = [
                    json.dumps(row, ensure_ascii=False, default=repr)
                    for row in resolver.rows_of(table).values()
                ]
            out[table] = sorted(rows)
        fts = db.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        out["articles_fts"] = [str(fts)]
        return out
    finally:
        db.close()


def differences(a: Path, b: Path, limit: int = 5) -> list[str]:
    """What differs between two index files, table by table (empty: the same)."""
    left, right = dump(a), dump(b)
    found: list[str] = []
    for table in sorted(set(left) | set(right)):
        x, y = set(left.get(table, [])), set(right.get(table, []))
        if left.get(table) == right.get(table):
            continue
        found.append(
            f"{table}: {len(left.get(table, []))} vs {len(right.get(table, []))} rows; "
            f"only left {sorted(x - y)[:limit]}; only right {sorted(y - x)[:limit]}"
        )
    return found


if __name__ == "__main__":
    if len(sys.argv) == 3:
        problems = differences(Path(sys.argv[1]), Path(sys.argv[2]))
        print("\n".join(problems) or "identical")
        sys.exit(1 if problems else 0)
    for name, rows in dump(Path(sys.argv[1])).items():
        for row in rows:
            print(name, row)
