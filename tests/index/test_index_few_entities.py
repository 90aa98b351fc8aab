"""An article's entities and a short list read their own aliases and details, not the tables
of every entity (which a corpus of 50,000 articles takes most of a second to load), and give
the same rows as the whole tables do."""

from __future__ import annotations

from pathlib import Path

import pytest

from syria_reader.index.build import build_index
from syria_reader.index.query import Index

ARTICLES = {
    "a.txt": (
        "Talks in Geneva\n\n"
        "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in "
        "Geneva. Lavrov said Daesh fighters were not covered by the truce. Kerry agreed.\n"
    ),
    "b.txt": (
        "Raqqa\n\n"
        "The Islamic State group still holds Raqqa. ISIS shelling delayed a convoy near Aleppo, "
        "the United Nations said. Lavrov spoke to reporters in Moscow.\n"
    ),
}


@pytest.fixture
def index_path(write_corpus, rules_settings) -> Path:
    return build_index(write_corpus(dict(ARTICLES)), rules_settings).path


def test_article_entities_read_only_their_own_rows(index_path: Path) -> None:
    with Index(index_path) as whole:
        every = {entity.id: entity for entity in whole.entities()}
    # The test means something only if some entity has aliases or gazetteer spellings.
    assert any(e.aliases for e in every.values()) and any(e.known_as for e in every.values())
    with Index(index_path) as index:
        for article in index.articles():
            here = index.article_entities(article.id)
            assert here
            assert all(entity == every[entity.id] for entity, _ in here)
        busiest = index.entities(limit=3)
        assert busiest == list(every.values())[:3]
        # Neither table of every entity was loaded.
        assert index._aliases is None and index._details is None


def test_the_lookup_still_finds_names_the_text_never_uses(index_path: Path) -> None:
    with Index(index_path) as index:
        index.article_entities(index.articles()[0].id)
        spelled = next(e for e in index.entities() if e.known_as)
        found = index.find_entities(spelled.known_as[0], limit=3)
        assert found and found[0].entity == spelled
