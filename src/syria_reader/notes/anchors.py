"""Anchors: where a note or bookmark points in an article, robust to edits of the article text.

An anchor keeps the article's identity (id, path, source hash), the character offsets, the exact
quoted passage and some text before and after it. ``resolve`` finds the passage again in the
current text: at the same offsets ("exact"), elsewhere verbatim ("moved"), approximately
("fuzzy", scored by quote similarity, context and closeness to the old offset), or not at all
("orphan"). Every search over the article text is done by rapidfuzz in C, so resolving hundreds
of anchors when an article opens stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import ScoreAlignment

from syria_reader.models import Article

#: Characters of context kept before and after the quoted passage.
CONTEXT_CHARS = 48
#: A quote at least this long identifies its passage by itself; shorter ones lean on context.
SELF_IDENTIFYING_LENGTH = 80
#: Minimum similarity (0-100) between the quote and a fuzzy candidate.
MIN_QUOTE_SIMILARITY = 72.0
#: Minimum combined score (quote, context, closeness) of a fuzzy candidate.
MIN_COMBINED_SCORE = 70.0
#: Short quotes match by chance all over a text: their context must agree at least this much.
MIN_SHORT_QUOTE_CONTEXT = 65.0
#: Exact occurrences considered when a short quote repeats many times.
MAX_OCCURRENCES = 2000
#: Length of the head and tail pieces that place a fuzzy match's edges, and how well they must
#: match.
EDGE_PIECE = 24
EDGE_MATCH = 80.0
#: Windows scoring below this are not worth refining (random English text scores 45-70).
_SEARCH_CUTOFF = 50.0

_LINE_START = re.compile(r"\n(?=[^\n])")
_LINE_END = re.compile(r"(?<=[^\n])\n")

Status = Literal["exact", "moved", "fuzzy", "orphan"]


@dataclass(frozen=True)
class Anchor:
    """Where a note or bookmark points: the article and the exact passage, with its context."""

    article_id: str
    article_path: str
    article_sha256: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    #: The article's title when the anchor was made, shown when the article is gone.
    article_title: str = ""


@dataclass(frozen=True)
class Resolved:
    """Where an anchor's passage is in the current article text (``None`` offsets: orphan)."""

    start: int | None
    end: int | None
    status: Status
    score: float  # 0-100: how sure the match is

    @property
    def anchored(self) -> bool:
        """Whether the passage was found in the current text."""
        return self.status != "orphan"


ORPHAN = Resolved(None, None, "orphan", 0.0)


def capture(article: Article, start: int, end: int) -> Anchor:
    """Make an anchor for ``article.text[start:end]``; raises ValueError on an empty or bad span."""
    if not 0 <= start < end <= len(article.text):
        raise ValueError(
            f"span {start}:{end} is not a passage of article {article.id!r} ({len(article.text)} "
            "chars)"
        )
    text = article.text
    return Anchor(
        article_id=article.id,
        article_path=article.path,
        article_sha256=article.sha256,
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        article_title=article.title,
    )


def resolve(anchor: Anchor, article: Article) -> Resolved:
    """Find the anchor's passage in the article's current text."""
    text, quote = article.text, anchor.quote
    if not quote or not text:
        return ORPHAN
    weights = _weights(len(quote))
    occurrences = _occurrences(text, quote)
    at_old = (
        anchor.start
        if anchor.start >= 0 and text[anchor.start : anchor.start + len(quote)] == quote
        else None
    )

    if at_old is not None:
        context_here = _context_score(anchor, text, at_old, at_old + len(quote))
        best = _best_occurrence(anchor, text, occurrences, weights) if context_here < 100 else None
        # The same words at the old offset, but a repeat elsewhere sits in the old context:
        # the text before the passage was edited and the repeat is the passage.
        if best is not None and best[0] != at_old and best[1] > context_here + 20:
            return _moved(anchor, text, best, weights)
        return Resolved(
            at_old, at_old + len(quote), "exact", _combined(100.0, context_here, 100.0, weights)
        )

    if occurrences:
        best = _best_occurrence(anchor, text, occurrences, weights)
        assert best is not None
        return _moved(anchor, text, best, weights)

    return _fuzzy(anchor, text, weights)


