"""Name spans of one article made RawMentions, and the article's Analysis (shared by both
extractors).

Candidates may overlap (a model span and a pattern match); the one with the higher priority,
then the longer one, wins. Each mention gets the sentence it stands in, and whether it is in
an aside (caption or pull quote).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from syria_reader.models import (
    ASIDE_KINDS,
    Analysis,
    Article,
    DateRef,
    Figure,
    RawMention,
)
from syria_reader.nlp.overlaps import Occupied
from syria_reader.nlp.segments import BlockIndex


@dataclass(frozen=True)
class Candidate:
    """A cleaned name span with the kind proposed for it and how much to trust it."""

    start: int
    end: int
    kind: str
    priority: int = 0


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: higher priority first, then longer, then earlier."""
    chosen: list[Candidate] = []
    spans = [c for c in candidates if c.end > c.start]
    taken = Occupied(max((c.end for c in spans), default=0))
    for cand in sorted(spans, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if taken.free(cand.start, cand.end):
            chosen.append(cand)
            taken.take(cand.start, cand.end)
    return sorted(chosen, key=lambda c: c.start)


class SentenceIndex:
    """Finds the sentence around a character offset; falls back to the block.

    The spans are kept as two arrays of offsets, not a tuple each: linking holds the index of
    every article of the corpus at once."""

    def __init__(self, sentences: Iterable[tuple[int, int]], blocks: BlockIndex) -> None:
        ordered = sorted(set(sentences))
        self._starts = array("q", [s for s, _ in ordered])
        self._ends = array("q", [e for _, e in ordered])
        self._blocks = blocks

    @property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Every sentence span, in order, each once."""
        return tuple(zip(self._starts, self._ends, strict=True))

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence holding ``[start, end)`` (widened over several if the span crosses them)."""
        starts, ends = self._starts, self._ends
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and starts[i] <= start < ends[i]:
            first, last = starts[i], ends[i]
            j = i
            while last < end and j + 1 < len(starts):
                j += 1
                last = ends[j]
            block = self._blocks.at(start)
            if block is not None:
                return max(first, block.start), min(max(last, end), block.end)
            return first, max(last, end)
        block = self._blocks.at(start)
        if block is not None:
            return block.start, block.end
        return start, end


def to_mentions(
    article: Article, candidates: list[Candidate], sentences: SentenceIndex, blocks: BlockIndex
) -> tuple[RawMention, ...]:
    """RawMentions for the winning candidates, in text order."""
    mentions = []
    for cand in resolve_overlaps(candidates):
        block = blocks.at(cand.start)
        if block is None or block.kind == "comment":
            continue
        s_start, s_end = sentences.around(cand.start, cand.end)
        mentions.append(
            RawMention(
                start=cand.start,
                end=cand.end,
                text=article.text[cand.start : cand.end],
                kind=cand.kind,
                sentence_start=s_start,
                sentence_end=s_end,
                in_aside=block.kind in ASIDE_KINDS,
            )
        )
    return tuple(mentions)


def build_analysis(
    article: Article,
    extractor: str,
    candidates: list[Candidate],
    sentences: list[tuple[int, int]],
    dates: Iterable[DateRef],
    figures: Iterable[Figure],
) -> Analysis:
    """One article's Analysis from what an extractor found in it, each mention with its sentence."""
    blocks = BlockIndex(article.blocks)
    index = SentenceIndex(sentences, blocks)
    return Analysis(
        article_id=article.id,
        mentions=to_mentions(article, candidates, index, blocks),
        dates=tuple(dates),
        figures=tuple(figures),
        sentences=index.sentences,
        extractor=extractor,
    )
