"""What the index derives from mentions, sentences and dates: quotes, the timeline, co-mentions.

Computed while the index is written, one article at a time (``ArticleExtras``), with the
corpus-wide co-mention scores at the end (``related_scores``). spaCy-free: it runs on cached
analyses as well as fresh ones.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from syria_reader.models import BODY_KINDS, Article, DateRef
from syria_reader.nlp.quotes import NameSpan, Quote, find_quotes

#: Bump when what this module (or nlp.quotes) derives changes: indexes built before are stale,
#: and the next build writes these tables again (reusing every cached analysis).
DERIVED_VERSION = "derived-3"


@dataclass(frozen=True)
class TimelineEntry:
    """A resolved date of an article with the sentence it stands in."""

    start: int
    end: int
    text: str
    date: str
    until: str | None
    precision: str
    sentence: tuple[int, int] | None  # (start, end) of the sentence, when one holds it


def article_quotes(article: Article, names: Sequence[NameSpan]) -> list[Quote]:
    """The quotations in an article's running text, attributed from its linked mentions."""
    paragraphs = [(b.start, b.end) for b in article.blocks if b.kind in BODY_KINDS]
    return find_quotes(article.text, paragraphs, names)


def containing(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The span of ``spans`` (sorted by start) that holds ``start``, if any."""
    i = bisect_right(spans, (start, float("inf"))) - 1
    while i >= 0:
        s, e = spans[i]
        if s <= start < e or (s <= start and end <= e):
            return spans[i]
        if e <= start and s < start - 2000:
            break
        i -= 1
    return None


def timeline_entries(
    dates: Iterable[DateRef], sentences: Sequence[tuple[int, int]]
) -> list[TimelineEntry]:
    """The article's resolved dates, each with its sentence; unresolved ones are left out."""
    spans = sorted(set(sentences))
    out = []
    for d in dates:
        if not d.iso or not d.precision:
            continue
        until = d.iso_end if d.iso_end and d.iso_end != d.iso else None
        precision = "range" if until else d.precision
        out.append(
            TimelineEntry(
                d.start, d.end, d.text, d.iso, until, precision, containing(spans, d.start, d.end)
            )
        )
    return out


@dataclass(frozen=True)
class Association:
    """How strongly two entities are named together."""

    entity: int
    other: int
    together: int
    score: float


def _xlogx(k: float, expected: float) -> float:
    return k * math.log(k / expected) if k > 0 and expected > 0 else 0.0


def log_likelihood(together: int, a: int, b: int, total: int) -> float:
    """Dunning's G2 for two things seen ``a`` and ``b`` times in ``total``, ``together`` both.

    Large when they co-occur more than chance would have them, without the small-count
    blow-up of PMI; zero or less when they meet no more often than chance."""
    k11 = together
    k12, k21 = a - together, b - together
    k22 = total - a - b + together
    if min(k11, k12, k21, k22) < 0 or total <= 0:
        return 0.0
    row1, row2 = k11 + k12, k21 + k22
    col1, col2 = k11 + k21, k12 + k22
    g2 = 2.0 * (
        _xlogx(k11, row1 * col1 / total)
        + _xlogx(k12, row1 * col2 / total)
        + _xlogx(k21, row2 * col1 / total)
        + _xlogx(k22, row2 * col2 / total)
    )
    return g2 if k11 * total > a * b else -g2


_PAIR_SHIFT = 32
_PAIR_MASK = (1 << _PAIR_SHIFT) - 1


def related_scores(sentence_entities: Iterable[frozenset[int]]) -> Iterator[Association]:
    """Every pair of entities named in one sentence, both ways, scored by ``log_likelihood``,
    in (entity, other) order: the order of the ``related`` table's key.

    ``sentence_entities`` holds, per sentence with any mention, the entity rowids it names
    (each under 2**32). Pairs that meet no more often than chance are left out."""
    seen: Counter[int] = Counter()
    # A pair is one int (smaller << 32 | larger), not a tuple: a large corpus has millions.
    pairs: Counter[int] = Counter()
    total = 0
    for entities in sentence_entities:
        total += 1
        seen.update(entities)
        if len(entities) > 1:
            pairs.update(x << _PAIR_SHIFT | y for x, y in combinations(sorted(entities), 2))
    if seen and max(seen) >> _PAIR_SHIFT:
        raise ValueError(f"entity rowid {max(seen)} does not fit a pair key")
    # Each pair kept is scored once: its slot in ``pairs`` then holds its place in these.
    together_of: array[int] = array("q")
    score_of: array[float] = array("d")
    directed: list[int] = []
    for pair, together in pairs.items():
        x, y = pair >> _PAIR_SHIFT, pair & _PAIR_MASK
        score = log_likelihood(together, seen[x], seen[y], total)
        if score > 0:
            pairs[pair] = len(score_of)
            together_of.append(together)
            score_of.append(score)
            directed.extend((pair, y << _PAIR_SHIFT | x))
    directed.sort()
    for key in directed:
        entity, other = key >> _PAIR_SHIFT, key & _PAIR_MASK
        place = pairs[min(entity, other) << _PAIR_SHIFT | max(entity, other)]
        yield Association(entity, other, together_of[place], score_of[place])
