"""Which articles a filter keeps: by source, date range, an entity they mention, notes.

One definition for the command line (``articles --source/--since/--until/--mentions``) and
the reader's article filter, over the index's rows. Dates compare as ISO prefixes: an article
dated "2015-10" is within ``--since 2015-10-12`` only if its month reaches it, and an undated
article is left out of any date range. Sources compare without regard to case.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from syria_reader.index.article_pages import ArticleFacets
    from syria_reader.index.query import ArticleRow, Index

_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class FilterError(ValueError):
    """A filter value that cannot be used (a malformed date); the message says why."""


def check_date(value: str, what: str) -> str:
    """``value`` if it is an ISO date ("2015", "2015-10", "2015-10-12"), else FilterError."""
    value = value.strip()
    if not _ISO.match(value):
        raise FilterError(
            f"{what}: expected a date such as 2015-10-12, 2015-10 or 2015, got {value!r}"
        )
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError as error:
        raise FilterError(f"{what}: {value} is not a calendar date") from error
    return value


@dataclass(frozen=True)
class ArticleFilter:
    """What the article list is narrowed to (None: not narrowed by that)."""

    source: str | None = None
    since: str | None = None
    until: str | None = None
    entity_id: str | None = None
    entity_name: str | None = None  # for display
    marked_only: bool = False  # only articles with a note or a bookmark

    @property
    def active(self) -> bool:
        """Whether it narrows anything."""
        return bool(self.source or self.since or self.until or self.entity_id or self.marked_only)

    def describe(self) -> str:
        """A short description: "source SANA · 2015-10 to 2016 · mentions Lavrov"."""
        parts = []
        if self.source:
            parts.append(f"source {self.source}")
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        if self.entity_id:
            parts.append(f"mentions {self.entity_name or self.entity_id}")
        if self.marked_only:
            parts.append("with notes or bookmarks")
        return " · ".join(parts)


def _in_range(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether an ISO date (of any precision) falls within since..until, both included."""
    if not (since or until):
        return True
    if not date:
        return False
    # Compare at the coarser of the two precisions: "2015-10" is within 2015-10-12..2015-10-31.
    if since and date[: len(since)] < since[: len(date)]:
        return False
    return not (until and date[: len(until)] > until[: len(date)])


class _Described(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def source(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...


def keeps(
    row: _Described,
    chosen: ArticleFilter,
    mentioning: set[str] | None = None,
    marked: set[str] | None = None,
) -> bool:
    """Whether the filter keeps an article (an index row or an Article).

    ``mentioning``: the ids of the articles that mention the filter's entity; ``marked``: the
    ids with notes or bookmarks (each needed only when the filter asks for it).
    """
    if chosen.source and (row.source or "").casefold() != chosen.source.casefold():
        return False
    if not _in_range(row.date, chosen.since, chosen.until):
        return False
    if chosen.entity_id and row.id not in (mentioning or set()):
        return False
    return not (chosen.marked_only and row.id not in (marked or set()))


def apply_filter(
    index: Index,
    rows: Sequence[ArticleRow],
    chosen: ArticleFilter,
    marked: Iterable[str] = (),
) -> list[ArticleRow]:
    """The rows the filter keeps, in their order; ``marked`` are the ids with notes/bookmarks."""
    mentioning = mentioning_articles(index, chosen.entity_id) if chosen.entity_id else None
    marked_ids = set(marked)
    return [row for row in rows if keeps(row, chosen, mentioning, marked_ids)]


def mentioning_articles(index: Index, entity_id: str) -> set[str]:
    """The ids of the articles that mention an entity (from the index's list of them, not by
    reading every mention: the busiest entity of a large corpus has a hundred thousand)."""
    return set(index.entity_articles(entity_id))


def source_counts(rows: Iterable[ArticleRow]) -> list[tuple[str, int]]:
    """Each source with its number of articles, busiest first (case as the articles write it)."""
    counts = Counter(row.source for row in rows if row.source)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


@dataclass(frozen=True)
class _Group:
    """A (source, date) group of articles, as ``keeps`` reads a row."""

    source: str | None
    date: str | None
    id: str = ""


def count_kept(
    facets: ArticleFacets,
    chosen: ArticleFilter,
    mentioning: Iterable[int] | None = None,
    marked: Iterable[int] | None = None,
) -> int:
    """How many articles the filter keeps (what ``apply_filter`` keeps, counted), from the
    catalogue's groups: the cost is that of the groups and of the entity's or the marked
    articles, not the corpus's. ``mentioning``: the rowids of the articles that mention the
    filter's entity; ``marked``: those with notes or bookmarks (each needed only when asked)."""
    if chosen.marked_only:
        wanted = set(marked or ())
        if chosen.entity_id:
            wanted &= set(mentioning or ())
        counts = facets.counts_of(wanted)
    elif chosen.entity_id:
        counts = facets.counts_of(set(mentioning or ()))
    else:
        counts = facets.all_counts
    by_group = replace(chosen, entity_id=None, marked_only=False)
    groups = facets.groups
    return sum(n for code, n in counts.items() if keeps(_Group(*groups[code]), by_group))


def facet_source_counts(facets: ArticleFacets) -> tuple[list[tuple[str, int]], int]:
    """``source_counts`` from the catalogue's groups, and how many articles have no source."""
    counts: Counter[str] = Counter()
    unsourced = 0
    for code, n in facets.all_counts.items():
        source = facets.groups[code][0]
        if source:
            counts[source] += n
        else:
            unsourced += n
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold())), unsourced
