"""An entity's mention list read a screenful at a time, however many mentions it has.

The list is the one the reader shows: under each article's heading, one row per sentence
naming the entity (``grouping.group_by_sentence``), in corpus order. Rows are numbered from
0; a mention's *position* is its place among the entity's mentions in the same order, the
numbering ``Index.mentions_of`` gives.

For a busy entity the index stores the list's layout (``mention_pages``: where each article's
heading falls), so any screenful is one seek and one range read; the count comes from the
entity's row. A small entity's list is read whole the first time it is asked for.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from syria_reader.index.grouping import SentenceMentions, group_by_sentence
from syria_reader.index.query import EntityRow, MentionRow


@dataclass(frozen=True)
class ArticleHeading:
    """The row above an article's sentences: its title and how often it names the entity."""

    article_id: str
    title: str
    mentions: int
    first_position: int  # position of its first mention


ListRow = ArticleHeading | SentenceMentions


@dataclass(frozen=True)
class _Block:
    """One article's part of the list: its heading's row and what is under it."""

    first_row: int
    article: int  # article rowid
    sentences: int
    first_position: int
    mentions: int

    @property
    def end_row(self) -> int:
        return self.first_row + 1 + self.sentences


#: How many articles' rows are kept in memory (a screenful needs a few dozen at most).
_CACHED_ARTICLES = 512

Rows = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]


