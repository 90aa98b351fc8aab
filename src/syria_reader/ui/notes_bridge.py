"""The reader's side of notes and bookmarks: the passage to anchor, note markers, entity notes.

The store and the anchoring live in ``syria_reader.notes``; this module only turns the
reader's state into passages and the store's contents into things to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content

from syria_reader.safe_text import one_line

if TYPE_CHECKING:
    from syria_reader.models import Article, Block
    from syria_reader.notes.anchors import Anchor
    from syria_reader.notes.store import NotesStore
    from syria_reader.ui.widgets.article_view import ArticleView

#: Characters of a quoted passage shown in a notification or a title.
QUOTE_SHOWN = 70


@dataclass(frozen=True)
class Passage:
    """A run of the open article to bookmark or annotate, and the entity if it is a mention."""

    start: int
    end: int
    entity_id: str | None = None
    #: The sentence around a chosen name (from the index); None: found in the text.
    context: str | None = None


def open_store() -> tuple[NotesStore | None, str | None]:
    """The user's notes store, or None and the reason it could not be opened (never recreated)."""
    from syria_reader.notes.store import NotesStore, NotesStoreError

    try:
        return NotesStore(), None
    except (NotesStoreError, OSError) as error:
        return None, f"Notes are unavailable: {error}"


def passage_for(view: ArticleView) -> Passage | None:
    """The chosen mention, else the marked run, else the paragraph at the reading position."""
    if view.article is None:
        return None
    mark = view.mark
    if mark is not None:
        selected = view.selected
        if selected is not None and selected.start == mark.start:
            return Passage(selected.start, selected.end, selected.entity_id, selected.context)
        return Passage(mark.start, max(mark.end, mark.start + 1))
    block = view.block_at(view.reading_offset())
    if block is None or block.end <= block.start:
        return None
    return Passage(block.start, block.end)  # the paragraph, or its piece of a huge one


def short_quote(text: str) -> str:
    """A passage on one line, cut to a readable length."""
    return one_line(text, QUOTE_SHOWN)


def block_note_counts(store: NotesStore, article: Article) -> dict[int, int]:
    """How many notes and bookmarks anchor in each block (by block position) of the article."""
    from syria_reader.notes.anchors import resolve

    counts: dict[int, int] = {}
    for anchor in _anchors(store, article):
        resolved = resolve(anchor, article)
        if resolved.start is None:
            continue
        position = _block_position(article.blocks, resolved.start)
        if position is not None:
            counts[position] = counts.get(position, 0) + 1
    return counts


def passage_end(store: NotesStore, article: Article, start: int) -> int | None:
    """The end of the note or bookmark passage that starts at ``start``, if one does."""
    from syria_reader.notes.anchors import resolve

    for anchor in _anchors(store, article):
        resolved = resolve(anchor, article)
        if resolved.start == start and resolved.end is not None:
            return resolved.end
    return None


def entity_notes(store: NotesStore, entity_ids: str | list[str]) -> list[Content]:
    """The notes attached to an entity, as literal text for the mention list; ``entity_ids``
    may list every id the entity answers to (those of entities merged into it)."""
    shown: list[Content] = []
    ids = [entity_ids] if isinstance(entity_ids, str) else entity_ids
    for note in (note for entity_id in ids for note in store.notes_for_entity(entity_id)):
        line = Content.assemble(("✎ ", "bold $accent"), Content(" ".join(note.text.split())))
        if note.anchor is not None:
            line = Content.assemble(
                line,
                "\n",
                ("  on “" + short_quote(note.anchor.quote) + "”", "italic $foreground-muted"),
            )
        shown.append(line)
    return shown


def _anchors(store: NotesStore, article: Article) -> list[Anchor]:
    """The anchors of the article's notes and bookmarks."""
    anchors = [note.anchor for note in store.notes(article.id) if note.anchor is not None]
    return anchors + [bookmark.anchor for bookmark in store.bookmarks(article.id)]


def _block_position(blocks: tuple[Block, ...], offset: int) -> int | None:
    for position, block in enumerate(blocks):
        if block.start <= offset < max(block.end, block.start + 1):
            return position
    return None
