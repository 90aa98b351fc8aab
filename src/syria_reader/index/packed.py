"""Strings and integers kept in bytes, as the stored name matcher holds them (index.fuzzy).

Hundreds of thousands of names load as a few buffers read from the index, not as as many
Python objects built on every open; each is decoded when a lookup reads it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal

import numpy as np


class PackedStrings:
    """A read-only sequence of strings stored as one UTF-8 buffer and their end offsets."""

    __slots__ = ("_data", "_offsets")

    def __init__(self, data: bytes, offsets: bytes) -> None:
        """``offsets``: ``len + 1`` int64 values, string ``i`` being bytes ``offsets[i]`` to
        ``offsets[i + 1]`` of ``data``."""
        self._data = data
        self._offsets = ints(offsets, "q")

    @staticmethod
    def pack(strings: Sequence[str]) -> tuple[bytes, bytes]:
        """The ``(data, offsets)`` that hold ``strings``."""
        encoded = [s.encode() for s in strings]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, encoded), np.int64, len(encoded)), out=offsets[1:])
        return b"".join(encoded), offsets.tobytes()

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index: int) -> str:
        if index < 0:
            index += len(self)
        return self._data[self._offsets[index] : self._offsets[index + 1]].decode()

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))

    def byte_lengths(self) -> np.ndarray:
        """The length in bytes of every string (its length, for ASCII strings)."""
        return np.diff(np.frombuffer(self._offsets, dtype=np.int64))


def ints(data: bytes, code: Literal["i", "q"]) -> memoryview:
    """``data`` as a sequence of integers (``"i"``: int32, ``"q"``: int64) that reads each one as
    a Python int, cheaply, where NumPy would make a scalar object."""
    return memoryview(data).cast(code)