def _moved(
    anchor: Anchor, text: str, best: tuple[int, float], weights: tuple[float, float, float]
) -> Resolved:
    """The quote verbatim at ``best`` = (offset, context score)."""
    start, context = best
    score = _combined(100.0, context, _closeness(anchor, text, start), weights)
    return Resolved(start, start + len(anchor.quote), "moved", score)


def _weights(quote_length: int) -> tuple[float, float, float]:
    """Weights of (quote, context, closeness): long quotes speak for themselves, short ones lean on
    context."""
    r = min(1.0, quote_length / SELF_IDENTIFYING_LENGTH)
    return 0.45 + 0.30 * r, 0.45 - 0.25 * r, 0.10 - 0.05 * r


def _combined(
    quote_score: float, context_score: float, closeness: float, weights: tuple[float, float, float]
) -> float:
    wq, wc, wd = weights
    return round(wq * quote_score + wc * context_score + wd * closeness, 2)


def _occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of the quote's verbatim occurrences (overlapping ones included)."""
    found: list[int] = []
    position = text.find(quote)
    while position != -1 and len(found) < MAX_OCCURRENCES:
        found.append(position)
        position = text.find(quote, position + 1)
    return found


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    """How well the text around ``start:end`` matches the anchor's prefix and suffix (0-100)."""
    before = text[max(0, start - len(anchor.prefix)) : start]
    after = text[end : end + len(anchor.suffix)]
    return (fuzz.ratio(anchor.prefix, before) + fuzz.ratio(anchor.suffix, after)) / 2


def _closeness(anchor: Anchor, text: str, start: int) -> float:
    """100 at the old offset, falling linearly to 0 a whole text length away."""
    return 100.0 * max(0.0, 1.0 - abs(start - anchor.start) / max(len(text), 1))


def _best_occurrence(
    anchor: Anchor, text: str, occurrences: list[int], weights: tuple[float, float, float]
) -> tuple[int, float] | None:
    """The verbatim occurrence whose context and position fit best, with its context score."""
    best: tuple[float, int, float] | None = None
    _, wc, wd = weights
    for start in occurrences:
        context = _context_score(anchor, text, start, start + len(anchor.quote))
        rank = wc * context + wd * _closeness(anchor, text, start)
        if best is None or rank > best[0]:
            best = (rank, start, context)
    return None if best is None else (best[1], best[2])


def _fuzzy(anchor: Anchor, text: str, weights: tuple[float, float, float]) -> Resolved:
    """Best approximate match of the quote, or an orphan when nothing fits well enough."""
    quote = anchor.quote
    windows: list[tuple[int, int]] = []

    whole = fuzz.partial_ratio_alignment(quote, text, score_cutoff=_SEARCH_CUTOFF)
    if whole is not None:
        windows.append(_window(whole, len(quote), 0))
    # The quote with its context as one needle finds short quotes whose words changed.
    prefix, suffix = anchor.prefix[-24:], anchor.suffix[:24]
    if prefix or suffix:
        framed = fuzz.partial_ratio_alignment(
            prefix + quote + suffix, text, score_cutoff=_SEARCH_CUTOFF
        )
        if framed is not None:
            windows.append(_window(framed, len(quote), len(prefix)))
    # Near the old offset: an edited passage that also repeats elsewhere in the text.
    reach = len(quote) + 2 * CONTEXT_CHARS
    lo = max(0, min(anchor.start, len(text)) - reach)
    nearby = text[lo : max(0, anchor.start) + len(quote) + reach]
    local = (
        fuzz.partial_ratio_alignment(quote, nearby, score_cutoff=_SEARCH_CUTOFF) if nearby else None
    )
    if local is not None:
        s, e = _window(local, len(quote), 0)
        windows.append((s + lo, e + lo))

    best: Resolved = ORPHAN
    short = len(quote) < SELF_IDENTIFYING_LENGTH / 2
    for start, end in {_refine(anchor, text, s, e) for s, e in windows}:
        if not 0 <= start < end <= len(text):
            continue
        quote_score = fuzz.ratio(quote, text[start:end])
        context = _context_score(anchor, text, start, end)
        score = _combined(quote_score, context, _closeness(anchor, text, start), weights)
        if quote_score < MIN_QUOTE_SIMILARITY or score < MIN_COMBINED_SCORE:
            continue
        if short and context < MIN_SHORT_QUOTE_CONTEXT:
            continue
        if score > best.score:
            best = Resolved(start, end, "fuzzy", score)
    return best


