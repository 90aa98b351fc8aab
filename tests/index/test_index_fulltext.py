"""The full-text table keeps no word positions: every query, phrases and NEAR included, still
matches, ranks and highlights as on a positional index of the same texts."""

from __future__ import annotations

import random
import sqlite3

import pytest

from syria_reader.index.fulltext import matching_rows, query_words, words_expression
from syria_reader.index.schema import FTS_TOKENIZE

TEXT = (
    "convoy crossed the northern border at dawn while observers counted trucks "
    "shelling resumed near the old market and the river crossing Hálvard Østby said "
    "relief agencies reported shortages of fuel flour and medicine in besieged districts"
)
WORDS = TEXT.split(" ")

QUERIES = [
    "convoy",
    "the",
    "crossing",
    "cross*",
    '"the river"',
    '"river crossing"',
    '"old market" OR convoy',
    '"the northern border"',
    "NEAR(convoy border, 4)",
    "NEAR(shelling market, 2) OR flour",
    'fuel NOT "old market"',
    '"halvard østby"',
    "title: river",
    '{title text}: "the old"',
    '"reported shortages" AND medicine',
    '"medicine in" "besieged districts"',
    "^convoy",
    '"the" + "river"',
    '"cross* the"',
]


def _texts(seed: int, count: int) -> list[tuple[str, str]]:
    """Invented articles of varied length made of runs of ``WORDS``, so that phrases occur and
    ranks depend on lengths and counts."""
    rng = random.Random(seed)

    def run(shortest: int, longest: int) -> str:
        start = rng.randrange(len(WORDS) - shortest)
        return " ".join(WORDS[start : start + rng.randint(shortest, longest)])

    return [
        (run(2, 5).capitalize(), ". ".join(run(3, 14) for _ in range(rng.randint(1, 9))))
        for _ in range(count)
    ]


@pytest.fixture
def tables() -> sqlite3.Connection:
    """The index's table (external content, no positions) beside a positional one."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE articles_plain(rowid INTEGER PRIMARY KEY, title, text)")
    db.executemany(
        "INSERT INTO articles_plain(title, text) VALUES (?, ?)", _texts(seed=7, count=60)
    )
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles_plain',"
        f" content_rowid='rowid', detail=none, tokenize='{FTS_TOKENIZE}')"
    )
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    db.execute(
        f"CREATE VIRTUAL TABLE positional USING fts5(title, text, tokenize='{FTS_TOKENIZE}')"
    )
    db.execute("INSERT INTO positional(rowid, title, text) SELECT * FROM articles_plain")
    db.commit()
    return db


SEARCH = (
    "SELECT f.rowid, highlight({fts}, 0, '[', ']'), highlight({fts}, 1, '[', ']'),"
    " bm25({fts}, 4.0, 1.0) FROM {fts} f WHERE {fts} MATCH ? ORDER BY bm25({fts}, 4.0, 1.0)"
)


@pytest.mark.parametrize("query", QUERIES)
def test_every_query_matches_ranks_and_highlights_as_a_positional_index(tables, query):
    expected = tables.execute(SEARCH.format(fts="positional"), (query,)).fetchall()
    assert expected  # the query finds something, so the comparison means something
    assert matching_rows(tables, SEARCH, (query,), query) == expected


def test_the_temporary_table_is_gone_after_a_phrase_query(tables):
    matching_rows(tables, SEARCH, ('"the river"',), '"the river"')
    temp = tables.execute("SELECT name FROM sqlite_temp_master").fetchall()
    assert temp == []


def test_a_query_error_other_than_positions_is_raised(tables):
    with pytest.raises(sqlite3.OperationalError):
        matching_rows(tables, SEARCH, ('(( "broken',), '(( "broken')


def test_query_words_are_folded_not_stemmed(tables):
    assert query_words(tables, 'title: "Crossing Østby" NEAR(a, 3)') == [
        "3",
        "a",
        "crossing",
        "near",
        "title",
        "østby",  # a letter of its own, not an o with a diacritic
    ]
    assert words_expression(["a", 'b"c'], "AND") == '"a" AND "b""c"'
