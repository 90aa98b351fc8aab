"""The article list's pages: the orders SQLite gives are the reader's sorts, and a filter keeps
what the command line's filter keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from syria_reader.config import Settings
from syria_reader.index.article_filter import ArticleFilter, apply_filter
from syria_reader.index.article_pages import SORT_KEYS, ArticleCatalogue
from syria_reader.index.build import build_index
from syria_reader.index.query import ArticleRow, Index

RULES = Settings(model="no-such-model")

#: (file, source, date): ties, missing sources and dates, sources differing only in case.
ARTICLES = [
    ("a.txt", "Reuters", "2016-03-01"),
    ("b.txt", "reuters", "2016-03-01"),
    ("c.txt", None, "2015-10"),
    ("d.txt", "AFP", None),
    ("e.txt", "Ärzte Zeitung", "2016"),
    ("f.txt", "AFP", "2016-03-01"),
    ("g.txt", None, None),
    ("h.txt", "Straße News", "2015-10-12"),
]

#: The sorts the reader did in Python on the rows of ``Index.articles`` (stable, so ties
#: keep corpus order): what the SQL orders must give.
PYTHON_SORTS = {
    "corpus": lambda rows: list(rows),
    "date-new": lambda rows: sorted(rows, key=lambda r: r.date or "", reverse=True),
    "date-old": lambda rows: sorted(rows, key=lambda r: r.date or "9999"),
    "source": lambda rows: sorted(rows, key=lambda r: ((r.source or "~").casefold(), r.date or "")),
}


@pytest.fixture
def index_path(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    catalogue: list[str] = []
    for number, (name, source, date) in enumerate(ARTICLES):
        (corpus / name).write_text(
            f"Report {number}\n\nSergei Lavrov met officials in Damascus, report {number} said."
            # An entity in some articles only, for the filter by entity.
            + (" Talks resumed in Geneva on Monday.\n" if number % 3 == 0 else "\n"),
            encoding="utf-8",
        )
        fields = [
            f"{key} = {json.dumps(value)}"
            for key, value in (("source", source), ("date", date))
            if value
        ]
        if fields:
            catalogue.append(f'[files."{name}"]\n' + "\n".join(fields) + "\n")
    (corpus / "corpus.toml").write_text("\n".join(catalogue), encoding="utf-8")
    return build_index(corpus, RULES).path


def test_orders_match_the_reader_sorts(index_path: Path) -> None:
    with Index(index_path) as index, ArticleCatalogue(index_path) as catalogue:
        rows = index.articles()
        assert {(r.source, r.date) for r in rows} >= {("Reuters", "2016-03-01"), (None, None)}
        assert catalogue.count == len(rows) == len(ARTICLES)
        for key in SORT_KEYS:
            order = catalogue.order(key)
            assert [r.id for r in order.rows(0, len(order))] == [
                r.id for r in PYTHON_SORTS[key](rows)
            ], key


def test_pages_positions_and_neighbours(index_path: Path) -> None:
    with Index(index_path) as index, ArticleCatalogue(index_path) as catalogue:
        rows = index.articles()
        order = catalogue.order("date-old")
        expected = [r.id for r in PYTHON_SORTS["date-old"](rows)]
        assert [r.id for r in order.rows(2, 5)] == expected[2:5]
        assert order.rows(len(order) - 1, len(order) + 10)[0].id == expected[-1]
        assert order.index_of(expected[3]) == 3
        assert order.index_of("no-such-article") is None
        for number, row in enumerate(rows, 1):
            assert catalogue.position(row.id) == number
        assert catalogue.first_id() == rows[0].id
        before, after = catalogue.neighbours(rows[1].id)
        assert before is not None and before.id == rows[0].id
        assert after is not None and after.id == rows[2].id
        assert catalogue.neighbours(rows[0].id)[0] is None
        keys = catalogue.corpus_order([rows[4].id, rows[1].id])
        assert keys[rows[1].id] < keys[rows[4].id]
        assert [r.id for r in catalogue.iter_rows()] == [r.id for r in rows]


def test_a_filter_keeps_what_the_command_line_keeps(index_path: Path) -> None:
    from syria_reader.index.article_filter import keeps

    with Index(index_path) as index, ArticleCatalogue(index_path) as catalogue:
        rows: list[ArticleRow] = index.articles()
        for chosen in (
            ArticleFilter(source="REUTERS"),
            ArticleFilter(since="2016"),
            ArticleFilter(since="2015-10-12", until="2016-02"),
        ):
            kept = [r.id for r in apply_filter(index, rows, chosen)]
            assert kept, chosen
            for key in SORT_KEYS:
                order = catalogue.order(key, lambda row, c=chosen: keeps(row, c))
                listed = [r.id for r in order.rows(0, len(order))]
                assert sorted(listed) == sorted(kept), (chosen, key)
                assert listed == [r.id for r in PYTHON_SORTS[key](rows) if r.id in kept]


def test_positions_count_corpus_order_when_rowids_have_gaps(
    index_path: Path, tmp_path: Path
) -> None:
    import shutil
    import sqlite3

    gapped = tmp_path / "gapped.sqlite3"
    shutil.copyfile(index_path, gapped)
    with sqlite3.connect(gapped) as db:
        # As an incremental build may leave them: a removed article's rowid is not reused.
        db.execute("DELETE FROM articles WHERE rowid IN (SELECT rowid FROM articles LIMIT 2)")
        db.execute(
            "UPDATE articles SET rowid = rowid + 100"
            " WHERE rowid = (SELECT max(rowid) FROM articles)"
        )
    with ArticleCatalogue(gapped) as catalogue:
        ids = [row.id for row in catalogue.iter_rows()]
        assert len(ids) == len(ARTICLES) - 2
        assert [catalogue.position(article_id) for article_id in ids] == list(
            range(1, len(ids) + 1)
        )
        assert catalogue.position("no-such-article") is None


def test_filter_counts_from_the_groups_are_what_the_filter_keeps(index_path: Path) -> None:
    from syria_reader.index.article_filter import count_kept, facet_source_counts, source_counts

    with Index(index_path) as index, ArticleCatalogue(index_path) as catalogue:
        rows = index.articles()
        facets = catalogue.facets()
        assert len(facets) == len(rows)
        assert facet_source_counts(facets) == (
            source_counts(rows),
            sum(1 for r in rows if not r.source),
        )
        lavrov = next(e.id for e in index.entities() if 1 < e.articles < len(rows))
        mentioning = catalogue.entity_rowids(lavrov)
        assert sorted(catalogue.corpus_order(index.entity_articles(lavrov)).values()) == sorted(
            mentioning
        )
        marked = {rows[0].id, rows[1].id, rows[5].id}
        marked_rowids = list(catalogue.corpus_order(marked).values())
        for chosen in (
            ArticleFilter(),
            ArticleFilter(source="REUTERS"),
            ArticleFilter(source="straße news"),
            ArticleFilter(since="2016"),
            ArticleFilter(until="2015-10"),
            ArticleFilter(since="2015-10-12", until="2016-02"),
            ArticleFilter(entity_id=lavrov),
            ArticleFilter(entity_id=lavrov, source="AFP"),
            ArticleFilter(marked_only=True),
            ArticleFilter(marked_only=True, since="2016-03"),
            ArticleFilter(marked_only=True, entity_id=lavrov, source="reuters"),
        ):
            expected = len(apply_filter(index, rows, chosen, marked))
            assert count_kept(facets, chosen, mentioning, marked_rowids) == expected, chosen


def test_corpus_order_read_from_paths_is_rowid_order(write_corpus) -> None:
    # Corpus order comes from the (path, position) index, not a scan of the texts: the writer
    # numbers articles in that order, whatever the folders, cases and letters of the names.
    corpus = write_corpus(
        {
            "Zeta.txt": "Zeta\n\nOne.\n",
            "alpha/b.txt": "B\n\nTwo.\n",
            "alpha/B2.txt": "B2\n\nThree.\n",
            "Ärger.txt": "Ä\n\nFour.\n",
            "alpha.txt": "A\n\nFive.\n",
            "alpha-beta/x.txt": "X\n\nSix.\n",
            "_sources.csv": "title,text\nFirst,One row.\nSecond,Another row.\n",
        }
    )
    result = build_index(corpus, RULES)
    catalogue = ArticleCatalogue(result.path)
    try:
        order = catalogue.order("corpus")
        assert len(order) >= 6
        assert list(order.rowids) == sorted(order.rowids)
    finally:
        catalogue.close()
