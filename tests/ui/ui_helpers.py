"""Helpers for the reader's tests: the markup corpus, waiting for the panes, reading the screen."""

from __future__ import annotations

import html
import re

from syria_reader.config import Settings

#: Settings that make the index fall back to its rules: no spaCy model, fast builds.
RULES = Settings(model="no-such-model")

#: Text that Textual would read as markup (or crash on) if it were ever parsed.
BRACKETS = "[bold]x[/bold] [AFP] [10%] [/] [link=http://x]y[/link] [/foo] [@click=app.quit]z[/]"
#: Pieces of BRACKETS short enough never to be wrapped across lines.
BRACKET_PIECES = ("[bold]", "[AFP]", "[10%]", "[/]", "[/foo]", "[/bold]", "[/link]")

MARKUP_CORPUS = {
    "brackets.txt": (
        f"[bold]Lavrov[/bold] in [AFP] Damascus {BRACKETS}\n\n"
        "DAMASCUS, March 3 2016 - Russian Foreign Minister Sergei Lavrov met Syrian officials in "
        f"Damascus on Thursday. {BRACKETS} He said nearly 1,000 air strikes had hit Daesh [10%] "
        "targets.\n\n"
        f"{BRACKETS} Sergei Lavrov told reporters in Damascus that Daesh [AFP] still held Raqqa "
        "[/].\n"
    ),
    "plain.txt": (
        "Talks resume in Geneva\n\n"
        "GENEVA, March 5 2016 - Sergei Lavrov and John Kerry met in Geneva on Saturday to discuss "
        "the ceasefire in Syria. Kerry said more than 250,000 people had been killed.\n"
    ),
}


async def ready(pilot) -> None:
    """Wait until the index worker is done and the first article is on screen."""
    app = pilot.app
    await app.workers.wait_for_complete()
    for _ in range(50):
        await pilot.pause()
        if app.article is not None and app.index is not None:
            break
    await pilot.pause()


def screen_lines(app) -> list[str]:
    """The text on screen, one string per terminal row (from an SVG screenshot)."""
    svg = app.export_screenshot()
    rows: dict[int, list[tuple[float, str]]] = {}
    pattern = re.compile(
        r'<text [^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>'
    )
    for x, line, text in pattern.findall(svg):
        rows.setdefault(int(line), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return ["".join(text for _, text in sorted(parts)) for _, parts in sorted(rows.items())]


def screen_text(app) -> str:
    """All the text on screen, rows joined with newlines."""
    return "\n".join(screen_lines(app))


async def palette_search(pilot, query: str) -> list[str]:
    """Open the command palette, type ``query``, wait for its providers and return the prompts
    it offers, top first."""
    from textual.command import CommandList, CommandPalette
    from textual.widgets import Input

    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert CommandPalette.is_open(app)
    app.screen.query_one(Input).cursor_blink = False
    await pilot.press(*query)
    await app.screen.workers.wait_for_complete()
    await pilot.pause()
    hits = app.screen.query_one(CommandList)
    return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
