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

from syria_reader.corpus.sources import FileHash, hash_corpus
from syria_reader.index.sidecar import read_record, write_record
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


def settled(stamp: FileStamp, recorded_ns: int) -> bool:
    """Whether a file with this stat last changed more than ``RACY_NS`` before ``recorded_ns``
    (git's racy-timestamp rule). ctime as well as mtime: ``utime`` can set an mtime back, never a
    ctime."""
    return recorded_ns - max(stamp.mtime_ns, stamp.ctime_ns) > RACY_NS


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
        record = read_record(path, MEMO_VERSION, "corpus", str(corpus), now_ns())
        entries = record[0].get("files") if record is not None else None
        if record is None or not isinstance(entries, dict):
            return cls({}, 0)
        return cls(entries, record[1])

    def trusted(self, key: str, stamp: FileStamp) -> str | None:
        """The recorded sha256 of the file ``key`` if its stamp is unchanged and it was not
        changed within ``RACY_NS`` of the recording; else None (hash it)."""
        entry = self.entries.get(key)
        if not isinstance(entry, list) or len(entry) != 5:
            return None
        *recorded_stamp, sha256 = entry
        if recorded_stamp != list(stamp) or not isinstance(sha256, str):
            return None
        if not settled(stamp, self.recorded_ns):
            return None
        return sha256 if _SHA256.fullmatch(sha256) else None


def save(path: Path, corpus: Path, recorded_ns: int, files: Iterable[FileHash]) -> None:
    """Write the memo atomically (a temporary file, then ``os.replace``). ``recorded_ns`` is
    when the hashing began. A memo that cannot be written is not written: it is only a cache.
    """
    entries = {f.key: [*f.stamp, f.sha256] for f in files}
    write_record(path, MEMO_VERSION, "corpus", str(corpus), recorded_ns, {"files": entries})


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
