"""Fixtures for the reader's tests: apps on prebuilt indexes, a corpus full of markup-like
brackets, and helpers to wait for the panes and read what is on screen.

The seeds are indexed once per session with the real model (``seeds_index`` in the top-level
conftest); small corpora are indexed with the rule-based extractor, which loads no model.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from ui_helpers import MARKUP_CORPUS, RULES

from syria_reader import paths
from syria_reader.config import Settings


@pytest.fixture
def seeds_app(seeds_index_cached: Path) -> Callable[..., object]:
    """Make a ReaderApp on the bundled seeds, whose index is already current."""
    from syria_reader.ui.app import ReaderApp

    def make(settings: Settings | None = None, theme: str | None = None) -> ReaderApp:
        return ReaderApp(paths.bundled_seeds(), settings or Settings(), theme)

    return make


@pytest.fixture(scope="session")
def markup_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The markup corpus and its index file, built once per session with the rules."""
    from syria_reader.index.build import build_index

    root = tmp_path_factory.mktemp("markup")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in MARKUP_CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            folder = root / name.lower()
            folder.mkdir()
            patch.setenv(name, str(folder))
        return corpus, build_index(corpus, RULES).path


@pytest.fixture
def markup_app(markup_index: tuple[Path, Path]) -> Callable[..., object]:
    """Make a ReaderApp on the markup corpus, its index copied into this test's cache dir."""
    from syria_reader.index.build import index_path_for
    from syria_reader.ui.app import ReaderApp

    corpus, index_file = markup_index
    shutil.copyfile(index_file, index_path_for(corpus))

    def make() -> ReaderApp:
        return ReaderApp(corpus, RULES)

    return make


@pytest.fixture
def notifications() -> Callable[[object], list[str]]:
    """Record what an app notifies: ``seen = notifications(app)`` before running it."""

    def record(app) -> list[str]:
        seen: list[str] = []
        original = app.notify

        def notify(message: str, *args: object, **kwargs: object) -> None:
            seen.append(str(message))
            original(message, *args, **kwargs)

        app.notify = notify
        return seen

    return record
