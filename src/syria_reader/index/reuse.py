"""What a build can take over from the index it replaces.

The articles of a file are reused when the file's content, the corpus.toml and the pipeline
are unchanged (cleaning is not free: about 4 ms a file); an article's analysis is reused when
its content hash and the extraction key are unchanged (extraction is the expensive part).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from syria_reader.index.codec import (
    ARTICLE_COLUMNS,
    analysis_cache_key,
    analysis_from_blob,
    article_content_hash,
    article_from_row,
)
from syria_reader.index.freshness import BuildInputs, connect_readonly
from syria_reader.index.schema import SCHEMA_VERSION
from syria_reader.index.writer import FileRecord
from syria_reader.models import Analysis, Article


class PreviousIndex:
    """The index being replaced, read for what can be reused."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection
        self.meta: dict[str, str] = dict(connection.execute("SELECT key, value FROM meta"))
        self.files: dict[str, tuple[str, str]] = {}
        self.file_problems: dict[str, tuple[str, ...]] = {}
        for name, sha, key, problems in connection.execute(
            "SELECT path, sha256, load_key, problems FROM files"
        ):
            self.files[name] = (sha, key)
            self.file_problems[name] = tuple(json.loads(problems))

    @classmethod
    def open(cls, path: Path) -> PreviousIndex | None:
        """The index at ``path`` if there is one of this schema that can be read, else None."""
        if not path.is_file():
            return None
        try:
            previous = cls(connect_readonly(path))
        except (sqlite3.Error, ValueError):
            return None
        if previous.meta.get("schema_version") != SCHEMA_VERSION:
            previous.close()
            return None
        return previous

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def articles_of(self, file_key: str) -> list[Article]:
        """The articles stored for one source file, in their order in it."""
        rows = self.db.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE path = ? ORDER BY position", (file_key,)
        )
        return [article_from_row(row) for row in rows]

    def analysis(self, key: str) -> tuple[Analysis, bytes] | None:
        """A cached analysis and its stored form, or None if absent or unreadable."""
        try:
            row = self.db.execute(
                "SELECT n.data, article_text(a.body) FROM analyses n"
                " JOIN articles a ON a.rowid = n.article WHERE n.key = ?",
                (key,),
            ).fetchone()
            if row is None:
                return None
            # The stored form leaves out the words that are the article's text where they
            # stand; the key holds the text's hash, so this is the text it was stored with.
            return analysis_from_blob(row[0], row[1]), row[0]
        except (ValueError, sqlite3.Error):  # a damaged blob or article text: analyse again
            return None

    def article_ids(self) -> set[str]:
        """The ids of every article in the index."""
        return {row[0] for row in self.db.execute("SELECT id FROM articles")}

    def counts(self) -> dict[str, int]:
        """Rows in each table a build reports on: articles, entities, mentions, dates, figures."""
        return {
            table: int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("articles", "entities", "mentions", "dates", "figures")
        }

    def problems(self) -> list[str]:
        """The problems the previous build recorded, in order."""
        return [row[0] for row in self.db.execute("SELECT message FROM problems ORDER BY rowid")]


@dataclass
class LoadedCorpus:
    """The corpus's articles for this build, and which of them need analysing."""

    files: list[FileRecord]
    articles: list[tuple[Article, int, str]]  # article, position in file, content hash
    cached: dict[str, tuple[str, Analysis, bytes]]  # article id -> cache key, analysis, blob
    problems: list[str]
    skipped: int  # files that gave no article


def _stem(name: str) -> str:
    """A file's path without its extension."""
    folder, _, base = name.rpartition("/")
    return f"{folder}/{base.rsplit('.', 1)[0]}"


def _stem_groups(names: Iterable[str]) -> dict[str, frozenset[str]]:
    """Files by path without extension: article ids depend on which files share a stem."""
    groups: dict[str, set[str]] = {}
    for name in names:
        groups.setdefault(_stem(name), set()).add(name)
    return {stem: frozenset(members) for stem, members in groups.items()}


def load_articles(inputs: BuildInputs, previous: PreviousIndex | None) -> LoadedCorpus:
    """Every article of the corpus: stored ones for unchanged files, freshly cleaned otherwise.

    A file's stored articles are reused when its content, the corpus.toml and the pipeline
    are unchanged, and no file sharing its stem came or went (that changes article ids).
    """
    from syria_reader.corpus.load import articles_from_source

    loaded = LoadedCorpus(files=[], articles=[], cached={}, problems=[], skipped=0)
    seen_ids: set[str] = set()
    extraction_key = inputs.extraction_key
    names = {inputs.file_key(source): source for source in inputs.sources}
    now_groups = _stem_groups(names)
    before_groups = _stem_groups(previous.files) if previous is not None else {}
    for name in sorted(names):
        source = names[name]
        articles: list[Article] | None = None
        file_problems: list[str] = []
        if (
            previous is not None
            and previous.files.get(name) == (source.sha256, inputs.load_key)
            and before_groups.get(_stem(name)) == now_groups.get(_stem(name))
        ):
            articles = previous.articles_of(name)
            file_problems = list(previous.file_problems.get(name, ()))
        if articles is None:
            try:
                articles = list(
                    articles_from_source(
                        source, inputs.corpus, inputs.metadata, problems=file_problems
                    )
                )
            except Exception as error:
                file_problems.append(f"{name}: skipped, could not be cleaned: {error}")
                articles = []
        loaded.problems += file_problems
        loaded.files.append(FileRecord(name, source.sha256, inputs.load_key, tuple(file_problems)))
        if not articles:
            loaded.skipped += 1
        for position, article in enumerate(articles):
            if article.id in seen_ids:
                loaded.problems.append(
                    f"{name}: article {article.id} skipped: its id is already used"
                )
                continue
            seen_ids.add(article.id)
            content_hash = article_content_hash(article)
            loaded.articles.append((article, position, content_hash))
            key = analysis_cache_key(content_hash, extraction_key)
            hit = previous.analysis(key) if previous is not None else None
            if hit is not None and hit[0].article_id == article.id:
                loaded.cached[article.id] = (key, hit[0], hit[1])
    return loaded
