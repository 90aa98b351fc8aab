"""Where a corpus's index lives and whether it is current, without importing spaCy.

An index is current when it was built from exactly the files the corpus holds now (by
content hash), with the same ``corpus.toml``, pipeline version, model, gazetteer and schema.
A build gathers its inputs with one full scan of the corpus (read, decode, hash);
``quick_status`` checks without decoding anything, and reads only the files the stat memo
(``stat_memo``) does not vouch for: on an unchanged corpus, one ``stat`` per file.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from syria_reader import paths
from syria_reader.config import Settings
from syria_reader.index.codec import register_functions
from syria_reader.index.schema import SCHEMA_VERSION
from syria_reader.models import SourceFile
from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.corpus.metadata import CorpusMetadata
    from syria_reader.nlp.gazetteer import Gazetteer

IndexState = Literal["current", "stale", "missing"]


def index_path_for(corpus: Path, cache: Path | None = None) -> Path:
    """The index file of a corpus: in the cache dir (or ``cache``), named by a slug and a hash
    of its real path. Nothing is created."""
    resolved = corpus.expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    slug = re.sub(r"[^a-z0-9]+", "-", resolved.name.lower()).strip("-")[:40] or "corpus"
    return (cache or paths.cache_dir()) / f"index-{slug}-{digest}.sqlite3"


@dataclass(frozen=True)
class IndexStatus:
    """Whether a corpus's index can be used as it is, and if not, why."""

    state: IndexState
    reason: str
    path: Path


@dataclass
class BuildInputs:
    """Everything an index is keyed on, gathered cheaply (no NLP, no spaCy)."""

    corpus: Path  # resolved
    sources: list[SourceFile]
    scan_problems: list[str]
    metadata: CorpusMetadata
    metadata_problems: list[str]
    model: str
    meta: dict[str, str] = field(default_factory=dict)  # the keys the index must carry
    scanned_ns: int = 0  # when the scan began (``stat_memo.now_ns``)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The parsed gazetteer: only a build needs it; a status check hashes the files alone."""
        from syria_reader.nlp.gazetteer import load_gazetteer

        return load_gazetteer()

    @property
    def expects_rules(self) -> bool:
        """Whether extraction will fall back to the rule-based extractor (the model is not
        installed)."""
        return self.meta["model_fingerprint"].startswith("missing:")

    @property
    def extraction_key(self) -> str:
        """What a cached analysis must have been made with to be reused.

        The rule-based extractor matches the gazetteer's names, so its analyses are keyed on
        the gazetteer too; spaCy's are not (a changed gazetteer then only re-links).
        """
        m = self.meta
        gazetteer = m["gazetteer_fingerprint"] if self.expects_rules else "-"
        return "|".join((m["pipeline_version"], m["model_fingerprint"], gazetteer))

    @property
    def load_key(self) -> str:
        """What a file's stored articles must have been made with to be reused, its content aside:
        the corpus.toml, and the cleaning code's version (both in the corpus fingerprint)."""
        return self.meta["corpus_fingerprint"]

    def file_key(self, source: SourceFile) -> str:
        """How a source file is named in the index: relative to the corpus, as the loader names
        it."""
        from syria_reader.corpus.sources import relative_path

        return relative_path(source, self.corpus)


def gather_inputs(corpus: Path, settings: Settings) -> BuildInputs:
    """Scan the corpus and collect the fingerprints the index is keyed on."""
    from syria_reader.corpus.metadata import load_corpus_metadata
    from syria_reader.corpus.sources import scan_corpus
    from syria_reader.index import stat_memo

    resolved = corpus.expanduser().resolve()
    scanned_ns = stat_memo.now_ns()
    sources, scan_problems = scan_corpus(resolved, settings.max_article_bytes)
    metadata, metadata_problems = load_corpus_metadata(resolved)
    inputs = BuildInputs(
        corpus=resolved,
        sources=list(sources),
        scan_problems=[str(p) for p in scan_problems],
        metadata=metadata,
        metadata_problems=[str(p) for p in metadata_problems],
        model=settings.model,
        scanned_ns=scanned_ns,
    )
    inputs.meta = _expected_meta(resolved, settings, metadata)
    return inputs


