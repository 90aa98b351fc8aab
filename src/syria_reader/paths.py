"""Where syria-reader keeps things: the user's cache, data and config dirs, and bundled files.

The directories come from platformdirs, so the XDG variables move them on Linux.
Nothing is ever written into the package or into a corpus folder.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from platformdirs import user_cache_path, user_config_path, user_data_path

APP_NAME = "syria-reader"
_PACKAGE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """The disposable cache (entity indexes); created on first use if it can be. One that
    cannot be created fails only where an index must be written, with a clear message."""
    path = user_cache_path(APP_NAME, appauthor=False)
    with contextlib.suppress(OSError):
        path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """The precious user data (notes, bookmarks, reading state); created on first use."""
    path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """The user's settings, themes and gazetteer additions (not created: read only)."""
    return user_config_path(APP_NAME, appauthor=False)


def _bundled(name: str) -> Path:
    """A folder shipped with the package: inside the wheel, or at the repository root."""
    installed = _PACKAGE_DIR / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent.parent / name


def bundled_seeds() -> Path:
    """The bundled corpus of five seed files."""
    return _bundled("seeds")


def bundled_themes() -> Path:
    """The folder of bundled theme files."""
    return _bundled("themes")
