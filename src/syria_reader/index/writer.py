"""Write a complete index file from loaded articles, their analyses and the linker's result.

The writer only ever creates a fresh file (the builder gives it a temporary path and moves
the finished file into place), so it needs no migrations and no journal.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from syria_reader.index import derived, schema
from syria_reader.index.codec import (
    EVIDENCE_DICTIONARY,
    TEXT_DICTIONARY,
    blocks_to_json,
    json_dictionary,
    pack_json,
    pack_text,
    provenance_to_json,
    register_functions,
    score_to_int,
    text_dictionary,
)
from syria_reader.index.pages_layout import mention_pages
from syria_reader.models import Analysis, Article, Entity, LinkedMention
from syria_reader.nlp.quotes import NameSpan


@dataclass(frozen=True)
class IndexedArticle:
    """An article ready to be written, with its analysis and the cache entry it came from."""

    article: Article
    position: int  # its place in its source file
    content_hash: str
    analysis: Analysis
    cache_key: str | None  # None: not cached (the extractor gave nothing for it)
    blob: bytes  # the analysis, encoded for the cache


@dataclass(frozen=True)
class FileRecord:
    """A source file the index was built from."""

    path: str
    sha256: str
    load_key: str
    problems: tuple[str, ...] = ()  # what cleaning it reported, kept for the next build


@dataclass(frozen=True)
class WriteSummary:
    """What went into the file."""

    articles: int
    entities: int
    mentions: int
    dates: int
    figures: int
    quotes: int
    dropped_mentions: int  # linked mentions naming an unknown article or entity, or out of range


def write_index(
    path: Path,
    *,
    meta: dict[str, str],
    files: Sequence[FileRecord],
    items: Sequence[IndexedArticle],
    entities: Iterable[Entity],
    mentions: Iterable[LinkedMention],
    problems: Sequence[str],
) -> WriteSummary:
    """Create the index file at ``path`` (which must not exist) and fsync it."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN")
        schema.create_tables(connection)
        summary = _fill(connection, meta, files, items, list(entities), list(mentions), problems)
        schema.create_indexes(connection)
        connection.execute("COMMIT")
    finally:
        connection.close()
    _fsync(path)
    return summary


