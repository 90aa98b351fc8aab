"""Key names for messages shown to the user, honouring the user's keymap; whether a key the
user wrote in a keymap is one Textual can ever send; and the curation keys the sidebar and
the mention list share."""

from __future__ import annotations

import unicodedata
from typing import Any

from textual import keys as textual_keys
from textual.app import App
from textual.binding import Binding

_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
#: Names of keys that are not characters ("escape", "f1", "pageup", "slash", "space"...).
_KEY_NAMES = frozenset(
    {key.value.rpartition("+")[2] for key in textual_keys.Keys}
    | set(textual_keys.KEY_NAME_REPLACEMENTS.values())
    | set(textual_keys.KEY_TO_UNICODE_NAME)
    | set(textual_keys.KEY_ALIASES)
    | set(textual_keys.KEY_DISPLAY_ALIASES)
    | {"space", "enter", "tab", "backspace", "minus"}
)


def valid_key(key: str) -> bool:
    """Whether ``key`` ("ctrl+f", "question_mark", "f1", "x") names a key: known modifiers,
    then one key name or printable character."""
    *modifiers, name = key.strip().split("+")
    if not name or any(m not in _MODIFIERS for m in modifiers):
        return False
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    if name in _KEY_NAMES:
        return True
    try:
        unicodedata.lookup(name.replace("_", " ").upper())
    except KeyError:
        return False
    return True


def invalid_keys(keys: str) -> list[str]:
    """The keys of a comma-separated keymap value that name no key (all of them if empty)."""
    parts = [part.strip() for part in keys.split(",")]
    if not any(parts):
        return [keys]
    return [part for part in parts if not valid_key(part)]


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
