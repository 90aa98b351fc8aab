"""Preparing and opening the entity index: the thread worker and the handlers of its messages.

The worker only posts messages (``IndexStatusKnown``, ``IndexProgress``, ``IndexReady``); the
handlers, on the app's thread, open the index and fill the panes. A part of ``ReaderApp``
(see ``app_base``).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.worker import Worker, WorkerState, get_current_worker

from syria_reader.safe_text import printable
from syria_reader.ui.app_base import ReaderBase
from syria_reader.ui.messages import (
    IndexNotice,
    IndexProgress,
    IndexReady,
    IndexStatusKnown,
    NotesOpened,
)

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
        #: The threads index builds ran in (one at a time, but an abandoned one may linger).
        self.build_threads: list[threading.Thread] = []

    def building(self) -> bool:
        """Whether an index build is still running in a thread of this reader."""
        return any(thread.is_alive() for thread in self.build_threads)

    @work(
        thread=True,
        exclusive=True,
        group="index",
        exit_on_error=False,
        description="Preparing the index",
    )
    def prepare_index(self, rebuild: bool = False, open_notes: bool = False) -> None:
        """Show the index on disk at once, then check it and rebuild it if needed.

        Runs in a thread and reports only through messages. Checking freshness stats every
        corpus file (and hashes those changed since they were last hashed), so the index
        already on disk is offered first (``provisional``).
        ``open_notes`` (at start-up) opens the notes store first: its imports and its file
        are off the app's thread, and its message arrives before the index's, so the
        article read last is known when the first one is chosen.
        """
        from syria_reader.index.freshness import index_path_for

        if open_notes:
            from syria_reader.ui.notes_bridge import open_store

            self.post_message(NotesOpened(*open_store()))

        if rebuild:
            self.post_message(IndexStatusKnown("stale", "rebuild requested"))
        else:
            from syria_reader.index.check import checked_problems, index_problems

            existing = index_path_for(self.corpus)
            if existing.is_file() and not index_problems(existing):  # a table missing: not shown
                self.post_message(IndexReady(existing, provisional=True))
                # Let the panes fill and paint before the check competes for the interpreter.
                self._panes_painted.wait(timeout=3.0)
            from syria_reader.index.build import index_status

            status = index_status(self.corpus, self.settings)
            # The thorough check reads the whole file (1.2 GB at 50,000 articles), and competes
            # with the names loading for the first lookup: only after the first paint, and only
            # when the file changed since it last passed. A damaged index is rebuilt.
            damage = (
                checked_problems(status.path, trust_stamp=True) if status.state == "current" else []
            )
            if damage:
                rebuild = True
                self.post_message(IndexStatusKnown("stale", f"index damaged ({damage[0]})"))
            else:
                self.post_message(IndexStatusKnown(status.state, status.reason))
            if status.state == "current" and not damage:
                from syria_reader.index.curate import ensure_applied

                # Corrections edited while the reader was closed are applied now.
                applied = ensure_applied(status.path)
                if applied or not existing.is_file() or existing != status.path:
                    self.post_message(IndexReady(status.path))
                return
        path = self._build_in_background(rebuild)
        if path is not None:
            self.post_message(IndexReady(path))

    def _build_in_background(self, rebuild: bool) -> Path | None:
        """Build the index in a daemon thread while this worker waits on it; the path, or
        None when the worker was cancelled (the reader is quitting, or a rebuild replaced it).

        The build is told to stop at its next step (it stops between runs of text, so within
        a second while extracting); the old index stays as it was. A build that does not stop
        in time cannot hold the reader's exit: its thread is a daemon, and ``run_reader``
        leaves at once.
        """
        from syria_reader.index.build import BuildCancelled, ensure_index_anywhere

        worker = get_current_worker()
        stop = threading.Event()
        outcome: dict[str, object] = {}

        def progress(done: int, total: int, message: str) -> None:
            if stop.is_set():
                raise BuildCancelled
            self.post_message(IndexProgress(done, total, message))

        def notice(text: str) -> None:
            self.post_message(IndexNotice(text))

        def build() -> None:
            try:
                outcome["path"] = ensure_index_anywhere(
                    self.corpus,
                    self.settings,
                    rebuild=rebuild,
                    on_progress=progress,
                    warn=notice,
                    workers=self.settings.workers,
                )
            except BaseException as error:  # reported by the worker, or dropped if cancelled
                outcome["error"] = error

        thread = threading.Thread(target=build, name="index-build", daemon=True)
        self.build_threads.append(thread)
        thread.start()
        while thread.is_alive():
            thread.join(0.05)
            if worker.is_cancelled:
                stop.set()
                return None
        error = outcome.get("error")
        if isinstance(error, BaseException):
            raise error
        path = outcome.get("path")
        return path if isinstance(path, Path) else None

    def on_notes_opened(self, message: NotesOpened) -> None:
        """Keep the notes store the worker opened, or say why there is none."""
        self.notes = message.store
        if message.problem is not None:
            self.notify(message.problem, severity="error", markup=False, timeout=20)

    def on_index_status_known(self, message: IndexStatusKnown) -> None:
        """Show the indexing panel unless the index is current."""
        if message.state != "current":
            self._problems_reported = False  # the rebuilt index may have problems of its own
            self._main.progress.start(message.reason or message.state)

    def on_index_notice(self, message: IndexNotice) -> None:
        """Say what the index worker had to do instead (a cache that cannot be written)."""
        self.notify(printable(message.text), title="Index", severity="warning", markup=False)

    def on_index_progress(self, message: IndexProgress) -> None:
        """Advance the indexing panel."""
        self._main.progress.advance(message.done, message.total, message.message)

    async def on_index_ready(self, message: IndexReady) -> None:
        """Open the index, fill the panes, and report what the indexer could not do."""
        try:
            await self._open_index(message)
        except sqlite3.DatabaseError:
            if not message.provisional:
                raise
            # The index on disk is damaged where the quick look did not reach: the thorough
            # check that follows in the worker rebuilds it.
        finally:
            self.call_after_refresh(self._panes_painted.set)

    async def _open_index(self, message: IndexReady) -> None:
        """Swap in the index, refill the panes and reopen the article (or the last one read)."""
        from syria_reader.index.article_pages import ArticleCatalogue
        from syria_reader.index.query import Index, IndexUnavailable

        try:
            index = Index(message.path)
        except IndexUnavailable:
            if message.provisional:
                return  # an old or broken file: the check that follows rebuilds it
            raise
        try:
            catalogue = ArticleCatalogue(message.path)
            first = catalogue.first_id()
        except sqlite3.DatabaseError:
            index.close()
            if message.provisional:
                return  # damaged: the check that follows rebuilds it
            raise
        if self.index is not None:
            self.index.close()
        if self.catalogue is not None:
            self.catalogue.close()
        self.index = index
        self.catalogue = catalogue
        self._entity_mentions.clear()
        self._main.progress.display = False
        self.show_article_rows()
        self._report_index_problems()
        if first is None:
            self.notify(f"No articles found in {self.corpus}", severity="warning", markup=False)
            return
        current = self.article.id if self.article is not None else None
        offset = self._main.article_view.reading_offset() if current else None
        self.article = None
        if current is not None and catalogue.has(current):
            await self.open_article(current, offset=offset, remember=False)
        else:
            await self.open_article(self._last_read(catalogue.has) or first, remember=False)
        self._main.article_view.focus()
        self._prepare_lookup(index)
        self.index_opened()

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
            from syria_reader.index.build import BuildCancelled

            if isinstance(error, BuildCancelled):
                return
            text = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
            self._main.progress.fail(text)
            self.notify(f"Indexing failed: {text}", severity="error", markup=False, timeout=30)
