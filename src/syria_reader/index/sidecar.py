"""Small JSON caches beside an index (the stat memo, the check stamp): read leniently, written
atomically. They are only caches, so a missing or damaged one reads as nothing and one that
cannot be written is not written."""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from pathlib import Path


def read_json(path: Path) -> object:
    """The JSON value in the file at ``path``, or None when it is missing or not JSON."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None


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
