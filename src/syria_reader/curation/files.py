"""Where the corrections file is, and reading it: cheap, and without the TOML writer.

The index reads corrections through here on every start, so this module stays light; edits
go through ``curation.store``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from syria_reader import paths
from syria_reader.curation.parse import ParsedFile, parse_corrections

FILE_NAME = "corrections.toml"


def corrections_path() -> Path:
    """Where the user's corrections are kept."""
    return paths.data_dir() / FILE_NAME


def fingerprint(path: Path | None = None) -> str:
    """A hash of the corrections file as it is now ("none" when there is none)."""
    target = path or corrections_path()
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return "none"
    return hashlib.sha256(data).hexdigest()[:16]


def read_text(path: Path) -> str:
    """The file's text ('' when it does not exist); undecodable bytes become U+FFFD."""
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def load(path: Path | None = None) -> ParsedFile:
    """The corrections as the file says now, with its problems."""
    return parse_corrections(read_text(path or corrections_path()))
