"""The article list read a page at a time: orders as arrays of rowids, rows by the page.

The reader's article list shows 50 rows of a corpus of 50,000 articles. Holding an
``ArticleRow`` per article (and a widget option per row) costs memory and start-up time in
proportion to the corpus, so the list keeps only an ``ArticleOrder``: the rowids of the
articles it shows, in the order it shows them (4 bytes an article), and reads the rows on
screen from the index. Sorting is done by SQLite with the same keys as the sorts the reader
had (``SORTS``); a filter streams the rows once through ``article_filter.keeps`` (the
command line's definition) and keeps the rowids that pass.

The catalogue opens its own read-only connection to the index file, so it never contends
with the queries the reader runs elsewhere.
"""

from __future__ import annotations

import bisect
import sqlite3
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from syria_reader.index.article_titles import ArticleTitles
    from syria_reader.index.query import ArticleRow

#: Sort orders of the article list: key -> (label, SQL ORDER BY). Ties keep corpus order
#: (rowid), as Python's stable sorts did; ``casefold`` is registered on the connection.
#: Corpus order is rowid order (the writer numbers articles so), read from the small index on
#: (path, position): a scan of the table itself reads every article's text (cold, 0.13 s at
#: 10,000 articles against 0.01 s, on the reader's thread as it opens).
SORTS: dict[str, tuple[str, str]] = {
    "corpus": ("corpus order", "path, position"),
    "date-new": ("newest first", "coalesce(date, '') DESC, rowid"),
    "date-old": ("oldest first", "coalesce(date, '9999'), rowid"),
    "source": ("by source", "casefold(coalesce(source, '~')), coalesce(date, ''), rowid"),
}
SORT_KEYS = tuple(SORTS)

_COLUMNS = "rowid, id, title, source, author, date, path, words"
#: Host parameters per query (SQLite's historical limit is 999).
_BATCH = 900


def _casefold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value


class ArticleOrder:
    """The articles of the list, in its order: their rowids, and the rows read on demand."""

    def __init__(self, catalogue: ArticleCatalogue, rowids: array[int], sort_key: str) -> None:
        self.catalogue = catalogue
        self.rowids = rowids
        self.sort_key = sort_key

    def __len__(self) -> int:
        return len(self.rowids)

    def rows(self, start: int, end: int) -> list[ArticleRow]:
        """Rows ``start`` to ``end`` (exclusive) of the list."""
        return self.catalogue.rows_by_rowid(self.rowids[max(0, start) : max(0, end)])

    def index_of(self, article_id: str) -> int | None:
        """Where an article is in the list; None when the list does not hold it."""
        rowid = self.catalogue.rowid(article_id)
        if rowid is None:
            return None
        try:
            return self.rowids.index(rowid)
        except ValueError:
            return None


class ArticleFacets:
    """The (source, date) of every article, as a code per article into the distinct pairs."""

    def __init__(
        self,
        groups: list[tuple[str | None, str | None]],
        codes: array[int],
        rowids: array[int],
    ) -> None:
        self.groups = groups
        self.codes = codes  # codes[i]: the group of the i-th article in corpus order
        self.rowids = rowids  # ascending
        self.all_counts = Counter(codes)

    def __len__(self) -> int:
        return len(self.codes)

    def counts_of(self, rowids: Iterable[int]) -> Counter[int]:
        """How many of these articles (distinct rowids) are in each group; rowids not in the
        index are ignored. Vector operations: an entity named in every article of 50,000
        costs about a millisecond."""
        import numpy as np

        wanted = np.fromiter(rowids, dtype=np.int64)
        every = np.frombuffer(self.rowids, dtype=np.int64)
        if not len(wanted) or not len(every):
            return Counter()
        at = np.minimum(np.searchsorted(every, wanted), len(every) - 1)
        found = at[every[at] == wanted]
        codes = np.frombuffer(self.codes, dtype=np.int32)[found]
        counts = np.bincount(codes, minlength=len(self.groups))
        present = np.flatnonzero(counts)
        return Counter(dict(zip(present.tolist(), counts[present].tolist(), strict=True)))


