"""The stat memo: each corpus file's sha256 by its stat, so checking an index reads no file
that is unchanged.

A JSON file beside the index (``<index>.stat-memo.json``) maps each file's key to the
``FileStamp`` (size, mtime_ns, ctime_ns, inode) it had when it was last hashed, and that hash.
It is only a cache: a memo that is missing, unreadable, damaged, for another corpus or from
another version is ignored and written again; it is never read by a build, which hashes
what it reads. An entry is trusted only when the file's stamp is the one recorded and the
file was last changed more than ``RACY_NS`` before the memo was recorded (git's racy-timestamp
rule: a file changed again within the timestamp granularity of its hashing could keep its
stamp with another content).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from syria_reader import __version__
from syria_reader.corpus.sources import FileHash, hash_corpus
from syria_reader.index.sidecar import read_json, write_json
from syria_reader.models import FileStamp

#: Changed when the memo's layout or meaning changes; the package version is recorded too,
#: since what a scan skips (``is_binary``) may change with it.
MEMO_VERSION = 1
#: The coarsest file timestamp granularity allowed for (FAT's 2 s; most are finer).
RACY_NS = 2_000_000_000

_SHA256 = re.compile(r"[0-9a-f]{64}")


def now_ns() -> int:
    """The clock the memo's records are stamped with (the file system's, for a local one)."""
    return time.time_ns()


def memo_path_for(index: Path) -> Path:
    """The memo file of the index at ``index`` (nothing is created)."""
    return index.with_name(index.name + ".stat-memo.json")


class StatMemo:
    """A loaded memo: what it vouches for, and when it was recorded."""

    def __init__(self, entries: Mapping[str, object], recorded_ns: int) -> None:
        self.entries = entries
        self.recorded_ns = recorded_ns

    @classmethod
    def load(cls, path: Path, corpus: Path) -> StatMemo:
        """The memo at ``path`` for ``corpus``; an empty one if it is missing or unusable."""
        empty = cls({}, 0)
        data = read_json(path)
        if not isinstance(data, dict):
            return empty
        recorded, entries = data.get("recorded_ns"), data.get("files")
        if (
            data.get("version") != MEMO_VERSION
            or data.get("program") != __version__
            or data.get("corpus") != str(corpus)
            or not isinstance(recorded, int)
            or not isinstance(entries, dict)
            # A memo from the future (a clock set back, a damaged file) would vouch for
            # files changed since.
            or recorded > now_ns()
        ):
            return empty
        return cls(entries, recorded)

    def trusted(self, key: str, stamp: FileStamp) -> str | None:
        """The recorded sha256 of the file ``key`` if its stamp is unchanged and it was not
        changed within ``RACY_NS`` of the recording; else None (hash it)."""
        entry = self.entries.get(key)
        if not isinstance(entry, list) or len(entry) != 5:
            return None
        *recorded_stamp, sha256 = entry
        if recorded_stamp != list(stamp) or not isinstance(sha256, str):
            return None
        # ctime as well as mtime: ``utime`` can set an mtime back, never a ctime.
        if self.recorded_ns - max(stamp.mtime_ns, stamp.ctime_ns) <= RACY_NS:
            return None
        return sha256 if _SHA256.fullmatch(sha256) else None


def save(path: Path, corpus: Path, recorded_ns: int, files: Iterable[FileHash]) -> None:
    """Write the memo atomically (a temporary file, then ``os.replace``). ``recorded_ns`` is
    when the hashing began. A memo that cannot be written is not written: it is only a cache.
    """
    data = {
        "version": MEMO_VERSION,
        "program": __version__,
        "corpus": str(corpus),
        "recorded_ns": recorded_ns,
        "files": {f.key: [*f.stamp, f.sha256] for f in files},
    }
    write_json(path, data)


def hash_with_memo(
    index: Path, corpus: Path, max_bytes: int | None, indexed: Mapping[str, str]
) -> dict[str, str]:
    """``{file key: sha256}`` of the corpus as ``scan_corpus`` would give it, reading only the
    files the memo does not vouch for, then recording what was hashed.

    ``indexed`` is the index's ``{file key: sha256}``: the memo is taken for a file only when
    it agrees with the index, so a damaged memo can make a file be read, never a needless
    rebuild (and a file the index misses is read, to report it truly).
    """
    memo_file = memo_path_for(index)
    memo = StatMemo.load(memo_file, corpus)
    started = now_ns()
    vouched = 0

    def known(key: str, stamp: FileStamp) -> str | None:
        nonlocal vouched
        sha256 = memo.trusted(key, stamp)
        if sha256 is None or sha256 != indexed.get(key):
            return None
        vouched += 1
        return sha256

    files, _ = hash_corpus(corpus, max_bytes, known)
    if vouched != len(files) or len(files) != len(memo.entries):
        save(memo_file, corpus, started, files)
    return {f.key: f.sha256 for f in files}
