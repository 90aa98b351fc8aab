"""Read-only queries over a built index: the one way the reader and the CLI read the corpus.

Opening an index never imports spaCy. Rows are frozen dataclasses; ``to_json()`` gives the
objects of the CLI's JSON contract. An ``Index`` may be shared between threads (the reader
opens it in a worker): every query runs under the object's own lock.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from syria_reader.index.codec import (
    ARTICLE_COLUMNS,
    EVIDENCE_DICTIONARY,
    article_from_row,
    json_strings,
    score_from_int,
    stored_dictionary,
    unpack_json,
)
from syria_reader.index.freshness import connect_readonly
from syria_reader.index.fulltext import matching_rows
from syria_reader.index.json_row import JSON_KEYS, PASSAGE_FIELDS, JsonRow
from syria_reader.index.schema import SCHEMA_VERSION
from syria_reader.models import Article

if TYPE_CHECKING:
    from syria_reader.index.mention_list import MentionList
    from syria_reader.index.stored_names import NameLookup
    from syria_reader.index.unlinked import UnlinkedMention


@dataclass(frozen=True)
class IndexInfo:
    """How and when the index was built."""

    corpus: str
    extractor: str  # "spacy:<pipeline>@<version>" or "rules"
    pipeline_version: str
    built_at: str  # ISO timestamp
    articles: int
    problems: tuple[str, ...]  # files skipped or decoded with a fallback, one line each


@dataclass(frozen=True)
class ArticleRow(JsonRow):
    """One article, without its text."""

    id: str
    title: str
    source: str | None
    author: str | None
    date: str | None
    path: str
    words: int

    #: The object of ``articles --json``.
    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        "id",
        "title",
        "source",
        "author",
        "date",
        "path",
        "words",
    )


@dataclass(frozen=True)
class EntityRow(JsonRow):
    """One linked entity with its corpus-wide counts."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]  # every other form the text links to it
    mentions: int
    articles: int
    known_as: tuple[str, ...] = ()  # gazetteer spellings the text never uses
    roles: tuple[str, ...] = ()  # roles seen with a person in appositions

    #: The object of ``entities --json``.
    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        "id",
        "name",
        "kind",
        "aliases",
        "known_as",
        "roles",
        "mentions",
        "articles",
    )


@dataclass(frozen=True)
class MentionRow(JsonRow):
    """One mention of an entity, with the sentence it stands in."""

    article_id: str
    title: str
    entity_id: str
    kind: str
    start: int
    end: int
    text: str
    context: str  # the sentence
    context_start: int  # offset of the sentence in the article text
    in_aside: bool

    #: The object of ``mentions --json``.
    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        *PASSAGE_FIELDS,
        "context",
    )


@dataclass(frozen=True)
class DateRow(JsonRow):
    """A date reference in an article."""

    article_id: str
    title: str
    start: int
    end: int
    text: str
    iso: str | None  # the date, or the first date of a range
    precision: str | None
    iso_end: str | None  # the last date of a range; ``iso`` for a single date
    sentence: str = ""  # the sentence the date stands in
    sentence_start: int = 0  # offset of that sentence in the article text

    @property
    def is_range(self) -> bool:
        """Whether this reference spans more than one date ("26-27 November")."""
        return self.iso_end is not None and self.iso_end != self.iso

    #: The object of ``dates --json``.
    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        *PASSAGE_FIELDS,
        "iso",
        "iso_end",
        "precision",
        "sentence",
    )


@dataclass(frozen=True)
class FigureRow(JsonRow):
    """A figure in an article."""

    article_id: str
    title: str
    start: int
    end: int
    text: str
    value: float | None  # the number, or the lower end of a range
    unit: str | None
    qualifier: str | None
    value_end: float | None  # the upper end of a range; ``value`` for a single number
    sentence: str = ""  # the sentence the figure stands in
    sentence_start: int = 0  # offset of that sentence in the article text

    @property
    def is_range(self) -> bool:
        """Whether this figure is a range ("55-65 km")."""
        return self.value_end is not None and self.value_end != self.value

    #: The object of ``figures --json``.
    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        *PASSAGE_FIELDS,
        "value",
        "value_end",
        "unit",
        "qualifier",
        "sentence",
    )


@dataclass(frozen=True)
class SearchHit(JsonRow):
    """A full-text search result: plain-text snippet around the first match."""

    article_id: str
    title: str
    snippet: str
    start: int | None  # offset of the first match in the article text, where known
    end: int | None = None  # end of that match in the article text
    match: tuple[int, int] | None = None  # where that match is inside ``snippet``

    #: The object of ``search --json``.
    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        "article_id",
        "title",
        "snippet",
        "start",
        "end",
        "match",
    )


