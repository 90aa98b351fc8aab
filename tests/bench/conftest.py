"""The benchmark lives in ``bench/`` at the repository's root: make it importable here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from syria_reader.config import config_file

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


@pytest.fixture
def two_articles(write_corpus) -> Path:
    """A corpus of two short articles naming Lavrov, indexed with the rule-based extractor."""
    corpus = write_corpus(
        {
            "a.txt": "Talks in Geneva\n\nSergei Lavrov met John Kerry in Geneva on Monday.\n",
            "b.txt": "Aid reaches Aleppo\n\nA convoy reached Aleppo on 3 May, Lavrov said.\n",
        }
    )
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text('model = "no-such-model"\n', encoding="utf-8")
    return corpus
