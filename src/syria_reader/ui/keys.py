"""Key names for messages shown to the user, honouring the user's keymap."""

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
