"""The Notes screen: lists notes and bookmarks by article, Enter jumps, e edits, d deletes after
asking."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Label, OptionList

from syria_reader.models import Article, Block
from syria_reader.notes.anchors import capture
from syria_reader.notes.store import NotesStore
from syria_reader.ui.screens.note_editor import ConfirmScreen, NoteEditorScreen
from syria_reader.ui.screens.notes_screen import NotesScreen

TITLE_A = "Talks resume [AFP] in [bold]Geneva[/bold]"
TEXT_A = (
    TITLE_A
    + "\n\nThe envoy arrived on Monday.\n\nTalks lasted six hours and ended without a statement."
)
TEXT_B = (
    "Aid convoy reaches the town\n\nTwelve lorries crossed the line at noon.\n\nThe rest waited."
)


def make_article(article_id: str, text: str) -> Article:
    title = text.split("\n\n")[0]
    return Article(
        article_id,
        title,
        None,
        None,
        None,
        f"{article_id}.txt",
        text,
        (Block("title", 0, len(title)),),
        "0" * 64,
    )


@dataclass(frozen=True)
class Row:
    id: str
    title: str


class FakeIndex:
    """``article``, ``articles``, ``entity`` and ``mentions_of``: what the Notes screen reads."""

    def __init__(self, articles: list[Article]) -> None:
        self._articles = {a.id: a for a in articles}

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def articles(self) -> list[Row]:
        return [Row(a.id, a.title) for a in self._articles.values()]

    def entity(self, entity_id: str) -> None:
        return None

    def mentions_of(self, entity_id: str, include_asides: bool = True) -> list:
        return []


@pytest.fixture
def setup(tmp_path: Path):
    a, b = make_article("a#0", TEXT_A), make_article("b#0", TEXT_B)
    store = NotesStore(tmp_path / "notes.sqlite")
    start = a.text.index("Talks lasted")
    ids = {
        "note": store.add_note(capture(a, start, start + 20), "Six hours? [bold]check[/] [AFP]").id,
        "bookmark": store.add_bookmark(
            capture(b, b.text.index("Twelve"), b.text.index("Twelve") + 14)
        ).id,
    }
    # A passage later edited away: its note is an orphan.
    gone = make_article(
        "b#0", TEXT_B + "\n\nA paragraph that the next version of the file no longer has."
    )
    ids["orphan"] = store.add_note(
        capture(gone, len(TEXT_B) + 2, len(gone.text)), "lost passage note"
    ).id
    yield store, FakeIndex([a, b]), ids, start
    store.close()


class Host(App[None]):
    def __init__(self, store: NotesStore, index: FakeIndex) -> None:
        super().__init__()
        self.store, self.index = store, index
        self.results: list[tuple[str, int] | None] = []

    def compose(self) -> ComposeResult:
        yield Label("host")

    def on_mount(self) -> None:
        self.push_screen(NotesScreen(self.store, self.index), self.results.append)


def prompts(app: App) -> list[str]:
    option_list = app.screen.query_one("#notes-list", OptionList)
    return [
        option_list.get_option_at_index(i).prompt.plain for i in range(option_list.option_count)
    ]


async def test_lists_by_article_with_orphans_apart_and_text_literal(setup) -> None:
    store, index, _ids, _ = setup
    app = Host(store, index)
    async with app.run_test(size=(100, 30)):
        lines = prompts(app)
        assert lines[0] == TITLE_A  # the heading: article text, shown literally
        assert "Six hours? [bold]check[/] [AFP]" in lines[1]
        assert lines[2] == "Aid convoy reaches the town"
        assert "bookmark" in lines[3] and "Twelve lorries" in lines[3]
        assert lines[4].startswith("Orphans")
        assert "lost passage note" in lines[5] and "A paragraph that the next version" in lines[5]
        option_list = app.screen.query_one("#notes-list", OptionList)
        assert option_list.get_option_at_index(0).disabled
        assert option_list.highlighted == 1  # the first item, not its heading


async def test_enter_returns_the_jump_target(setup) -> None:
    store, index, _ids, start = setup
    app = Host(store, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [("a#0", start)]


async def test_enter_on_an_orphan_opens_its_article(setup) -> None:
    store, index, _ids, _ = setup
    app = Host(store, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.results == [("b#0", len(TEXT_B))]


async def test_delete_asks_first(setup) -> None:
    store, index, ids, _ = setup
    app = Host(store, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert store.note(ids["note"]) is not None

        await pilot.press("down", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert store.bookmarks() == []
        assert [t.item.id for t in store.trash()] == [ids["bookmark"]]
        assert not any("Twelve lorries" in line for line in prompts(app))
        assert app.results == []


async def test_edit_a_note(setup) -> None:
    store, index, ids, _ = setup
    app = Host(store, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press("!", "ctrl+s")
        await pilot.pause()
        assert store.note(ids["note"]).text == "Six hours? [bold]check[/] [AFP]!"
        assert isinstance(app.screen, NotesScreen)
        assert "[AFP]!" in prompts(app)[1]


async def test_escape_closes(setup) -> None:
    store, index, _ids, _ = setup
    app = Host(store, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_an_empty_store_says_so(tmp_path: Path) -> None:
    with NotesStore(tmp_path / "notes.sqlite") as store:
        app = Host(store, FakeIndex([]))
        async with app.run_test(size=(100, 30)) as pilot:
            assert prompts(app) == ["No notes or bookmarks yet."]
            await pilot.press("enter", "e", "d")
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)


async def test_without_an_index_yet_items_are_listed_unchecked(setup) -> None:
    store, _, _ids, start = setup
    app = Host(store, None)
    async with app.run_test(size=(100, 30)) as pilot:
        lines = prompts(app)
        assert not any(line.startswith("Orphans") for line in lines)
        assert TITLE_A in lines and "lost passage note" in " ".join(lines)
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [("a#0", start)]
