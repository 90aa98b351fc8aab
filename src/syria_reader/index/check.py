"""Whether an index file is sound: readable, of this schema, every table present, and (the
thorough check) SQLite's ``quick_check`` over every page.

The cheap structural check runs with every freshness check, so a file with a table dropped is
rebuilt like a stale one; ``quick_check`` reads the whole file, so it runs where time allows:
``index`` and ``index --check`` every time, and the reader's background check after the first
paint only when the file changed since it last passed (``checked_problems``, its check stamp).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from syria_reader.index import check_stamp, stat_memo
from syria_reader.index.freshness import connect_readonly
from syria_reader.index.schema import SCHEMA_VERSION, TABLES

#: Every table an index of this schema holds.
EXPECTED_TABLES = tuple(re.findall(r"CREATE (?:VIRTUAL )?TABLE (\w+)", TABLES))


def index_problems(path: Path, thorough: bool = False) -> list[str]:
    """What is wrong with the index file at ``path`` (empty when it is sound)."""
    if not path.is_file():
        return ["no index file"]
    try:
        connection = connect_readonly(path)
    except sqlite3.Error as error:
        return [f"not readable: {error}"]
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "meta" in names:
            meta = dict(connection.execute("SELECT key, value FROM meta"))
            if meta.get("schema_version") != SCHEMA_VERSION:
                return [f"index of another format ({meta.get('schema_version')})"]
        missing = [table for table in EXPECTED_TABLES if table not in names]
        if missing:
            return [f"missing table{'s' if len(missing) > 1 else ''} {', '.join(missing)}"]
        if thorough:
            found = [row[0] for row in connection.execute("PRAGMA quick_check")]
            if found != ["ok"]:
                more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
                return [f"damaged: {found[0]}{more}"]
    except sqlite3.Error as error:
        return [f"damaged: {error}"]
    finally:
        connection.close()
    return []


def checked_problems(path: Path, *, trust_stamp: bool) -> list[str]:
    """``index_problems(path, thorough=True)``, recording a pass in the index's check stamp.

    With ``trust_stamp``, ``quick_check`` is skipped when the stamp vouches that the file is
    unchanged since it last passed (the structural check still runs).
    """
    started = stat_memo.now_ns()
    stamp = check_stamp.file_stamp(path)
    if trust_stamp and stamp is not None and check_stamp.vouches(path, stamp):
        return index_problems(path)
    problems = index_problems(path, thorough=True)
    # Only the stat the check began with is vouched for, and only if the file kept it.
    if not problems and stamp is not None and check_stamp.file_stamp(path) == stamp:
        check_stamp.record(path, stamp, started)
    return problems
