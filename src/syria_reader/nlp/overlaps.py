"""Overlap lookups that stay fast on huge articles (no comparison of every span with every other).

:class:`SpanIndex` finds the spans that overlap a range by bisecting their sorted starts, looking
back only as far as the longest span; :class:`Occupied` marks the characters already covered
by chosen spans in a byte mask. Both answer exactly what ``any(s < b and a < e ...)`` over all
spans would, in time that grows with the article, not with its square.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Spans ``(start, end, payload)`` looked up by overlap with a range."""

    def __init__(self, spans: Iterable[tuple[int, int, T]]) -> None:
        self._spans = sorted(spans, key=lambda span: span[0])  # stable: ties keep their order
        self._starts = [span[0] for span in self._spans]
        self._longest = max((b - a for a, b, _ in self._spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """The spans with ``s < end and start < e``, in order of their starts."""
        # A span ending after ``start`` starts after ``start - longest``.
        i = bisect.bisect_left(self._starts, start - self._longest + 1)
        found = []
        while i < len(self._starts) and self._starts[i] < end:
            span = self._spans[i]
            if start < span[1]:
                found.append(span)
            i += 1
        return found


class Occupied:
    """Which characters of a text are already covered by a chosen span."""

    def __init__(self, length: int) -> None:
        self._mask = bytearray(max(0, length))

    def free(self, start: int, end: int) -> bool:
        """Whether no character of ``[start, end)`` is covered yet."""
        return self._mask.find(1, start, end) == -1

    def take(self, start: int, end: int) -> None:
        """Cover ``[start, end)``."""
        if end > start:
            if end > len(self._mask):
                self._mask.extend(bytes(end - len(self._mask)))
            self._mask[start:end] = b"\x01" * (end - start)
