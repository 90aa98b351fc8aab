"""The reader's notes keys and memory: bookmark (b), note (n), the notes list (N), note markers
and the reading position per article, all kept in the user's notes store.

A part of ``ReaderApp`` (see ``app_base``); the store and anchoring live in
``syria_reader.notes``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from syria_reader.ui import notes_bridge
from syria_reader.ui.app_base import ReaderBase
from syria_reader.ui.navigation import JumpTarget

if TYPE_CHECKING:
    from collections.abc import Callable

    from syria_reader.notes.anchors import Anchor


class NotesActions(ReaderBase):
    """Bookmarks, notes and reading positions for the reader app."""

    def _last_read(self, present: Callable[[str], bool]) -> str | None:
        """The article the user read last (if still in the corpus), to reopen where they left."""
        if self.notes is None:
            return None
        try:
            last = self.notes.last_position()
        except Exception:
            return None
        return last[0] if last is not None and present(last[0]) else None

    def _remember_position(self) -> None:
        """Save the reading position of the open article (in the notes store when it is open)."""
        if self.article is None:
            return
        offset = self._main.article_view.reading_offset()
        self._positions[self.article.id] = offset
        if self.notes is not None:
            try:
                self.notes.save_position(self.article.id, offset)
            except Exception as error:
                self.notify(
                    f"Reading position not saved: {error}", severity="warning", markup=False
                )

    def _saved_position(self, article_id: str) -> int | None:
        if self.notes is not None:
            try:
                return self.notes.position(article_id)
            except Exception:
                pass
        return self._positions.get(article_id)

    def _show_note_marks(self) -> None:
        """Mark the blocks of the open article that carry notes or bookmarks."""
        if self.notes is None or self.article is None:
            return
        try:
            counts = notes_bridge.block_note_counts(self.notes, self.article)
        except Exception as error:
            self.notify(f"Note markers unavailable: {error}", severity="warning", markup=False)
            return
        self._main.article_view.set_note_counts(counts)

    def action_bookmark(self) -> None:
        """Bookmark the chosen mention, or the paragraph at the reading position."""
        anchor = self._anchor_here()
        if anchor is None or self.notes is None:
            return
        try:
            self.notes.add_bookmark(anchor)
        except Exception as error:
            self.notify(f"Bookmark not saved: {error}", severity="error", markup=False)
            return
        self.notify(
            f"Bookmarked “{notes_bridge.short_quote(anchor.context or anchor.quote)}”", markup=False
        )
        self._show_note_marks()

    def action_note(self) -> None:
        """Write a note on the chosen mention (and its entity), or on the paragraph at the top."""
        passage = notes_bridge.passage_for(self._main.article_view) if self.article else None
        anchor = self._anchor_here(passage)
        if anchor is None or passage is None or self.notes is None:
            return
        store = self.notes
        title = f"Note on “{notes_bridge.short_quote(anchor.quote)}”"
        from syria_reader.ui.screens.note_editor import (
            NoteEditorScreen,  # its TextArea is only needed here
        )

        def saved(text: str | None) -> None:
            if text is None:
                return
            try:
                store.add_note(anchor, text, entity_id=passage.entity_id)
            except Exception as error:
                self.notify(f"Note not saved: {error}", severity="error", markup=False)
                return
            self.notify("Note saved", markup=False)
            self._show_note_marks()

        self.push_screen(NoteEditorScreen(title), saved)

    def _anchor_here(self, passage: notes_bridge.Passage | None = None) -> Anchor | None:
        """An anchor for the passage at the reading place, or None (with a notification)."""
        from syria_reader.notes.anchors import capture

        if self.notes is None:
            self.notify("Notes are unavailable (see the message at start-up)", severity="warning")
            return None
        if self.article is None:
            return None
        passage = passage or notes_bridge.passage_for(self._main.article_view)
        if passage is None:
            self.notify("Nothing to mark here", severity="warning")
            return None
        from syria_reader.notes.export import corpus_key

        return capture(
            self.article,
            passage.start,
            min(passage.end, len(self.article.text)),
            corpus=corpus_key(self.corpus),
            context=passage.context,
        )

    def action_notes(self) -> None:
        """Open the list of every note and bookmark; Enter there jumps to the passage."""
        if self.notes is None or self.index is None:
            self.notify(
                "Notes are unavailable" if self.notes is None else "The index is not ready yet"
            )
            return
        from syria_reader.ui.screens.notes_screen import NotesScreen  # only needed here

        if isinstance(self.screen, NotesScreen):
            return
        from syria_reader.notes.export import corpus_key

        self.push_screen(
            NotesScreen(self.notes, self.index, corpus_key(self.corpus)),
            callback=self._note_chosen,
        )

    async def _note_chosen(self, target: tuple[str, int] | None) -> None:
        if target is None:
            self._show_note_marks()
            return
        article_id, offset = target
        end: int | None = None
        article = self.index.article(article_id) if self.index is not None else None
        if article is not None and self.notes is not None:
            end = notes_bridge.passage_end(self.notes, article, offset)
        await self.open_article(
            article_id, target=JumpTarget(article_id, offset, end or offset + 1)
        )
        self._show_note_marks()
        self._main.article_view.focus()
