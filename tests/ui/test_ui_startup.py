"""Start-up: indexing in a worker with progress on screen; a current index never imports spaCy."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from ui_helpers import RULES, ready

from syria_reader.ui.app import ReaderApp
from syria_reader.ui.messages import IndexProgress, IndexReady, IndexStatusKnown
from syria_reader.ui.widgets.progress import IndexProgressPanel


async def test_missing_index_shows_progress_then_fills_the_panes(write_corpus) -> None:
    corpus = write_corpus(
        {
            f"wire-{n}.txt": f"Report {n} from Aleppo\n\nALEPPO, May {n} 2016 - Fighting resumed "
            "in Aleppo "
            f"on Monday, the Syrian Observatory for Human Rights said. At least {n * 10} people "
            "died.\n"
            for n in range(1, 4)
        }
    )
    messages: list[object] = []
    app = ReaderApp(corpus, RULES)
    async with app.run_test(message_hook=messages.append) as pilot:
        panel = app.screen.query_one(IndexProgressPanel)
        await ready(pilot)
        statuses = [m for m in messages if isinstance(m, IndexStatusKnown)]
        assert [s.state for s in statuses] == ["missing"]
        assert any(isinstance(m, IndexProgress) for m in messages)
        assert any(isinstance(m, IndexReady) for m in messages)
        assert not panel.display  # hidden once the index is ready
        assert app.article is not None
        assert [row.title for row in app.index.articles()] == [
            f"Report {n} from Aleppo" for n in range(1, 4)
        ]


async def test_stale_index_is_shown_at_once_then_refreshed(write_corpus) -> None:
    from syria_reader.index.build import build_index

    text = "Old title from Aleppo\n\nALEPPO, May 1 2016 - Fighting resumed in Aleppo on Monday.\n"
    corpus = write_corpus({"wire.txt": text})
    build_index(corpus, RULES)
    (corpus / "wire.txt").write_text(text.replace("Old title", "New title"), encoding="utf-8")
    messages: list[object] = []
    app = ReaderApp(corpus, RULES)
    async with app.run_test(message_hook=messages.append) as pilot:
        await ready(pilot)
        kinds = [
            ("provisional" if m.provisional else "ready") if isinstance(m, IndexReady) else m.state
            for m in messages
            if isinstance(m, (IndexReady, IndexStatusKnown))
        ]
        assert kinds == ["provisional", "stale", "ready"]
        assert app.article.title == "New title from Aleppo"
        assert not app.screen.query_one(IndexProgressPanel).display


async def test_index_failure_is_shown_not_fatal(tmp_path: Path, notifications) -> None:
    corpus = tmp_path / "empty"
    corpus.mkdir()
    app = ReaderApp(corpus, RULES)
    seen = notifications(app)
    async with app.run_test(notifications=True) as pilot:
        # The notice comes after the worker that found nothing has ended: give the app a
        # bounded number of turns to show it (one was not enough when this test ran alone).
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if seen:
                break
        assert app.is_running
        assert app.article is None
        assert seen  # either "no articles" or the indexing error, said once
        await pilot.press("q")
    assert app.return_code == 0


def test_current_index_never_imports_spacy(seeds_index_cached: Path) -> None:
    script = textwrap.dedent(
        """
        import asyncio, sys
        from syria_reader import paths
        from syria_reader.config import Settings
        from syria_reader.ui.app import ReaderApp

        async def main():
            app = ReaderApp(paths.bundled_seeds(), Settings())
            async with app.run_test() as pilot:
                await app.workers.wait_for_complete()
                for _ in range(20):
                    await pilot.pause()
                    if app.article is not None:
                        break
                assert app.article is not None, "no article shown"
                await pilot.press("slash", *"lavrov", "enter")
                await pilot.pause()
                await pilot.press("enter")
                await pilot.pause()
                await pilot.press("q")
            print("spacy" in sys.modules, "thinc" in sys.modules)

        asyncio.run(main())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["False", "False"], result.stdout


async def test_a_failed_build_is_shown_not_raised(write_corpus, monkeypatch) -> None:
    import syria_reader.index.build as build

    def broken_build(*args: object, **kwargs: object) -> None:
        raise OSError("disk full [bold]")

    monkeypatch.setattr(build, "ensure_index", broken_build)
    corpus = write_corpus({"wire.txt": "A report from Aleppo\n\nFighting resumed in Aleppo.\n"})
    app = ReaderApp(corpus, RULES)
    async with app.run_test(notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.screen.query_one(IndexProgressPanel)
        assert panel.display
        messages = [str(n.message) for n in app._notifications]
        assert any("Indexing failed: OSError: disk full [bold]" in m for m in messages)
        assert app.index is None
