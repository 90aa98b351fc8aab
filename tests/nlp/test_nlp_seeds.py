"""The done-when figures on the bundled seeds (the same pipeline as any corpus; nothing keys on
them)."""

from __future__ import annotations

import re

import pytest

from syria_reader import paths
from syria_reader.models import BODY_KINDS
from syria_reader.nlp.gazetteer import Gazetteer
from syria_reader.nlp.linking import LinkResult, link


@pytest.fixture(scope="module")
def seeds(extractor, gazetteer: Gazetteer):
    from syria_reader.corpus.load import load_corpus

    articles = load_corpus(paths.bundled_seeds()).articles
    analyses = list(extractor.analyse(articles))
    return articles, link(articles, analyses, gazetteer)


def occurrences(articles, pattern: str, kinds=BODY_KINDS | {"caption", "pullquote"}):
    """(article id, start) of every match of ``pattern`` outside reader comments."""
    found = []
    for article in articles:
        for block in article.blocks:
            if block.kind in kinds:
                for match in re.finditer(pattern, article.text[block.start : block.end]):
                    found.append((article.id, block.start + match.start()))
    return found


def covered(result: LinkResult, entity_id: str) -> set[tuple[str, int]]:
    spots = set()
    for lm in result.mentions:
        if lm.entity_id == entity_id:
            spots.update((lm.article_id, i) for i in range(lm.mention.start, lm.mention.end))
    return spots


def test_lavrov(seeds) -> None:
    articles, result = seeds
    lavrov = [lm for lm in result.mentions if "Lavrov" in lm.mention.text]
    assert {lm.entity_id for lm in lavrov} == {"person:sergei-lavrov"}
    body = [lm for lm in lavrov if not lm.mention.in_aside]
    assert len(body) == 6 and len({lm.article_id for lm in body}) == 2
    assert (
        next(e for e in result.entities if e.id == "person:sergei-lavrov").name == "Sergei Lavrov"
    )
    assert set(occurrences(articles, r"Lavrov")) <= covered(result, "person:sergei-lavrov")


def test_daesh_is_islamic_state_everywhere(seeds) -> None:
    articles, result = seeds
    entity = next(e for e in result.entities if e.id == "org:islamic-state")
    assert entity.name == "Islamic State" and {"Daesh", "ISIS", "ISIL", "IS"} <= set(entity.aliases)
    spots = occurrences(articles, r"(?<![\w])(?:ISIS|ISIL|IS|Daesh|Islamic State)(?![\w])")
    assert len(spots) > 40
    assert set(spots) <= covered(result, "org:islamic-state")


def test_assad_is_bashar_al_assad(seeds) -> None:
    articles, result = seeds
    assert {lm.entity_id for lm in result.mentions if "Assad" in lm.mention.text} == {
        "person:bashar-al-assad"
    }
    assert (
        next(e for e in result.entities if e.id == "person:bashar-al-assad").name
        == "Bashar al-Assad"
    )
    assert set(occurrences(articles, r"Assad")) <= covered(result, "person:bashar-al-assad")


def test_kinds_and_no_junk(seeds) -> None:
    articles, result = seeds
    kinds = {e.name: e.kind for e in result.entities}
    assert (
        kinds["Aleppo"] == "GPE"
        and kinds["Sergei Lavrov"] == "PERSON"
        and kinds["Islamic State"] == "ORG"
    )
    headings = {
        a.text[b.start : b.end].strip()
        for a in articles
        for b in a.blocks
        if b.kind in {"title", "heading"}
    }
    for e in result.entities:
        assert e.name not in {"sia", "Bolstered", "Legal Disclaimer", "Damas", "Rus"}
        assert (
            e.name not in headings
            and len([w for w in e.name.split() if w not in {"of", "the", "for"}]) <= 6
        )
        assert e.name[:1].isupper() or e.name.startswith(("al-", "el-"))
