"""The rows of a long list, read from the index a chunk at a time, the last few chunks kept."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from textual.cache import LRUCache

Row = TypeVar("Row")

CHUNK = 64


class RowChunks(Generic[Row]):
    """Rows by number, read ``CHUNK`` at a time through ``read(start, end)``; four chunks kept."""

    def __init__(self) -> None:
        self._rows: LRUCache[int, Row] = LRUCache(4 * CHUNK)

    def get(self, number: int, read: Callable[[int, int], Iterable[Row]]) -> Row | None:
        """Row ``number``, reading its whole chunk when it is not kept (callers check bounds)."""
        found = self._rows.get(number)
        if found is None:
            start = number - number % CHUNK
            for offset, row in enumerate(read(start, start + CHUNK)):
                self._rows[start + offset] = row
            found = self._rows.get(number)
        return found

    def clear(self) -> None:
        """Forget every row kept (the list's rows changed)."""
        self._rows.clear()
