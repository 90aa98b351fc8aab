"""The reader on a corpus whose file names and titles hold control, escape and bidi
characters: nothing of them reaches the screen or a notification raw."""

from __future__ import annotations

import re

from ui_helpers import RULES, ready, screen_text

from syria_reader.ui.app import ReaderApp

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
NAMES = ["title\x1b]0;owned\x07.txt", "clear\x1b[2J.txt", "csi\u009b31m.txt", "bidi\u202e.md"]


async def test_hostile_file_names_are_shown_safely(write_corpus, notifications) -> None:
    files: dict[str, str | bytes] = {
        name: f"Report {n}\n\nSergei Lavrov met John Kerry in Geneva on Thursday.\n"
        for n, name in enumerate(NAMES)
    }
    files["binary\x1b[31m.txt"] = b"\x00\x01" * 50  # skipped, with a problem naming it
    corpus = write_corpus(files)
    (corpus / "corpus.toml").write_text(
        '[files."clear\\u001b[2J.txt"]\ntitle = "Evil \\u001b[2J\\u202e title"\n'
        'source = "Wire \\u009b31m"\n',
        encoding="utf-8",
    )
    app = ReaderApp(corpus, RULES)
    seen = notifications(app)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await ready(pilot)
        await app.workers.wait_for_complete()
        await ready(pilot)
        assert app.catalogue.count == len(NAMES)
        for row in list(app.catalogue.iter_rows()):
            await app.open_article(row.id)
            await pilot.pause()
            assert RAW.search(screen_text(app)) is None, row.id
        messages = [str(n.message) for n in app._notifications]
    assert any("binary" in m for m in messages)
    assert all(RAW.search(m) is None for m in messages)
    assert seen  # the index problems were notified
