"""Correct an article's catalogue fields (title, source, author, date) from the reader.

A modal with one field each, filled with what the catalogue holds now and, under each, where
that came from ("inferred from the photo caption: ..."). Ctrl+s saves (an emptied field
removes the correction, so the inferred value comes back), escape cancels. Dismisses with
the changed fields only, or None. Text from the article is shown as literal ``Content``.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label

from syria_reader.index.article_filter import FilterError, check_date
from syria_reader.models import CATALOGUE_FIELDS, Article
from syria_reader.safe_text import one_line


def evidence_line(article: Article, name: str) -> str:
    """Where a field's value came from, on one line, for the views."""
    origin = article.provenance.get(name)
    if origin is None:
        return "not known" if not getattr(article, name) else ""
    mark = "inferred from the" if origin.inferred else "from"
    return one_line(f"{mark} {origin.how}: {origin.evidence}")


class MetadataEditorScreen(ModalScreen[dict[str, str] | None]):
    """Edit one article's title, source, author and date."""

    DEFAULT_CSS = """
    MetadataEditorScreen { align: center middle; }
    MetadataEditorScreen > #meta-dialog {
        width: 90; max-width: 95%; height: auto; max-height: 95%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    MetadataEditorScreen .meta-evidence { color: $foreground-muted; height: auto; }
    MetadataEditorScreen #meta-error { color: $error; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="meta-save"),
        Binding("escape", "cancel", "Cancel", id="meta-cancel"),
    ]

    def __init__(self, article: Article, corrected: dict[str, str]) -> None:
        super().__init__()
        self.article = article
        self.corrected = corrected  # the user's corrections of this article so far

    def compose(self) -> ComposeResult:
        with Vertical(id="meta-dialog"):
            yield Label(Content(f"Catalogue of {one_line(self.article.id)}"))
            for name in CATALOGUE_FIELDS:
                value = getattr(self.article, name) or ""
                yield Label(Content(name.capitalize()))
                yield Input(one_line(value), placeholder=name, id=f"meta-{name}")
                yield Label(Content(evidence_line(self.article, name)), classes="meta-evidence")
            yield Label(Content(""), id="meta-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#meta-date", Input).focus()

    def changes(self) -> dict[str, str]:
        """The fields the user changed (an empty one clears its correction); FilterError for a
        malformed date."""
        changed: dict[str, str] = {}
        for name in CATALOGUE_FIELDS:
            typed = " ".join(self.query_one(f"#meta-{name}", Input).value.split())
            before = one_line(getattr(self.article, name) or "")
            if typed == before:
                continue
            if name == "date" and typed:
                typed = check_date(typed, "date")
            if not typed and name not in self.corrected:
                continue  # emptying an inferred value: nothing to clear
            changed[name] = typed
        return changed

    def action_save(self) -> None:
        """Save the changes (not while the date is malformed)."""
        try:
            changed = self.changes()
        except FilterError as problem:
            self.query_one("#meta-error", Label).update(Content(str(problem)))
            return
        self.dismiss(changed or None)

    def action_cancel(self) -> None:
        """Leave the catalogue as it is."""
        self.dismiss(None)
