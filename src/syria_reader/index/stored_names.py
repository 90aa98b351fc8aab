"""The name lookup an index keeps: every entity's names laid out for ``index.fuzzy`` when the
index is written (table ``name_matcher``), so that the reader's first lookup reads a few
buffers instead of building the matcher over every name (seconds at 100,000 entities).

The table holds the linker's entities. Corrections change a few of them (those listed in
``curated``): :class:`NameLookup` leaves those out of the stored matcher's answers and matches
them with a small matcher of their own. An index written before the table existed lacks it;
its lookup builds the matcher in memory, as every lookup once did.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from syria_reader.index.codec import json_strings
from syria_reader.index.fuzzy import NameMatcher
from syria_reader.index.packed import ints

#: Not in ``schema.TABLES``: an index of schema 9 may lack it and is not rebuilt for it.
TABLE = "CREATE TABLE IF NOT EXISTS name_matcher (part TEXT PRIMARY KEY, data BLOB NOT NULL)"

#: Runs one query and returns its rows (``Index._rows``, or a plain connection's).
Rows = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]

_BATCH = 500  # rowids per query (SQLite's host parameters)

#: Parts stored as the differences of successive values (then compressed): offsets and
#: ascending postings become runs of small numbers, which zlib packs several times smaller.
_DELTAS: dict[str, type[np.integer[Any]]] = {
    "norm_offsets": np.int64,
    "original_offsets": np.int64,
    "skeleton_offsets": np.int64,
    "ranked_offsets": np.int64,
    "ranked_start": np.int64,
    "pair_start": np.int64,
    "pair_name": np.int32,
    "rowids": np.int64,
}


def connection_rows(db: sqlite3.Connection) -> Rows:
    """:data:`Rows` over a connection."""
    return lambda sql, params: db.execute(sql, params).fetchall()


def entity_names(
    rows: Rows, only: Sequence[int] | None = None
) -> tuple[list[int], list[tuple[str, ...]], list[int]]:
    """The rowid, names and mentions of every entity (or of the rowids ``only``), busiest
    first as ``Index.entities`` lists them; an entity's names are its name, its aliases and
    the gazetteer's spellings the text never uses."""
    columns = "SELECT e.rowid, e.id, e.name, e.mentions, e.articles FROM entities e"
    order = " ORDER BY e.mentions DESC, e.articles DESC, e.name"
    if only is None:
        found = rows(columns + order, ())
        aliases = rows("SELECT entity, alias FROM aliases ORDER BY entity, alias", ())
        known = rows("SELECT id, known_as FROM entity_details WHERE known_as != '[]'", ())
    else:
        found, aliases, known = [], [], []
        wanted = sorted(set(only))
        for start in range(0, len(wanted), _BATCH):
            batch = tuple(wanted[start : start + _BATCH])
            marks = ",".join("?" * len(batch))
            found += rows(f"{columns} WHERE e.rowid IN ({marks})", batch)
            aliases += rows(f"SELECT entity, alias FROM aliases WHERE entity IN ({marks})", batch)
        found.sort(key=lambda r: (-r[3], -r[4], r[2]))  # the ORDER BY above
        aliases.sort()
        ids = tuple(r[1] for r in found)
        for start in range(0, len(ids), _BATCH):
            batch_ids = ids[start : start + _BATCH]
            marks = ",".join("?" * len(batch_ids))
            known += rows(
                f"SELECT id, known_as FROM entity_details WHERE id IN ({marks})", batch_ids
            )
    alias_map: dict[int, list[str]] = {}
    for entity, alias in aliases:
        alias_map.setdefault(entity, []).append(alias)
    known_map = {entity_id: json_strings(value) for entity_id, value in known}
    names = [
        (name, *alias_map.get(rowid, ()), *known_map.get(entity_id, ()))
        for rowid, entity_id, name, _, _ in found
    ]
    return [r[0] for r in found], names, [r[3] for r in found]


