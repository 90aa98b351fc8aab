"""The freshness check of one corpus's index, in process: CPU and wall time.

    python -m bench.bench_status CORPUS [--repeat 3]

Times three ways of asking whether the index is current, ``--repeat`` times each: the full
check (``compare(path, gather_inputs(...))``: every file read, decoded, repaired, sanitised and
hashed, what ``index_status`` did before the stat memo), ``index_status`` with no memo (each
run deletes it first: every file read and hashed, nothing decoded) and ``index_status`` with
the memo the run before it left (one ``stat`` per unchanged file). CPU is ``time.process_time``,
which other processes on a loaded machine do not inflate. Uses the configured settings and
cache dir (set ``XDG_*`` to keep them apart); build the index first. The files are read from
the page cache after the first run. Timings, not assertions.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from syria_reader.config import load_settings
from syria_reader.index.build import index_status
from syria_reader.index.freshness import IndexStatus, compare, gather_inputs, index_path_for
from syria_reader.index.stat_memo import memo_path_for


def _timed(label: str, run: Callable[[], IndexStatus], before: Callable[[], None]) -> None:
    before()
    cpu, wall = time.process_time(), time.perf_counter()
    status = run()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{label:<28} CPU {cpu:7.3f} s  wall {wall:7.3f} s  ({status.state}: {status.reason})")


def main(argv: list[str] | None = None) -> int:
    """Print one line per timed check."""
    parser = argparse.ArgumentParser(prog="python -m bench.bench_status")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    settings = load_settings()
    path = index_path_for(args.corpus)
    memo = memo_path_for(path)
    if not path.is_file():
        parser.error(f"no index of {args.corpus} at {path}: build it first")

    def forget() -> None:
        memo.unlink(missing_ok=True)

    def keep() -> None:
        pass

    def full() -> IndexStatus:
        return compare(path, gather_inputs(args.corpus, settings))

    def quick() -> IndexStatus:
        return index_status(args.corpus, settings)

    files = sum(1 for p in args.corpus.rglob("*") if p.is_file())
    print(f"{args.corpus}: {files} files; index {path.name}")
    for run in range(1, args.repeat + 1):
        _timed(f"full check, run {run}", full, keep)
    for run in range(1, args.repeat + 1):
        _timed(f"index_status, no memo, run {run}", quick, forget)
    for run in range(1, args.repeat + 1):
        _timed(f"index_status, memo, run {run}", quick, keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
