"""Keys typed while the first index build runs, before there is any index to act on.

Without an index, keys that need one must not run as something else: on the build screen,
"/Lavrov" used to lose its "/" and then "a" hid the article list. So, until the index is
ready, the main screen's keys go through :class:`HeldKeys`: the lookup key and what is typed
after it are held back (the lookup opens with that text as soon as the index is ready), keys
whose actions need no index (quit, help, theme, palette) run, and the rest are ignored with
a short message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: Actions that need no index: they run while it is being built.
WITHOUT_INDEX = frozenset({"quit", "help", "change_theme", "command_palette", "app.quit"})

Decision = Literal["run", "lookup", "held", "ignored"]


@dataclass
class HeldKeys:
    """What was typed for the lookup while the index was being built."""

    #: The lookup's text typed so far, or None when the lookup key was not pressed.
    query: str | None = None

    def feed(self, key: str, character: str | None, action: str | None) -> Decision:
        """Decide about one key: ``action`` is what it is bound to on the main screen (if any).

        Returns ``"run"`` (let it through), ``"lookup"`` (the lookup key: now held),
        ``"held"`` (typed into the held lookup) or ``"ignored"``.
        """
        if self.query is not None:
            if key == "escape":
                self.query = None
            elif key == "backspace":
                self.query = self.query[:-1]
            elif character is not None and character.isprintable() and len(character) == 1:
                self.query += character
            return "held"
        if action == "lookup":
            self.query = ""
            return "lookup"
        if action in WITHOUT_INDEX:
            return "run"
        return "ignored"

    def release(self) -> str | None:
        """The held lookup text (None when there is none), forgetting it."""
        query, self.query = self.query, None
        return query
