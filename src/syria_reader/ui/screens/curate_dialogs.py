"""The small modals a correction asks with: a name to type, or one choice from a list.

Titles and choices may hold names from articles, so they are literal ``Content``, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from syria_reader.ui.widgets.option_list import ReaderOptionList


class NamePromptScreen(ModalScreen[str | None]):
    """Ask for a name: Enter dismisses with it (blank is refused), escape with None."""

    DEFAULT_CSS = """
    NamePromptScreen { align: center middle; }
    NamePromptScreen > #name-dialog {
        width: 70; max-width: 95%; height: auto;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    NamePromptScreen #name-title { width: 100%; text-style: bold; margin-bottom: 1; }
    NamePromptScreen #name-hint { width: 100%; color: $foreground-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog-cancel")
    ]

    def __init__(self, title: str, initial: str = "", hint: str = "") -> None:
        super().__init__()
        self.prompt_title = " ".join(title.split())
        self.initial = initial
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="name-dialog"):
            yield Label(Content(self.prompt_title), id="name-title")
            yield Input(self.initial, id="name-input")
            yield Label(Content(self.hint or "Enter saves, escape cancels"), id="name-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        if not name:
            self.notify("A name cannot be empty (escape cancels).", severity="warning")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        """Close without a name."""
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """Choose one of a few values: Enter dismisses with it, escape with None."""

    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > #choice-dialog {
        width: 70; max-width: 95%; height: auto; max-height: 80%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    ChoiceScreen #choice-title { width: 100%; text-style: bold; margin-bottom: 1; }
    ChoiceScreen ReaderOptionList { height: auto; max-height: 20; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog-cancel")
    ]

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str | None = None):
        """``choices`` are (label, value) pairs; ``current`` is highlighted first."""
        super().__init__()
        self.choice_title = " ".join(title.split())
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-dialog"):
            yield Label(Content(self.choice_title), id="choice-title")
            yield ReaderOptionList(id="choice-options")

    def on_mount(self) -> None:
        options = self.query_one(ReaderOptionList)
        options.add_options(
            [Option(Content(label), id=f"c:{n}") for n, (label, _) in enumerate(self.choices)]
        )
        values = [value for _, value in self.choices]
        if self.current in values:
            options.highlighted = values.index(self.current)
        elif self.choices:
            options.highlighted = 0
        options.focus()

    @on(ReaderOptionList.OptionSelected)
    def _chosen(self, event: ReaderOptionList.OptionSelected) -> None:
        event.stop()
        number = int((event.option.id or "c:0")[2:])
        self.dismiss(self.choices[number][1])

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