class ArticleCatalogue:
    """Every article of one index, read by the page; close it with the index."""

    def __init__(self, path: Path) -> None:
        from syria_reader.index.freshness import connect_readonly

        self.path = path
        self._db = connect_readonly(path)
        self._db.create_function("casefold", 1, _casefold, deterministic=True)
        self._count: int | None = None
        self._rowids: Sequence[int] | None = None
        self._facets: ArticleFacets | None = None
        self._titles: ArticleTitles | None = None

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> ArticleCatalogue:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def count(self) -> int:
        """How many articles the index holds."""
        if self._count is None:
            self._count = int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])
        return self._count

    def rowid(self, article_id: str) -> int | None:
        """The article's rowid (its place in corpus order); None when it is not in the index."""
        found = self._db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,))
        row = found.fetchone()
        return int(row[0]) if row else None

    def has(self, article_id: str) -> bool:
        """Whether the index holds the article."""
        return self.rowid(article_id) is not None

    def position(self, article_id: str) -> int | None:
        """The article's number in corpus order, from 1; None when it is not in the index."""
        rowid = self.rowid(article_id)
        if rowid is None:
            return None
        return bisect.bisect_right(self._corpus_rowids(), rowid)

    def _corpus_rowids(self) -> Sequence[int]:
        """Every rowid in corpus order, read once: a range when they run without gaps (as a
        full build gives them), else the sorted rowids (counting them per article read the
        whole table: 13 ms at 10,000 articles)."""
        if self._rowids is None:
            first, last = self._db.execute("SELECT min(rowid), max(rowid) FROM articles").fetchone()
            if first is None:
                self._rowids = range(0)
            elif last - first + 1 == self.count:
                self._rowids = range(first, last + 1)
            else:
                found = self._db.execute("SELECT rowid FROM articles")
                self._rowids = array("q", sorted(row[0] for row in found))
        return self._rowids

    def facets(self) -> ArticleFacets:
        """Every article's (source, date), grouped: what the filter dialog counts from. Read
        once per catalogue (one pass over the table); a count is then a sum over the groups."""
        if self._facets is None:
            groups: dict[tuple[str | None, str | None], int] = {}
            codes: array[int] = array("i")
            rowids: array[int] = array("q")
            for rowid, source, date in self._db.execute(
                "SELECT rowid, source, date FROM articles ORDER BY rowid"
            ):
                rowids.append(rowid)
                codes.append(groups.setdefault((source, date), len(groups)))
            self._facets = ArticleFacets(list(groups), codes, rowids)
        return self._facets

    def entity_rowids(self, entity_id: str) -> list[int]:
        """The rowids of the articles that mention an entity (by its current id), from the
        list layout (a row per article) or, for an entity without one, its mentions' index."""
        entity = "(SELECT rowid FROM entities WHERE id = ?)"
        laid_out = self._db.execute(
            f"SELECT article FROM mention_pages WHERE entity = {entity}", (entity_id,)
        ).fetchall()
        if not laid_out:
            laid_out = self._db.execute(
                f"SELECT DISTINCT article FROM mentions WHERE entity = {entity}", (entity_id,)
            ).fetchall()
        return [int(row[0]) for row in laid_out]

    def entity_steps(self, entity_id: str, article_id: str) -> dict[str, int]:
        """The articles a step along an entity's mentions can reach from one article: the
        first and last naming it, the nearest before and after it, and itself if it names it;
        each with its rowid (corpus order). Seeks in the mentions' index, whatever the count."""
        found = self._db.execute(
            "SELECT e.rowid, a.rowid FROM entities e, articles a WHERE e.id = ? AND a.id = ?",
            (entity_id, article_id),
        ).fetchone()
        if found is None:
            return {}
        entity, here = found
        where = "FROM mentions WHERE entity = ?"
        reached: set[int] = set()
        for sql, params in (
            (f"SELECT min(article) {where}", (entity,)),
            (f"SELECT max(article) {where}", (entity,)),
            (f"SELECT max(article) {where} AND article < ?", (entity, here)),
            (f"SELECT min(article) {where} AND article >= ?", (entity, here)),
            (f"SELECT min(article) {where} AND article > ?", (entity, here)),
        ):
            row = self._db.execute(sql, params).fetchone()
            if row is not None and row[0] is not None:
                reached.add(int(row[0]))
        marks = ",".join("?" * len(reached))
        rows = self._db.execute(
            f"SELECT id, rowid FROM articles WHERE rowid IN ({marks}) ORDER BY rowid",
            tuple(reached),
        )
        return {str(found_id): int(rowid) for found_id, rowid in rows}

    def search_titles(self, query: str, limit: int) -> list[ArticleRow]:
        """Up to ``limit`` articles whose title (or id) holds the query's letters in order, as
        the palette's matcher takes them (``article_titles``; the titles are read once)."""
        if self._titles is None:
            from syria_reader.index.article_titles import ArticleTitles

            self._titles = ArticleTitles(self._db)
        return self.rows_by_rowid(self._titles.search(query, limit))

    def first_id(self) -> str | None:
        """The first article in corpus order."""
        row = self._db.execute("SELECT id FROM articles ORDER BY rowid LIMIT 1").fetchone()
        return str(row[0]) if row else None

    def corpus_order(self, article_ids: Iterable[str]) -> dict[str, int]:
        """Each of these articles' place in corpus order (a key to compare, not a number)."""
        wanted = list(dict.fromkeys(article_ids))
        found: dict[str, int] = {}
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            found.update(
                (str(article_id), int(rowid))
                for rowid, article_id in self._db.execute(
                    f"SELECT rowid, id FROM articles WHERE id IN ({marks})", batch
                )
            )
        return found

    def neighbours(self, article_id: str) -> tuple[ArticleRow | None, ArticleRow | None]:
        """The articles before and after one, in corpus order."""
        rowid = self.rowid(article_id)
        if rowid is None:
            return None, None
        before = self._rows(
            f"SELECT {_COLUMNS} FROM articles WHERE rowid < ? ORDER BY rowid DESC LIMIT 1",
            (rowid,),
        )
        after = self._rows(
            f"SELECT {_COLUMNS} FROM articles WHERE rowid > ? ORDER BY rowid LIMIT 1", (rowid,)
        )
        return (before[0] if before else None), (after[0] if after else None)

    def iter_rows(self) -> Iterator[ArticleRow]:
        """Every article, in corpus order, one row at a time (nothing is kept)."""
        from syria_reader.index.query import ArticleRow

        cursor = self._db.execute(f"SELECT {_COLUMNS} FROM articles ORDER BY rowid")
        for row in cursor:
            yield ArticleRow(*row[1:])

    def rows_by_rowid(self, rowids: Sequence[int]) -> list[ArticleRow]:
        """The rows of these articles, in the order given (missing ones left out)."""
        from syria_reader.index.query import ArticleRow

        by_rowid: dict[int, ArticleRow] = {}
        wanted = list(rowids)
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            for row in self._db.execute(
                f"SELECT {_COLUMNS} FROM articles WHERE rowid IN ({marks})", batch
            ):
                by_rowid[int(row[0])] = ArticleRow(*row[1:])
        return [by_rowid[r] for r in wanted if r in by_rowid]

    def order(
        self, sort_key: str = "corpus", keep: Callable[[ArticleRow], bool] | None = None
    ) -> ArticleOrder:
        """The articles sorted by ``sort_key`` (see ``SORTS``), only those ``keep`` keeps."""
        from syria_reader.index.query import ArticleRow

        if sort_key not in SORTS:
            sort_key = SORT_KEYS[0]
        by = SORTS[sort_key][1]
        rowids: array[int] = array("q")
        if keep is None:
            cursor = self._db.execute(f"SELECT rowid FROM articles ORDER BY {by}")
            for (rowid,) in cursor:
                rowids.append(rowid)
        else:
            cursor = self._db.execute(f"SELECT {_COLUMNS} FROM articles ORDER BY {by}")
            for row in cursor:
                if keep(ArticleRow(*row[1:])):
                    rowids.append(row[0])
        return ArticleOrder(self, rowids, sort_key)

    def _rows(self, sql: str, params: tuple[object, ...]) -> list[ArticleRow]:
        from syria_reader.index.query import ArticleRow

        return [ArticleRow(*row[1:]) for row in self._db.execute(sql, params)]


def open_catalogue(path: Path) -> ArticleCatalogue | None:
    """The catalogue of the index at ``path``; None when it cannot be read."""
    try:
        return ArticleCatalogue(path)
    except sqlite3.Error:
        return None
