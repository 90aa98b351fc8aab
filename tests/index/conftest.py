"""Fixtures for the index tests: small corpora written here, built with the rule-based extractor.

``Settings(model="no-such-model")`` makes the pipeline fall back to its rules (no model is
loaded), which keeps these tests fast; the real model is used only on the seeds, once per
session (``seeds_index`` in the top-level conftest).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from syria_reader.config import Settings

ARTICLES = {
    "wires/geneva-talks.txt": (
        "Ministers meet in Geneva over the Syrian ceasefire\n\n"
        "GENEVA, March 3 2016 - Foreign ministers from Russia and the United States met in Geneva "
        "on Thursday to shore up the ceasefire in Syria. Daesh fighters were not covered by the "
        "truce, "
        "officials said.\n\n"
        "The Islamic State group still holds Raqqa, and nearly 1,000 air strikes hit its positions "
        "last month, according to the Pentagon.\n"
    ),
    "wires/aleppo-aid.txt": (
        "Aid convoy reaches eastern Aleppo\n\n"
        "ALEPPO, Syria, April 12 2016 - A United Nations convoy of 40 trucks reached eastern "
        "Aleppo "
        "on Tuesday, the first in three months. More than 250,000 people are trapped in the "
        "city.\n\n"
        "The Syrian Red Crescent said ISIS shelling had delayed the convoy for two days.\n"
    ),
    "notes/turkey-border.md": (
        "# Turkey shuts a border crossing\n\n"
        "ANKARA, May 2 2016 - Turkey closed the Oncupinar crossing on Monday after shelling near "
        "Kilis. "
        "About 4,000 refugees waited on the Syrian side.\n"
    ),
}


@pytest.fixture
def rules_settings() -> Settings:
    """Settings naming a model that is not installed: the rule-based extractor is used."""
    return Settings(model="no-such-model")


@pytest.fixture
def small_corpus(write_corpus) -> Path:
    """A corpus of three short articles in two folders, written for these tests."""
    return write_corpus(dict(ARTICLES))
