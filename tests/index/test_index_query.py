"""The query module over an index written from data built here (no NLP involved)."""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

import pytest

from syria_reader.index.codec import analysis_to_blob, article_content_hash
from syria_reader.index.query import Index, IndexUnavailable, plain_fts_query
from syria_reader.index.schema import SCHEMA_VERSION
from syria_reader.index.writer import FileRecord, IndexedArticle, write_index
from syria_reader.models import (
    Analysis,
    Article,
    Block,
    DateRef,
    Entity,
    Figure,
    LinkedMention,
    RawMention,
)

DOCS = {
    "talks": (
        "Lavrov and Kerry meet",
        [
            ("title", "Lavrov and Kerry meet"),
            (
                "paragraph",
                "Sergei Lavrov met John Kerry in Geneva on Friday. Lavrov said Daesh must be "
                "defeated.",
            ),
            ("caption", "Lavrov arrives in Geneva."),
            (
                "paragraph",
                "Kerry said 2,000 ISIS fighters remain near Raqqa. The text says [bold] literally.",
            ),
        ],
    ),
    "south": (
        "Hezbollah fighters in Qusayr",
        [
            ("title", "Hezbollah fighters in Qusayr"),
            (
                "paragraph",
                "Hizbullah units backed Bashar al-Assad near Qusayr. Assad thanked them.",
            ),
            (
                "paragraph",
                "His father Hafez al-Assad ruled until 2000. Nearly 80% of the town was destroyed.",
            ),
        ],
    ),
}

ENTITIES = [
    Entity("person:sergei-lavrov", "Sergei Lavrov", "PERSON", ["Lavrov"]),
    Entity("person:john-kerry", "John Kerry", "PERSON", ["Kerry"]),
    Entity("org:islamic-state", "Islamic State", "ORG", ["Daesh", "ISIS"]),
    Entity("org:hezbollah", "Hezbollah", "ORG", ["Hizbullah"]),
    Entity("person:bashar-al-assad", "Bashar al-Assad", "PERSON", ["Assad"]),
    Entity("person:hafez-al-assad", "Hafez al-Assad", "PERSON", []),
    Entity("gpe:geneva", "Geneva", "GPE", []),
    Entity("gpe:raqqa", "Raqqa", "GPE", []),
    Entity("gpe:qusayr", "Qusayr", "GPE", []),
]
# Surface form -> entity; every occurrence in the texts is a mention.
SURFACES = {
    "Sergei Lavrov": "person:sergei-lavrov",
    "Lavrov": "person:sergei-lavrov",
    "John Kerry": "person:john-kerry",
    "Kerry": "person:john-kerry",
    "Daesh": "org:islamic-state",
    "ISIS": "org:islamic-state",
    "Hezbollah": "org:hezbollah",
    "Hizbullah": "org:hezbollah",
    "Bashar al-Assad": "person:bashar-al-assad",
    "Assad": "person:bashar-al-assad",
    "Hafez al-Assad": "person:hafez-al-assad",
    "Geneva": "gpe:geneva",
    "Raqqa": "gpe:raqqa",
    "Qusayr": "gpe:qusayr",
}


def _article(article_id: str, title: str, blocks: list[tuple[str, str]]) -> Article:
    text, spans, at = "", [], 0
    for kind, content in blocks:
        if text:
            text += "\n\n"
            at += 2
        spans.append(Block(kind, at, at + len(content)))
        text += content
        at += len(content)
    return Article(
        article_id,
        title,
        "Test Wire",
        None,
        "2016-03-04",
        f"{article_id}.txt",
        text,
        tuple(spans),
        "0" * 64,
    )


def _sentences(article: Article) -> list[tuple[int, int]]:
    spans = []
    for block in article.blocks:
        start = block.start
        for piece in article.block_text(block).split(". "):
            end = min(start + len(piece) + 1, block.end)
            spans.append((start, end))
            start = end + 1
    return spans


