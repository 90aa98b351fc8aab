"""Extraction in worker processes, for corpora large enough to pay for them.

Each worker loads the extractor once (in the pool's initializer) and analyses chunks of
articles; the parent never imports spaCy. Processes are started with ``spawn`` so that a
parent with threads (the reader indexes in a worker thread) is never forked.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing import resource_tracker
from typing import TYPE_CHECKING

from syria_reader.models import Analysis, Article

if TYPE_CHECKING:
    from syria_reader.nlp.gazetteer import Gazetteer

#: Each process must get at least this many characters to analyse. Starting the workers and
#: loading the model in each costs about six seconds on two cores; measured with the
#: en_core_web_sm pipeline on subsets of a news corpus, two processes break even at about
#: 160,000 characters (25 articles, 59k chars: 9.1 s alone, 13.2 s in two; 120 articles,
#: 256k chars: 25.6 s alone, 21.6 s in two).
MIN_CHARS_PER_WORKER = 100_000
#: The most processes "auto" starts: each loads its own copy of the model (about 400 MB with
#: en_core_web_sm), and the parent gathers every analysis.
MAX_AUTO_WORKERS = 4


@dataclass(frozen=True)
class ChunkResult:
    """What one worker made of one chunk of articles."""

    extractor: str
    warning: str | None
    analyses: list[Analysis]


_extractor = None  # the worker's extractor, loaded once by ``_load``


def settle_worker() -> None:
    """Make this process a quiet worker of the reader's or a command's build.

    A worker shares the terminal the reader draws on: it writes nothing to it (its errors
    come back with its futures, the extractor's warning with its chunks), and it yields the
    processor to the reader's own process.
    """
    silent = os.open(os.devnull, os.O_WRONLY)
    os.dup2(silent, 1)
    os.dup2(silent, 2)
    os.close(silent)
    if hasattr(os, "nice"):
        os.nice(5)
    # A reader that quits mid-build leaves at once (os._exit), without shutting the pool down:
    # its workers, waiting on a queue they hold both ends of, would wait for ever.
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()


def _load(model: str, gazetteer: Gazetteer) -> None:
    global _extractor
    settle_worker()
    from syria_reader.nlp.pipeline import load_extractor

    _extractor = load_extractor(model, gazetteer)


def _exit_with(parent: int) -> None:
    """Exit this worker once its parent process is gone (it is given another parent)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _analyse(articles: list[Article], batch_size: int) -> ChunkResult:
    assert _extractor is not None, "worker used before its initializer ran"
    analyses = list(_extractor.analyse(articles, batch_size=batch_size))
    return ChunkResult(_extractor.name, _extractor.warning, analyses)


def auto_workers() -> int:
    """The processes "auto" means: one per processor this process may run on, from 1 to
    :data:`MAX_AUTO_WORKERS`."""
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        usable = os.cpu_count() or 1
    return max(1, min(MAX_AUTO_WORKERS, usable))


def workers_for(asked: int | None) -> int:
    """The processes to use: ``asked``, or when None (the setting "auto") :func:`auto_workers`."""
    return auto_workers() if asked is None else asked


def worth_parallel(articles: Sequence[Article], workers: int, min_chars: int | None = None) -> int:
    """How many processes to use for these articles: 1 unless each would get ``min_chars``
    (by default :data:`MIN_CHARS_PER_WORKER`, extraction's)."""
    if workers <= 1:
        return 1
    chars = sum(len(a.text) for a in articles)
    return max(1, min(workers, chars // (min_chars or MIN_CHARS_PER_WORKER)))


def _chunks(articles: Sequence[Article], workers: int) -> list[list[Article]]:
    """Chunks small enough to balance the load, large enough for spaCy's batching."""
    size = max(4, min(32, len(articles) // (workers * 4) or 1))
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, which every spawned process needs, in the
    reader: its ``sys.stderr`` is Textual's capture of printed text, whose ``fileno()`` is -1,
    and the tracker's start fails on it ("bad value(s) in fds_to_keep"). There the tracker is
    also told to warn of nothing: a reader that quits mid-build leaves the pool's semaphores to
    it, and it would say so on the user's shell after the reader is gone. Elsewhere (and once
    started) the tracker starts as it would."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        return
    captured, warnings = sys.stderr, os.environ.get("PYTHONWARNINGS")
    # For the moment of the tracker's start only: what another thread prints meanwhile is lost.
    with open(os.devnull, "w", encoding="utf-8") as silent:
        sys.stderr, os.environ["PYTHONWARNINGS"] = silent, "ignore"
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = captured
            if warnings is None:
                del os.environ["PYTHONWARNINGS"]
            else:
                os.environ["PYTHONWARNINGS"] = warnings


def analyse_in_processes(
    articles: Sequence[Article],
    model: str,
    gazetteer: Gazetteer,
    workers: int,
    batch_size: int = 32,
) -> Iterator[ChunkResult]:
    """Analyse the articles in ``workers`` processes, yielding each chunk as it finishes.

    An exception in a worker is raised here, after the remaining work is cancelled.
    """
    start_resource_tracker()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_load, initargs=(model, gazetteer)
    ) as pool:
        pending: set[Future[ChunkResult]] = {
            pool.submit(_analyse, chunk, batch_size) for chunk in _chunks(articles, workers)
        }
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            for future in pending:
                future.cancel()
