"""Matching over the index's full-text table, which keeps no word positions (``detail=none``).

``articles_fts`` stores for each word only the articles it occurs in: a quarter of the size of
a positional index. Words, prefixes and boolean queries run on it as they are; FTS5 ranks and
highlights their matches by tokenizing the matched texts, so ranks and highlights are the ones
a positional index gives. Phrases, ``NEAR`` and column filters need positions (or columns) to
match at all. Such a query
runs on a temporary positional table holding only the articles that contain one of its words,
given the whole table's article count and word totals: its matches, ranks and highlights are
then those of a positional index of the whole corpus.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from syria_reader.index.schema import FTS_TOKENIZE

#: What FTS5 says when a query needs the positions (or columns) ``detail=none`` leaves out.
_NEEDS_POSITIONS = (
    "phrase queries are not supported",
    "NEAR queries are not supported",
    "column queries are not supported",
)
_POSITIONAL = "fts_positions"


def needs_positions(error: sqlite3.OperationalError) -> bool:
    """Whether FTS5 refused a query because it has a phrase, ``NEAR`` or a column filter."""
    return any(reason in str(error) for reason in _NEEDS_POSITIONS)


def query_words(db: sqlite3.Connection, expression: str) -> list[str]:
    """The words of a query as the index's tokenizer folds them, before stemming (operators and
    column names included: they only widen what they are used for)."""
    db.execute("DROP TABLE IF EXISTS temp.fts_words")
    db.execute("DROP TABLE IF EXISTS temp.fts_words_vocab")
    # The tokenizer without its stemmer: the words as typed, folded (FTS5 stems them when
    # they are queried, as it stems the query's own).
    unstemmed = FTS_TOKENIZE.removeprefix("porter ")
    db.execute(f"CREATE VIRTUAL TABLE temp.fts_words USING fts5(x, tokenize='{unstemmed}')")
    db.execute("CREATE VIRTUAL TABLE temp.fts_words_vocab USING fts5vocab(temp, fts_words, row)")
    try:
        db.execute("INSERT INTO temp.fts_words(x) VALUES (?)", (expression,))
        return [row[0] for row in db.execute("SELECT term FROM temp.fts_words_vocab ORDER BY term")]
    finally:
        db.execute("DROP TABLE temp.fts_words_vocab")
        db.execute("DROP TABLE temp.fts_words")


def words_expression(words: Sequence[str], operator: str, prefix: bool = False) -> str:
    """An FTS5 query of each word alone, joined by ``operator`` (``AND``, ``OR``)."""
    star = "*" if prefix else ""
    return f" {operator} ".join('"' + w.replace('"', '""') + '"' + star for w in words)


def matching_rows(
    db: sqlite3.Connection, sql: str, params: tuple[Any, ...], expression: str
) -> list[tuple[Any, ...]]:
    """Run ``sql``, a query naming the full-text table ``{fts}`` and matching ``expression``
    (among ``params``), as it would run on a positional index of every article.

    A query with a phrase or ``NEAR`` fills a temporary table, committing on ``db``: call it on
    a connection that holds no transaction of its own (the query module's read-only one).
    """
    try:
        return db.execute(sql.format(fts="articles_fts"), params).fetchall()
    except sqlite3.OperationalError as error:
        if not needs_positions(error):
            raise
    _fill_positional(db, expression)
    try:
        return db.execute(sql.format(fts=_POSITIONAL), params).fetchall()
    finally:
        db.execute(f"DROP TABLE IF EXISTS temp.{_POSITIONAL}")


def _fill_positional(db: sqlite3.Connection, expression: str) -> None:
    """A positional table of the articles that hold any word of ``expression`` (every article
    a phrase of it can match), with the whole corpus's counts for ranking."""
    words = query_words(db, expression)
    db.execute(f"DROP TABLE IF EXISTS temp.{_POSITIONAL}")
    db.execute(
        f"CREATE VIRTUAL TABLE temp.{_POSITIONAL}"
        f" USING fts5(title, text, tokenize='{FTS_TOKENIZE}')"
    )
    if words:
        db.execute(
            f"INSERT INTO temp.{_POSITIONAL}(rowid, title, text)"
            " SELECT rowid, title, text FROM articles_plain WHERE rowid IN"
            " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
            (words_expression(words, "OR", prefix="*" in expression),),
        )
    db.commit()  # FTS5 writes its totals when the transaction ends
    # bm25 reads the article count and word totals from the averages record (id 1): the whole
    # corpus's, so that ranks are those of the full index.
    db.execute(
        f"UPDATE temp.{_POSITIONAL}_data SET block ="
        " (SELECT block FROM main.articles_fts_data WHERE id = 1) WHERE id = 1"
    )
    db.commit()
