"""Fixtures for the curation tests: a hand-made index and the corrections file beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from syria_reader.curation.files import corrections_path
from syria_reader.curation.store import CorrectionsFile

from .curation_kit import ARTICLES, ENTITIES, build_hand_index


@pytest.fixture
def corrections() -> CorrectionsFile:
    """The corrections file in this test's (isolated) user data dir."""
    return CorrectionsFile(corrections_path())


@pytest.fixture
def hand_index(tmp_path: Path) -> Path:
    """A hand-made index of two articles; the bare "Lavrov" in a2 was not tagged."""
    text = ARTICLES["a2"]
    missed = text.index("Lavrov")
    return build_hand_index(
        tmp_path / "hand.sqlite3", ARTICLES, ENTITIES, untagged={("a2", missed)}
    )
