"""The corrections file in the user data dir: read it, add to it, undo and redo, safely.

Every change takes an exclusive lock, reads the file afresh, changes only the tables it must
(with tomlkit, so the user's comments, order and spacing survive) and replaces the file
atomically. Two readers curating at once therefore never lose each other's corrections.
A file that is not valid TOML is never rewritten: the change is refused with the line to fix.
Undo moves the last correction to the ``[[undone]]`` tables at the end; redo moves it back.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Table

from syria_reader.curation.files import corrections_path, load, read_text
from syria_reader.curation.model import Correction
from syria_reader.curation.parse import CORRECTIONS, UNDONE, ParsedFile, parse_corrections

__all__ = ["CorrectionsFile", "CorrectionsFileError", "corrections_path", "load"]

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: changes are not serialised there
    fcntl = None  # type: ignore[assignment]  # no fcntl on Windows: callers test for None

_PREAMBLE = """\
# Corrections to syria-reader's entity index: applied after automatic linking, in order,
# to every corpus (or only to the one a correction names in "corpus"). Keyed by names and
# aliases, so they hold after any rebuild. Edit freely: `syria-reader curate list` reports
# what each one matched and any mistake, by line. Undone corrections wait at the end under
# [[undone]] for `syria-reader curate redo`.
"""


class CorrectionsFileError(Exception):
    """The corrections file cannot be changed (unreadable, or not valid TOML)."""


class CorrectionsFile:
    """The corrections file, for changes."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or corrections_path()

    def load(self) -> ParsedFile:
        """The corrections as the file says now."""
        return load(self.path)

    def add(self, correction: Correction) -> ParsedFile:
        """Append a correction (a new change empties the redo list) and return the new state."""
        with self._editing() as document:
            _array(document, CORRECTIONS).append(_table(correction.to_toml()))
            if UNDONE in document:
                del document[UNDONE]
        return self.load()

    def undo(self) -> Correction | None:
        """Move the last correction to the undone list; returns it, or None if there is none."""
        return self._move(CORRECTIONS, UNDONE)

    def redo(self) -> Correction | None:
        """Move the last undone correction back to the end of the corrections; None if none."""
        return self._move(UNDONE, CORRECTIONS)

    def _move(self, source: str, target: str) -> Correction | None:
        with self._editing() as document:
            tables = document.get(source)
            if not isinstance(tables, AoT) or not len(tables):
                return None
            moved = tables[-1]
            moved_text = tomlkit.dumps({source: [moved]})
            del tables[-1]
            if not len(tables):
                del document[source]
            _array(document, target).append(moved)
        parsed = parse_corrections(moved_text)
        entries = parsed.corrections if source == CORRECTIONS else parsed.undone
        return entries[0] if entries else None

    @contextlib.contextmanager
    def _editing(self) -> Iterator[tomlkit.TOMLDocument]:
        """The file's document under the lock, written back atomically if the block succeeds."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(self.path.with_name(self.path.name + ".lock")):
            text = read_text(self.path)
            parsed = parse_corrections(text)
            if not parsed.readable:
                first = next((p for p in parsed.problems if "not valid TOML" in p.message), None)
                where = f" at {first}" if first else ""
                raise CorrectionsFileError(
                    f"{self.path}: not valid TOML{where}; "
                    "fix it by hand first (nothing was changed)"
                )
            try:
                document = tomlkit.parse(text) if text.strip() else tomlkit.parse(_PREAMBLE)
            except TOMLKitError as error:
                raise CorrectionsFileError(f"{self.path}: {error}; nothing was changed") from error
            for name in (CORRECTIONS, UNDONE):
                if name in document and not isinstance(document[name], AoT):
                    raise CorrectionsFileError(
                        f"{self.path}: {name} must be written as [[{name}]] tables; "
                        "fix it by hand first (nothing was changed)"
                    )
            yield document
            _write_atomically(self.path, tomlkit.dumps(document))


def _array(document: tomlkit.TOMLDocument, name: str) -> AoT:
    if name not in document:
        document.append(name, tomlkit.aot())
    tables = document[name]
    assert isinstance(tables, AoT)
    return tables


def _table(data: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for key, value in data.items():
        if key == "mentions":
            array = tomlkit.array()
            for item in value:
                inline = tomlkit.inline_table()
                inline.update(item)
                array.append(inline)
            if len(value) > 1:
                array.multiline(True)
            table.add(key, array)
        else:
            table.add(key, value)
    table.add(tomlkit.nl())
    return table


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
