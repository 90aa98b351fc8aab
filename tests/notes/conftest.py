"""Fixtures for the notes tests."""

from __future__ import annotations

import pytest
from notes_testkit import PARAGRAPHS, build_article

from syria_reader.models import Article


@pytest.fixture
def article() -> Article:
    """The test article, unedited."""
    return build_article(PARAGRAPHS)
