"""The reader app's shared state and the operations its parts call on one another.

``ReaderApp`` is built from parts, each a subclass of :class:`ReaderBase`: ``IndexLoading``
(preparing and opening the index) and ``NotesActions`` (bookmarks, notes, reading positions).
The base declares what every part may use, so that each part reads, and type-checks, on its
own; ``ReaderApp.__init__`` sets the state and ``ReaderApp`` implements what is left abstract.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from syria_reader.ui.screens.main import MainScreen

if TYPE_CHECKING:
    from syria_reader.config import Settings
    from syria_reader.index.article_pages import ArticleCatalogue
    from syria_reader.index.mention_list import MentionList
    from syria_reader.index.query import Index
    from syria_reader.models import Article
    from syria_reader.notes.store import NotesStore
    from syria_reader.ui.navigation import JumpTarget
    from syria_reader.ui.state import UiState


class ReaderBase(App[int]):
    """The reader app as its parts see it; the exit code is the app's result."""

    #: The corpus folder (or file) being read.
    corpus: Path
    settings: Settings
    #: The open entity index; None until the index worker has one ready.
    index: Index | None
    #: The open index's articles, read a page at a time; None until an index is open.
    catalogue: ArticleCatalogue | None
    #: The article shown; None before the first one opens.
    article: Article | None
    #: The user's notes store; None when it could not be opened (a message said why).
    notes: NotesStore | None
    #: Mention lists already read from the index, by entity id.
    _entity_mentions: dict[str, MentionList]
    #: Reading positions by article id, kept here when the notes store is unavailable.
    _positions: dict[str, int]
    #: What the reader remembers between runs (theme, sort order).
    _state: UiState

    @property
    def _main(self) -> MainScreen:
        """The main screen (always at the bottom of the stack)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    async def open_article(
        self,
        article_id: str,
        *,
        target: JumpTarget | None = None,
        offset: int | None = None,
        remember: bool = True,
    ) -> bool:
        """Show an article: at a marked passage, at an offset, or where the reader left it;
        False if it is not in the index. Implemented by ``ReaderApp``."""
        raise NotImplementedError

    def index_opened(self) -> None:
        """Called once an index is open and its panes are filled. Implemented by ``ReaderApp``."""
        raise NotImplementedError

    def _last_read(self, present: Callable[[str], bool]) -> str | None:
        """The article the user read last, if ``present`` says the index holds it.
        Implemented by ``NotesActions``."""
        raise NotImplementedError

    def prepare_index(self, rebuild: bool = False, open_notes: bool = False) -> object:
        """Open the index on disk, then check it and rebuild it if needed (``open_notes``:
        open the notes store first). Implemented by ``IndexLoading``."""
        raise NotImplementedError

    def show_article_rows(self) -> None:
        """Fill the article list from ``catalogue`` (as the article filter keeps them).
        Implemented by ``CatalogueActions``."""
        raise NotImplementedError
