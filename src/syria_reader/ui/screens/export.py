"""Save the list on screen as CSV or Markdown: a file name to confirm, never over another file."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from syria_reader import paths
from syria_reader.index.listing import Table, render
from syria_reader.wording import plural

FORMAT_OF_SUFFIX = {".csv": "csv", ".md": "md", ".markdown": "md"}


def default_export_path(title: str, suffix: str = ".csv") -> Path:
    """A new file in the user data dir's ``exports`` folder, named after the list and the time."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60] or "list"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return paths.data_dir() / "exports" / f"{slug}-{stamp}{suffix}"


def write_export(table: Table, target: Path) -> str:
    """Write the table to a new file, its format from the suffix; returns the format written.

    Raises ``ValueError`` for an unknown suffix, ``FileExistsError`` if the file exists."""
    fmt = FORMAT_OF_SUFFIX.get(target.suffix.lower())
    if fmt is None:
        raise ValueError("the file name must end in .csv or .md")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="") as handle:
        handle.write(render(table, fmt))
    return fmt


class ExportScreen(ModalScreen[Path | None]):
    """Asks where to save the table (.csv or .md decides the format); dismisses with the path."""

    AUTO_FOCUS = "#export-input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export-cancel"),
        Binding(
            "ctrl+t",
            "switch_format",
            "CSV/Markdown",
            tooltip="Switch the file between .csv and .md",
            id="export-switch-format",
        ),
    ]

    def __init__(self, table: Table, target: Path | None = None) -> None:
        super().__init__()
        self.table = table
        self._target = target or default_export_path(table.title)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Static(
                Content(
                    f"{plural(len(self.table.rows), 'row')} of “{self.table.title}”. "
                    "Enter saves; a name ending in .md saves Markdown (ctrl+t switches)."
                ),
                id="export-intro",
            )
            yield Input(value=str(self._target), id="export-input", select_on_focus=False)
            yield Static(Content(""), id="export-status")

    def on_mount(self) -> None:
        self.query_one("#export-dialog").border_title = "Export the list"
        field = self.query_one(Input)
        field.cursor_position = len(field.value)  # the file name in view, ready to edit

    def action_switch_format(self) -> None:
        """Swap the file name's suffix between .csv and .md."""
        field = self.query_one(Input)
        path = Path(field.value)
        suffix = ".md" if path.suffix.lower() == ".csv" else ".csv"
        field.value = str(path.with_suffix(suffix))
        field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        status = self.query_one("#export-status", Static)
        value = event.value.strip()
        if not value:
            status.update(Content.styled("Give a file name", "$error"))
            return
        target = Path(value).expanduser()
        try:
            write_export(self.table, target)
        except ValueError as error:
            status.update(Content.styled(str(error), "$error"))
            return
        except FileExistsError:
            status.update(Content.styled(f"{target} exists: choose another name", "$error"))
            return
        except OSError as error:
            status.update(Content.styled(f"Cannot write {target}: {error.strerror}", "$error"))
            return
        self.dismiss(target)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
