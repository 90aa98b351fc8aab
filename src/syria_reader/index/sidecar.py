"""Small JSON caches beside an index (the stat memo, the check stamp): read leniently, written
atomically. They are only caches, so a missing or damaged one reads as nothing and one that
cannot be written is not written."""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from pathlib import Path

from syria_reader import __version__


def read_json(path: Path) -> object:
    """The JSON value in the file at ``path``, or None when it is missing or not JSON."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None


def read_record(
    path: Path, version: int, owner_key: str, owner: str, now_ns: int
) -> tuple[dict[str, object], int] | None:
    """A record ``write_record`` wrote, and when it was recorded; None when the file is
    missing or damaged, of another layout ``version`` or program version, for another
    ``owner``, or recorded after ``now_ns`` (a clock set back, a damaged file: it would vouch
    for changes made since)."""
    data = read_json(path)
    if not isinstance(data, dict):
        return None
    recorded = data.get("recorded_ns")
    if (
        data.get("version") != version
        or data.get("program") != __version__
        or data.get(owner_key) != owner
        or not isinstance(recorded, int)
        or recorded > now_ns
    ):
        return None
    return data, recorded


def write_record(
    path: Path,
    version: int,
    owner_key: str,
    owner: str,
    recorded_ns: int,
    fields: dict[str, object],
) -> None:
    """Write a record that ``read_record`` accepts for this ``version``, program version and
    ``owner`` (stored under ``owner_key``), with ``fields`` beside them (``write_json``)."""
    header: dict[str, object] = {"version": version, "program": __version__, owner_key: owner}
    write_json(path, {**header, "recorded_ns": recorded_ns, **fields})


def write_json(path: Path, data: object) -> None:
    """Write ``data`` as JSON to ``path`` atomically (a temporary file, then ``os.replace``);
    nothing is written when it cannot be."""
    # Named like a build's temporary files, so a build removes one a killed process left.
    temporary = path.with_name(f"{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
