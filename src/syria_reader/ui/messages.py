"""Messages the reader's widgets and workers send up to the app, which owns every state change."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from syria_reader.index.freshness import IndexState
    from syria_reader.index.unlinked import UnlinkedMention
    from syria_reader.notes.store import NotesStore


@dataclass
class IndexStatusKnown(Message):
    """The index worker found out whether the index is current (sent from a thread)."""

    state: IndexState
    reason: str


@dataclass
class IndexProgress(Message):
    """Indexing advanced (sent from a thread)."""

    done: int
    total: int
    message: str


@dataclass
class IndexNotice(Message):
    """Something the user should know about the index, one line (sent from a thread)."""

    text: str


@dataclass
class IndexReady(Message):
    """An index can be opened (sent from a thread): current, or ``provisional`` (the one on disk,
    shown while its freshness is checked; a rebuild, if needed, sends another)."""

    path: Path
    provisional: bool = False


@dataclass
class NotesOpened(Message):
    """The user's notes store was opened (sent from a thread): the store, or None and why not."""

    store: NotesStore | None
    problem: str | None


@dataclass
class ArticleChosen(Message):
    """The user chose an article to read."""

    article_id: str


@dataclass
class EntityChosen(Message):
    """The user chose an entity: open the list of its mentions."""

    entity_id: str


@dataclass
class PassageChosen(Message):
    """The user chose a passage of the open article (a date or a figure): jump to it."""

    start: int
    end: int


@dataclass
class CurationRequested(Message):
    """The user asked to correct an entity, from the sidebar or the mention list."""

    action: str  # merge, rename, kind, split, alias, hide, hide-mention, unlinked
    entity_id: str
    mention: tuple[str, int, str] | None = None  # (article id, start, text) for hide-mention


@dataclass
class CorrectionsChanged(Message):
    """A correction was saved, undone or redone, or the file changed (sent from a thread)."""

    message: str
    severity: SeverityLevel
    path: Path | None  # the index to reopen, applied; None when nothing changed


@dataclass
class UnlinkedFound(Message):
    """The unlinked mentions to review were found (sent from a thread)."""

    title: str
    items: list[UnlinkedMention]


@dataclass
class InsightRequested(Message):
    """Open one of the views derived from the index: "quotes", "related", "timeline" (of an
    entity, or all when ``entity_id`` is None), "search", or "export-mentions" of an entity."""

    view: str
    entity_id: str | None = None
