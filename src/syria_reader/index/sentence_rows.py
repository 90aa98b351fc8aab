"""The rowids of the sentences a build has written, found by article and span.

A corpus of 50,000 articles has millions of sentences, and the writer looks each mention's,
quote's and timeline entry's sentence up until the end of the build. A dict entry with a tuple
key takes some 220 bytes a sentence; here each article's sentences are written together, in
order, under consecutive rowids, so two arrays of offsets (16 bytes a sentence) and where each
article's run begins say the same. The few sentences added later (a mention with no usable
sentence is its own context) are kept apart.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence


class SentenceRows:
    """Sentence rowids by ``(article rowid, start, end)``, for articles added in rowid order."""

    def __init__(self) -> None:
        self._starts = array("q")  # of sentence rowid - 1
        self._ends = array("q")
        self._first = array("q", [0])  # by article rowid - 1: its first sentence's position
        self._later: dict[int, dict[tuple[int, int], int]] = {}  # by article rowid
        self._count = 0

    def add_article(self, article: int, spans: Sequence[tuple[int, int]]) -> int:
        """Record article ``article``'s sentences (sorted, distinct) and return the rowid the
        first of them is to be written under; the others follow it one by one."""
        if article != len(self._first):
            raise ValueError(f"article {article} added after {len(self._first) - 1}")
        if self._later:
            raise ValueError("an article added after sentences were added to an article")
        first_rowid = len(self._starts) + 1
        self._starts.extend(start for start, _ in spans)
        self._ends.extend(end for _, end in spans)
        self._first.append(len(self._starts))
        self._count += len(spans)
        return first_rowid

    def add(self, article: int, start: int, end: int) -> int:
        """Record one more sentence of an article already added and return the rowid it is to
        be written under."""
        self._count += 1
        self._later.setdefault(article, {})[(start, end)] = self._count
        return self._count

    def get(self, article: int, start: int, end: int) -> int | None:
        """The rowid of the sentence, or None if it was not written."""
        if 1 <= article < len(self._first):
            low, high = self._first[article - 1], self._first[article]
            i = bisect.bisect_left(self._starts, start, low, high)
            while i < high and self._starts[i] == start:
                if self._ends[i] == end:
                    return i + 1
                i += 1
        later = self._later.get(article)
        return later.get((start, end)) if later else None

    def spans(self, article: int) -> list[tuple[int, int]]:
        """Every sentence span of the article, sorted."""
        spans: list[tuple[int, int]] = []
        if 1 <= article < len(self._first):
            low, high = self._first[article - 1], self._first[article]
            spans = list(zip(self._starts[low:high], self._ends[low:high], strict=True))
        later = self._later.get(article)
        return sorted(spans + list(later)) if later else spans
