"""Extraction in worker processes: how many, and how they live beside the reader."""

from __future__ import annotations

import os
import sys

import pytest

from syria_reader.index import parallel


def test_auto_workers_are_one_per_usable_processor_at_most_four(monkeypatch):
    monkeypatch.setattr(
        parallel.os, "sched_getaffinity", lambda _pid: set(range(16)), raising=False
    )
    assert parallel.workers_for(None) == parallel.MAX_AUTO_WORKERS == 4
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert parallel.workers_for(None) == 2
    assert parallel.workers_for(3) == 3  # a number asked for is kept

    def unknown(_pid: int) -> set[int]:
        raise AttributeError

    monkeypatch.setattr(parallel.os, "sched_getaffinity", unknown, raising=False)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: None)
    assert parallel.workers_for(None) == 1


def test_the_tracker_starts_with_a_real_stderr_and_no_warnings_under_textual(monkeypatch):
    class Capture:  # what Textual puts in sys.stderr while an app runs
        def write(self, text: str) -> int:
            return len(text)

        def fileno(self) -> int:
            return -1

    seen = []

    def ensure_running() -> None:
        seen.append((sys.stderr.fileno() >= 0, os.environ.get("PYTHONWARNINGS")))

    monkeypatch.setattr(parallel.resource_tracker, "ensure_running", ensure_running)
    monkeypatch.delenv("PYTHONWARNINGS", raising=False)
    capture = Capture()
    monkeypatch.setattr(sys, "stderr", capture)
    parallel.start_resource_tracker()
    assert seen == [(True, "ignore")]
    assert sys.stderr is capture and "PYTHONWARNINGS" not in os.environ
    monkeypatch.setattr(sys, "stderr", sys.__stderr__)
    parallel.start_resource_tracker()  # a real stderr: multiprocessing starts it as it would
    assert len(seen) == 1


def test_a_worker_exits_once_its_parent_is_gone(monkeypatch):
    parents = iter([10, 10, 1])  # the parent dies: the worker is given to init

    class Exited(Exception):
        pass

    def leave(code: int) -> None:
        raise Exited(code)

    monkeypatch.setattr(parallel.os, "getppid", lambda: next(parents))
    monkeypatch.setattr(parallel.time, "sleep", lambda _seconds: None)
    monkeypatch.setattr(parallel.os, "_exit", leave)
    with pytest.raises(Exited):
        parallel._exit_with(10)
    assert next(parents, None) is None  # it looked until the parent changed, not longer
