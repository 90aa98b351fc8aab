"""Key names for messages shown to the user, honouring the user's keymap; and the curation
keys the sidebar and the mention list share."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.binding import Binding


def key_display(app: App[Any], binding_id: str, default_keys: str) -> str:
    """How the first key bound to ``binding_id`` is shown (the user's keymap wins)."""
    keymap: dict[str, str] = getattr(app, "reader_keymap", {})
    keys = keymap.get(binding_id, default_keys)
    first = keys.split(",")[0].strip() or default_keys
    return app.get_key_display(Binding(first, "noop"))


#: Curation keys on an entity: the same in the sidebar and in the mention list.
CURATION_BINDINGS: tuple[Binding, ...] = (
    Binding(
        "plus", "curate('merge')", "Merge", tooltip="Merge with another entity", id="curate-merge"
    ),
    Binding("r", "curate('rename')", "Rename", show=False, tooltip="Rename it", id="curate-rename"),
    Binding("i", "curate('kind')", "Kind", show=False, tooltip="Change its kind", id="curate-kind"),
    Binding(
        "S",
        "curate('split')",
        "Split",
        show=False,
        tooltip="Split one of its names out into an entity of its own",
        id="curate-split",
    ),
    Binding(
        "A",
        "curate('alias')",
        "Alias",
        show=False,
        tooltip="Add a name: where the articles use it, it becomes a mention",
        id="curate-alias",
    ),
    Binding(
        "U",
        "curate('unlinked')",
        "Unlinked",
        show=False,
        tooltip="Review text naming it that was not tagged",
        id="curate-unlinked",
    ),
)
