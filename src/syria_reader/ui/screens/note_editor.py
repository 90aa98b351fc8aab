"""The note editor (a multi-line modal) and the small yes/no modal it asks with before discarding.

``NoteEditorScreen`` dismisses with the note's text on ctrl+s, or ``None`` when cancelled; escape
with unsaved changes asks first. The title may hold article text, so it is shown as literal
``Content``, never parsed as markup; so is the question of ``ConfirmScreen``.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea

from syria_reader.ui.widgets.footer import ReaderFooter


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes. "No" is focused, so Enter is safe."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > #confirm-dialog {
        width: 60; max-width: 90%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmScreen #confirm-question { width: 100%; margin-bottom: 1; }
    ConfirmScreen #confirm-buttons { width: 100%; height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Label(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(f"{self.yes_label} (y)"), variant="error", id="confirm-yes")
                yield Button(Content(f"{self.no_label} (n)"), variant="primary", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        """Answer the question."""
        self.dismiss(answer)


class NoteEditorScreen(ModalScreen[str | None]):
    """Write or edit a note: ctrl+s saves (dismisses with the text), escape cancels (``None``)."""

    DEFAULT_CSS = """
    NoteEditorScreen { align: center middle; }
    NoteEditorScreen > #note-editor {
        width: 90%; max-width: 100; height: 80%; max-height: 30;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    NoteEditorScreen #note-title { width: 100%; text-style: bold; padding: 0 0 1 0; }
    NoteEditorScreen #note-text { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="note-save", priority=True, tooltip="Save the note"),
        Binding(
            "escape", "cancel", "Cancel", id="note-cancel", tooltip="Close (asks before discarding)"
        ),
    ]

    def __init__(self, title: str, initial_text: str = "") -> None:
        super().__init__()
        self.note_title = " ".join(title.split())
        self.initial_text = initial_text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor"):
            yield Label(Content(self.note_title), id="note-title")
            yield TextArea(
                self.initial_text, id="note-text", soft_wrap=True, show_line_numbers=False
            )
        yield ReaderFooter()

    def on_mount(self) -> None:
        editor = self.query_one("#note-text", TextArea)
        editor.move_cursor(editor.document.end)
        editor.focus()

    @property
    def text(self) -> str:
        """The text in the editor now."""
        return self.query_one("#note-text", TextArea).text

    def action_save(self) -> None:
        """Save: dismiss with the text (a blank note is not saved)."""
        text = self.text.rstrip()
        if not text.strip():
            self.notify(
                "A note needs some text (escape closes without saving).",
                severity="warning",
                markup=False,
            )
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        """Close; with unsaved changes, ask first."""
        if self.text == self.initial_text:
            self.dismiss(None)
            return
        question = (
            "Discard your changes to this note?" if self.initial_text else "Discard this note?"
        )

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(question, yes="Discard", no="Keep editing"), answered)
