"""A footer that shows only the keys that fit: never a key cut in half, never the palette key
drawn over the last one ("b Mark n▏^p palette" at 70 columns, "paletteN" at 60).

Keys are kept in the order the bindings give them, as many as fit beside the palette key;
when not even that fits, the palette key goes too (ctrl+p still works, and ? lists it).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def key_width(key: FooterKey, compact: bool) -> int:
    """Columns one key takes in the footer, its margin included."""
    description = len(key.description)
    if compact:
        return len(key.key_display) + (1 + description if description else 0) + 1
    return len(key.key_display) + 2 + (description + 1 if description else 0)


def fitting(keys: list[FooterKey], width: int, compact: bool) -> list[FooterKey]:
    """The keys to show in ``width`` columns: the first ones that fit beside the palette key."""
    palette = [key for key in keys if key.has_class("-command-palette")]
    others = [key for key in keys if not key.has_class("-command-palette")]
    # The palette key is docked right with a one-column separator and padding.
    reserve = sum(key_width(key, compact) + 2 for key in palette)
    if palette and sum(key_width(key, compact) for key in others[:1]) + reserve > width:
        palette, reserve = [], 0
    shown: list[FooterKey] = []
    used = 0
    for key in others:
        used += key_width(key, compact)
        if used > width - reserve:
            break
        shown.append(key)
    return shown + palette


class ReaderFooter(Footer):
    """Textual's footer, keeping only the keys that fit in its width."""

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        keys = [widget for widget in widgets if isinstance(widget, FooterKey)]
        if len(keys) != len(widgets):  # grouped keys: leave Textual's layout alone
            yield from widgets
            return
        width = self.size.width or self.app.size.width
        yield from fitting(keys, width, self.compact)

    def on_resize(self, event: events.Resize) -> None:
        """Choose the keys again for the new width."""
        if event.size.width != getattr(self, "_laid_out_width", None):
            self._laid_out_width = event.size.width
            self.call_after_refresh(self.recompose)


def children_text(widgets: Iterable[Widget]) -> str:
    """The keys a footer shows, as text (for tests and debugging)."""
    return " ".join(
        f"{w.key_display} {w.description}".strip() for w in widgets if isinstance(w, FooterKey)
    )
