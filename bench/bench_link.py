"""Linking alone, step by step: CPU seconds of each of ``link()``'s steps, in process.

    python -m bench.bench_link CORPUS [--repeat 1] [--digest] [--workers N]

Links the cached analyses of a built index again (no extraction, nothing written), timing each
step from ``link()``'s own step reports, ``--repeat`` times. ``--digest`` also prints a sha256
of the entities and linked mentions, so two versions of the linker can be shown to give the
same output on the same corpus (run it with each version's ``PYTHONPATH``). CPU is
``time.process_time``, which other processes on a loaded machine do not inflate. Uses the
configured settings and cache dir (set ``XDG_*`` to keep them apart); build the index first.
The cyclic collector is off while it links, as in a build. ``--workers N`` collects the
mentions (the first step) in N processes, as a build does on a large corpus; CPU then counts
only this process, so each step's wall-clock seconds are printed too. Timings, not assertions.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import time
from pathlib import Path

from syria_reader.config import load_settings
from syria_reader.index.codec import analysis_to_blob
from syria_reader.index.collector import collector_paused
from syria_reader.index.freshness import gather_inputs, index_path_for
from syria_reader.index.parallel_collect import ProcessCollector
from syria_reader.index.reuse import PreviousIndex, load_articles
from syria_reader.models import Analysis, Article
from syria_reader.nlp.gazetteer import Gazetteer
from syria_reader.nlp.linking import Collector, LinkResult, link


def _digest(result: LinkResult) -> str:
    """A sha256 of what linking produced: every entity and every linked mention, in order."""
    digest = hashlib.sha256()
    for entity in result.entities:
        digest.update(json.dumps(entity.__dict__, sort_keys=True, default=str).encode())
    for mention in result.mentions:
        digest.update(repr(mention).encode())
    return digest.hexdigest()[:16]


def _timed_link(
    articles: list[Article],
    analyses: list[Analysis],
    gazetteer: Gazetteer,
    collector: Collector | None,
) -> tuple[LinkResult, tuple[float, float], list[tuple[str, float, float]]]:
    """Link once: the result, its CPU and wall seconds, and each step with its CPU and wall
    seconds."""
    began: list[tuple[str, float, float]] = []

    def step(label: str) -> None:
        began.append((label, time.process_time(), time.perf_counter()))

    cpu, wall = time.process_time(), time.perf_counter()
    result = link(articles, analyses, gazetteer, step, collector)
    ends = [(c, w) for _, c, w in began[1:]] + [(time.process_time(), time.perf_counter())]
    return (
        result,
        (ends[-1][0] - cpu, ends[-1][1] - wall),
        [(label, c1 - c0, w1 - w0) for (label, c0, w0), (c1, w1) in zip(began, ends, strict=True)],
    )


def main(argv: list[str] | None = None) -> int:
    """Print each step's CPU seconds and share, and the total, per run."""
    parser = argparse.ArgumentParser(prog="python -m bench.bench_link")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--digest", action="store_true", help="print a sha256 of the output")
    parser.add_argument("--workers", type=int, default=1, help="processes collecting mentions")
    args = parser.parse_args(argv)
    path = index_path_for(args.corpus)
    if not path.is_file():
        parser.error(f"no index of {args.corpus} at {path}: build it first")
    inputs = gather_inputs(args.corpus, load_settings())
    previous = PreviousIndex.open(path)
    if previous is None:
        parser.error(f"the index at {path} cannot be read or is of another schema: rebuild it")
    try:
        loaded = load_articles(inputs, previous)
    finally:
        previous.close()
    articles = [article for article, _, _ in loaded.articles]
    analyses = [loaded.cached[a.id][1] for a in articles if a.id in loaded.cached]
    print(f"{args.corpus}: {len(articles)} articles, {len(analyses)} cached analyses")
    blobs: list[bytes] = []  # what the workers read, for --workers
    if args.workers > 1:
        if len(analyses) != len(articles):
            parser.error("--workers needs every article's analysis cached: build the index again")
        blobs = [analysis_to_blob(a, t.text) for a, t in zip(analyses, articles, strict=True)]
    for run in range(1, args.repeat + 1):
        collector = (
            ProcessCollector(blobs, inputs.gazetteer, args.workers) if args.workers > 1 else None
        )
        with collector_paused(), collector or contextlib.nullcontext():  # as the build links
            result, (cpu, wall), steps = _timed_link(
                articles, analyses, inputs.gazetteer, collector
            )
        print(
            f"run {run}: link() {cpu:.1f} s CPU, {wall:.1f} s wall, {len(result.entities)} entities"
        )
        for label, seconds, elapsed in steps:
            print(f"  {seconds:7.2f} s  {seconds / cpu:4.0%}  {elapsed:7.2f} s wall  {label}")
        if args.digest:
            print(f"  output sha256 {_digest(result)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
