"""The reader's small remembered state (theme, article sort) in ``ui-state.json``.

Kept in the user data dir, written atomically (temporary file + rename) so a crash never
leaves half a file; an unreadable file is treated as empty, never as an error. The user's
``config.toml`` is never written.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from syria_reader import paths

STATE_FILE = "ui-state.json"


@dataclass
class UiState:
    """What the reader remembers between runs."""

    theme: str | None = None  # the theme last chosen inside the reader
    config_theme: str | None = None  # the config's theme when that choice was made
    sort: str | None = None  # the article list's sort order


def state_path() -> Path:
    """Where the state file lives."""
    return paths.data_dir() / STATE_FILE


def load_state(path: Path | None = None) -> UiState:
    """The remembered state; defaults when the file is missing or unreadable."""
    path = path or state_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return UiState()
    if not isinstance(data, dict):
        return UiState()
    state = UiState()
    for key in ("theme", "config_theme", "sort"):
        value = data.get(key)
        if isinstance(value, str):
            setattr(state, key, value)
    return state


def save_state(state: UiState, path: Path | None = None) -> None:
    """Write the state atomically; failures are swallowed (losing a theme choice is harmless)."""
    path = path or state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".ui-state-", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(asdict(state), stream, indent=2)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)


def choose_theme(
    override: str | None, state: UiState, config_theme: str | None, default: str
) -> str:
    """The theme to open with: ``--theme``, else the one last chosen in the reader (unless the
    config's theme has been changed since), else the config's, else the default."""
    if override:
        return override
    if state.theme and state.config_theme == config_theme:
        return state.theme
    if config_theme:
        return config_theme
    return state.theme or default