def _fill(
    db: sqlite3.Connection,
    meta: dict[str, str],
    files: Sequence[FileRecord],
    items: Sequence[IndexedArticle],
    entities: list[Entity],
    mentions: list[LinkedMention],
    problems: Sequence[str],
) -> WriteSummary:
    db.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", sorted(meta.items()))
    db.executemany(
        "INSERT INTO files(path, sha256, load_key, problems) VALUES (?, ?, ?, ?)",
        [
            (f.path, f.sha256, f.load_key, json.dumps(list(f.problems), ensure_ascii=False))
            for f in files
        ],
    )
    db.executemany("INSERT INTO problems(message) VALUES (?)", [(p,) for p in problems])
    dictionary = text_dictionary([item.article.text for item in items])
    db.execute(
        "INSERT INTO text_dictionary(rowid, data) VALUES (?, ?)", (TEXT_DICTIONARY, dictionary)
    )
    register_functions(db, dictionary)  # the full-text index reads the texts through it

    article_rows: dict[str, int] = {}
    texts: dict[str, str] = {}
    sentence_rows: dict[tuple[int, int, int], int] = {}
    n_dates = n_figures = 0
    for rowid, item in enumerate(items, start=1):
        a = item.article
        article_rows[a.id] = rowid
        texts[a.id] = a.text
        db.execute(
            "INSERT INTO articles(rowid, id, path, position, title, source, author, date, words,"
            " body, blocks, sha256, content_hash, provenance)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                rowid,
                a.id,
                a.path,
                item.position,
                a.title,
                a.source,
                a.author,
                a.date,
                a.words,
                pack_text(a.text, dictionary),
                blocks_to_json(a.blocks),
                a.sha256,
                item.content_hash,
                provenance_to_json(a.provenance),
            ),
        )
        if item.cache_key is not None:
            db.execute(
                "INSERT OR REPLACE INTO analyses(article, key, extractor, data) VALUES (?,?,?,?)",
                (rowid, item.cache_key, item.analysis.extractor, item.blob),
            )
        spans = []
        for start, end in sorted(set(item.analysis.sentences)):
            if 0 <= start <= end <= len(a.text):
                sentence_rows[(rowid, start, end)] = _insert_sentence(db, rowid, start, end, a.text)
                spans.append((start, end))
        dates = [d for d in item.analysis.dates if 0 <= d.start <= d.end <= len(a.text)]
        db.executemany(
            'INSERT INTO dates(article, start, "end", text, iso, precision, iso_end)'
            " VALUES (?,?,?,?,?,?,?)",
            [
                (
                    rowid,
                    d.start,
                    d.end,
                    _own(d.text, a.text, d.start, d.end),
                    d.iso,
                    d.precision,
                    d.iso_end,
                )
                for d in dates
            ],
        )
        figures = [f for f in item.analysis.figures if 0 <= f.start <= f.end <= len(a.text)]
        db.executemany(
            'INSERT INTO figures(article, start, "end", text, value, unit, qualifier, value_end)'
            " VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    rowid,
                    f.start,
                    f.end,
                    _own(f.text, a.text, f.start, f.end),
                    f.value,
                    f.unit,
                    f.qualifier,
                    f.value_end,
                )
                for f in figures
            ],
        )
        n_dates += len(dates)
        n_figures += len(figures)
        db.executemany(
            'INSERT INTO timeline(article, start, "end", text, date, until, precision, sentence)'
            " VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    rowid,
                    t.start,
                    t.end,
                    _own(t.text, a.text, t.start, t.end),
                    t.date,
                    t.until,
                    t.precision,
                    sentence_rows.get((rowid, *t.sentence)) if t.sentence else None,
                )
                for t in derived.timeline_entries(dates, spans)
            ],
        )

    entity_ids = {e.id for e in entities}
    kept: list[tuple[int, LinkedMention]] = []
    dropped = 0
    for linked in mentions:
        m = linked.mention
        row = article_rows.get(linked.article_id)
        if (
            row is None
            or linked.entity_id not in entity_ids
            or not (0 <= m.start < m.end <= len(texts[linked.article_id]))
        ):
            dropped += 1
            continue
        kept.append((row, linked))

    mention_counts = Counter(linked.entity_id for _, linked in kept)
    article_counts = Counter(entity for entity, _ in {(linked.entity_id, r) for r, linked in kept})
    entity_rows: dict[str, int] = {}
    evidence_dictionary = json_dictionary([entity.evidence for entity in entities])
    db.execute(
        "INSERT INTO text_dictionary(rowid, data) VALUES (?, ?)",
        (EVIDENCE_DICTIONARY, evidence_dictionary),
    )
    details: dict[str, tuple[str, str, str, bytes]] = {}  # entity_details rows, by id
    for entity in entities:
        if entity.id in entity_rows or not mention_counts[entity.id]:
            continue  # an entity nothing mentions has no place in the lists
        cursor = db.execute(
            "INSERT INTO entities(id, name, kind, mentions, articles) VALUES (?,?,?,?,?)",
            (
                entity.id,
                entity.name,
                entity.kind,
                mention_counts[entity.id],
                article_counts[entity.id],
            ),
        )
        details[entity.id] = (
            entity.id,
            json.dumps(list(entity.known_as), ensure_ascii=False),
            json.dumps(list(entity.roles), ensure_ascii=False),
            pack_json(entity.evidence, evidence_dictionary),
        )
        entity_rows[entity.id] = _inserted_rowid(cursor)
        aliases = dict.fromkeys(a for a in entity.aliases if a and a != entity.name)
        db.executemany(
            "INSERT OR IGNORE INTO aliases(entity, alias) VALUES (?, ?)",
            [(entity_rows[entity.id], alias) for alias in aliases],
        )
    # Rows of a WITHOUT ROWID table go in in key order: inserted out of order, its pages are
    # split and left a third empty.
    db.executemany(
        "INSERT INTO entity_details(id, known_as, roles, evidence) VALUES (?,?,?,?)",
        [details[key] for key in sorted(details)],
    )

    rows = []
    for rowid, linked in kept:
        m = linked.mention
        text = texts[linked.article_id]
        start, end = max(0, m.sentence_start), min(len(text), m.sentence_end)
        if not start <= m.start < m.end <= end:
            start, end = m.start, m.end  # no usable sentence: the mention is its own context
        key = (rowid, start, end)
        if key not in sentence_rows:
            sentence_rows[key] = _insert_sentence(db, rowid, start, end, text)
        rows.append(
            (
                rowid,
                m.start,
                m.end,
                sentence_rows[key],
                entity_rows[linked.entity_id],
                int(m.in_aside),
            )
        )
    db.executemany(
        'INSERT INTO mentions(article, start, "end", sentence, entity, in_aside)'
        " VALUES (?,?,?,?,?,?)",
        rows,
    )
    db.executemany(
        "INSERT INTO mention_pages(entity, first_row, article, sentences, first_mention, mentions)"
        " VALUES (?,?,?,?,?,?)",
        sorted(mention_pages(rows)),
    )
    n_quotes = _write_quotes(db, items, kept, entity_rows, sentence_rows)
    sentence_entities: dict[int, set[int]] = {}
    for _, _, _, sentence, named, in_aside in rows:
        if not in_aside:  # asides repeat the running text: counted once, there
            sentence_entities.setdefault(sentence, set()).add(named)
    db.executemany(
        "INSERT INTO related(entity, other, together, score) VALUES (?,?,?,?)",
        sorted(
            (a.entity, a.other, a.together, score_to_int(a.score))
            for a in derived.related_scores(frozenset(s) for s in sentence_entities.values())
        ),
    )
    return WriteSummary(
        articles=len(items),
        entities=len(entity_rows),
        mentions=len(rows),
        dates=n_dates,
        figures=n_figures,
        quotes=n_quotes,
        dropped_mentions=dropped,
    )


