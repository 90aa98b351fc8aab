"""Build a corpus's index incrementally, and replace the old one atomically.

A build scans the corpus, reuses what the previous index already holds (the articles of
unchanged files, the analysis of every article whose content and extraction key are
unchanged), runs extraction on the rest only, links every article again (linking is
corpus-level, and cheap), and writes a new index to a temporary file beside the old one
that then replaces it with ``os.replace``. A build that fails or is killed half-way leaves
the old index as it was; its temporary file is removed by the next build. A lock file keeps
two processes from building the same index at once.

spaCy is imported only when some article must be analysed, and only inside this path.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from syria_reader.config import Settings
from syria_reader.index import curate
from syria_reader.index.codec import (
    analysis_cache_key,
    analysis_from_blob,
    analysis_to_blob,
    reraise_interrupt,
)
from syria_reader.index.collector import collector_paused
from syria_reader.index.freshness import (
    BuildInputs,
    IndexStatus,
    compare,
    gather_inputs,
    index_path_for,
    quick_status,
    remember_scan,
)
from syria_reader.index.lock import BuildLock
from syria_reader.index.progress import ProgressBar
from syria_reader.index.reuse import LoadedCorpus, PreviousIndex, load_articles
from syria_reader.index.writer import IndexedArticle, IndexWriter
from syria_reader.models import AnalysesInOrder, Analysis, Article, Entity, LinkedMention
from syria_reader.safe_text import printable

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from syria_reader.nlp.gazetteer import Gazetteer
    from syria_reader.nlp.linking import Collector
    from syria_reader.nlp.pipeline import Extractor

__all__ = [
    "BuildCancelled",
    "BuildOptions",
    "BuildReport",
    "CacheUnwritable",
    "IndexStatus",
    "build_index",
    "ensure_index",
    "ensure_index_anywhere",
    "index_path_for",
    "index_status",
]

ProgressCallback = Callable[[int, int, str], None]


class BuildOptions(TypedDict, total=False):
    """How ``ensure_index`` and ``build_index`` build, as keyword arguments (all optional)."""

    #: A one-line notice on stderr when a build is needed, and a progress bar on a terminal.
    progress: bool  # default False
    #: Analyse every article again, even those the previous index holds unchanged.
    rebuild: bool  # default False
    #: Extract in this many processes when there is enough text to pay for them; None: one per
    #: processor, at most four (``parallel.auto_workers``, the setting ``workers = "auto"``).
    workers: int | None  # default 1
    #: Called with ``(done, total, label)`` as articles are analysed.
    on_progress: ProgressCallback | None  # default None


BATCH_SIZE = 32
RULES_NAME = "rules"  # the name of the rule-based extractor's analyses (syria_reader.nlp.rules)


class BuildCancelled(Exception):
    """Raised by a progress callback to stop a build; the old index is kept as it was."""


class CacheUnwritable(OSError):
    """The index could not be written where it belongs (no folder, read-only, disk full)."""

    def __init__(self, path: Path, error: BaseException) -> None:
        reason = getattr(error, "strerror", None) or str(error)
        super().__init__(f"cannot write the index in {printable(str(path.parent))}: {reason}")
        self.path = path


@dataclass(frozen=True)
class BuildReport:
    """What a build did. Counts are articles, except ``skipped`` (files that gave none)."""

    path: Path
    built: bool  # False when the index was already current and left alone
    articles: int
    processed: int  # analysed by the extractor in this build
    reused: int  # analysis taken from the previous index
    removed: int  # in the previous index, gone from the corpus
    skipped: int  # files that could not be read or cleaned
    seconds: float
    extractor: str
    workers: int  # processes used for extraction
    entities: int
    mentions: int
    dates: int
    figures: int
    warnings: tuple[str, ...]  # about the build: model fallback, gazetteer problems
    problems: tuple[str, ...]  # about the corpus: files skipped, decoded with a fallback


def index_status(corpus: Path, settings: Settings) -> IndexStatus:
    """Whether the corpus's index is current, stale or missing, and why. Never imports spaCy;
    reads only the files the stat memo does not vouch for (``freshness.quick_status``)."""
    return quick_status(index_path_for(corpus), corpus, settings)


def ensure_index(
    corpus: Path, settings: Settings, cache: Path | None = None, **options: Unpack[BuildOptions]
) -> Path:
    """The path of a current index of the corpus, building or refreshing it first if needed
    (``options``: see :class:`BuildOptions`; ``cache`` puts the index in another folder).
    Raises ``CacheUnwritable`` when it cannot be written (the old one is left as it was)."""
    rebuild, progress = options.get("rebuild", False), options.get("progress", False)
    path = index_path_for(corpus, cache)
    status = None if rebuild else quick_status(path, corpus, settings)
    if status is not None and status.state == "current":
        curate.ensure_applied(path)
        return path
    # Stale: the build gathers its inputs from the files themselves, never from the memo.
    inputs = gather_inputs(corpus, settings)
    if progress:
        reason = "rebuild asked for" if status is None else status.reason
        print(
            f"syria-reader: indexing {printable(str(inputs.corpus))} ({reason})...", file=sys.stderr
        )
    try:
        _build(path, inputs, options)
    except (OSError, sqlite3.OperationalError) as error:
        reraise_interrupt()
        raise CacheUnwritable(path, error) from error
    return path


def ensure_index_anywhere(
    corpus: Path,
    settings: Settings,
    warn: Callable[[str], None],
    **options: Unpack[BuildOptions],
) -> Path:
    """:func:`ensure_index`, and when the cache cannot be written: the index as it was, if
    there is a sound one, else one built for this run in a temporary folder (removed at exit).

    ``warn`` is told, in one line, what was done. Raises ``CacheUnwritable`` only when no
    index can be written anywhere. Notes and settings are never involved.
    """
    try:
        return ensure_index(corpus, settings, **options)
    except CacheUnwritable as error:
        from syria_reader.index.check import index_problems

        if error.path.is_file() and not index_problems(error.path):
            warn(f"{error}; showing the index as it was, not refreshed")
            return error.path
        try:
            folder = Path(tempfile.mkdtemp(prefix="syria-reader-index-"))
        except OSError:
            raise error from None
        atexit.register(shutil.rmtree, folder, True)
        warn(f"{error}; using a temporary index for this run (rebuilt each time until fixed)")
        return ensure_index(corpus, settings, folder, **options)


def build_index(corpus: Path, settings: Settings, **options: Unpack[BuildOptions]) -> BuildReport:
    """Bring the corpus's index up to date and report what was done (``options``: see
    :class:`BuildOptions`). Unchanged articles keep their cached analyses. Raises
    ``CacheUnwritable`` when the index cannot be written."""
    path = index_path_for(corpus)
    try:
        return _build(path, gather_inputs(corpus, settings), options)
    except (OSError, sqlite3.OperationalError) as error:
        reraise_interrupt()
        raise CacheUnwritable(path, error) from error


def _build(path: Path, inputs: BuildInputs, options: BuildOptions) -> BuildReport:
    started = time.monotonic()
    progress, rebuild = options.get("progress", False), options.get("rebuild", False)
    workers, on_progress = options.get("workers", 1), options.get("on_progress")

    def waiting() -> None:
        if progress:
            print(
                "syria-reader: waiting for another process to finish indexing...", file=sys.stderr
            )

    path.parent.mkdir(parents=True, exist_ok=True)
    with BuildLock(path.with_name(path.name + ".lock"), on_wait=waiting):
        _remove_leftovers(path)
        if not rebuild and compare(path, inputs).state == "current":
            # Another process built it while this one waited, or it was current already.
            curate.apply_if_stale(path)
            remember_scan(path, inputs)
            return _unchanged_report(path, started)
        bar = ProgressBar() if progress else None

        def report(done: int, total: int, label: str) -> None:
            if bar is not None:
                bar.update(done, total, label)
            if on_progress is not None:
                on_progress(done, total, label)

        try:
            built = _build_locked(path, inputs, rebuild, workers, report, started)
        finally:
            if bar is not None:
                bar.close()
        # The next check then reads only what changed after this build's scan.
        remember_scan(path, inputs)
        return built


def _remove_leftovers(path: Path) -> None:
    """Delete temporary files of builds that were killed (only called under the lock)."""
    for leftover in path.parent.glob(f"{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _unchanged_report(path: Path, started: float) -> BuildReport:
    previous = PreviousIndex.open(path)
    assert previous is not None
    try:
        counts = previous.counts()
        meta = previous.meta
        problems = previous.problems()
    finally:
        previous.close()
    return BuildReport(
        path=path,
        built=False,
        articles=counts["articles"],
        processed=0,
        reused=counts["articles"],
        removed=0,
        skipped=0,
        seconds=time.monotonic() - started,
        extractor=meta.get("extractor", ""),
        workers=0,
        entities=counts["entities"],
        mentions=counts["mentions"],
        dates=counts["dates"],
        figures=counts["figures"],
        warnings=(),
        problems=tuple(problems),
    )


def _load_extractor(model: str, gazetteer: Gazetteer) -> Extractor:
    """Load the extractor (imports spaCy); a separate function so tests can replace it."""
    from syria_reader.nlp.pipeline import load_extractor

    return load_extractor(model, gazetteer)


@dataclass
class _Extraction:
    """What extraction used, filled in as its analyses are yielded."""

    extractor: str | None = None
    warning: str | None = None
    workers: int = 0


def _extract(
    todo: Sequence[Article],
    inputs: BuildInputs,
    workers: int | None,
    report: ProgressCallback,
    result: _Extraction,
) -> Iterator[Analysis]:
    """Analyse the articles that have no usable cached analysis, yielding each analysis as it
    is made (in the articles' order in one process, as chunks finish in several)."""
    if not todo:
        return
    from syria_reader.index import (
        parallel,  # multiprocessing: imported only when analysing
    )

    total = len(todo)
    done = 0
    report(0, total, "loading the model")
    processes = parallel.worth_parallel(todo, parallel.workers_for(workers))
    result.workers = processes
    if processes > 1:
        for chunk in parallel.analyse_in_processes(
            todo, inputs.model, inputs.gazetteer, processes, BATCH_SIZE
        ):
            result.extractor, result.warning = chunk.extractor, chunk.warning
            done += len(chunk.analyses)
            report(done, total, f"extracting in {processes} processes")
            yield from chunk.analyses
        return
    extractor = _load_extractor(inputs.model, inputs.gazetteer)
    result.extractor, result.warning = extractor.name, extractor.warning
    titles = {a.id: a.path for a in todo}
    last_report = float("-inf")

    def reading(article: Article, offset: int) -> None:
        # Within a long article: where the extractor is, at most a few times a second.
        nonlocal last_report
        now = time.monotonic()
        if now - last_report >= 0.25:
            last_report = now
            share = offset * 100 // max(1, len(article.text))
            report(done, total, f"extracting {article.path} ({share}%)")

    analyses: Iterable[Analysis] = extractor.analyse(
        list(todo), batch_size=BATCH_SIZE, progress=reading
    )
    for analysis in analyses:
        done += 1
        report(done, total, f"extracted {titles.get(analysis.article_id, '')}")
        yield analysis


def _build_locked(
    path: Path,
    inputs: BuildInputs,
    rebuild: bool,
    workers: int | None,
    report: ProgressCallback,
    started: float,
) -> BuildReport:
    report(0, 0, f"reading and cleaning {len(inputs.sources)} files")
    from syria_reader.index.check import index_problems

    # A damaged previous index is not reused: everything is analysed again.
    previous = None if index_problems(path) else PreviousIndex.open(path)
    try:
        try:
            loaded = load_articles(inputs, None if rebuild else previous)
            previous_ids = previous.article_ids() if previous is not None else set()
            previous_meta = previous.meta if previous is not None else {}
        except sqlite3.DatabaseError:  # damaged where the structural check does not look
            loaded = load_articles(inputs, None)
            previous_ids, previous_meta = set(), {}
    finally:
        if previous is not None:
            previous.close()

    # The files' decoded text is in the articles now: not kept a second time for the build.
    inputs.sources[:] = [dataclasses.replace(source, text="") for source in inputs.sources]
    todo = [a for a, _, _ in loaded.articles if a.id not in loaded.cached]
    reused = len(loaded.cached)
    extraction = _Extraction()
    fresh_analyses = AnalysesInOrder(_extract(todo, inputs, workers, report, extraction))

    warnings: list[str] = [str(p) for p in inputs.gazetteer.problems]
    problems = list(inputs.scan_problems) + list(inputs.metadata_problems) + loaded.problems
    temporary = path.with_name(f"{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        writer = IndexWriter(
            temporary, files=loaded.files, texts=[a.text for a, _, _ in loaded.articles]
        )
        try:
            # Each article is written as soon as it is analysed; linking gets its analysis
            # again later, kept until then in its compact stored form (an analysis's objects
            # take some 40 kB an article, its blob under 2 kB).
            for_linking: list[bytes] = []
            extractors: set[str] = set()
            for article, position, content_hash in loaded.articles:
                item = _indexed(
                    article, position, content_hash, loaded, fresh_analyses, extraction, inputs
                )
                if item is None:
                    warnings.append(
                        f"{article.path}: article {article.id} got no analysis; indexed without "
                        "entities"
                    )
                    item = IndexedArticle(
                        article,
                        position,
                        content_hash,
                        Analysis(article.id, (), (), (), (), extraction.extractor or "none"),
                        None,
                        b"",
                    )
                writer.add(item)
                for_linking.append(item.blob or analysis_to_blob(item.analysis, article.text))
                extractors.add(item.analysis.extractor)
            loaded.cached.clear()
            fresh_analyses.close()  # the model, or the extraction workers, not kept for linking

            extractor_warning = extraction.warning
            if extraction.extractor is None:
                # Nothing was analysed: the model was not loaded, so its warning is the
                # previous build's.
                extractor_warning = previous_meta.get("extractor_warning") or None
            if extractor_warning:
                warnings.insert(0, extractor_warning)

            report(len(todo), len(todo), "linking")
            articles = [article for article, _, _ in loaded.articles]
            from syria_reader.index import parallel, parallel_collect

            processes = parallel.worth_parallel(
                articles, parallel.workers_for(workers), parallel_collect.MIN_CHARS_PER_COLLECTOR
            )
            collector = (
                parallel_collect.ProcessCollector(for_linking, inputs.gazetteer, processes)
                if processes > 1
                else None
            )
            with collector_paused(), collector or contextlib.nullcontext():
                entities, mentions = _link(
                    articles,
                    _linking_analyses(articles, for_linking),
                    inputs.gazetteer,
                    lambda step: report(len(todo), len(todo), step),
                    collector,
                )

            extractor = ", ".join(sorted(extractors - {"none"})) or "none"
            meta = dict(inputs.meta)
            meta.update(
                extractor=extractor,
                extractor_warning=extractor_warning or "",
                # What every command opening this index repeats on stderr (the model
                # fallback, a bad gazetteer): a script reading --json sees them too.
                build_warnings=json.dumps(warnings, ensure_ascii=False),
                built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            )
            report(len(todo), len(todo), "writing the index")
            # Handed over, the list emptied as the writer reads it: the writer's own list is
            # then their only holder, let go before the indexes and the name matcher are made.
            with collector_paused():
                summary = writer.finish(
                    meta=meta,
                    entities=_handed_over(entities),
                    mentions=mentions,
                    problems=warnings + problems,
                )
            del mentions
        finally:
            writer.close()
        if summary.dropped_mentions:
            # Known only after writing; kept in the report (a linker bug, not a corpus problem).
            warnings.append(
                f"{summary.dropped_mentions} linked mentions pointed outside their article or "
                "entity"
            )
        curate.apply_file(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)

    current_ids = {article.id for article, _, _ in loaded.articles}
    return BuildReport(
        path=path,
        built=True,
        articles=len(loaded.articles),
        processed=len(todo),
        reused=reused,
        removed=len(previous_ids - current_ids),
        skipped=loaded.skipped
        + sum(1 for p in inputs.scan_problems if p.rstrip().endswith("skipped")),
        seconds=time.monotonic() - started,
        extractor=extractor,
        workers=extraction.workers,
        entities=summary.entities,
        mentions=summary.mentions,
        dates=summary.dates,
        figures=summary.figures,
        warnings=tuple(warnings),
        problems=tuple(problems),
    )


def _indexed(
    article: Article,
    position: int,
    content_hash: str,
    loaded: LoadedCorpus,
    fresh_analyses: AnalysesInOrder,
    extraction: _Extraction,
    inputs: BuildInputs,
) -> IndexedArticle | None:
    """An article with its analysis and cache entry, ready to write (None: no analysis)."""
    if article.id in loaded.cached:
        key, analysis, blob = loaded.cached.pop(article.id)  # held once, by the writer
        return IndexedArticle(article, position, content_hash, analysis, key, blob)
    fresh = fresh_analyses.take(article.id)
    if fresh is None:
        return None
    if fresh.extractor == RULES_NAME and not inputs.expects_rules:
        # The model is installed but did not load: index these, but do not cache them
        # under the model's key, so the next build tries the model again.
        return IndexedArticle(article, position, content_hash, fresh, None, b"")
    key = analysis_cache_key(content_hash, inputs.extraction_key)
    blob = analysis_to_blob(fresh, article.text)
    return IndexedArticle(article, position, content_hash, fresh, key, blob)


def _linking_analyses(articles: list[Article], blobs: list[bytes]) -> Iterator[Analysis]:
    """What linking needs of each article's analysis (its names and sentences; the dates and
    figures are written already), decoded from its blob as linking reads it. The blobs are let
    go as they are read."""
    blobs.reverse()
    for article in articles:
        yield analysis_from_blob(blobs.pop(), article.text, names_only=True)


def _handed_over(items: list[Entity]) -> Iterator[Entity]:
    """The items of a list, emptying it as they are read."""
    items.reverse()
    while items:
        yield items.pop()


def _link(
    articles: list[Article],
    analyses: Iterable[Analysis],
    gazetteer: Gazetteer,
    on_step: Callable[[str], None],
    collector: Collector | None = None,
) -> tuple[list[Entity], Sequence[LinkedMention]]:
    """Link every mention of the corpus to its entity (spaCy-free), telling ``on_step`` each
    step, its first step done by ``collector`` if given; the mentions come as compact columns
    (:class:`LinkedMentions`), not an object each."""
    from syria_reader.nlp.linking import link

    result = link(articles, analyses, gazetteer, on_step, collector)
    return list(result.entities), result.mentions


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable; not possible everywhere, and not needed for correctness."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
