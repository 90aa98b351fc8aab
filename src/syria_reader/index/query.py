"""Read-only queries over a built index: the one way the reader and the CLI read the corpus.

Opening an index never imports spaCy. Rows are frozen dataclasses; ``to_json()`` gives the
objects of the CLI's JSON contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from syria_reader.models import Article


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
class ArticleRow:
    """One article, without its text."""

    id: str
    title: str
    source: str | None
    author: str | None
    date: str | None
    path: str
    words: int

    def to_json(self) -> dict[str, object]:
        """The article object of ``articles --json``."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "author": self.author,
            "date": self.date,
            "path": self.path,
            "words": self.words,
        }


@dataclass(frozen=True)
class EntityRow:
    """One linked entity with its corpus-wide counts."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: int
    articles: int

    def to_json(self) -> dict[str, object]:
        """The entity object of ``entities --json``."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.kind,
            "aliases": list(self.aliases),
            "mentions": self.mentions,
            "articles": self.articles,
        }


@dataclass(frozen=True)
class MentionRow:
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

    def to_json(self) -> dict[str, object]:
        """The mention object of ``mentions --json``."""
        return {
            "article": self.article_id,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "context": self.context,
        }


@dataclass(frozen=True)
class DateRow:
    """A date reference in an article."""

    article_id: str
    title: str
    start: int
    end: int
    text: str
    iso: str | None
    precision: str | None


@dataclass(frozen=True)
class FigureRow:
    """A figure in an article."""

    article_id: str
    title: str
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None
    qualifier: str | None


@dataclass(frozen=True)
class SearchHit:
    """A full-text search result: plain-text snippet around the first match."""

    article_id: str
    title: str
    snippet: str
    start: int | None  # offset of the first match in the article text, where known


@dataclass(frozen=True)
class EntityMatch:
    """A fuzzy lookup result: the entity, the name or alias that matched, and the score."""

    entity: EntityRow
    matched: str
    score: float


class Index:
    """A built index opened read-only."""

    def __init__(self, path: Path) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Close the database."""
        raise NotImplementedError

    def info(self) -> IndexInfo:
        """How and when the index was built."""
        raise NotImplementedError

    def articles(self) -> list[ArticleRow]:
        """Every article, in corpus order (path, then position in file)."""
        raise NotImplementedError

    def article(self, article_id: str) -> Article | None:
        """One article with its cleaned text and blocks."""
        raise NotImplementedError

    def entities(self, kind: str | None = None) -> list[EntityRow]:
        """Every entity (of one kind), busiest first."""
        raise NotImplementedError

    def entity(self, entity_id: str) -> EntityRow | None:
        """One entity by id."""
        raise NotImplementedError

    def article_entities(self, article_id: str) -> list[tuple[EntityRow, int]]:
        """The entities one article mentions, with the count of mentions in that article."""
        raise NotImplementedError

    def article_mentions(self, article_id: str) -> list[MentionRow]:
        """Every linked mention in one article, by offset."""
        raise NotImplementedError

    def mentions_of(self, entity_id: str, include_asides: bool = True) -> list[MentionRow]:
        """Every mention of one entity across the corpus, in corpus order then by offset."""
        raise NotImplementedError

    def find_entities(self, query: str, limit: int = 20) -> list[EntityMatch]:
        """Fuzzy lookup over every entity name and alias (typos, case, partial names)."""
        raise NotImplementedError

    def dates(self, article_id: str | None = None) -> list[DateRow]:
        """Date references, of one article or all."""
        raise NotImplementedError

    def figures(self, article_id: str | None = None) -> list[FigureRow]:
        """Figures, of one article or all."""
        raise NotImplementedError

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over article text."""
        raise NotImplementedError
