"""Fixtures for the NLP tests: articles built from paragraphs, the gazetteer, and one spaCy
extractor shared by the whole session (loading the model is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest
from nlp_helpers import DEFAULT_MODEL

from syria_reader.nlp.gazetteer import Gazetteer, load_gazetteer


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The shipped gazetteer alone (a user file that does not exist)."""
    return load_gazetteer(user_file=tmp_path_factory.mktemp("nouser") / "gazetteer.toml")


@pytest.fixture(scope="session")
def extractor(gazetteer: Gazetteer):
    """The spaCy extractor with the default pipeline, loaded once per session."""
    from syria_reader.nlp.pipeline import load_extractor

    loaded = load_extractor(DEFAULT_MODEL, gazetteer)
    assert loaded.warning is None, loaded.warning
    return loaded


@pytest.fixture
def user_gazetteer(tmp_path: Path):
    """Write a user gazetteer file and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "gazetteer.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
