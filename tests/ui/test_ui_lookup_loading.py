"""The lookup typed into while the index worker still loads the entity names: it says so and
shows the matches once they are loaded, instead of loading them a second time on the app's
thread (which froze the reader for many seconds on a corpus of 10,000 articles)."""

from __future__ import annotations

import threading

from textual.widgets import Input, Static
from ui_helpers import RULES

from syria_reader.ui.screens.lookup import LookupScreen
from syria_reader.ui.widgets.option_list import ReaderOptionList


async def test_typing_while_the_names_load_waits_for_them(write_corpus, monkeypatch) -> None:
    import syria_reader.index.stored_names as stored_names
    from syria_reader.ui.app import ReaderApp

    corpus = write_corpus(
        {
            "a.txt": "Talks\n\nSergei Lavrov met officials in Damascus on Monday.\n",
            "b.txt": "Aid\n\nA convoy reached Aleppo, Sergei Lavrov said.\n",
        }
    )
    from syria_reader.index.build import build_index

    build_index(corpus, RULES)  # the reader opens it at once
    release = threading.Event()
    builders: list[str] = []

    load = stored_names.load

    def slow_load(rows):
        builders.append(threading.current_thread().name)
        release.wait(timeout=30)
        return load(rows)

    monkeypatch.setattr(stored_names, "load", slow_load)
    app = ReaderApp(corpus, RULES)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if app.article is not None and builders:
                break
        assert builders, "the index worker loads the names"
        assert not app.index.lookup_ready()
        await pilot.press("slash")
        assert isinstance(app.screen, LookupScreen)
        app.screen.query_one(Input).value = "Lavrov"
        await pilot.pause()
        status = app.screen.query_one("#lookup-status", Static)
        assert "Loading the names" in str(status.render())
        assert len(builders) == 1  # the app's thread did not load them again
        release.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if "Loading" not in str(status.render()):
                break
        assert "Loading" not in str(status.render())
        results = app.screen.query_one(ReaderOptionList)
        shown = [
            app.index.entity(results.get_option_at_index(i).id) for i in range(results.option_count)
        ]
        assert any("Lavrov" in entity.name for entity in shown if entity is not None)
        assert len(builders) == 1
