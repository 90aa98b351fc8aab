"""The runs of an article's text the extractors read, and which block an offset falls in.

Extraction reads every block but reader comments, one block at a time, so no sentence and no
mention ever crosses a block boundary. A block longer than the model's ``max_length`` is cut
into chunks at the last line break or sentence end before the limit (a space at worst), so
nothing is dropped; offsets stay offsets into ``Article.text``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from syria_reader.models import ASIDE_KINDS, Article, Block

_BREAKS = (
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+"),
    re.compile(r"[;:,]\s+"),
    re.compile(r"\s+"),
)


@dataclass(frozen=True)
class Segment:
    """A run of ``Article.text`` to analyse: ``[start, end)`` inside one block."""

    start: int
    end: int
    block_kind: str

    @property
    def in_aside(self) -> bool:
        """Whether the run is a caption or pull quote."""
        return self.block_kind in ASIDE_KINDS


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a chunk that starts at ``start`` and may not pass ``limit``."""
    window = text[start:limit]
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(window) if m.end() > len(window) // 4]
        if ends:
            return start + ends[-1]
    return limit  # no break at all in a quarter of the limit: a hard cut, still nothing dropped


def chunk(text: str, start: int, end: int, max_length: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at most ``max_length`` characters at natural breaks."""
    if max_length <= 0:
        raise ValueError("max_length must be positive")
    pieces: list[tuple[int, int]] = []
    position = start
    while end - position > max_length:
        cut = _cut_point(text, position, position + max_length)
        pieces.append((position, cut))
        position = cut
    if position < end:
        pieces.append((position, end))
    return pieces


#: The longest run given to an extractor at once. The model's own limit (a million characters)
#: is far past what it handles well: some of its work, and of ours per run, grows with the
#: square of a run's length, so a huge block is cut at sentence ends into runs of this size.
CHUNK_LENGTH = 10_000


def segments(article: Article, max_length: int) -> list[Segment]:
    """The runs to analyse: each non-comment block, chunked to ``max_length`` (and to
    :data:`CHUNK_LENGTH`), blanks skipped."""
    runs: list[Segment] = []
    limit = min(max_length, CHUNK_LENGTH)
    for block in article.blocks:
        if block.kind == "comment" or not article.text[block.start : block.end].strip():
            continue
        for start, end in chunk(article.text, block.start, block.end, limit):
            runs.append(Segment(start, end, block.kind))
    return runs


class BlockIndex:
    """Finds the block an offset falls in (blocks are sorted and do not overlap)."""

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        self._blocks = sorted(blocks, key=lambda b: b.start)
        self._starts = [b.start for b in self._blocks]

    def at(self, offset: int) -> Block | None:
        """The block holding ``offset``, or None between blocks."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self._blocks[i].start <= offset < self._blocks[i].end:
            return self._blocks[i]
        return None

    def __iter__(self) -> Iterator[Block]:
        return iter(self._blocks)