def _analyse(article: Article) -> tuple[Analysis, list[LinkedMention]]:
    sentences = _sentences(article)
    kinds = {e.id: e.kind for e in ENTITIES}
    taken: list[tuple[int, int]] = []
    linked = []
    for surface in sorted(SURFACES, key=len, reverse=True):
        for match in re.finditer(rf"\b{re.escape(surface)}\b", article.text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            sentence = next((s, e) for s, e in sentences if s <= start < e)
            aside = any(b.kind == "caption" and b.start <= start < b.end for b in article.blocks)
            mention = RawMention(
                start, end, surface, kinds[SURFACES[surface]], *sentence, in_aside=aside
            )
            linked.append(LinkedMention(article.id, mention, SURFACES[surface]))
    dates = [
        DateRef(m.start(), m.end(), m.group(), m.group(), "year")
        for m in re.finditer(r"\b2000\b", article.text)
    ]
    dates += [
        DateRef(m.start(), m.end(), m.group(), "2016-02-26", "day")
        for m in re.finditer("Friday", article.text)
    ]
    figures = [
        Figure(m.start(), m.end(), m.group(), 2000.0, "fighters", None)
        for m in re.finditer("2,000 ISIS fighters", article.text)
    ] + [
        Figure(m.start(), m.end(), m.group(), 80.0, "%", "nearly")
        for m in re.finditer("Nearly 80%", article.text)
    ]
    analysis = Analysis(
        article.id,
        tuple(sorted((one.mention for one in linked), key=lambda m: m.start)),
        tuple(sorted(dates, key=lambda d: d.start)),
        tuple(figures),
        tuple(sentences),
        "test",
    )
    return analysis, linked


@pytest.fixture
def handmade(tmp_path: Path) -> tuple[Path, dict[str, Article]]:
    articles = {aid: _article(aid, title, blocks) for aid, (title, blocks) in DOCS.items()}
    items, mentions = [], []
    for article in articles.values():
        analysis, linked = _analyse(article)
        mentions += linked
        items.append(
            IndexedArticle(
                article,
                0,
                article_content_hash(article),
                analysis,
                "k-" + article.id,
                analysis_to_blob(analysis),
            )
        )
    path = tmp_path / "handmade.sqlite3"
    write_index(
        path,
        meta={
            "schema_version": SCHEMA_VERSION,
            "extractor": "test",
            "pipeline_version": "t",
            "corpus": "/c",
            "built_at": "now",
        },
        files=[FileRecord(a.path, a.sha256, "k") for a in articles.values()],
        items=items,
        entities=ENTITIES,
        mentions=mentions,
        problems=["x.txt: skipped, binary"],
    )
    return path, articles


@pytest.fixture
def index(handmade):
    with Index(handmade[0]) as opened:
        yield opened


def test_info_articles_and_article_round_trip(index, handmade):
    info = index.info()
    assert (info.articles, info.extractor, info.problems) == (
        2,
        "test",
        ("x.txt: skipped, binary",),
    )
    assert [a.id for a in index.articles()] == ["talks", "south"]
    for article in handmade[1].values():
        assert index.article(article.id) == article
    assert index.article("nope") is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("lavorv", "Sergei Lavrov"),
        ("LAVROV", "Sergei Lavrov"),
        ("daesh", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("isis", "Islamic State"),
        ("hizb", "Hezbollah"),
        ("hezbolah", "Hezbollah"),
        ("assad", "Bashar al-Assad"),
        ("bashar assad", "Bashar al-Assad"),
        ("kery", "John Kerry"),
        ("gen", "Geneva"),
        ("raqa", "Raqqa"),
    ],
)
def test_find_entities_forgives_typos_case_and_partial_names(index, typed, expected):
    matches = index.find_entities(typed)
    assert matches, typed
    assert matches[0].entity.name == expected


def test_find_entities_ranks_prefix_and_busier_entities_first(index):
    matches = index.find_entities("assad")
    assert [m.entity.name for m in matches[:2]] == ["Bashar al-Assad", "Hafez al-Assad"]
    assert (matches[0].matched, matches[0].score) == ("Assad", 100.0)  # an alias, exactly
    assert matches[1].score == 97.0  # a whole word of the name
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert index.find_entities("gene")[0].entity.name == "Geneva"  # prefix


@pytest.mark.parametrize("typed", ["xqzv", "", "   ", "!!!"])
def test_find_entities_finds_nothing_for_nonsense(index, typed):
    assert index.find_entities(typed) == []


def test_entities_busiest_first_with_counts_and_aliases(index):
    entities = index.entities()
    assert [e.mentions for e in entities] == sorted((e.mentions for e in entities), reverse=True)
    lavrov = index.entity("person:sergei-lavrov")
    assert (lavrov.name, lavrov.aliases, lavrov.mentions, lavrov.articles) == (
        "Sergei Lavrov",
        ("Lavrov",),
        4,
        1,
    )
    assert lavrov.to_json() == {
        "id": "person:sergei-lavrov",
        "name": "Sergei Lavrov",
        "type": "PERSON",
        "aliases": ["Lavrov"],
        "known_as": [],
        "roles": [],
        "mentions": 4,
        "articles": 1,
    }
    assert {e.kind for e in index.entities("gpe")} == {"GPE"}
    assert index.entity("nope") is None


