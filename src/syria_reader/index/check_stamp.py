"""The check stamp: an index file's stat when it last passed the thorough check, so that the
reader reads a large index whole only after the file has changed.

A JSON file beside the index (``<index>.check-stamp.json``) holds the index's path, the
``FileStamp`` (size, mtime_ns, ctime_ns, inode) the file had when it passed, and when that
check began. It is only a cache: a stamp that is missing, unreadable, damaged, for another
file or from another version vouches for nothing, and the check runs again and records a new
one. It vouches only for a file whose stat is the recorded one and that was last changed more
than ``stat_memo.RACY_NS`` before the check began (the stat memo's racy-timestamp rule: a file
written again within the timestamp granularity could keep its stat). A file written by a build
is therefore checked once, on the first open after the build.

Every write through the file system (a build, corrections applied, a copy, a restore, another
program) changes the stat. Damage below the file system (a failing disk) does not: SQLite
reports such a page when a query reads it, and ``index --check`` always reads everything.
"""

from __future__ import annotations

import os
from pathlib import Path

from syria_reader.corpus.sources import stamp_of
from syria_reader.index import stat_memo
from syria_reader.index.sidecar import read_record, write_record
from syria_reader.models import FileStamp

#: Changed when the stamp's layout or meaning changes; the package version is recorded too,
#: since what the thorough check looks at may change with it.
STAMP_VERSION = 1


def stamp_path_for(index: Path) -> Path:
    """The check stamp of the index at ``index`` (nothing is created)."""
    return index.with_name(index.name + ".check-stamp.json")


def file_stamp(path: Path) -> FileStamp | None:
    """The stat of the file at ``path`` as a ``FileStamp``, or None when it cannot be stat'ed."""
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None


def vouches(index: Path, stamp: FileStamp) -> bool:
    """Whether the check stamp says the index at ``index``, whose stat is ``stamp`` now, passed
    the thorough check unchanged since."""
    path = stamp_path_for(index)
    record = read_record(path, STAMP_VERSION, "index", str(index), stat_memo.now_ns())
    if record is None or record[0].get("stamp") != list(stamp):
        return False
    return stat_memo.settled(stamp, record[1])


def record(index: Path, stamp: FileStamp, checked_ns: int) -> None:
    """Record that the index at ``index`` passed the thorough check with the stat ``stamp``,
    in a check that began at ``checked_ns`` (``stat_memo.now_ns``). Atomic; a stamp that
    cannot be written is not written."""
    path = stamp_path_for(index)
    write_record(path, STAMP_VERSION, "index", str(index), checked_ns, {"stamp": list(stamp)})