#: A lookup's best match below this score is weak: only rapidfuzz's similarity found it, not
#: an exact name, a whole word, a prefix or the same consonants ("Human Rights Watch" is not
#: "Homs"); it is offered as a close name, never taken as what the user meant.
STRONG_SCORE = 80.0


@dataclass(frozen=True)
class CorrectionRow(JsonRow):
    """What one of the user's corrections did to this index (``curate list --json``)."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        "position",
        "line",
        "description",
        "status",
        "detail",
        "changed",
    )

    position: int  # among the corrections file's valid corrections, from 1
    line: int  # of its [[correction]] header in the file
    description: str
    status: str  # applied, already, no match, conflict, other corpus
    detail: str
    changed: int


@dataclass(frozen=True)
class QuoteRow(JsonRow):
    """A quotation with its speaker (None: the text does not say who)."""

    article_id: str
    title: str
    date: str | None  # the article's date
    start: int
    end: int
    text: str
    speaker: EntityRow | None
    cue: str | None  # the words that attribute it: "Kerry said"
    how: str  # the rule that attributed it (see nlp.quotes)

    #: The quote object of ``quotes --json``.
    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        "article_id",
        "title",
        "date",
        "start",
        "end",
        "text",
        "speaker",
        "cue",
        "how",
    )

    def to_json(self) -> dict[str, object]:
        """The quote object of ``quotes --json``: the speaker as its id, name and type."""
        speaker = self.speaker
        return super().to_json() | {
            "speaker": (
                None
                if speaker is None
                else {"id": speaker.id, "name": speaker.name, "type": speaker.kind}
            )
        }


@dataclass(frozen=True)
class TimelineRow(JsonRow):
    """A resolved date in the corpus with the sentence it stands in."""

    date: str
    until: str | None  # the end of a range
    precision: str  # day, month, year or range
    text: str
    article_id: str
    title: str
    start: int
    end: int
    context: str  # the sentence ('' when no sentence holds it)
    context_start: int

    #: The entry object of ``timeline --json`` (``end`` is a range's last date).
    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        "date",
        "until",
        "precision",
        "text",
        "article_id",
        "title",
        "start",
        "context",
    )
    JSON_KEYS: ClassVar[Mapping[str, str]] = {**JSON_KEYS, "until": "end"}


@dataclass(frozen=True)
class RelatedRow:
    """An entity named in the same sentences as another, with how strongly (G2)."""

    entity: EntityRow
    score: float
    together: int  # sentences naming both

    def to_json(self) -> dict[str, object]:
        """The object of ``related --json``."""
        return {
            "id": self.entity.id,
            "name": self.entity.name,
            "kind": self.entity.kind,
            "score": self.score,
            "together": self.together,
        }


@dataclass(frozen=True)
class SentenceRow(JsonRow):
    """A sentence of an article (its ``--json`` object is the one of ``related --with``)."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = PASSAGE_FIELDS

    article_id: str
    title: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EntityMatch:
    """A fuzzy lookup result: the entity, the name or alias that matched, and the score."""

    entity: EntityRow
    matched: str
    score: float

    @property
    def strong(self) -> bool:
        """Whether the match is good enough to be taken as the entity meant (``STRONG_SCORE``)."""
        return self.score >= STRONG_SCORE


class IndexUnavailable(Exception):
    """The index file is missing, unreadable or of another format (rebuild it)."""


# Markers around full-text matches: C0 controls, which the corpus loader strips from every
# article, so they cannot occur in indexed text; they never leave this module.
_OPEN, _CLOSE = "\x01", "\x02"
_SPACES = re.compile(r"\s+")
_SNIPPET_BEFORE, _SNIPPET_AFTER = 70, 130

#: Up to this many entities are read with their own aliases and details (see ``_entity_rows``).
_FEW_ENTITIES = 2000
#: Host parameters per query (SQLite's historical limit is 999).
_BATCH = 900

_ENTITY_COLUMNS = "e.rowid, e.id, e.name, e.kind, e.mentions, e.articles"
_MENTION_SELECT = (
    'SELECT a.id, a.title, e.id, e.kind, m.start, m."end",'
    ' substr(article_text(a.body), m.start + 1, m."end" - m.start),'
    ' substr(article_text(a.body), s.start + 1, s."end" - s.start), s.start, m.in_aside'
    " FROM mentions m JOIN articles a ON a.rowid = m.article"
    " JOIN entities e ON e.rowid = m.entity JOIN sentences s ON s.rowid = m.sentence"
)


def _batches(items: list[Any]) -> Iterator[list[Any]]:
    """``items`` in slices of at most ``_BATCH`` (one query's host parameters)."""
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