def test_mentions_of_in_corpus_order_with_sentences_and_asides(index, handmade):
    article = handmade[1]["talks"]
    everything = index.mentions_of("person:sergei-lavrov")
    body = index.mentions_of("person:sergei-lavrov", include_asides=False)
    assert [m.in_aside for m in everything] == [False, False, False, True]
    assert [m.text for m in body] == ["Lavrov", "Sergei Lavrov", "Lavrov"]
    for m in everything:
        assert article.text[m.start : m.end] == m.text
        assert article.text[m.context_start : m.context_start + len(m.context)] == m.context
        assert m.context_start <= m.start < m.end <= m.context_start + len(m.context)
    assert body[1].context.startswith("Sergei Lavrov met John Kerry")
    assert set(body[0].to_json()) == {"article", "title", "start", "end", "text", "context"}
    assert [m.article_id for m in index.mentions_of("org:hezbollah")] == ["south", "south"]


def test_article_entities_and_mentions(index):
    counts = {e.name: n for e, n in index.article_entities("south")}
    assert (
        counts["Hezbollah"] == 2
        and counts["Bashar al-Assad"] == 2
        and "Sergei Lavrov" not in counts
    )
    starts = [m.start for m in index.article_mentions("south")]
    assert starts == sorted(starts) and len(starts) == sum(counts.values())


def test_dates_and_figures(index):
    dates = index.dates()
    assert [(d.article_id, d.text, d.iso) for d in dates] == [
        ("talks", "Friday", "2016-02-26"),
        ("south", "2000", "2000"),
    ]
    assert set(dates[0].to_json()) == {
        "article",
        "title",
        "start",
        "end",
        "text",
        "iso",
        "iso_end",
        "precision",
        "sentence",
    }
    assert index.dates("south") == dates[1:]
    figures = index.figures()
    assert [(f.text, f.value, f.unit, f.qualifier) for f in figures] == [
        ("2,000 ISIS fighters", 2000.0, "fighters", None),
        ("Nearly 80%", 80.0, "%", "nearly"),
    ]
    assert set(figures[0].to_json()) == {
        "article",
        "title",
        "start",
        "end",
        "text",
        "value",
        "value_end",
        "unit",
        "qualifier",
        "sentence",
    }


def test_search_gives_plain_snippets_with_offsets(index, handmade):
    hits = index.search("defeated")
    assert [h.article_id for h in hits] == ["talks"]
    hit = hits[0]
    text = handmade[1]["talks"].text
    assert text[hit.start : hit.end] == "defeated"
    s, e = hit.match
    assert hit.snippet[s:e] == "defeated"
    assert "\n" not in hit.snippet and "\x01" not in hit.snippet and "\x02" not in hit.snippet
    assert set(hit.to_json()) == {"article", "title", "snippet", "start", "end", "match"}


def test_search_matches_inflections_and_fts_syntax(index):
    assert [h.article_id for h in index.search("defeat")] == ["talks"]  # stemmed
    assert {h.article_id for h in index.search("Qusayr OR Geneva")} == {"south", "talks"}
    assert [h.article_id for h in index.search('"Hafez al-Assad"')] == ["south"]
    assert [h.article_id for h in index.search("Hafe*")] == ["south"]


@pytest.mark.parametrize(
    "query", ['"', "AND", "*", "[bold]", "al-Assad", "(", "NOT", "a:b", "C++", "''", "\x1b[31m"]
)
def test_search_with_odd_input_never_fails(index, query):
    hits = index.search(query)
    for hit in hits:
        assert "\x1b" not in hit.snippet


def test_search_odd_input_is_read_as_plain_words(index):
    assert [h.article_id for h in index.search("[bold]")] == ["talks"]
    assert [h.article_id for h in index.search("al-Assad")] == ["south"]
    assert index.search('"') == [] and index.search("*") == []
    assert plain_fts_query('say "hi" *') == '"say" """hi"""'


def test_search_limit(index):
    assert len(index.search("the", limit=1)) == 1


def test_index_is_read_only_and_shareable_between_threads(index):
    with pytest.raises(sqlite3.OperationalError):
        index._db.execute("DELETE FROM articles")
    found: list[int] = []
    worker = threading.Thread(target=lambda: found.append(len(index.entities())))
    worker.start()
    worker.join()
    assert found == [len(ENTITIES)]


def test_missing_or_foreign_files_are_refused(tmp_path):
    with pytest.raises(IndexUnavailable):
        Index(tmp_path / "none.sqlite3")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(IndexUnavailable):
        Index(junk)
    other = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    connection.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    connection.commit()
    connection.close()
    with pytest.raises(IndexUnavailable, match="format"):
        Index(other)
