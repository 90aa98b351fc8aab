"""Unlinked mentions: places where an article names a known entity but nothing was tagged.

A known name is an entity's name or alias, or the surname of a person when no other person
has it and the articles never write it in lower case (then it is a common word: "Forces" of
a junk "US-Backed Forces"); matching is case-sensitive and on whole words, so "Assad" is
found and "assad" is not. Text already inside a mention (of any entity, hidden ones too),
reader comments and places the user rejected are left out. Read-only: accepting one is a correction.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from syria_reader.index.codec import blocks_from_json
from syria_reader.index.json_row import JSON_KEYS, PASSAGE_FIELDS, JsonRow
from syria_reader.models import ASIDE_KINDS

_WORD = re.compile(r"[\w'\u2019-]+")
_MAX_WORDS = 8


@dataclass(frozen=True)
class UnlinkedMention(JsonRow):
    """Text naming a known entity that no mention covers."""

    article_id: str
    title: str
    start: int
    end: int
    text: str
    entity_id: str
    entity_name: str
    kind: str
    context: str  # the sentence it stands in
    context_start: int
    in_aside: bool

    #: The object of ``curate unlinked --json``.
    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        *PASSAGE_FIELDS,
        "entity_id",
        "entity_name",
        "kind",
        "context",
    )
    JSON_KEYS: ClassVar[Mapping[str, str]] = {
        **JSON_KEYS,
        "entity_id": "entity",
        "entity_name": "name",
    }


@dataclass(frozen=True)
class _Known:
    words: tuple[str, ...]
    surface: str
    entity: int  # rowid
    weight: int  # mentions: where two entities share a surface, the busier wins


def find_unlinked(
    db: sqlite3.Connection,
    entity_id: str | None = None,
    rejected: Iterable[tuple[str, int, str]] = (),
) -> list[UnlinkedMention]:
    """Every unlinked mention in the corpus (of one entity, if given), in corpus order.

    ``rejected`` holds (article id, start, text) places the user said are not mentions.
    """
    entities = {
        rowid: (eid, name, kind, mentions)
        for rowid, eid, name, kind, mentions in db.execute(
            "SELECT rowid, id, name, kind, mentions FROM entities"
        )
    }
    surfaces: dict[str, tuple[int, int]] = {}  # surface -> (entity, weight)
    for rowid, (_, name, _, mentions) in entities.items():
        _offer(surfaces, name, rowid, mentions + 1_000_000)  # a canonical name beats an alias
    for rowid, alias in db.execute("SELECT entity, alias FROM aliases"):
        _offer(surfaces, alias, rowid, entities[rowid][3])
    articles = db.execute(
        "SELECT rowid, id, title, article_text(body), blocks FROM articles ORDER BY rowid"
    ).fetchall()
    surnames = _surnames(entities)
    # A "surname" the articles also write in lower case is a common word ("Forces", "Aid"):
    # the last word of a junk name, not a person's.
    common = _lower_case_words(text for _, _, _, text, _ in articles) & {
        s.lower() for s in surnames
    }
    for surname, rowid in surnames.items():
        if surname.lower() not in common:
            _offer(surfaces, surname, rowid, entities[rowid][3] - 1_000_000)
    wanted = None
    if entity_id is not None:
        wanted = next((r for r, e in entities.items() if e[0] == entity_id), -1)
    by_first: dict[str, list[_Known]] = {}
    for surface, (rowid, weight) in surfaces.items():
        if wanted is not None and rowid != wanted:
            continue
        words = tuple(_WORD.findall(surface))
        if words and len(words) <= _MAX_WORDS:
            by_first.setdefault(words[0], []).append(_Known(words, surface, rowid, weight))
    for options in by_first.values():
        options.sort(key=lambda k: -len(k.words))  # longest name first at each place
    if not by_first:
        return []
    skip = set(rejected)
    found: list[UnlinkedMention] = []
    for article, article_id, title, text, blocks_json in articles:
        tokens = [_without_possessive(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        if not any(w[2] in by_first for w in tokens):
            continue
        taken = sorted(
            db.execute('SELECT start, "end" FROM mentions WHERE article = ?', (article,))
        )
        blocks = blocks_from_json(blocks_json)
        sentences: list[tuple[int, int]] | None = None
        position = 0
        while position < len(tokens):
            match = _match_at(tokens, position, by_first, text)
            if match is None:
                position += 1
                continue
            known, start, end, used = match
            position += used
            block = next((b for b in blocks if b.start <= start < b.end), None)
            if block is None or block.kind == "comment" or _covered(taken, start, end):
                continue
            if (article_id, start, text[start:end]) in skip:
                continue
            if sentences is None:
                sentences = sorted(
                    db.execute(
                        'SELECT start, "end" FROM sentences WHERE article = ?', (article,)
                    ).fetchall()
                )
            s_start, s_end = next(
                ((a, b) for a, b in sentences if a <= start and end <= b), (start, end)
            )
            eid, name, kind, _ = entities[known.entity]
            found.append(
                UnlinkedMention(
                    article_id,
                    title,
                    start,
                    end,
                    text[start:end],
                    eid,
                    name,
                    kind,
                    text[s_start:s_end],
                    s_start,
                    block.kind in ASIDE_KINDS,
                )
            )
    return found


def _lower_case_words(texts: Iterable[str]) -> set[str]:
    """Every word the texts write in lower case."""
    words: set[str] = set()
    for text in texts:
        words.update(w for w in _WORD.findall(text) if w[:1].islower())
    return words


def _without_possessive(start: int, end: int, word: str) -> tuple[int, int, str]:
    """A word with its possessive "'s" left off ("Assad's" is a mention of "Assad")."""
    if len(word) > 3 and word[-2] in "'\u2019" and word[-1] == "s":
        return start, end - 2, word[:-2]
    return start, end, word


def _offer(surfaces: dict[str, tuple[int, int]], surface: str, entity: int, weight: int) -> None:
    surface = " ".join(surface.split())
    if len(surface) < 2 or not any(c.isupper() for c in surface):
        return
    current = surfaces.get(surface)
    if current is None or current[1] < weight:
        surfaces[surface] = (entity, weight)


def _surnames(entities: dict[int, tuple[str, str, str, int]]) -> dict[str, int]:
    """The last word of each person's name that no other person's name ends with."""
    owners: dict[str, set[int]] = {}
    for rowid, (_, name, kind, _) in entities.items():
        words = _WORD.findall(name)
        if kind == "PERSON" and len(words) >= 2 and len(words[-1]) >= 3 and words[-1][0].isupper():
            owners.setdefault(words[-1], set()).add(rowid)
    return {surname: next(iter(rowids)) for surname, rowids in owners.items() if len(rowids) == 1}


def _match_at(
    words: list[tuple[int, int, str]],
    position: int,
    by_first: dict[str, list[_Known]],
    text: str,
) -> tuple[_Known, int, int, int] | None:
    """The longest known name starting at word ``position``: (it, start, end, words used)."""
    for known in by_first.get(words[position][2], ()):
        count = len(known.words)
        if position + count > len(words):
            continue
        if tuple(w[2] for w in words[position : position + count]) != known.words:
            continue
        start, end = words[position][0], words[position + count - 1][1]
        if " ".join(text[start:end].split()) == known.surface:
            return known, start, end, count
    return None


def _covered(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in taken)