def write(db: sqlite3.Connection) -> None:
    """Store the matcher of the index's entities as they are now (the builder's last step)."""
    rowids, names, weights = entity_names(connection_rows(db))
    parts = NameMatcher(names, weights).parts()
    parts["rowids"] = np.asarray(rowids, dtype=np.int64).tobytes()
    db.execute(TABLE)
    db.execute("DELETE FROM name_matcher")
    db.executemany(
        "INSERT INTO name_matcher(part, data) VALUES (?, ?)",
        [(part, encode(part, data)) for part, data in sorted(parts.items())],
    )


def encode(part: str, data: bytes) -> bytes:
    """A part of a matcher as the table stores it."""
    dtype = _DELTAS.get(part)
    if dtype is not None:
        data = np.diff(np.frombuffer(data, dtype=dtype), prepend=0).astype(dtype).tobytes()
    return zlib.compress(data, 6)


def decode(part: str, data: bytes) -> bytes:
    """A part of a matcher from the table (``zlib.error`` if damaged)."""
    data = zlib.decompress(data)
    dtype = _DELTAS.get(part)
    if dtype is not None:
        data = np.cumsum(np.frombuffer(data, dtype=dtype), dtype=dtype).tobytes()
    return data


class NameLookup:
    """Entity names matched as ``NameMatcher.match`` matches them, answering entity rowids."""

    def __init__(
        self,
        matcher: NameMatcher,
        rowids: Sequence[int],
        left_out: frozenset[int] = frozenset(),
        corrected: tuple[NameMatcher, Sequence[int]] | None = None,
    ) -> None:
        """``rowids[i]`` is the rowid of the matcher's entity ``i``; answers of the rowids in
        ``left_out`` are dropped, and ``corrected`` (a matcher of other entities, with theirs)
        adds its own."""
        self._matcher = (matcher, rowids)
        self._corrected = corrected
        self._left_out = left_out

    def match(self, query: str, limit: int = 20) -> list[tuple[int, str, float]]:
        """The best ``(entity rowid, matched name, score)`` per entity, best first."""
        matcher, rowids = self._matcher
        # Asked for more while those left out leave fewer than ``limit`` (the others keep
        # their order), up to as many more as are left out.
        asked = limit
        while True:
            answers = matcher.match(query, asked)
            found = [
                (score, matcher.weights[i], matched, rowids[i])
                for i, matched, score in answers
                if rowids[i] not in self._left_out
            ]
            if len(found) >= limit or len(answers) < asked or asked >= limit + len(self._left_out):
                break
            asked = min(4 * asked, limit + len(self._left_out))
        if self._corrected is not None:
            matcher, rowids = self._corrected
            found += [
                (score, matcher.weights[i], matched, rowids[i])
                for i, matched, score in matcher.match(query, limit)
            ]
            found.sort(key=lambda f: (-f[0], -f[1], f[2]))  # as match ranks them (stable)
        return [(rowid, matched, score) for score, _, matched, rowid in found[:limit]]


def load(rows: Rows) -> NameLookup:
    """The lookup of the index's entities: the stored matcher with the corrected entities
    matched apart, or, without one, a matcher built now over every name."""
    stored = _stored(rows)
    if stored is None:
        every_rowid, names, weights = entity_names(rows)
        return NameLookup(NameMatcher(names, weights), every_rowid)
    matcher, rowids = stored
    curated = [row[0] for row in rows("SELECT entity FROM curated", ())]
    if not curated:
        return NameLookup(matcher, rowids)
    own_rowids, names, weights = entity_names(rows, curated)
    return NameLookup(
        matcher, rowids, frozenset(curated), (NameMatcher(names, weights), own_rowids)
    )


def _stored(rows: Rows) -> tuple[NameMatcher, Sequence[int]] | None:
    try:
        found = rows("SELECT part, data FROM name_matcher", ())
    except sqlite3.OperationalError:  # an index written before the table existed
        return None
    try:
        parts = {str(part): decode(str(part), bytes(data)) for part, data in found}
    except (zlib.error, ValueError):  # damaged: the lookup builds its own
        return None
    rowids = parts.pop("rowids", None)
    try:
        matcher = NameMatcher.from_parts(parts)
        if matcher is None or rowids is None:
            return None
        return matcher, ints(rowids, "q")
    except (KeyError, ValueError, TypeError):  # a part missing or of the wrong size
        return None
