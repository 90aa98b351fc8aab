"""Write a complete index file from loaded articles, their analyses and the linker's result.

The writer only ever creates a fresh file (the builder gives it a temporary path and moves
the finished file into place), so it needs no migrations and no journal.
"""

from __future__ import annotations

import json
import os
import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import overload

from syria_reader.index import derived, schema, stored_names
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
from syria_reader.index.sentence_rows import SentenceRows
from syria_reader.models import Analysis, Article, Entity, LinkedMention, LinkedRow, linked_rows
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
    """Create the index file at ``path`` (which must not exist) and fsync it, all at once (what
    :class:`IndexWriter` does an article at a time)."""
    writer = IndexWriter(path, files=files, texts=[item.article.text for item in items])
    try:
        for item in items:
            writer.add(item)
        return writer.finish(meta=meta, entities=entities, mentions=mentions, problems=problems)
    finally:
        writer.close()


class IndexWriter:
    """An index file being written: each article's own rows as soon as it is analysed, then
    (:meth:`finish`) what linking the whole corpus gives. The file must not exist yet.

    Only what the mentions and quotes need later is kept per article (its rowid, the article
    itself, its sentences' rows); analyses and their cache blobs are not held.
    """

    def __init__(self, path: Path, *, files: Sequence[FileRecord], texts: Sequence[str]) -> None:
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.state = _Written()
        try:
            self.db.execute("PRAGMA journal_mode=OFF")
            self.db.execute("PRAGMA synchronous=OFF")
            self.db.execute("BEGIN")
            schema.create_tables(self.db)
            _write_files(self.db, files)
            dictionary = text_dictionary(texts)
            self.db.execute(
                "INSERT INTO text_dictionary(rowid, data) VALUES (?, ?)",
                (TEXT_DICTIONARY, dictionary),
            )
            register_functions(self.db, dictionary)  # the full-text index reads the texts
            self.state.dictionary = dictionary
        except BaseException:
            self.db.close()
            raise

    def add(self, item: IndexedArticle) -> None:
        """Write one article's rows: the article, its cached analysis, sentences, dates,
        figures and timeline."""
        _write_article(self.db, self.state, item)

    def finish(
        self,
        *,
        meta: dict[str, str],
        entities: Iterable[Entity],
        mentions: Iterable[LinkedMention],
        problems: Sequence[str],
    ) -> WriteSummary:
        """Write the entities, mentions and what derives from them, commit, close and fsync."""
        self.db.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", sorted(meta.items()))
        self.db.executemany("INSERT INTO problems(message) VALUES (?)", [(p,) for p in problems])
        summary = _fill(self.db, self.state, list(entities), mentions)
        schema.create_indexes(self.db)
        stored_names.write(self.db)
        self.db.execute("COMMIT")
        self.db.close()
        _fsync(self.path)
        return summary

    def close(self) -> None:
        """Close the file (after :meth:`finish`, or to give up: the caller removes the file)."""
        self.db.close()


@dataclass
class _Written:
    """What the articles written so far left for the mentions and quotes."""

    dictionary: bytes = b""
    articles: list[Article] = field(default_factory=list)  # by rowid - 1
    article_rows: dict[str, int] = field(default_factory=dict)
    sentence_rows: SentenceRows = field(default_factory=SentenceRows)
    dates: int = 0
    figures: int = 0


def _write_files(db: sqlite3.Connection, files: Sequence[FileRecord]) -> None:
    db.executemany(
        "INSERT INTO files(path, sha256, load_key, problems) VALUES (?, ?, ?, ?)",
        [
            (f.path, f.sha256, f.load_key, json.dumps(list(f.problems), ensure_ascii=False))
            for f in files
        ],
    )


def _write_article(db: sqlite3.Connection, state: _Written, item: IndexedArticle) -> None:
    a = item.article
    state.articles.append(a)
    rowid = len(state.articles)
    state.article_rows[a.id] = rowid
    sentence_rows = state.sentence_rows
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
            pack_text(a.text, state.dictionary),
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
    spans = [
        (start, end)
        for start, end in sorted(set(item.analysis.sentences))
        if 0 <= start <= end <= len(a.text)
    ]
    first = sentence_rows.add_article(rowid, spans)
    # The sentence's text is read back from the article's (see schema.sentences).
    db.executemany(
        'INSERT INTO sentences(rowid, article, start, "end") VALUES (?, ?, ?, ?)',
        [(first + i, rowid, start, end) for i, (start, end) in enumerate(spans)],
    )
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
    state.dates += len(dates)
    state.figures += len(figures)
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
                sentence_rows.get(rowid, *t.sentence) if t.sentence else None,
            )
            for t in derived.timeline_entries(dates, spans)
        ],
    )


class _Kept:
    """The linked mentions that fit their article and entity, as columns (millions of them in
    a large corpus: a few bytes each, not a tuple)."""

    def __init__(self) -> None:
        self.row = array("i")  # the article's rowid
        self.start = array("i")
        self.end = array("i")
        self.sentence_start = array("i")
        self.sentence_end = array("i")
        self.aside = bytearray()
        self.entity: list[str] = []  # the linker's entity ids, shared strings
        self.kind: list[str] = []

    def add(self, row: int, linked: LinkedRow) -> None:
        _, start, end, sentence_start, sentence_end, aside, entity, kind = linked
        self.row.append(row)
        self.start.append(start)
        self.end.append(end)
        self.sentence_start.append(sentence_start)
        self.sentence_end.append(sentence_end)
        self.aside.append(aside)
        self.entity.append(entity)
        self.kind.append(kind)

    def by_article(self) -> Iterator[tuple[int, range | list[int]]]:
        """Each article's rowid with the positions of its mentions, in order."""
        rows = self.row
        if all(rows[i] <= rows[i + 1] for i in range(len(rows) - 1)):
            first = 0
            for last in range(1, len(rows) + 1):
                if last == len(rows) or rows[last] != rows[first]:
                    yield rows[first], range(first, last)
                    first = last
            return
        positions: dict[int, list[int]] = {}
        for i, row in enumerate(rows):
            positions.setdefault(row, []).append(i)
        yield from sorted(positions.items())


