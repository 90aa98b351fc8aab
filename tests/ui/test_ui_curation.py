"""Curating entities in the reader (seeds index): keys in the sidebar and the mention list,
undo and redo, a refused conflict, the unlinked review, and two readers at once."""

from __future__ import annotations

from textual.widgets import Input
from ui_helpers import ready

from syria_reader.curation.files import corrections_path, load
from syria_reader.curation.model import Correction
from syria_reader.ui.screens.curate_dialogs import ChoiceScreen
from syria_reader.ui.screens.lookup import LookupScreen
from syria_reader.ui.screens.mentions import MentionsScreen
from syria_reader.ui.screens.unlinked import UnlinkedScreen
from syria_reader.ui.widgets.option_list import ReaderOptionList


async def settle(pilot) -> None:
    """Wait for the curation worker, then for the index to be reopened and the panes refilled."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        for _ in range(5):
            await pilot.pause()


def sidebar_ids(app) -> list[str]:
    options = app.screen_stack[0].query_one("#entity-options", ReaderOptionList).options
    return [o.id for o in options if o.id]


async def highlight_in_sidebar(pilot, entity_id: str) -> None:
    app = pilot.app
    await pilot.press("tab")
    option_list = app.screen.query_one("#entity-options", ReaderOptionList)
    option_list.focus()
    option_list.highlighted = option_list.get_option_index(f"e:{entity_id}")
    await pilot.pause()


def named(app, name: str):
    return next(e for e in app.index.entities() if e.name == name)


async def test_hide_from_the_sidebar_then_undo_and_redo(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        entity, _ = app.index.article_entities(app.article.id)[-1]
        await highlight_in_sidebar(pilot, entity.id)
        await pilot.press("H")
        await settle(pilot)
        assert f"e:{entity.id}" not in sidebar_ids(app)
        assert all(e.id != entity.id for e in app.index.entities())
        assert [c.op for c in load().corrections] == ["hide"]
        assert app.focused is not None and app.focused.id == "entity-options"
        await pilot.press("u")
        await settle(pilot)
        assert f"e:{entity.id}" in sidebar_ids(app)
        assert load().corrections == () and len(load().undone) == 1
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert f"e:{entity.id}" not in sidebar_ids(app)


async def test_merge_from_the_mention_list(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        party, adjective = named(app, "Russia"), named(app, "Russians")
        assert app.notes is not None
        app.notes.add_note(None, "Check the adjective's sources", entity_id=adjective.id)
        app.open_mentions(party.id)
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)
        await pilot.press(*"Russians")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # the busier entity's name is offered first
        await settle(pilot)
        assert isinstance(app.screen, MentionsScreen)
        assert app.screen.entity.name == "Russia"
        texts = {m.text for m in app.screen.mentions}
        assert (
            "Russians" in texts and len(app.screen.mentions) == party.mentions + adjective.mentions
        )
        assert app.index.entity(adjective.id).id == party.id
        notes = [str(note) for note in app.screen.notes]  # a note on it follows the merge
        assert any("Check the adjective's sources" in note for note in notes)
        assert load().corrections[0].as_name == "Russia"


async def test_hide_one_mention_from_the_mention_list(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        lavrov = named(app, "Sergei Lavrov")
        app.open_mentions(lavrov.id)
        await pilot.pause()
        first = app.screen.list_view.highlighted.first  # the list opens on its first sentence
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, MentionsScreen)
        remaining = [(m.article_id, m.start) for m in app.screen.mentions]
        assert (first.article_id, first.start) not in remaining
        assert len(remaining) == len(app.index.mentions_of(lavrov.id)) == lavrov.mentions - 1


async def test_a_conflicting_rename_is_refused_in_the_reader(seeds_app, notifications) -> None:
    app = seeds_app()
    seen = notifications(app)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        kerry = named(app, "John Kerry")
        app.open_mentions(kerry.id)
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = "Sergei Lavrov"
        await pilot.press("enter")
        await settle(pilot)
        assert any("Not saved" in text and "curate merge" in text for text in seen)
        assert not corrections_path().exists() or load().corrections == ()
        assert named(app, "John Kerry").mentions == kerry.mentions


async def test_the_unlinked_review_accepts_a_mention(
    seeds_app, seeds_index_cached, forget_mention
) -> None:
    forget_mention(seeds_index_cached, "Lavrov")  # as if the extractor had missed it
    app = seeds_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        found = [item for item in app.index.unlinked() if item.text == "Lavrov"]
        assert len(found) == 1
        target = found[0]
        entity = app.index.entity(target.entity_id)
        app.open_mentions(entity.id)
        await pilot.pause()
        await pilot.press("U")
        await settle(pilot)
        assert isinstance(app.screen, UnlinkedScreen)
        assert target.text in {item.text for item in app.screen.items}
        await pilot.press("A")
        await settle(pilot)
        assert app.screen.items == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MentionsScreen)
        assert (target.article_id, target.start) in {
            (m.article_id, m.start) for m in app.screen.mentions
        }
        assert [c.op for c in load().corrections] == ["link"]


async def test_two_readers_curating_at_once(seeds_app) -> None:
    first, second = seeds_app(), seeds_app()
    async with first.run_test(size=(140, 40)) as one, second.run_test(size=(140, 40)) as two:
        await ready(one)
        await ready(two)
        putin, kerry = named(first, "Vladimir Putin"), named(second, "John Kerry")
        first.curator.save(Correction("hide", name=putin.name))
        second.curator.save(Correction("hide", name=kerry.name))
        await settle(one)
        await settle(two)
        assert sorted(c.name for c in load().corrections) == ["John Kerry", "Vladimir Putin"]
        for app, pilot in ((first, one), (second, two)):
            app.curator.check_file()  # what the reader's timer does every two seconds
            await settle(pilot)
            names = {e.name for e in app.index.entities()}
            assert "Vladimir Putin" not in names and "John Kerry" not in names


async def test_the_corpus_wide_review_rejects_and_does_not_propose_again(
    seeds_app, seeds_index_cached, forget_mention
) -> None:
    forget_mention(seeds_index_cached, "Lavrov")
    app = seeds_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        app.action_review_unlinked()  # "Review unlinked mentions" in the palette
        await settle(pilot)
        assert isinstance(app.screen, UnlinkedScreen)
        before = len(app.screen.items)
        rows = [n for n, item in enumerate(app.screen.items) if item.text == "Lavrov"]
        assert len(rows) == 1
        app.screen.query_one(ReaderOptionList).highlighted = rows[0]
        await pilot.press("x")
        await settle(pilot)
        assert len(app.screen.items) == before - 1
        assert [c.op for c in load().corrections] == ["reject"]
        await pilot.press("escape")
        app.action_review_unlinked()
        await settle(pilot)
        again = app.screen.items if isinstance(app.screen, UnlinkedScreen) else []
        assert all(item.text != "Lavrov" for item in again)
