"""Find the files of a corpus and decode them: the fast first stage, run on every start.

A corpus is a folder, searched recursively, or a single file. Articles are ``.txt``, ``.md``,
``.html`` and ``.htm`` files, and documents in ``.pdf``, ``.docx`` and ``.epub`` (``corpus.toml``
and metadata tables are metadata, not articles). Each is read once, hashed (sha256 of the raw
bytes, so the index can tell when it changed), and text files are decoded and sanitised; a
document's text is read by its format's reader only when the file is cleaned (never on a
warm start, which only hashes it). Decoding: UTF-8 with or without a BOM (UTF-16 with a BOM
too); anything else is
decoded as cp1252 and reported. Binary files, unreadable files, broken links and symlink loops
are skipped, each with a one-line problem naming the file; hidden files and folders (a name
starting with ".") are not read. No NLP and no HTML parsing here.

``hash_corpus`` is the check-only scan: the same walk and skips, giving each file's key and
hash without decoding it, and without reading a file whose hash its caller already knows.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from syria_reader.corpus.sanitise import sanitise
from syria_reader.models import FileStamp, SourceFile

#: File suffixes read as articles (lower case).
TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm"})
#: Document formats: binary files that their own reader turns into text.
DOCUMENT_SUFFIXES: frozenset[str] = frozenset({".pdf", ".docx", ".epub"})
ARTICLE_SUFFIXES: frozenset[str] = TEXT_SUFFIXES | DOCUMENT_SUFFIXES

_BINARY_SAMPLE = 8192
# Bytes that never appear in text: C0 controls other than tab, newline, form feed, carriage
# return and escape.
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def is_binary(data: bytes) -> bool:
    """Whether raw file content looks binary (a NUL byte, or many control bytes, near the start)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a BOM is text, though full of NULs
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    # One pass deleting the control bytes, not a count per byte value (a third of a check's
    # time when the files are hashed).
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes) -> tuple[str, str, str | None]:
    """Decode file content: ``(text, encoding, problem)``; problem is None for clean UTF-8.

    UTF-8 (a BOM is dropped) and BOM-marked UTF-16 are decoded as such; anything else is
    decoded as cp1252 and the problem says where the UTF-8 decoding failed.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", None
        except UnicodeDecodeError:
            data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as error:
        where = f"byte 0x{data[error.start]:02x} at offset {error.start}"
        # The five bytes cp1252 leaves undefined carry nothing readable: dropped.
        problem = f"not valid UTF-8 ({where}); decoded as cp1252, check the text"
        return data.decode("cp1252", errors="ignore"), "cp1252", problem


_C1 = re.compile("[\x80-\x9f]")


def repair_c1_mojibake(text: str) -> str:
    """Repair mojibake that holds C1 characters ("â€\x9d" for "”") before sanitising removes them.

    Only text with a C1 character pays for ftfy here; other mojibake is repaired when the
    text is cleaned.
    """
    if not _C1.search(text):
        return text
    import ftfy

    return ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _walk(root: Path, problems: list[str]) -> list[Path]:
    """Every candidate article file under ``root``, following links but not into loops."""
    found: list[Path] = []
    seen_dirs: set[tuple[int, int]] = set()

    def visit(folder: Path) -> None:
        try:
            info = folder.stat()
        except OSError as error:
            problems.append(f"{folder}: folder skipped: {_reason(error)}")
            return
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            problems.append(f"{folder}: symlink loop (folder already visited); skipped")
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(f"{folder}: folder not readable: {_reason(error)}; skipped")
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue  # hidden files and folders (.git, editor backups)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as error:
                if path.suffix.lower() in ARTICLE_SUFFIXES or entry.is_symlink():
                    problems.append(f"{path}: skipped: {_reason(error)}")
                continue
            if is_dir:
                visit(path)
            elif path.suffix.lower() in ARTICLE_SUFFIXES:
                if is_file:
                    found.append(path)
                elif entry.is_symlink():
                    problems.append(f"{path}: {_link_problem(path)}; skipped")

    visit(root)
    return found


def _link_problem(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return "symlink loop"
    except OSError as error:
        if getattr(error, "errno", None) == 40:  # ELOOP
            return "symlink loop"
        return "broken symlink"
    return "not a regular file"


def _reason(error: OSError) -> str:
    if getattr(error, "errno", None) == 40:
        return "symlink loop"
    return error.strerror or str(error)


def stamp_of(info: os.stat_result) -> FileStamp:
    """The parts of a file's stat that change when its content does."""
    return FileStamp(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _stat_within_limit(
    path: Path, problems: list[str], max_bytes: int | None
) -> os.stat_result | None:
    """The file's stat, or None (and a problem) when it cannot be stat'ed or is over
    ``max_bytes`` (such a file is never read)."""
    try:
        info = path.stat()
    except OSError as error:
        problems.append(f"{path}: not readable ({_reason(error)}); skipped")
        return None
    if max_bytes is not None and info.st_size > max_bytes:
        problems.append(
            f"{path}: {info.st_size / 1e6:.1f} MB, larger than max_article_mb = "
            f"{max_bytes / 1e6:g} (raise it in config.toml to read it); skipped"
        )
        return None
    return info


def _read_accepted(path: Path, problems: list[str]) -> bytes | None:
    """The file's bytes, or None (and a problem) when it cannot be read or a text file looks
    binary."""
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(f"{path}: not readable ({_reason(error)}); skipped")
        return None
    if path.suffix.lower() not in DOCUMENT_SUFFIXES and is_binary(data):
        problems.append(f"{path}: looks like a binary file, not text; skipped")
        return None
    return data


def read_source(
    path: Path, root: Path, problems: list[str], max_bytes: int | None = None
) -> SourceFile | None:
    """Read, hash, decode and sanitise one file; None (and a problem) when it cannot be used.

    A file larger than ``max_bytes`` is not read at all.
    """
    info = _stat_within_limit(path, problems, max_bytes)
    data = _read_accepted(path, problems) if info is not None else None
    if info is None or data is None:
        return None
    sha256, stamp = hashlib.sha256(data).hexdigest(), stamp_of(info)
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        # Its reader parses it when it is cleaned; here it is only hashed.
        return SourceFile(path=path, text="", sha256=sha256, encoding=suffix[1:], stamp=stamp)
    text, encoding, problem = decode_bytes(data)
    if problem:
        problems.append(f"{path}: {problem}")
    text = sanitise(repair_c1_mojibake(text))
    return SourceFile(path=path, text=text, sha256=sha256, encoding=encoding, stamp=stamp)


def _candidates(root: Path, problems: list[str]) -> tuple[list[Path], Path]:
    """The candidate article files of a corpus and the folder their keys are relative to (no
    files, and a problem, when ``root`` is neither a file nor a folder)."""
    if root.is_file():
        return [root], root.parent
    if root.is_dir():
        return _walk(root, problems), root
    problem = _link_problem(root) if root.is_symlink() else "no such file or folder"
    problems.append(f"{root}: {problem}")
    return [], root


def scan_corpus(root: Path, max_bytes: int | None = None) -> tuple[list[SourceFile], list[str]]:
    """Every article file under ``root`` (or ``root`` itself if a file), decoded and sanitised.

    Returns the sources sorted by their path relative to ``root`` and one-line problems
    (binary, unreadable or too large files, symlink loops, fallback decodings), each naming
    the file. Files over ``max_bytes`` are skipped unread.
    """
    problems: list[str] = []
    paths, base = _candidates(Path(root), problems)
    sources = [source for path in paths if (source := read_source(path, base, problems, max_bytes))]
    sources.sort(key=lambda source: _relative(source.path, base))
    return sources, problems


@dataclass(frozen=True)
class FileHash:
    """A corpus file as a check-only scan sees it."""

    key: str  # its path relative to the corpus, as ``relative_path`` names it
    sha256: str
    stamp: FileStamp


#: Given a file's key and stamp, a sha256 known to be its content's, or None to read it.
KnownHash = Callable[[str, FileStamp], str | None]


def hash_corpus(
    root: Path, max_bytes: int | None = None, known: KnownHash | None = None
) -> tuple[list[FileHash], list[str]]:
    """The files ``scan_corpus`` would give, as keys and sha256s only: the same walk and the same
    skips, but nothing decoded, repaired or sanitised (problems of decoding are not found).

    A file for which ``known`` gives a hash is not read at all (only stat'ed). Keys are
    unsorted.
    """
    problems: list[str] = []
    paths, base = _candidates(Path(root), problems)
    found: list[FileHash] = []
    for path in paths:
        info = _stat_within_limit(path, problems, max_bytes)
        if info is None:
            continue
        key, stamp = _relative(path, base), stamp_of(info)
        sha256 = known(key, stamp) if known is not None else None
        if sha256 is None:
            data = _read_accepted(path, problems)
            if data is None:
                continue
            sha256 = hashlib.sha256(data).hexdigest()
        found.append(FileHash(key, sha256, stamp))
    return found, problems


def relative_path(source: SourceFile, root: Path) -> str:
    """The source's path relative to the corpus root, in posix form (the file name for a file
    root)."""
    root = Path(root)
    base = root.parent if root.is_file() else root
    return _relative(source.path, base)
