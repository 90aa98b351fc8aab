"""Snapshots of the reader's main screens on the seeds (``pytest --snapshot-update`` to accept).

``snap_compare`` is synchronous, so these are plain ``def`` tests; the index is built before the
app starts and every async step happens in ``run_before``. Snapshots change whenever the index
(cleaning, extraction, linking) or Textual changes: review the report, then update.
"""

from __future__ import annotations

from textual.widgets import Input
from ui_helpers import ready


async def open_lavrov_mentions(pilot) -> None:
    """Open the mention list of the entity the lookup finds first for "Lavrov"."""
    app = pilot.app
    entity = app.index.find_entities("Lavrov", limit=1)[0].entity
    app.open_mentions(entity.id)
    await pilot.pause()


def test_snapshot_main_80x24(seeds_app, snap_compare) -> None:
    assert snap_compare(seeds_app(), terminal_size=(80, 24), run_before=ready)


def test_snapshot_main_140x40(seeds_app, snap_compare) -> None:
    assert snap_compare(seeds_app(), terminal_size=(140, 40), run_before=ready)


def test_snapshot_mention_list(seeds_app, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await ready(pilot)
        await open_lavrov_mentions(pilot)

    assert snap_compare(seeds_app(), terminal_size=(120, 34), run_before=run_before)


def test_snapshot_lookup(seeds_app, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("slash")
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.press(*"daesh")
        await pilot.pause()

    assert snap_compare(seeds_app(), terminal_size=(120, 34), run_before=run_before)


def test_snapshot_help(seeds_app, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(seeds_app(), terminal_size=(120, 40), run_before=run_before)


def test_snapshot_light_theme_after_a_jump(seeds_app, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await ready(pilot)
        await open_lavrov_mentions(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(
        seeds_app(theme="reader-light"), terminal_size=(140, 40), run_before=run_before
    )