class Index:
    """A built index opened read-only."""

    def __init__(self, path: Path) -> None:
        """Open the index at ``path``; raises ``IndexUnavailable`` if it cannot be used."""
        self.path = Path(path)
        if not self.path.is_file():
            raise IndexUnavailable(f"{self.path}: no index file")
        try:
            self._db = connect_readonly(self.path)
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as error:
            raise IndexUnavailable(f"{self.path}: not a readable index: {error}") from error
        if meta.get("schema_version") != SCHEMA_VERSION:
            self._db.close()
            raise IndexUnavailable(
                f"{self.path}: index of another format ({meta.get('schema_version')})"
            )
        self._meta = meta
        self._lock = threading.RLock()
        self._aliases: dict[int, tuple[str, ...]] | None = None
        self._details: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] | None = None
        self._evidence_dictionary: bytes | None = None
        self._matcher: NameLookup | None = None
        self._looked_up: dict[int, EntityRow] = {}  # entities by rowid, as lookups found them
        self._building = 0  # threads building the matcher now

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    def build_warnings(self) -> list[str]:
        """What the build warned about (model fallback, gazetteer problems), for every command
        to repeat; the files' own problems are in ``info().problems``."""
        try:
            found = json.loads(self._meta.get("build_warnings", "[]"))
        except ValueError:
            found = []
        warnings = [str(w) for w in found] if isinstance(found, list) else []
        extractor = self._meta.get("extractor_warning", "")
        if extractor and extractor not in warnings:
            warnings.insert(0, extractor)
        return warnings

    def info(self) -> IndexInfo:
        """How and when the index was built."""
        count = self._rows("SELECT count(*) FROM articles")[0][0]
        problems = tuple(
            row[0] for row in self._rows("SELECT message FROM problems ORDER BY rowid")
        )
        return IndexInfo(
            corpus=self._meta.get("corpus", ""),
            extractor=self._meta.get("extractor", ""),
            pipeline_version=self._meta.get("pipeline_version", ""),
            built_at=self._meta.get("built_at", ""),
            articles=int(count),
            problems=problems,
        )

    def articles(self) -> list[ArticleRow]:
        """Every article, in corpus order (path, then position in file)."""
        return [
            ArticleRow(*row)
            for row in self._rows(
                "SELECT id, title, source, author, date, path, words FROM articles ORDER BY rowid"
            )
        ]

    def article(self, article_id: str) -> Article | None:
        """One article with its cleaned text and blocks."""
        rows = self._rows(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return article_from_row(rows[0]) if rows else None

    # -- entities ---------------------------------------------------------------------------

    def _aliases_of(self, entities: list[int]) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = {}
        for batch in _batches(entities):
            marks = ",".join("?" * len(batch))
            for entity, alias in self._rows(
                f"SELECT entity, alias FROM aliases WHERE entity IN ({marks})"
                " ORDER BY entity, alias",
                tuple(batch),
            ):
                found.setdefault(entity, []).append(alias)
        return {entity: tuple(names) for entity, names in found.items()}

    def _alias_map(self) -> dict[int, tuple[str, ...]]:
        with self._lock:
            if self._aliases is None:
                aliases: dict[int, list[str]] = {}
                for entity, alias in self._db.execute(
                    "SELECT entity, alias FROM aliases ORDER BY entity, alias"
                ):
                    aliases.setdefault(entity, []).append(alias)
                self._aliases = {entity: tuple(names) for entity, names in aliases.items()}
            return self._aliases

    def _detail_map(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Entity id -> (gazetteer-only spellings, roles), as the linker recorded them."""
        with self._lock:
            if self._details is None:
                self._details = {
                    entity_id: (json_strings(known_as), json_strings(roles))
                    for entity_id, known_as, roles in self._db.execute(
                        "SELECT id, known_as, roles FROM entity_details"
                    )
                }
            return self._details

    def _details_of(
        self, entity_ids: list[str]
    ) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """``_detail_map`` for these entities only: their rows, by the table's key."""
        found: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for batch in _batches(entity_ids):
            marks = ",".join("?" * len(batch))
            for entity_id, known_as, roles in self._rows(
                f"SELECT id, known_as, roles FROM entity_details WHERE id IN ({marks})",
                tuple(batch),
            ):
                found[entity_id] = (json_strings(known_as), json_strings(roles))
        return found

    def _entity_rows(self, rows: list[tuple[Any, ...]]) -> list[EntityRow]:
        # A few entities (an article's, a page of a list) read their own aliases and details,
        # not the whole tables: those cost 0.3-1 s to load on a corpus of 50,000 articles.
        few = len(rows) <= _FEW_ENTITIES
        if few and self._aliases is None:
            aliases = self._aliases_of([r[0] for r in rows])
        else:
            aliases = self._alias_map()
        details: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]
        if few and self._details is None:
            details = self._details_of([r[1] for r in rows])
        else:
            details = self._detail_map()
        return [
            EntityRow(
                id=r[1],
                name=r[2],
                kind=r[3],
                aliases=aliases.get(r[0], ()),
                mentions=r[4],
                articles=r[5],
                known_as=details.get(r[1], ((), ()))[0],
                roles=details.get(r[1], ((), ()))[1],
            )
            for r in rows
        ]

    def evidence(self, entity_id: str) -> dict[str, Any]:
        """What linking recorded about one entity when it decided (``explain``); {} if none.

        An entity a correction merged into another answers with its own record."""
        rows = self._rows("SELECT evidence FROM entity_details WHERE id = ?", (entity_id,))
        if self._evidence_dictionary is None:
            with self._lock:
                self._evidence_dictionary = stored_dictionary(self._db, EVIDENCE_DICTIONARY)
        data = unpack_json(rows[0][0], self._evidence_dictionary) if rows else None
        return data if isinstance(data, dict) else {}

    def entities(self, kind: str | None = None, limit: int | None = None) -> list[EntityRow]:
        """Every entity (of one kind), busiest first; the first ``limit`` of them if given."""
        order = " ORDER BY e.mentions DESC, e.articles DESC, e.name"
        if limit is not None:
            order += f" LIMIT {max(0, int(limit))}"
        if kind is None:
            rows = self._rows(f"SELECT {_ENTITY_COLUMNS} FROM entities e{order}")
        else:
            rows = self._rows(
                f"SELECT {_ENTITY_COLUMNS} FROM entities e WHERE e.kind = ?{order}", (kind.upper(),)
            )
        return self._entity_rows(rows)

    def entity(self, entity_id: str) -> EntityRow | None:
        """One entity by id (or by the id of an entity a correction merged into it)."""
        rows = self._entity_rows(
            self._rows(
                f"SELECT {_ENTITY_COLUMNS} FROM entities e WHERE e.id = ?",
                (self.resolve_id(entity_id),),
            )
        )
        return rows[0] if rows else None

    def resolve_id(self, entity_id: str) -> str:
        """The id an entity has now: itself, or that of the entity a correction merged it into."""
        rows = self._rows(
            "SELECT e.id FROM entity_ids r JOIN entities e ON e.rowid = r.entity WHERE r.id = ?"
            " AND NOT EXISTS (SELECT 1 FROM entities WHERE id = ?)",
            (entity_id, entity_id),
        )
        return rows[0][0] if rows else entity_id

    def entity_ids(self, entity_id: str) -> list[str]:
        """Every id the entity answers to: its own, then those of entities merged into it
        (notes made on any of them are notes on it)."""
        own = self.resolve_id(entity_id)
        rows = self._rows(
            "SELECT r.id FROM entity_ids r JOIN entities e ON e.rowid = r.entity WHERE e.id = ?"
            " ORDER BY r.id",
            (own,),
        )
        return [own, *(row[0] for row in rows if row[0] != own)]

    def corrections(self) -> list[CorrectionRow]:
        """What each of the user's corrections did to this index, in the file's order."""
        return [
            CorrectionRow(*row)
            for row in self._rows(
                "SELECT position, line, description, status, detail, changed"
                " FROM corrections_applied ORDER BY position"
            )
        ]

    def article_entities(self, article_id: str) -> list[tuple[EntityRow, int]]:
        """The entities one article mentions, with the count of mentions in that article."""
        rows = self._rows(
            f"SELECT {_ENTITY_COLUMNS}, count(*) AS here FROM mentions m JOIN entities e ON "
            "e.rowid = m.entity"
            " WHERE m.article = (SELECT rowid FROM articles WHERE id = ?)"
            " GROUP BY m.entity ORDER BY here DESC, e.mentions DESC, e.name",
            (article_id,),
        )
        return list(
            zip(self._entity_rows([r[:6] for r in rows]), (int(r[6]) for r in rows), strict=True)
        )

    @staticmethod
    def _mention(row: tuple[Any, ...]) -> MentionRow:
        return MentionRow(
            article_id=row[0],
            title=row[1],
            entity_id=row[2],
            kind=row[3],
            start=row[4],
            end=row[5],
            text=row[6],
            context=row[7],
            context_start=row[8],
            in_aside=bool(row[9]),
        )

    def article_mentions(self, article_id: str) -> list[MentionRow]:
        """Every linked mention in one article, by offset."""
        rows = self._rows(
            f"{_MENTION_SELECT} WHERE m.article = (SELECT rowid FROM articles WHERE id = ?) ORDER "
            'BY m.start, m."end"',
            (article_id,),
        )
        return [self._mention(r) for r in rows]

    def mentions_of(
        self, entity_id: str, include_asides: bool = True, limit: int | None = None
    ) -> list[MentionRow]:
        """Every mention of one entity across the corpus (the first ``limit``), in corpus order
        then by offset. For a list to show, ``mention_list`` reads only what is on screen."""
        asides = "" if include_asides else " AND m.in_aside = 0"
        limited = f" LIMIT {max(0, int(limit))}" if limit is not None else ""
        # Article rowids are assigned in corpus order, so ordering by them is corpus order.
        rows = self._rows(
            f"{_MENTION_SELECT} WHERE m.entity = (SELECT rowid FROM entities WHERE id = ?){asides}"
            f" ORDER BY m.article, m.start, m.rowid{limited}",
            (self.resolve_id(entity_id),),
        )
        return [self._mention(r) for r in rows]

    def mentions_in(self, entity_id: str, article_id: str) -> list[MentionRow]:
        """The mentions of one entity in one article, by offset."""
        rows = self._rows(
            f"{_MENTION_SELECT} WHERE m.entity = (SELECT rowid FROM entities WHERE id = ?)"
            " AND m.article = (SELECT rowid FROM articles WHERE id = ?)"
            " ORDER BY m.start, m.rowid",
            (self.resolve_id(entity_id), article_id),
        )
        return [self._mention(r) for r in rows]

    def entity_articles(self, entity_id: str) -> list[str]:
        """The ids of the articles that mention an entity, in corpus order."""
        entity = "(SELECT rowid FROM entities WHERE id = ?)"
        laid_out = self._rows(
            "SELECT a.id FROM mention_pages p JOIN articles a ON a.rowid = p.article"
            f" WHERE p.entity = {entity} ORDER BY p.first_row",
            (self.resolve_id(entity_id),),
        )
        if laid_out:
            return [row[0] for row in laid_out]
        rows = self._rows(
            "SELECT a.id FROM articles a WHERE a.rowid IN"
            f" (SELECT DISTINCT m.article FROM mentions m WHERE m.entity = {entity})"
            " ORDER BY a.rowid",
            (self.resolve_id(entity_id),),
        )
        return [row[0] for row in rows]

    def mention_position(self, entity_id: str, article_id: str, start: int) -> int | None:
        """Where a mention stands among the entity's (from 0, as in ``mentions_of``), or None."""
        found = self._rows(
            "SELECT e.rowid, a.rowid FROM entities e, articles a WHERE e.id = ? AND a.id = ?",
            (self.resolve_id(entity_id), article_id),
        )
        if not found:
            return None
        entity, article = found[0]
        here = self._rows(
            "SELECT count(*) FROM mentions WHERE entity = ? AND article = ? AND start < ?",
            (entity, article, start),
        )[0][0]
        before = self._rows(
            "SELECT first_mention FROM mention_pages WHERE entity = ? AND article = ?",
            (entity, article),
        )
        if not before:
            before = self._rows(
                "SELECT count(*) FROM mentions WHERE entity = ? AND article < ?", (entity, article)
            )
        return int(before[0][0]) + int(here)

    def mention_list(self, entity_id: str) -> MentionList | None:
        """The entity's mention list, read a screenful at a time (None: no such entity)."""
        from syria_reader.index.mention_list import MentionList

        found = self._rows(
            f"SELECT {_ENTITY_COLUMNS} FROM entities e WHERE e.id = ?",
            (self.resolve_id(entity_id),),
        )
        if not found:
            return None
        entity = self._entity_rows(found)[0]
        select = _MENTION_SELECT.replace(" FROM mentions m", ", m.article FROM mentions m", 1)
        return MentionList(entity, int(found[0][0]), self._rows, self._mention, select)

    def lookup_ready(self) -> bool:
        """Whether ``find_entities`` answers at once: its names are loaded, or nobody is
        loading them (then the first call loads them). While another thread loads them, a
        caller that must not wait (the reader's lookup) shows that it is loading instead."""
        return self._matcher is not None or not self._building

    def prepare_lookup(self) -> None:
        """Load every name for ``find_entities`` now (the reader does it in a thread, so the
        first keystroke of a lookup does not wait for it)."""
        self.find_entities("", 1)

    def unlinked(
        self, entity_id: str | None = None, rejected: Iterable[tuple[str, int, str]] = ()
    ) -> list[UnlinkedMention]:
        """Text naming a known entity (of one entity, if given) that no mention covers, except
        the (article id, start, text) places in ``rejected``."""
        from syria_reader.index.unlinked import find_unlinked

        wanted = self.resolve_id(entity_id) if entity_id is not None else None
        with self._lock:
            return find_unlinked(self._db, wanted, rejected)

    def find_entities(self, query: str, limit: int = 20) -> list[EntityMatch]:
        """Fuzzy lookup over every entity name and alias (typos, case, partial names)."""
        from syria_reader.index import stored_names  # rapidfuzz: only when looking names up

        if self._matcher is None:
            # Read (or, for an index without a stored one, built) outside the lock: other
            # queries, the reader's articles and lists, go on meanwhile; a second one is dropped.
            with self._lock:
                self._building += 1
            try:
                lookup = stored_names.load(self._rows)
            finally:
                with self._lock:
                    self._building -= 1
            with self._lock:
                if self._matcher is None:
                    self._matcher = lookup
        found = self._matcher.match(query, limit)
        rows = self._entities_by_rowid([rowid for rowid, _, _ in found])
        return [EntityMatch(rows[rowid], matched, score) for rowid, matched, score in found]

    def _entities_by_rowid(self, rowids: list[int]) -> dict[int, EntityRow]:
        """The entities at these rowids, each read once per index opened (a lookup's answers
        come back keystroke after keystroke)."""
        wanted = [r for r in dict.fromkeys(rowids) if r not in self._looked_up]
        for batch in _batches(wanted):
            marks = ",".join("?" * len(batch))
            rows = self._rows(
                f"SELECT {_ENTITY_COLUMNS} FROM entities e WHERE e.rowid IN ({marks})",
                tuple(batch),
            )
            self._looked_up.update(zip((r[0] for r in rows), self._entity_rows(rows), strict=True))
        return {rowid: self._looked_up[rowid] for rowid in rowids}

    # -- dates, figures ---------------------------------------------------------------------

    def dates(self, article_id: str | None = None) -> list[DateRow]:
        """Date references, of one article or all."""
        where, params = self._article_filter("d", article_id)
        rows = self._rows(
            'SELECT a.id, a.title, d.start, d."end", ' + _words("d") + ", d.iso, d.precision,"
            " d.iso_end,"
            f" {_sentence_of('d')}"
            f" FROM dates d JOIN articles a ON a.rowid = d.article{where}"
            " ORDER BY d.article, d.start",
            params,
        )
        return [DateRow(*(row[:8] + _sentence_cells(row[8], row[2]))) for row in rows]

    def figures(self, article_id: str | None = None) -> list[FigureRow]:
        """Figures, of one article or all."""
        where, params = self._article_filter("f", article_id)
        rows = self._rows(
            'SELECT a.id, a.title, f.start, f."end", ' + _words("f") + ", f.value, f.unit,"
            " f.qualifier,"
            f" f.value_end, {_sentence_of('f')}"
            f" FROM figures f JOIN articles a ON a.rowid = f.article{where}"
            " ORDER BY f.article, f.start",
            params,
        )
        return [FigureRow(*(row[:9] + _sentence_cells(row[9], row[2]))) for row in rows]

    @staticmethod
    def _article_filter(alias: str, article_id: str | None) -> tuple[str, tuple[Any, ...]]:
        if article_id is None:
            return "", ()
        return f" WHERE {alias}.article = (SELECT rowid FROM articles WHERE id = ?)", (article_id,)

    # -- quotes, timeline, related ------------------------------------------------------------

    def quotes(
        self, speaker_id: str | None = None, article_id: str | None = None
    ) -> list[QuoteRow]:
        """Quotations of one speaker, or in one article, or all; in corpus order."""
        where: list[str] = []
        params: list[Any] = []
        if speaker_id is not None:
            where.append("q.speaker = (SELECT rowid FROM entities WHERE id = ?)")
            params.append(speaker_id)
        if article_id is not None:
            where.append("q.article = (SELECT rowid FROM articles WHERE id = ?)")
            params.append(article_id)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        rows = self._rows(
            'SELECT a.id, a.title, a.date, q.start, q."end", ' + _words("q") + ", q.cue, q.how,"
            f" {_ENTITY_COLUMNS} FROM quotes q JOIN articles a ON a.rowid = q.article"
            f" LEFT JOIN entities e ON e.rowid = q.speaker{clause} ORDER BY q.article, q.start",
            tuple(params),
        )
        speakers = self._entity_rows([r[8:] for r in rows if r[8] is not None])
        spoken = [r for r in rows if r[8] is not None]
        by_rowid = {r[8]: e for r, e in zip(spoken, speakers, strict=True)}
        return [
            QuoteRow(r[0], r[1], r[2], r[3], r[4], r[5], by_rowid.get(r[8]), r[6], r[7])
            for r in rows
        ]

    def quote_counts(self) -> dict[str, int]:
        """How many quotations each speaker has (entity id to count)."""
        rows = self._rows(
            "SELECT e.id, count(*) FROM quotes q JOIN entities e ON e.rowid = q.speaker"
            " GROUP BY q.speaker"
        )
        return {entity_id: int(n) for entity_id, n in rows}

    def timeline(
        self,
        entity_id: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[TimelineRow]:
        """Every resolved date in date order; only those in sentences naming an entity, and
        only those from ``since`` to ``until`` (ISO prefixes: "2015", "2015-09", "2015-09-30")."""
        where: list[str] = []
        params: list[Any] = []
        if entity_id is not None:
            where.append(
                "t.sentence IN (SELECT m.sentence FROM mentions m"
                " WHERE m.entity = (SELECT rowid FROM entities WHERE id = ?))"
            )
            params.append(entity_id)
        if since:
            # A date ends where its precision does: "2015" is still on or after 2015-06.
            where.append(
                "coalesce(t.until, t.date) >= substr(?, 1, length(coalesce(t.until, t.date)))"
            )
            params.append(since)
        if until:
            where.append("t.date <= ?")
            params.append(until + "\uffff")
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        rows = self._rows(
            'SELECT t.date, t.until, t.precision, t.text, a.id, a.title, t.start, t."end",'
            ' s.start, s."end", t.article'
            " FROM timeline t JOIN articles a ON a.rowid = t.article"
            f" LEFT JOIN sentences s ON s.rowid = t.sentence{clause}"
            " ORDER BY t.date, t.article, t.start",
            tuple(params),
        )
        # In date order the rows jump from article to article: their words and sentences are
        # cut here, each article's text decompressed once (not once a row, as SQL would).
        found: list[TimelineRow | None] = [None] * len(rows)
        article, text = None, ""
        for i in sorted(range(len(rows)), key=lambda i: rows[i][10]):
            row = rows[i]
            if row[10] != article:
                article, text = row[10], self._text_of(row[10])
            start, end, sentence_start, sentence_end = row[6], row[7], row[8], row[9]
            words = row[3] if row[3] is not None else text[start:end]
            if sentence_start is None:
                context, context_start = "", start
            else:
                context, context_start = text[sentence_start:sentence_end], sentence_start
            found[i] = TimelineRow(
                date=row[0],
                until=row[1],
                precision=row[2],
                text=words,
                article_id=row[4],
                title=row[5],
                start=start,
                end=end,
                context=context,
                context_start=context_start,
            )
        return [row for row in found if row is not None]

    def _text_of(self, article: int) -> str:
        """The text of the article with this rowid ('' if there is none)."""
        rows = self._rows("SELECT article_text(body) FROM articles WHERE rowid = ?", (article,))
        return str(rows[0][0]) if rows else ""

    def related(self, entity_id: str, limit: int = 50) -> list[RelatedRow]:
        """Entities named in the same sentences as this one, most strongly associated first."""
        rows = self._rows(
            f"SELECT {_ENTITY_COLUMNS}, r.score, r.together FROM related r"
            " JOIN entities e ON e.rowid = r.other"
            " WHERE r.entity = (SELECT rowid FROM entities WHERE id = ?)"
            " ORDER BY r.score DESC, r.together DESC, e.name LIMIT ?",
            (entity_id, limit),
        )
        entities = self._entity_rows([r[:6] for r in rows])
        return [
            RelatedRow(e, score_from_int(r[6]), int(r[7]))
            for e, r in zip(entities, rows, strict=True)
        ]

    def together(self, entity_id: str, other_id: str) -> list[SentenceRow]:
        """The sentences that name both entities, in corpus order."""
        # Each entity's sentences through its mentions (entity index), intersected: what
        # both name costs what each names, without an index of mentions by sentence.
        rows = self._rows(
            'SELECT a.id, a.title, s.start, s."end",'
            ' substr(article_text(a.body), s.start + 1, s."end" - s.start)'
            " FROM sentences s JOIN articles a ON a.rowid = s.article WHERE s.rowid IN"
            " (SELECT sentence FROM mentions WHERE in_aside = 0"
            " AND entity = (SELECT rowid FROM entities WHERE id = ?)"
            " INTERSECT SELECT sentence FROM mentions WHERE in_aside = 0"
            " AND entity = (SELECT rowid FROM entities WHERE id = ?))"
            ' ORDER BY s.article, s.start, s."end"',
            (entity_id, other_id),
        )
        return [SentenceRow(*r[:5]) for r in rows]

    def comention_edges(self, minimum: int = 1) -> list[tuple[str, str, int, float]]:
        """Every pair named together in at least ``minimum`` sentences, once each:
        (entity id, other id, sentences together, G2 score)."""
        rows = self._rows(
            "SELECT a.id, b.id, r.together, r.score FROM related r"
            " JOIN entities a ON a.rowid = r.entity JOIN entities b ON b.rowid = r.other"
            " WHERE r.entity < r.other AND r.together >= ? ORDER BY r.score DESC",
            (minimum,),
        )
        return [(a, b, int(n), score_from_int(score)) for a, b, n, score in rows]

    # -- full text --------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over article text.

        The query may use FTS5 syntax (``"exact phrase"``, ``OR``, ``NOT``, ``prefix*``); if it
        is not valid FTS5 it is searched as plain words. Words match their inflections
        ("strike" finds "strikes"), accents and case ignored. Best matches first.
        """
        if not query.strip() or limit <= 0:
            return []
        try:
            return self._search(query, limit)
        except sqlite3.OperationalError:
            plain = plain_fts_query(query)
            return self._search(plain, limit) if plain else []

    def _search(self, expression: str, limit: int) -> list[SearchHit]:
        with self._lock:
            rows = matching_rows(
                self._db,
                "SELECT a.id, a.title, highlight({fts}, 1, ?, ?) FROM {fts} f"
                " JOIN articles a ON a.rowid = f.rowid"
                " WHERE {fts} MATCH ? ORDER BY bm25({fts}, 4.0, 1.0) LIMIT ?",
                (_OPEN, _CLOSE, expression, limit),
                expression,
            )
        return [_hit(article_id, title, marked) for article_id, title, marked in rows]


def _words(alias: str) -> str:
    """SQL for the words of a date, figure or quote row ``alias``: stored only where they are
    not the article's text between its offsets (see schema)."""
    return (
        f"coalesce({alias}.text,"
        f' substr(article_text(a.body), {alias}.start + 1, {alias}."end" - {alias}.start))'
    )


def _sentence_of(alias: str) -> str:
    """SQL for ``start || char(1) || text`` of the sentence holding the row ``alias`` (or NULL)."""
    return (
        '(SELECT s.start || char(1) || substr(article_text(a.body), s.start + 1, s."end" - s.start)'
        " FROM sentences s WHERE s.article = "
        f'{alias}.article AND s.start <= {alias}.start AND s."end" >= {alias}."end"'
        " ORDER BY s.start DESC LIMIT 1)"
    )


def _sentence_cells(cell: str | None, start: int) -> tuple[str, int]:
    """``(sentence, sentence_start)`` from a ``_sentence_of`` cell; ``("", start)`` when none."""
    if not cell:
        return "", start
    offset, _, text = cell.partition("\x01")
    return text, int(offset)


def plain_fts_query(query: str) -> str:
    """A query read as plain words: each word an FTS5 phrase, all required. '' if no words."""
    words = [w for w in query.split() if re.search(r"\w", w)]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text)


def _hit(article_id: str, title: str, marked: str) -> SearchHit:
    """A search hit from the article text with its matches marked by ``_OPEN`` and ``_CLOSE``."""
    opening = marked.find(_OPEN)
    closing = marked.find(_CLOSE, opening + 1) if opening >= 0 else -1
    text = marked.replace(_OPEN, "").replace(_CLOSE, "")
    if opening < 0 or closing < 0:
        # Matched in the title only: the opening of the text stands for the article.
        window = text[: _SNIPPET_BEFORE + _SNIPPET_AFTER]
        cut = len(window) < len(text)
        snippet = _collapse(window).strip() + ("…" if cut else "")
        return SearchHit(article_id, title, snippet, None)
    start, end = opening, closing - len(_OPEN)
    lo = max(0, start - _SNIPPET_BEFORE)
    hi = min(len(text), end + _SNIPPET_AFTER)
    # Do not cut words in two: move the window's edges out to the nearest spaces.
    if lo > 0:
        space = text.rfind(" ", 0, lo)
        lo = space + 1 if space >= 0 and lo - space < 20 else lo
    if hi < len(text):
        space = text.find(" ", hi)
        hi = space if space >= 0 and space - hi < 20 else hi
    before = ("…" if lo > 0 else "") + _collapse(text[lo:start]).lstrip()
    middle = _collapse(text[start:end])
    after = _collapse(text[end:hi]).rstrip() + ("…" if hi < len(text) else "")
    return SearchHit(
        article_id,
        title,
        before + middle + after,
        start,
        end,
        (len(before), len(before) + len(middle)),
    )
