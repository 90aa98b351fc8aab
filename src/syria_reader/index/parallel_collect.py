"""Linking's first step, finding every article's names, shared with worker processes.

Collecting an article's mentions (laying the gazetteer over the extractor's names) reads only
that article, the gazetteer and the corpus's lowercase words, and is a quarter of linking: the
build's process collects the first articles itself while workers collect the rest; the later
steps, which need the whole corpus, stay in the build's process. Each worker gets the
gazetteer and the lowercase words once, then chunks of articles with their stored analyses;
it sends back compact rows (``corpus_mentions.MentionRow``), which the build turns into the
same mentions, in the same order, as collecting them itself would.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache

from syria_reader.index.codec import analysis_from_blob
from syria_reader.index.parallel import settle_worker, start_resource_tracker
from syria_reader.models import Article
from syria_reader.nlp.corpus_mentions import (
    CorpusMention,
    MentionRow,
    article_context,
    collect_mentions,
    mention_rows,
    mentions_from_rows,
)
from syria_reader.nlp.gazetteer import Gazetteer, GazetteerEntry

#: Each process must get at least this many characters of articles (``parallel.worth_parallel``
#: decides). Starting a worker takes about a second (no model to load); collecting, about a
#: second a million characters. Measured on generated 8 kB articles on two cores: 1,000
#: articles (8.6 M chars), linking's first step 9.2 s in one process, 6.1 s in two.
MIN_CHARS_PER_COLLECTOR = 2_000_000
#: Turning an article's rows back into mentions, against collecting them: 7 against 63
#: microseconds a mention, measured on the 1k generated corpus.
ADOPT_COST = 0.11

_gazetteer: Gazetteer | None = None  # the worker's, set by ``_load``
_lowercase: Counter[str] = Counter()
_lookup: Callable[[str], GazetteerEntry | None] | None = None
_positions: dict[str, int] = {}


def _load(gazetteer: Gazetteer, lowercase: Counter[str]) -> None:
    global _gazetteer, _lowercase, _lookup, _positions
    settle_worker()
    _gazetteer, _lowercase = gazetteer, lowercase
    _lookup = lru_cache(maxsize=None)(gazetteer.lookup)
    _positions = entry_positions(gazetteer)


def entry_positions(gazetteer: Gazetteer) -> dict[str, int]:
    """Each gazetteer entry's position in ``gazetteer.entries``, by name (names are unique)."""
    return {entry.name: i for i, entry in enumerate(gazetteer.entries)}


def _collect(first: int, articles: list[Article], blobs: list[bytes]) -> list[list[MentionRow]]:
    """The mention rows of each article of a chunk (``first``: the first one's position in
    the corpus), from its stored analysis."""
    assert _gazetteer is not None and _lookup is not None, "worker used before its initializer"
    rows = []
    for offset, (article, blob) in enumerate(zip(articles, blobs, strict=True)):
        analysis = analysis_from_blob(blob, article.text, names_only=True)
        context = article_context(article, analysis)
        found = collect_mentions(first + offset, context, analysis, _gazetteer, _lowercase, _lookup)
        rows.append(mention_rows(found, _positions))
    return rows


def own_share(articles: int, processes: int) -> int:
    """How many of the first articles the build's process collects itself, the workers the
    rest: it also turns the workers' rows into mentions (about a ninth of the time collecting
    them takes), so it takes a little less than its even share."""
    if processes <= 1:
        return articles
    even = 1 / (processes - 1)
    return int(articles * (even - ADOPT_COST) / (1 - ADOPT_COST + even))


class ProcessCollector:
    """A :class:`~syria_reader.nlp.linking.Collector` for one linking, in ``processes``
    processes, the build's own included: it collects the first articles itself (its memos
    then serve the rest of linking) while worker processes collect the others.

    ``blobs`` are the articles' stored analyses in their order (the list is copied, so the
    caller may let its own go as linking reads it). Should the workers fail to start or die,
    the articles they had not sent back are collected here. Use it in a ``with`` block: the
    workers are stopped at its end, or as soon as their last chunk is read.
    """

    def __init__(self, blobs: Sequence[bytes], gazetteer: Gazetteer, processes: int) -> None:
        self.blobs = list(blobs)
        self.gazetteer = gazetteer
        self.processes = processes
        self.pool: ProcessPoolExecutor | None = None
        self.total = len(self.blobs)
        self.share = self.total  # articles collected here, from the first
        self.pending: deque[tuple[int, Future[list[list[MentionRow]]]]] = deque()
        self.chunk: list[list[MentionRow]] = []
        self.chunk_first = 0

    def begin(self, articles: Sequence[Article], lowercase: Counter[str]) -> None:
        """Start the workers on every article after this process's share."""
        if len(self.blobs) != len(articles):
            raise ValueError(f"{len(self.blobs)} stored analyses for {len(articles)} articles")
        self.share = own_share(self.total, self.processes)
        workers = self.processes - 1
        rest = self.total - self.share
        if workers < 1 or rest <= 0:
            self.share = self.total
            return
        size = max(16, min(256, rest // (workers * 8) or 1))
        try:
            start_resource_tracker()
            self.pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_load,
                initargs=(self.gazetteer, lowercase),
            )
            for first in range(self.share, self.total, size):
                chunk = list(articles[first : first + size])
                future = self.pool.submit(_collect, first, chunk, self.blobs[first : first + size])
                self.pending.append((first, future))
        except OSError:
            self._stop()
            self.share = self.total
        self.blobs.clear()  # sent: not held through the rest of linking

    def mentions(self, index: int, here: Callable[[], list[CorpusMention]]) -> list[CorpusMention]:
        """Article ``index``'s mentions: collected here, or from the workers' rows."""
        if index < self.share:
            return here()
        while index >= self.chunk_first + len(self.chunk):
            if not self.pending:  # the workers are gone: the rest is collected here
                self.share = self.total
                return here()
            self.chunk_first, future = self.pending.popleft()
            try:
                self.chunk = future.result()
            except (BrokenProcessPool, OSError):
                self._stop()
                self.share = self.total
                return here()
            if not self.pending:
                self._stop()  # every chunk is back: the workers' memory is let go now
        rows = self.chunk[index - self.chunk_first]
        self.chunk[index - self.chunk_first] = []
        return mentions_from_rows(index, rows, self.gazetteer.entries)

    def _stop(self) -> None:
        for _, future in self.pending:
            future.cancel()
        self.pending.clear()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def __enter__(self) -> ProcessCollector:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop()
