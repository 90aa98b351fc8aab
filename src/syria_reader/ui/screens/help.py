"""The help screen: every key binding of the reader, generated from the bindings themselves.

Keys come from each context's ``BINDINGS`` (inherited ones included) with the user's keymap
applied, so the help can never disagree with what the keys do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


@dataclass(frozen=True)
class HelpRow:
    """One action with every key that triggers it."""

    keys: tuple[str, ...]
    description: str
    tooltip: str
    binding_id: str | None = None  # what a ``[keymap]`` entry names to rebind it


def class_bindings(owner: type) -> list[Binding]:
    """The bindings in force for a class: as Textual merges them, a subclass's binding for a
    key replaces its bases' bindings for that key."""
    by_key: dict[str, list[Binding]] = {}
    for klass in reversed(owner.__mro__):
        declared: list[BindingType] = list(klass.__dict__.get("BINDINGS", []))
        fresh: dict[str, list[Binding]] = {}
        for binding in Binding.make_bindings(declared):
            fresh.setdefault(binding.key, []).append(binding)
        by_key.update(fresh)
    return [binding for bindings in by_key.values() for binding in bindings]


def help_rows(
    app: App[Any], owners: list[type], keymap: dict[str, str], extra: tuple[Binding, ...] = ()
) -> list[HelpRow]:
    """Rows for one context: one per action, keys merged, the keymap applied, system keys left
    out."""
    keys_of: dict[str, list[str]] = {}
    described: dict[str, Binding] = {}
    for binding in [binding for owner in owners for binding in class_bindings(owner)] + list(extra):
        if binding.system or not (binding.description or binding.tooltip):
            continue
        if binding.id in keymap:
            keys = [key.strip() for key in keymap[binding.id].split(",") if key.strip()]
        else:
            keys = [binding.key]
        shown = keys_of.setdefault(binding.action, [])
        for key in keys:
            display = app.get_key_display(binding.with_key(key))
            if display not in shown:
                shown.append(display)
        # Prefer the reader's own description (bindings with an id) over Textual's defaults.
        if binding.action not in described or (binding.id and not described[binding.action].id):
            described[binding.action] = binding
    return [
        HelpRow(tuple(keys_of[action]), binding.description or action, binding.tooltip, binding.id)
        for action, binding in described.items()
    ]


class HelpScreen(ModalScreen[None]):
    """Every binding, by context; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help-close")
    ]

    def __init__(self, sections: list[tuple[str, list[HelpRow]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(
                Content(
                    "Keys of the reader (your keymap applied). Rebind one in config.toml's "
                    '[keymap] by its id: lookup = "f". Mouse: click an article, a tab, an '
                    "entity or a highlighted name in the text."
                ),
                id="help-intro",
            )
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=False)

    def on_mount(self) -> None:
        self.query_one("#help-dialog").border_title = "Help"
        table = self.query_one(DataTable)
        table.add_column("Keys", key="keys")
        table.add_column("Action", key="action")
        table.add_column("Keymap id", key="id")
        table.add_column("What it does", key="details")
        for title, rows in self.sections:
            table.add_row(Text(title, style="bold underline"), Text(""), Text(""), Text(""))
            for row in rows:
                table.add_row(
                    Text(" ".join(row.keys), style="bold"),
                    Text(row.description),
                    Text(row.binding_id or "", style="italic"),
                    Text(row.tooltip),
                )
        table.focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
