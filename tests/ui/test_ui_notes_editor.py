"""The note editor: ctrl+s returns the text, escape asks before discarding, nothing is markup."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Label, TextArea

from syria_reader.ui.screens.note_editor import ConfirmScreen, NoteEditorScreen

HOSTILE_TITLE = "[AFP] [bold]Aleppo[/bold] [/] [$5bn] [10%] [link=http://x]y[/link]"


class Host(App[None]):
    """A bare app that opens the editor and keeps what it dismissed with."""

    def __init__(self, title: str = "Note on: a passage", initial_text: str = "") -> None:
        super().__init__()
        self.editor_title = title
        self.initial_text = initial_text
        self.results: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Label("host")

    def on_mount(self) -> None:
        self.push_screen(
            NoteEditorScreen(self.editor_title, self.initial_text), self.results.append
        )


async def test_type_and_save_returns_the_text() -> None:
    app = Host()
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"Check", "enter", *"it")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == ["Check\nit"]
        assert not isinstance(app.screen, NoteEditorScreen)


async def test_markup_typed_stays_literal() -> None:
    app = Host(title=HOSTILE_TITLE)
    async with app.run_test(size=(90, 30)) as pilot:
        title = app.screen.query_one("#note-title", Label)
        assert title.render().plain == HOSTILE_TITLE
        await pilot.press(*"[bold]x[/]")
        app.screen.query_one("#note-text", TextArea).insert(" [AFP] [$5bn] [link=http://x]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == ["[bold]x[/] [AFP] [$5bn] [link=http://x]"]


async def test_escape_without_changes_just_closes() -> None:
    app = Host(initial_text="an old note")
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_escape_with_unsaved_text_asks_first() -> None:
    app = Host()
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"half")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.query_one("#note-text", TextArea).text == "half"
        assert app.results == []

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # "Keep editing" has the focus: Enter is safe
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.results == [None]


async def test_editing_starts_from_the_old_text() -> None:
    app = Host(initial_text="first draft")
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"!!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == ["first draft!!"]


async def test_a_blank_note_is_not_saved() -> None:
    app = Host()
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("space", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.results == []