def _window(alignment: ScoreAlignment, quote_length: int, before: int) -> tuple[int, int]:
    """The quote's span in the text from an alignment of a needle (``before`` chars of context +
    quote + ...)."""
    src_start = alignment.src_start
    dest_start = alignment.dest_start
    # Where the needle's first character would sit in the text, then skip the leading context.
    start = dest_start - src_start + before
    return max(0, start), max(0, start + quote_length)


def _refine(anchor: Anchor, text: str, start: int, end: int) -> tuple[int, int]:
    """Move a window's edges onto where the quote's first and last words are found nearby.

    A window from ``partial_ratio`` has the quote's length, but the edited passage may be
    longer or shorter. Pieces of the quote's head and tail, searched near the window's edges,
    give its bounds (a later piece when the first words themselves were edited); then an edge
    that was at a paragraph or word boundary is put back on the nearest such boundary.
    """
    quote = anchor.quote
    piece = min(len(quote), EDGE_PIECE)
    slack = max(12, len(quote) // 4)

    for skip in range(0, max(1, len(quote) // 2 - piece + 1), piece):
        lo = max(0, start + skip - slack)
        found = fuzz.partial_ratio_alignment(
            quote[skip : skip + piece], text[lo : start + skip + slack + piece]
        )
        if found is not None and found.score >= EDGE_MATCH:
            start = lo + found.dest_start - found.src_start - skip
            break
    for skip in range(0, max(1, len(quote) // 2 - piece + 1), piece):
        lo = max(0, end - skip - piece - slack)
        tail = quote[len(quote) - skip - piece : len(quote) - skip]
        found = fuzz.partial_ratio_alignment(tail, text[lo : end - skip + slack])
        if found is not None and found.score >= EDGE_MATCH:
            end = lo + found.dest_end + (piece - found.src_end) + skip
            break
    start, end = max(0, start), min(end, len(text))
    return _snap_start(anchor, text, start, slack), _snap_end(anchor, text, end, slack)


def _snap_start(anchor: Anchor, text: str, start: int, slack: int) -> int:
    """Put the start back on a paragraph (or word) start if the quote began on one."""
    if not anchor.prefix or anchor.prefix.endswith("\n"):
        lo = max(0, start - slack)
        breaks = [m.end() for m in _LINE_START.finditer(text, lo, min(len(text), start + slack))]
        if lo == 0:
            breaks.append(0)
        if breaks:
            return min(breaks, key=lambda b: abs(b - start))
    if not anchor.prefix[-1:].isalnum() and anchor.quote[:1].isalnum():
        while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
    return start


def _snap_end(anchor: Anchor, text: str, end: int, slack: int) -> int:
    """Put the end back on a paragraph (or word) end if the quote ended on one."""
    if not anchor.suffix or anchor.suffix.startswith("\n"):
        hi = min(len(text), end + slack)
        breaks = [m.start() for m in _LINE_END.finditer(text, max(0, end - slack), hi)]
        if hi == len(text):
            breaks.append(len(text))
        if breaks:
            return min(breaks, key=lambda b: abs(b - end))
    if not anchor.suffix[:1].isalnum() and anchor.quote[-1:].isalnum():
        while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
    return end
