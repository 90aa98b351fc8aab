"""Whether two full builds of one corpus wrote the same index: rows only one file holds.

    python -m bench.same_index OLD.sqlite3 NEW.sqlite3

For two builds from scratch (which number their rows alike when they write the same rows):
every table is compared in SQLite itself, rowids included, with ``EXCEPT`` both ways, so an
index of 50,000 articles is compared in minutes without being read into memory
(``tests/index/tables.py`` resolves rowids, for an incremental build against a full one, but
holds both files' rows in memory: some 24 GB at 10,000 articles). ``meta`` rows that change
with every build or with the config dir's path (``built_at``, the extractor's warnings) and
``problems`` are listed, not counted as differences. Exit status 1 when a table differs.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

#: Tables whose rows name the build's time or the config dir's path.
VOLATILE = frozenset({"meta", "problems"})


def _tables(db: sqlite3.Connection, schema: str) -> dict[str, str]:
    """Each real table of an attached file with its SQL (virtual tables read through their
    shadow tables, which are compared themselves)."""
    rows = db.execute(
        f"SELECT name, sql FROM {schema}.sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return {name: sql for name, sql in rows if not sql.upper().startswith("CREATE VIRTUAL")}


def compare(old: Path, new: Path) -> list[tuple[str, int, int, int]]:
    """Per table of either file: (name, rows in old, rows only old has, rows only new has);
    -1 counts for a table the other file lacks."""
    db = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
    try:
        db.execute("ATTACH ? AS new", (f"file:{new}?mode=ro",))
        left, right = _tables(db, "main"), _tables(db, "new")
        out = []
        for name in sorted(left.keys() | right.keys()):
            if name not in left or name not in right:
                out.append((name, -1, -1, -1))
                continue
            columns = [row[1] for row in db.execute(f'PRAGMA main.table_info("{name}")')]
            keep_rowid = "WITHOUT ROWID" not in left[name].upper()
            selected = ", ".join((["rowid"] if keep_rowid else []) + [f'"{c}"' for c in columns])
            count = db.execute(f'SELECT count(*) FROM main."{name}"').fetchone()[0]
            only = [
                db.execute(
                    f'SELECT count(*) FROM (SELECT {selected} FROM {a}."{name}"'
                    f' EXCEPT SELECT {selected} FROM {b}."{name}")'
                ).fetchone()[0]
                for a, b in (("main", "new"), ("new", "main"))
            ]
            out.append((name, count, only[0], only[1]))
        return out
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    """Print each table's comparison; 0 when only volatile tables differ."""
    parser = argparse.ArgumentParser(prog="python -m bench.same_index")
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    for path in (args.old, args.new):
        if not path.is_file():
            parser.error(f"no index file at {path}")
    differing = 0
    for name, count, only_old, only_new in compare(args.old, args.new):
        if count < 0:
            print(f"{name}: in one file only")
            differing += 1
            continue
        same = only_old == only_new == 0
        note = "" if same else " (volatile)" if name in VOLATILE else " DIFFERS"
        differing += not same and name not in VOLATILE
        print(f"{name}: {count} rows, {only_old} only in old, {only_new} only in new{note}")
    print("the same index" if not differing else f"{differing} tables differ")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