class MentionList:
    """The rows of one entity's mention list, read on demand (see the module docstring)."""

    def __init__(
        self,
        entity: EntityRow,
        entity_rowid: int,
        rows: Rows,
        mention: Callable[[tuple[Any, ...]], MentionRow],
        select: str,
    ) -> None:
        """Built by ``Index.mention_list``; ``rows`` runs a query, ``mention`` decodes a row of
        ``select`` (the mention query without its WHERE clause)."""
        self.entity = entity
        self._entity = entity_rowid
        self._query = rows
        self._mention = mention
        self._select = select
        self._blocks: list[_Block] | None = None  # small lists: every block, in order
        self._cache: OrderedDict[int, list[ListRow]] = OrderedDict()  # article rowid -> rows
        laid_out = self._query(
            "SELECT first_row + 1 + sentences FROM mention_pages WHERE entity = ?"
            " ORDER BY first_row DESC LIMIT 1",
            (entity_rowid,),
        )
        self.paged = bool(laid_out)
        self._row_count = int(laid_out[0][0]) if laid_out else None

    # -- sizes ----------------------------------------------------------------------------------

    @property
    def mention_count(self) -> int:
        """Every mention of the entity (from the entity's own row, nothing is read)."""
        return self.entity.mentions

    @property
    def article_count(self) -> int:
        """The articles that name it."""
        return self.entity.articles

    @property
    def row_count(self) -> int:
        """Rows in the list: a heading per article and a row per sentence."""
        if self._row_count is None:
            blocks = self._all_blocks()
            self._row_count = blocks[-1].end_row if blocks else 0
        return self._row_count

    @property
    def sentence_count(self) -> int:
        """Sentences naming the entity (rows that are not headings)."""
        return self.row_count - self.article_count

    def __len__(self) -> int:
        return self.mention_count

    def __iter__(self) -> Iterator[MentionRow]:
        """Every mention, in order, read a page at a time (for exports and checks, not lists)."""
        for start in range(0, self.row_count, 256):
            for row in self.rows(start, start + 256):
                if isinstance(row, SentenceMentions):
                    yield from row.mentions

    # -- rows -----------------------------------------------------------------------------------

    def rows(self, start: int, stop: int) -> list[ListRow]:
        """Rows ``start`` to ``stop`` (exclusive), clipped to the list."""
        start, stop = max(0, start), min(stop, self.row_count)
        if start >= stop:
            return []
        blocks = self._blocks_between(start, stop)
        self._load([b for b in blocks if b.article not in self._cache], blocks)
        out: list[ListRow] = []
        for block in blocks:
            rows = self._cache[block.article]
            self._cache.move_to_end(block.article)
            lo = max(start, block.first_row) - block.first_row
            hi = min(stop, block.end_row) - block.first_row
            out.extend(rows[lo:hi])
        while len(self._cache) > _CACHED_ARTICLES:
            self._cache.popitem(last=False)
        return out

    def row(self, number: int) -> ListRow | None:
        """One row, or None outside the list."""
        found = self.rows(number, number + 1)
        return found[0] if found else None

    def row_of_position(self, position: int) -> int:
        """The row showing the mention at ``position`` (clipped to the list)."""
        if self.row_count == 0:
            return 0
        position = max(0, min(position, self.mention_count - 1))
        block = self._block_of_position(position)
        if block is None:
            return 0
        for offset, row in enumerate(self.rows(block.first_row, block.end_row)):
            if isinstance(row, SentenceMentions) and position < row.first_row + len(row.mentions):
                return block.first_row + offset
        return block.end_row - 1

    def article_row(self, row: int, direction: int) -> int | None:
        """The first sentence row of the next (+1) or previous (-1) article from ``row``."""
        here = self._block_at(row)
        if here is None:
            return None
        if direction > 0:
            target = self._block_at(here.end_row)
        elif row > here.first_row + 1:  # inside an article: back to its own first sentence
            target = here
        else:
            target = self._block_at(here.first_row - 1) if here.first_row > 0 else None
        return None if target is None else target.first_row + 1

    # -- blocks ---------------------------------------------------------------------------------

    def _all_blocks(self) -> list[_Block]:
        """Every block of a small list, computed from all its mentions (read once)."""
        if self._blocks is None:
            if self.paged:
                raise RuntimeError("a paged list is never read whole")
            rows = self._query(
                f"{self._select} WHERE m.entity = ? ORDER BY m.article, m.start, m.rowid",
                (self._entity,),
            )
            self._blocks = []
            by_article: dict[int, list[tuple[Any, ...]]] = {}
            for row in rows:
                by_article.setdefault(row[-1], []).append(row[:-1])
            position = row_number = 0
            for article, members in by_article.items():
                mentions = [self._mention(r) for r in members]
                built = self._build_rows(mentions, position)
                sentences = len(built) - 1
                self._blocks.append(_Block(row_number, article, sentences, position, len(members)))
                self._cache[article] = built
                position += len(members)
                row_number += 1 + sentences
        return self._blocks

    def _block_rows(self, sql: str, params: tuple[Any, ...]) -> list[_Block]:
        return [
            _Block(*map(int, r))
            for r in self._query(
                "SELECT first_row, article, sentences, first_mention, mentions FROM mention_pages"
                f" WHERE entity = ? {sql}",
                (self._entity, *params),
            )
        ]

    def _block_at(self, row: int) -> _Block | None:
        """The block holding ``row``."""
        if row < 0 or row >= self.row_count:
            return None
        if not self.paged:
            blocks = self._all_blocks()
            index = bisect.bisect_right([b.first_row for b in blocks], row) - 1
            return blocks[index] if index >= 0 else None
        found = self._block_rows("AND first_row <= ? ORDER BY first_row DESC LIMIT 1", (row,))
        return found[0] if found else None

    def _blocks_between(self, start: int, stop: int) -> list[_Block]:
        """The blocks holding rows ``start`` to ``stop``, in order."""
        first = self._block_at(start)
        if first is None:
            return []
        if not self.paged:
            return [b for b in self._all_blocks() if b.first_row < stop and b.end_row > start]
        later = self._block_rows(
            "AND first_row > ? AND first_row < ? ORDER BY first_row", (first.first_row, stop)
        )
        return [first, *later]

    def _block_of_position(self, position: int) -> _Block | None:
        """The block holding the mention at ``position``."""
        if not self.paged:
            blocks = self._all_blocks()
            index = bisect.bisect_right([b.first_position for b in blocks], position) - 1
            return blocks[index] if index >= 0 else None
        # first_mention grows with first_row: the last block starting at or before it.
        found = self._block_rows(
            "AND first_mention <= ? ORDER BY first_row DESC LIMIT 1", (position,)
        )
        return found[0] if found else None

    def _load(self, missing: Sequence[_Block], blocks: Sequence[_Block]) -> None:
        """Read the mentions of the blocks not cached yet, in one range query."""
        if not missing:
            return
        lo, hi = missing[0].article, missing[-1].article
        rows = self._query(
            f"{self._select} WHERE m.entity = ? AND m.article BETWEEN ? AND ?"
            " ORDER BY m.article, m.start, m.rowid",
            (self._entity, lo, hi),
        )
        by_article: dict[int, list[MentionRow]] = {}
        for row in rows:
            by_article.setdefault(row[-1], []).append(self._mention(row[:-1]))
        for block in blocks:
            if block.article not in self._cache:
                mentions = by_article.get(block.article, [])
                self._cache[block.article] = self._build_rows(mentions, block.first_position)

    @staticmethod
    def _build_rows(mentions: list[MentionRow], first_position: int) -> list[ListRow]:
        """An article's heading, then its sentence groups numbered by mention position."""
        if not mentions:
            return []
        first = mentions[0]
        rows: list[ListRow] = [
            ArticleHeading(first.article_id, first.title, len(mentions), first_position)
        ]
        for group in group_by_sentence(mentions):
            rows.append(SentenceMentions(first_position + group.first_row, group.mentions))
        return rows