def _expected_meta(corpus: Path, settings: Settings, metadata: CorpusMetadata) -> dict[str, str]:
    """The meta keys an index of ``corpus`` built now would carry."""
    from syria_reader.index.derived import DERIVED_VERSION
    from syria_reader.nlp.gazetteer import gazetteer_fingerprint
    from syria_reader.nlp.model_info import model_fingerprint
    from syria_reader.nlp.version import LINKING_VERSION, PIPELINE_VERSION

    return {
        "schema_version": SCHEMA_VERSION,
        "pipeline_version": str(PIPELINE_VERSION),
        "linking_version": LINKING_VERSION,
        "derived_version": DERIVED_VERSION,
        "model": settings.model,
        "model_fingerprint": model_fingerprint(settings.model),
        "gazetteer_fingerprint": gazetteer_fingerprint(),
        "corpus_fingerprint": str(metadata.fingerprint),
        "corpus": str(corpus),
    }


def remember_scan(path: Path, inputs: BuildInputs) -> None:
    """Record the hashes of a full scan in the stat memo of the index at ``path``, so the next
    check of that index reads no file that is still as the scan found it."""
    from syria_reader.corpus.sources import FileHash
    from syria_reader.index import stat_memo

    stamped = (
        FileHash(inputs.file_key(source), source.sha256, source.stamp)
        for source in inputs.sources
        if source.stamp is not None
    )
    stat_memo.save(stat_memo.memo_path_for(path), inputs.corpus, inputs.scanned_ns, stamped)


#: Meta keys compared by ``compare``, with how a difference is reported.
_KEYED = (
    ("schema_version", "index format changed"),
    ("pipeline_version", "pipeline version changed"),
    ("linking_version", "linking changed"),
    ("derived_version", "quote finder or co-mention scores changed"),
    ("model_fingerprint", "model changed"),
    ("gazetteer_fingerprint", "gazetteer changed"),
    ("corpus_fingerprint", "corpus.toml (or the cleaning code) changed"),
)


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Open an index file read-only (never creates or modifies it), with the index's SQL
    functions (``codec.register_functions``)."""
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
    )
    register_functions(connection)
    return connection


def read_state(path: Path) -> tuple[dict[str, str], dict[str, str]] | None:
    """An index's meta table and ``{file: sha256}``, or None if it is missing or unreadable."""
    if not path.is_file():
        return None
    try:
        connection = connect_readonly(path)
        try:
            meta = dict(connection.execute("SELECT key, value FROM meta"))
            files = dict(connection.execute("SELECT path, sha256 FROM files"))
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return meta, files


def compare(path: Path, inputs: BuildInputs) -> IndexStatus:
    """Whether the index at ``path`` was built from exactly these inputs."""
    current = {inputs.file_key(s): s.sha256 for s in inputs.sources}
    return _compare(path, inputs.meta, lambda indexed: current)


def quick_status(path: Path, corpus: Path, settings: Settings) -> IndexStatus:
    """What ``compare(path, gather_inputs(corpus, settings))`` says, without decoding any file
    and reading only those the stat memo does not vouch for (see ``stat_memo``); the memo is
    brought up to date. Nothing is scanned when the index is missing, damaged or keyed on other
    settings."""
    from syria_reader.corpus.metadata import load_corpus_metadata
    from syria_reader.index import stat_memo

    resolved = corpus.expanduser().resolve()
    metadata, _ = load_corpus_metadata(resolved)

    def current(indexed: Mapping[str, str]) -> Mapping[str, str]:
        return stat_memo.hash_with_memo(path, resolved, settings.max_article_bytes, indexed)

    return _compare(path, _expected_meta(resolved, settings, metadata), current)


def _compare(
    path: Path,
    expected: Mapping[str, str],
    current_files: Callable[[Mapping[str, str]], Mapping[str, str]],
) -> IndexStatus:
    """Whether the index at ``path`` carries the ``expected`` meta keys and holds the files
    ``current_files`` gives (``{key: sha256}``; it is given the index's own, and only called
    once the rest agrees)."""
    if not path.is_file():
        return IndexStatus("missing", "no index yet", path)
    state = read_state(path)
    if state is None:
        return IndexStatus("stale", "index unreadable", path)
    meta, files = state
    from syria_reader.index.check import index_problems

    damage = index_problems(path)
    if damage:
        return IndexStatus("stale", f"index damaged ({damage[0]})", path)
    for key, why in _KEYED:
        if meta.get(key) != expected[key]:
            return IndexStatus("stale", why, path)
    current = current_files(files)
    added = len(current.keys() - files.keys())
    removed = len(files.keys() - current.keys())
    changed = sum(1 for name in current.keys() & files.keys() if current[name] != files[name])
    if added or removed or changed:
        parts = [
            f"{plural(count, 'file')} {what}"
            for count, what in ((changed, "changed"), (added, "added"), (removed, "removed"))
            if count
        ]
        return IndexStatus("stale", ", ".join(parts), path)
    return IndexStatus("current", "up to date", path)
