"""The reader's catalogue keys: filter the article list (F) and correct an article's fields (i).

A part of ``ReaderApp`` (see ``app_base``). The filter is the one the command line uses
(``syria_reader.index.article_filter``); it is kept across index reloads and shown in the
list's title. Corrections go to the user's corrections file (``syria_reader.corpus.
corrections``, in the data dir) and the index is then brought up to date, as on a rebuild.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from syria_reader.index.article_filter import ArticleFilter, keeps
from syria_reader.ui.app_base import ReaderBase

if TYPE_CHECKING:
    from collections.abc import Callable

    from syria_reader.index.query import ArticleRow


class CatalogueActions(ReaderBase):
    """Article filters and catalogue corrections for the reader app."""

    article_filter: ArticleFilter = ArticleFilter()

    def _marked_articles(self) -> set[str]:
        """The ids of the articles with a note or a bookmark."""
        if self.notes is None:
            return set()
        try:
            ids = {b.article_id for b in self.notes.bookmarks()}
            ids |= {n.article_id for n in self.notes.notes() if n.article_id}
        except Exception:
            return set()
        return {article_id for article_id in ids if article_id}

    def show_article_rows(self) -> None:
        """Fill the article list with the articles the filter keeps (the list reads them from
        the index a screenful at a time)."""
        article_list = self._main.article_list
        catalogue = self.catalogue
        if catalogue is None:
            article_list.set_articles(None)
            return
        keep: Callable[[ArticleRow], bool] | None = None
        chosen = self.article_filter
        if chosen.active and self.index is not None:
            mentioning = (
                set(self.index.entity_articles(chosen.entity_id)) if chosen.entity_id else None
            )
            marked = self._marked_articles() if chosen.marked_only else None

            def keep(row: ArticleRow) -> bool:
                return keeps(row, chosen, mentioning, marked)

            article_list.border_title = Content(f"Articles: {chosen.describe()}")
        else:
            article_list.border_title = "Articles"
        article_list.set_articles(
            lambda sort_key: catalogue.order(sort_key, keep), self._state.sort
        )

    def action_filter_articles(self) -> None:
        """Open the article filter."""
        from syria_reader.ui.screens.article_filter import ArticleFilterScreen

        if self.index is None or self.catalogue is None:
            self.notify("The index is not ready yet.", severity="warning")
            return

        def chosen(result: ArticleFilter | None) -> None:
            if result is None:
                return
            self.article_filter = result
            self.show_article_rows()
            self._main.article_list.display = True
            self._main.article_list.focus()

        self.push_screen(
            ArticleFilterScreen(
                self.index,
                self.catalogue,
                self.article_filter,
                self._marked_articles(),
            ),
            chosen,
        )

    def action_edit_metadata(self) -> None:
        """Correct the open article's title, source, author or date."""
        from syria_reader.corpus.corrections import CorrectionsError, load_corrections
        from syria_reader.ui.screens.metadata_editor import MetadataEditorScreen

        article = self.article
        if article is None:
            return
        try:
            corrected = load_corrections(self.corpus).get(article.id, {})
        except CorrectionsError as error:
            self.notify(str(error), severity="error", markup=False)
            return

        def saved(changes: dict[str, str] | None) -> None:
            if not changes:
                return
            from syria_reader.corpus.corrections import set_correction

            try:
                path = set_correction(self.corpus, article.id, changes)
            except (CorrectionsError, OSError) as error:
                self.notify(f"Not saved: {error}", severity="error", markup=False)
                return
            self.notify(f"Saved to {path.name}; bringing the catalogue up to date.", markup=False)
            self.prepare_index()

        self.push_screen(MetadataEditorScreen(article, corrected), saved)
