"""q and ctrl+c leave the reader at once, even during a long index build: the build is told to
stop at its next step, the old index is kept, and nothing is raised."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from ui_helpers import RULES

from syria_reader.index import build
from syria_reader.index.build import build_index, index_path_for
from syria_reader.nlp.rules import RuleExtractor
from syria_reader.ui.app import ReaderApp

REPORT = "Report {n} from Aleppo\n\nFighting resumed in Aleppo on Tuesday, Sergei Lavrov said.\n"


class _SlowExtractor:
    """The rule-based extractor, slowed down to a long build: a pause before each run."""

    def __init__(self, gazetteer, started) -> None:
        self.inner = RuleExtractor(gazetteer, warning=None)
        self.name, self.warning = self.inner.name, None
        self.started = started

    def analyse(self, articles, batch_size=32, progress=None):
        for article in articles:
            self.started.append(article.id)

            def slow(article, offset):
                time.sleep(0.3)
                if progress is not None:
                    progress(article, offset)

            yield self.inner.analyse_one(article, slow)


@pytest.fixture
def slow_build(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    started: list[str] = []
    monkeypatch.setattr(
        build, "_load_extractor", lambda model, gazetteer: _SlowExtractor(gazetteer, started)
    )
    return started


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_quitting_during_a_rebuild_stops_it_and_keeps_the_old_index(
    write_corpus, slow_build: list[str], key: str
) -> None:
    corpus = write_corpus({"a.txt": REPORT.format(n=1)})
    build_index(corpus, RULES)  # the old index (the fixture's extractor is slow, not wrong)
    old = _digest(index_path_for(corpus))
    slow_build.clear()
    for n in range(2, 40):
        (corpus / f"r{n}.txt").write_text(REPORT.format(n=n), encoding="utf-8")
    app = ReaderApp(corpus, RULES)
    async with app.run_test() as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if slow_build:
                break
        assert slow_build and app.building()
        await pilot.press(key)
    assert app.return_code == 0
    for thread in app.build_threads:
        thread.join(timeout=30)  # told to stop: it does at its next step
        assert not thread.is_alive()
    assert len(slow_build) < 39  # it stopped long before the end
    assert _digest(index_path_for(corpus)) == old
    assert not list(index_path_for(corpus).parent.glob("*.tmp"))


def test_the_reader_process_exits_at_once_with_a_build_running(write_corpus) -> None:
    """In a real process: q during a build that never reaches another step (a hung model) exits
    0 without waiting for it and without a traceback."""
    corpus = write_corpus({f"r{n}.txt": REPORT.format(n=n) for n in range(3)})
    script = textwrap.dedent(
        f"""
        import asyncio, sys, threading
        from pathlib import Path
        from syria_reader.config import Settings
        from syria_reader.index import build
        import syria_reader.ui.app as ui

        hung = threading.Event()
        def load(model, gazetteer):
            hung.set()
            threading.Event().wait()  # a model load that never returns
        build._load_extractor = load

        class Quitting(ui.ReaderApp):
            def on_mount(self):
                super().on_mount()
                self.set_interval(0.1, self.quit_once_hung)
            async def quit_once_hung(self):
                if hung.is_set():
                    await self.action_quit()

        ui.ReaderApp = Quitting
        ui.load_settings = lambda: Settings(model="no-such-model")
        sys.exit(ui.run_reader(Path({str(corpus)!r}), None))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "TERM": "dumb"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
