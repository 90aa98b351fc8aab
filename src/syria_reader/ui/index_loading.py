"""Preparing and opening the entity index: the thread worker and the handlers of its messages.

The worker only posts messages (``IndexStatusKnown``, ``IndexProgress``, ``IndexReady``); the
handlers, on the app's thread, open the index and fill the panes. A part of ``ReaderApp``
(see ``app_base``).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual import work
from textual.worker import Worker, WorkerState

from syria_reader.ui.app_base import ReaderBase
from syria_reader.ui.messages import IndexProgress, IndexReady, IndexStatusKnown

if TYPE_CHECKING:
    from syria_reader.index.query import Index

#: How many index problems the start-up notification lists before summarising.
PROBLEMS_SHOWN = 8


class IndexLoading(ReaderBase):
    """The reader app's index: prepared in a thread, opened and shown on the app's thread."""

    def __init__(self) -> None:
        super().__init__()
        #: Whether the open index's problems were shown (once per index).
        self._problems_reported = False
        #: Set once the panes show the index on disk, so the freshness check may start.
        self._panes_painted = threading.Event()

    @work(
        thread=True,
        exclusive=True,
        group="index",
        exit_on_error=False,
        description="Preparing the index",
    )
    def prepare_index(self, rebuild: bool = False) -> None:
        """Show the index on disk at once, then check it and rebuild it if needed.

        Runs in a thread and reports only through messages. Checking freshness hashes the
        corpus files, so the index already on disk is offered first (``provisional``).
        """
        from syria_reader.index.freshness import index_path_for

        if rebuild:
            self.post_message(IndexStatusKnown("stale", "rebuild requested"))
        else:
            existing = index_path_for(self.corpus)
            if existing.is_file():
                self.post_message(IndexReady(existing, provisional=True))
                # Let the panes fill and paint before the check competes for the interpreter.
                self._panes_painted.wait(timeout=3.0)
            from syria_reader.index.build import index_status

            status = index_status(self.corpus, self.settings)
            self.post_message(IndexStatusKnown(status.state, status.reason))
            if status.state == "current":
                from syria_reader.index.curate import ensure_applied

                # Corrections edited while the reader was closed are applied now.
                applied = ensure_applied(status.path)
                if applied or not existing.is_file() or existing != status.path:
                    self.post_message(IndexReady(status.path))
                return
        from syria_reader.index.build import ensure_index

        def progress(done: int, total: int, message: str) -> None:
            self.post_message(IndexProgress(done, total, message))

        path = ensure_index(self.corpus, self.settings, rebuild=rebuild, on_progress=progress)
        self.post_message(IndexReady(path))

    def on_index_status_known(self, message: IndexStatusKnown) -> None:
        """Show the indexing panel unless the index is current."""
        if message.state != "current":
            self._problems_reported = False  # the rebuilt index may have problems of its own
            self._main.progress.start(message.reason or message.state)

    def on_index_progress(self, message: IndexProgress) -> None:
        """Advance the indexing panel."""
        self._main.progress.advance(message.done, message.total, message.message)

    async def on_index_ready(self, message: IndexReady) -> None:
        """Open the index, fill the panes, and report what the indexer could not do."""
        try:
            await self._open_index(message)
        finally:
            self.call_after_refresh(self._panes_painted.set)

    async def _open_index(self, message: IndexReady) -> None:
        """Swap in the index, refill the panes and reopen the article (or the last one read)."""
        from syria_reader.index.query import Index, IndexUnavailable

        try:
            index = Index(message.path)
        except IndexUnavailable:
            if message.provisional:
                return  # an old or broken file: the check that follows rebuilds it
            raise
        if self.index is not None:
            self.index.close()
        self.index = index
        self._entity_mentions.clear()
        self._main.progress.display = False
        self.article_rows = self.index.articles()
        self._main.article_list.set_articles(self.article_rows, self._state.sort)
        self._report_index_problems()
        if not self.article_rows:
            self.notify(f"No articles found in {self.corpus}", severity="warning", markup=False)
            return
        current = self.article.id if self.article is not None else None
        ids = {row.id for row in self.article_rows}
        offset = self._main.article_view.reading_offset() if current else None
        self.article = None
        if current in ids:
            await self.open_article(current, offset=offset, remember=False)
        else:
            await self.open_article(self._last_read(ids) or self.article_rows[0].id, remember=False)
        self._main.article_view.focus()
        self._prepare_lookup(index)

    @work(thread=True, group="lookup", exclusive=True, exit_on_error=False)
    def _prepare_lookup(self, index: Index) -> None:
        """Load the names the entity lookup searches, off the app's thread (touches no widget)."""
        import contextlib
        import sqlite3

        # The index may be replaced and closed meanwhile: the new one loads its own names.
        with contextlib.suppress(sqlite3.ProgrammingError):
            index.prepare_lookup()

    def _report_index_problems(self) -> None:
        """One notification with the extractor fallback and the files skipped, if any (once
        per index the app opens: not again for a provisional index that turned out current)."""
        assert self.index is not None
        if self._problems_reported:
            return
        self._problems_reported = True
        info = self.index.info()
        lines: list[str] = []
        if info.extractor == "rules":
            lines.append(
                "The spaCy model did not load: entities were found by rules only (less accurate)."
            )
        problems = list(info.problems)
        lines.extend(problems[:PROBLEMS_SHOWN])
        if len(problems) > PROBLEMS_SHOWN:
            lines.append(
                f"… and {len(problems) - PROBLEMS_SHOWN} more (syria-reader index --check)"
            )
        if lines:
            self.notify(
                "\n".join(lines), title="Index", severity="warning", markup=False, timeout=15
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show why the index worker failed."""
        if event.worker.group == "index" and event.state == WorkerState.ERROR:
            error = event.worker.error
            text = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
            self._main.progress.fail(text)
            self.notify(f"Indexing failed: {text}", severity="error", markup=False, timeout=30)