class _MentionRows(Sequence[tuple[int, int, int, int, int, int]]):
    """The ``mentions`` table's rows (article, start, end, sentence, entity, in_aside), made
    from the columns as they are read."""

    def __init__(self, kept: _Kept, sentence: array[int], entity: array[int]) -> None:
        self.kept, self.sentence, self.entity = kept, sentence, entity

    def __len__(self) -> int:
        return len(self.sentence)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int, int, int, int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int, int, int, int, int]]: ...
    def __getitem__(
        self, index: int | slice
    ) -> tuple[int, int, int, int, int, int] | list[tuple[int, int, int, int, int, int]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        k = self.kept
        return (
            k.row[index],
            k.start[index],
            k.end[index],
            self.sentence[index],
            self.entity[index],
            k.aside[index],
        )

    def __iter__(self) -> Iterator[tuple[int, int, int, int, int, int]]:
        k = self.kept
        return zip(k.row, k.start, k.end, self.sentence, self.entity, k.aside, strict=True)


def _fill(
    db: sqlite3.Connection,
    state: _Written,
    entities: list[Entity],
    mentions: Iterable[LinkedMention],
) -> WriteSummary:
    article_rows, sentence_rows = state.article_rows, state.sentence_rows
    entity_ids = {e.id for e in entities}
    kept = _Kept()
    dropped = 0
    for linked in linked_rows(mentions):
        article_id, start, end, _, _, _, entity_id, _ = linked
        row = article_rows.get(article_id)
        if (
            row is None
            or entity_id not in entity_ids
            or not (0 <= start < end <= len(state.articles[row - 1].text))
        ):
            dropped += 1
            continue
        kept.add(row, linked)

    mention_counts = Counter(kept.entity)
    article_counts = Counter(e for e, _ in set(zip(kept.entity, kept.row, strict=True)))
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

    sentences, named = array("i"), array("i")
    for i, rowid in enumerate(kept.row):
        m_start, m_end = kept.start[i], kept.end[i]
        text_length = len(state.articles[rowid - 1].text)
        start, end = max(0, kept.sentence_start[i]), min(text_length, kept.sentence_end[i])
        if not start <= m_start < m_end <= end:
            start, end = m_start, m_end  # no usable sentence: the mention is its own context
        sentence = sentence_rows.get(rowid, start, end)
        if sentence is None:
            sentence = sentence_rows.add(rowid, start, end)
            db.execute(
                'INSERT INTO sentences(rowid, article, start, "end") VALUES (?, ?, ?, ?)',
                (sentence, rowid, start, end),
            )
        sentences.append(sentence)
        named.append(entity_rows[kept.entity[i]])
    rows = _MentionRows(kept, sentences, named)
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
    n_quotes = _write_quotes(db, state.articles, kept, entity_rows, sentence_rows)
    db.executemany(
        "INSERT INTO related(entity, other, together, score) VALUES (?,?,?,?)",
        (
            (a.entity, a.other, a.together, score_to_int(a.score))
            for a in derived.related_scores(_sentence_entities(kept, rows))
        ),
    )
    return WriteSummary(
        articles=len(state.articles),
        entities=len(entity_rows),
        mentions=len(rows),
        dates=state.dates,
        figures=state.figures,
        quotes=n_quotes,
        dropped_mentions=dropped,
    )


def _sentence_entities(kept: _Kept, rows: _MentionRows) -> Iterator[frozenset[int]]:
    """Per sentence naming any entity, the entities it names (an article at a time)."""
    for _, positions in kept.by_article():
        named: dict[int, set[int]] = {}
        for i in positions:
            if not kept.aside[i]:  # asides repeat the running text: counted once, there
                named.setdefault(rows.sentence[i], set()).add(rows.entity[i])
        yield from (frozenset(entities) for entities in named.values())


def _write_quotes(
    db: sqlite3.Connection,
    articles: Sequence[Article],
    kept: _Kept,
    entity_rows: dict[str, int],
    sentence_rows: SentenceRows,
) -> int:
    """Find and attribute every article's quotations and insert them; returns how many."""
    names: dict[int, range | list[int]] = dict(kept.by_article())
    count = 0
    for rowid, article in enumerate(articles, start=1):
        spans = sentence_rows.spans(rowid)
        quotes = derived.article_quotes(
            article,
            [
                NameSpan(kept.start[i], kept.end[i], kept.entity[i], kept.kind[i])
                for i in names.get(rowid, ())
                if not kept.aside[i]
            ],
        )
        if not quotes:
            continue
        batch = []
        for q in quotes:
            sentence = derived.containing(spans, q.start, q.end)
            batch.append(
                (
                    rowid,
                    q.start,
                    q.end,
                    _own(q.text, article.text, q.start, q.end),
                    sentence_rows.get(rowid, *sentence) if sentence else None,
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
