"""The paged mention list: the same rows as grouping every mention, read a screenful at a time."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from syria_reader.index import pages_layout
from syria_reader.index.codec import analysis_to_blob, article_content_hash
from syria_reader.index.grouping import SentenceMentions, group_by_sentence
from syria_reader.index.mention_list import ArticleHeading, MentionList
from syria_reader.index.query import Index
from syria_reader.index.schema import SCHEMA_VERSION
from syria_reader.index.writer import FileRecord, IndexedArticle, write_index
from syria_reader.models import Analysis, Article, Block, Entity, LinkedMention, RawMention

NAMES = {"person:sergei-lavrov": "Lavrov", "gpe:aleppo": "Aleppo"}


def _corpus(seed: int, count: int) -> tuple[list[IndexedArticle], list[LinkedMention]]:
    """``count`` articles of sentences naming Lavrov and Aleppo 0 to 3 times each."""
    rng = random.Random(seed)
    items, linked = [], []
    for number in range(count):
        sentences, spans, mentions = [], [], []
        offset = 0
        for _ in range(rng.randint(1, 5)):
            words = []
            for _ in range(rng.randint(3, 9)):
                words.append(rng.choice(["Lavrov", "Aleppo", "talks", "said", "the", "city"]))
            sentence = " ".join(words) + "."
            start = offset
            for word_start, word in _words(sentence):
                for entity, name in NAMES.items():
                    if word == name:
                        s = start + word_start
                        raw = RawMention(
                            s, s + len(name), name, "PERSON", start, start + len(sentence)
                        )
                        mentions.append(raw)
                        linked.append(LinkedMention(f"a{number:03d}", raw, entity))
            sentences.append(sentence)
            spans.append((start, start + len(sentence)))
            offset += len(sentence) + 1
        text = " ".join(sentences)
        article = Article(
            f"a{number:03d}",
            f"Article {number}",
            None,
            None,
            None,
            f"a{number:03d}.txt",
            text,
            (Block("paragraph", 0, len(text)),),
            "0" * 64,
        )
        analysis = Analysis(article.id, tuple(mentions), (), (), tuple(spans), "test")
        items.append(
            IndexedArticle(
                article,
                0,
                article_content_hash(article),
                analysis,
                None,
                analysis_to_blob(analysis),
            )
        )
    return items, linked


def _words(sentence: str) -> list[tuple[int, str]]:
    out, position = [], 0
    for word in sentence.rstrip(".").split(" "):
        out.append((position, word))
        position += len(word) + 1
    return out


def _build(path: Path, seed: int, count: int) -> Path:
    items, linked = _corpus(seed, count)
    write_index(
        path,
        meta={"schema_version": SCHEMA_VERSION, "extractor": "test", "pipeline_version": "t"},
        files=[FileRecord(i.article.path, "0", "k") for i in items],
        items=items,
        entities=[Entity(e, n, "PERSON") for e, n in NAMES.items()],
        mentions=linked,
        problems=[],
    )
    return path


def _expected(index: Index, entity_id: str) -> list[object]:
    """The rows built the simple way: every mention, grouped, headings between articles."""
    rows: list[object] = []
    groups = group_by_sentence(index.mentions_of(entity_id))
    previous = None
    for group in groups:
        if group.article_id != previous:
            count = sum(len(g.mentions) for g in groups if g.article_id == group.article_id)
            rows.append(("heading", group.article_id, count, group.first_row))
            previous = group.article_id
        rows.append(("sentence", group.first_row, tuple(m.start for m in group.mentions)))
    return rows


def _as_tuples(rows) -> list[object]:
    out: list[object] = []
    for row in rows:
        if isinstance(row, ArticleHeading):
            out.append(("heading", row.article_id, row.mentions, row.first_position))
        else:
            out.append(("sentence", row.first_row, tuple(m.start for m in row.mentions)))
    return out


@pytest.mark.parametrize("paged_from", [1, 10_000])  # every list laid out in the index, or none
def test_pages_give_the_rows_of_the_whole_grouped_list(tmp_path, monkeypatch, paged_from) -> None:
    monkeypatch.setattr(pages_layout, "PAGED_MENTIONS", paged_from)
    with Index(_build(tmp_path / "i.sqlite3", seed=3, count=40)) as index:
        for entity_id in NAMES:
            expected = _expected(index, entity_id)
            pages = index.mention_list(entity_id)
            assert isinstance(pages, MentionList)
            assert pages.paged is (paged_from == 1)
            assert pages.row_count == len(expected)
            assert pages.mention_count == len(index.mentions_of(entity_id))
            # Read in screenfuls of odd sizes, from the end backwards too: the same rows.
            for size in (1, 7, 23):
                forward = []
                for start in range(0, pages.row_count, size):
                    forward += _as_tuples(pages.rows(start, start + size))
                assert forward == expected
            assert (
                _as_tuples(pages.rows(pages.row_count - 5, pages.row_count + 10)) == expected[-5:]
            )
            assert pages.rows(pages.row_count, pages.row_count + 3) == []


@pytest.mark.parametrize("paged_from", [1, 10_000])
def test_positions_rows_and_article_steps(tmp_path, monkeypatch, paged_from) -> None:
    monkeypatch.setattr(pages_layout, "PAGED_MENTIONS", paged_from)
    with Index(_build(tmp_path / "i.sqlite3", seed=5, count=25)) as index:
        pages = index.mention_list("person:sergei-lavrov")
        assert pages is not None
        everything = pages.rows(0, pages.row_count)
        for position, mention in enumerate(index.mentions_of("person:sergei-lavrov")):
            row = everything[pages.row_of_position(position)]
            assert isinstance(row, SentenceMentions)
            assert (mention.article_id, mention.start) in {
                (m.article_id, m.start) for m in row.mentions
            }
        headings = [i for i, r in enumerate(everything) if isinstance(r, ArticleHeading)]
        assert pages.article_row(headings[0] + 1, +1) == headings[1] + 1
        assert pages.article_row(headings[1] + 1, -1) == headings[0] + 1
        assert pages.article_row(headings[-1] + 1, +1) is None
        assert pages.article_row(1, -1) is None
        assert index.mention_list("person:nobody") is None
