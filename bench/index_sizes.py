"""Where an index file's bytes go: ``python -m bench.index_sizes INDEX [CORPUS]``.

Prints every table and index of the SQLite file with its size on disk (SQLite's ``dbstat``
table: pages, overflow pages included) and, given the corpus folder, as a multiple of the
corpus's bytes, the figure the benchmark's "index bytes / corpus bytes" row adds up.
Indexes are listed under the table they belong to; nothing is written.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def table_sizes(index: Path) -> list[tuple[str, str, int]]:
    """(table, name, bytes) of every table and index of the file, biggest table first."""
    db = sqlite3.connect(f"{index.resolve().as_uri()}?mode=ro", uri=True)
    try:
        owners = dict(db.execute("SELECT name, tbl_name FROM sqlite_master"))
        sizes = db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
    finally:
        db.close()
    rows = [(owners.get(name, name), name, int(size)) for name, size in sizes]
    totals: dict[str, int] = {}
    for table, _, size in rows:
        totals[table] = totals.get(table, 0) + size
    return sorted(rows, key=lambda r: (-totals[r[0]], r[0], r[1] != r[0], -r[2]))


def corpus_bytes(folder: Path) -> int:
    """The size of every file under a corpus folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str]) -> int:
    """Print the sizes of the index named in ``argv``."""
    if not argv or len(argv) > 2:
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    index = Path(argv[0])
    corpus = corpus_bytes(Path(argv[1])) if len(argv) > 1 else 0
    rows = table_sizes(index)
    total = sum(size for _, _, size in rows)
    for table, name, size in rows:
        label = name if name == table else f"  {name}"
        ratio = f"{size / corpus:8.3f}x" if corpus else ""
        print(f"{label:34} {size / 1e6:9.2f} MB {ratio}")
    ratio = f"{total / corpus:8.3f}x" if corpus else ""
    print(f"{'total':34} {total / 1e6:9.2f} MB {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
