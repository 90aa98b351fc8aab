"""Where a build's memory goes: the build's RSS, stage by stage, in process.

    python -m bench.build_memory CORPUS [--interval 0.02]

Builds the corpus's index from scratch (``build_index`` with ``rebuild``, the configured
settings and cache dir: set ``XDG_*`` to keep them apart) while a thread reads the process's
resident size every ``--interval`` seconds. Prints each stage as the build's progress names it
(the per-article extraction labels counted as one) with the RSS when it began and the most seen
while it ran, then the peak. Linux only (``/proc/self/statm``). Measures, never asserts.
"""

from __future__ import annotations

import argparse
import os
import resource
import threading
import time
from pathlib import Path

from syria_reader.config import load_settings
from syria_reader.index.build import build_index

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    """This process's resident set size now, in MB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * PAGE / 1e6


class StageMemory:
    """The RSS at the start of each stage and the most seen during it."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.stages: dict[str, tuple[float, float, float]] = {}  # label -> began s, RSS, max
        self.current = "starting"
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def begin(self, label: str) -> None:
        """A stage begins (or goes on: a label seen before keeps its first start)."""
        if label not in self.stages:
            now = rss_mb()
            self.stages[label] = (time.monotonic() - self.started, now, now)
        self.current = label

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            label, now = self.current, rss_mb()
            began, at_start, most = self.stages.get(label, (0.0, now, now))
            if now > most:
                self.stages[label] = (began, at_start, now)

    def __enter__(self) -> StageMemory:
        self.begin(self.current)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def stage_of(label: str) -> str:
    """The stage a progress label belongs to: every article's extraction label is one."""
    return "extracting" if label.startswith("extract") else label


def main(argv: list[str] | None = None) -> int:
    """Build the corpus's index again and print its memory stage by stage."""
    parser = argparse.ArgumentParser(prog="python -m bench.build_memory")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between samples")
    args = parser.parse_args(argv)
    settings = load_settings()
    with StageMemory(args.interval) as memory:
        report = build_index(
            args.corpus,
            settings,
            rebuild=True,
            on_progress=lambda _done, _total, label: memory.begin(stage_of(label)),
        )
    print(
        f"{args.corpus}: {report.articles} articles, {report.entities} entities, "
        f"{report.mentions} mentions, built in {report.seconds:.1f} s"
    )
    print(f"{'began':>8}  {'RSS then':>10}  {'most':>10}  stage")
    for label, (began, at_start, most) in memory.stages.items():
        print(f"{began:7.1f}s  {at_start:7.0f} MB  {most:7.0f} MB  {label}")
    # ru_maxrss read in the process has been seen below the samples' most (1,422 against
    # 1,456 MB at 10,000 articles, the most seen while writing): the larger, and both.
    kernel = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB on Linux
    sampled = max(most for _, _, most in memory.stages.values())
    print(f"peak RSS {max(kernel, sampled):.0f} MB (sampled {sampled:.0f}, ru_maxrss {kernel:.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
