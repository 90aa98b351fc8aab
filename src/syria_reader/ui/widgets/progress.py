"""The indexing panel: a progress bar and what the indexer is doing, shown until the index is
ready."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static

from syria_reader.safe_text import printable


class IndexProgressPanel(Vertical):
    """Shown over the panes while the index is built; hidden when it is ready."""

    def compose(self) -> ComposeResult:
        with Vertical(id="progress-box"):
            yield Static(Content("Preparing the entity index"), id="progress-title")
            yield ProgressBar(total=None, show_eta=False, id="progress-bar")
            yield Static(Content(""), id="progress-message")

    def start(self, reason: str) -> None:
        """Show the panel with why the index is being built."""
        self.query_one("#progress-title", Static).update(
            Content(f"Building the entity index: {reason}")
        )
        self.display = True

    def advance(self, done: int, total: int, message: str) -> None:
        """Show progress: ``done`` of ``total`` steps, and the current step's description."""
        bar = self.query_one(ProgressBar)
        if total > 0:
            bar.update(total=total, progress=done)
        self.query_one("#progress-message", Static).update(Content(printable(message)))

    def fail(self, message: str) -> None:
        """Show that indexing failed, and why."""
        self.query_one("#progress-title", Static).update(
            Content.styled("Indexing failed", "bold $error")
        )
        self.query_one("#progress-message", Static).update(Content(message))
        self.query_one(ProgressBar).display = False
        self.display = True