def _write_quotes(
    db: sqlite3.Connection,
    items: Sequence[IndexedArticle],
    kept: Sequence[tuple[int, LinkedMention]],
    entity_rows: dict[str, int],
    sentence_rows: dict[tuple[int, int, int], int],
) -> int:
    """Find and attribute every article's quotations and insert them; returns how many."""
    names: dict[int, list[NameSpan]] = {}
    for rowid, linked in kept:
        m = linked.mention
        if not m.in_aside:
            names.setdefault(rowid, []).append(NameSpan(m.start, m.end, linked.entity_id, m.kind))
    spans: dict[int, list[tuple[int, int]]] = {}
    for article, start, end in sentence_rows:
        spans.setdefault(article, []).append((start, end))
    count = 0
    for rowid, item in enumerate(items, start=1):
        quotes = derived.article_quotes(item.article, names.get(rowid, []))
        if not quotes:
            continue
        sentences = sorted(spans.get(rowid, []))
        batch = []
        for q in quotes:
            sentence = derived.containing(sentences, q.start, q.end)
            batch.append(
                (
                    rowid,
                    q.start,
                    q.end,
                    _own(q.text, item.article.text, q.start, q.end),
                    sentence_rows.get((rowid, *sentence)) if sentence else None,
                    entity_rows.get(q.speaker) if q.speaker else None,
                    q.cue,
                    q.how,
                )
            )
        db.executemany(
            'INSERT INTO quotes(article, start, "end", text, sentence, speaker, cue, how)'
            " VALUES (?,?,?,?,?,?,?,?)",
            batch,
        )
        count += len(batch)
    return count


def _own(words: str, text: str, start: int, end: int) -> str | None:
    """The words to store for a span: None when they are the article's text there."""
    return None if words == text[start:end] else words


def _insert_sentence(db: sqlite3.Connection, article: int, start: int, end: int, text: str) -> int:
    del text  # the sentence is read back from the article's text (see schema.sentences)
    cursor = db.execute(
        'INSERT INTO sentences(article, start, "end") VALUES (?, ?, ?)', (article, start, end)
    )
    return _inserted_rowid(cursor)


def _inserted_rowid(cursor: sqlite3.Cursor) -> int:
    """The rowid an INSERT just gave (typed optional by sqlite3; an INSERT always sets it)."""
    rowid = cursor.lastrowid
    assert rowid is not None
    return rowid


def _fsync(path: Path) -> None:
    """Flush the finished file to disk before it replaces the old index."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
