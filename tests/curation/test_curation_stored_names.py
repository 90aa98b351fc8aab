"""The name matcher an index stores answers as one built from its names would: read back from
its parts, through an index (with and without the table), and after corrections, which it
matches apart from the stored names."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from syria_reader.curation.model import Correction
from syria_reader.index import stored_names
from syria_reader.index.curate import apply_file
from syria_reader.index.fuzzy import NameMatcher
from syria_reader.index.query import Index

from .curation_kit import ARTICLES, ENTITIES, build_hand_index

QUERIES = [
    "s", "se", "lav", "lavrov", "lavorv", "sergey", "kerry", "john f", "jon kery", "alep",
    "aleppo", "geneva", "moscow", "mosc", "click", "lavrov s", "ü", "s lavrov", "zzz", "",
]  # fmt: skip


def _answers(path: Path, queries: list[str] = QUERIES) -> list[list[tuple[str, ...]]]:
    """Each query's matches: the entity's id, kind and mentions, the name matched, the score."""
    with Index(path) as index:
        return [
            [
                (m.entity.id, m.entity.kind, str(m.entity.mentions), m.matched, str(m.score))
                for m in index.find_entities(q, 5)
            ]
            for q in queries
        ]


def _without_table(path: Path, tmp_path: Path) -> Path:
    """A copy of the index without its stored matcher (an index written before it existed)."""
    copy = tmp_path / "without.sqlite3"
    shutil.copyfile(path, copy)
    db = sqlite3.connect(copy)
    db.execute("DROP TABLE name_matcher")
    db.commit()
    db.close()
    return copy


def _parts_in(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT count(*) FROM name_matcher").fetchone()[0]
    finally:
        db.close()


def test_a_matcher_read_back_from_its_parts_answers_alike() -> None:
    rng = random.Random(3)
    syllables = ["ka", "ra", "vin", "sho", "u", "drel", "mo", "ha", "med", "al", "as", "Ö"]
    names = [
        [
            " ".join(
                "".join(rng.choice(syllables) for _ in range(2)) for _ in range(rng.randint(1, 3))
            )
        ]
        for _ in range(1500)
    ]
    built = NameMatcher(names, [rng.randint(1, 40) for _ in names])
    read = NameMatcher.from_parts(built.parts())
    assert read is not None
    queries = ["k", "ka", "kara", "vinsho", "medal", "shodrel", "o", "hamo as", "xx", "karav"]
    queries += [names[i][0][: rng.randint(1, 9)] for i in rng.sample(range(len(names)), 30)]
    for query in queries:
        assert read.match(query, 10) == built.match(query, 10), query
    assert NameMatcher.from_parts({**built.parts(), "format": b"0"}) is None


def test_the_index_stores_its_matcher_and_answers_as_without_it(tmp_path: Path) -> None:
    path = build_hand_index(tmp_path / "hand.sqlite3", ARTICLES, ENTITIES)
    assert _parts_in(path) > 0
    answers = _answers(path)
    assert answers[QUERIES.index("lavorv")][0][3] == "Sergei Lavrov"
    assert answers == _answers(_without_table(path, tmp_path))


@pytest.mark.parametrize(
    "correction",
    [
        Correction("merge", names=("Sergei Lavrov", "Sergey Lavrov")),
        Correction("merge", names=("Sergey Lavrov", "Lavrov"), as_name="S. Lavrov"),
        Correction("split", name="Sergei Lavrov", alias="Lavrov"),
        Correction("rename", name="Kerry", to="John F. Kerry"),
        Correction("kind", name="Moscow", kind="GPE"),
        Correction("hide", name="click here"),
    ],
    ids=lambda c: c.op,
)
def test_after_a_correction_the_lookup_answers_as_one_built_anew(
    tmp_path: Path, corrections, correction: Correction
) -> None:
    path = build_hand_index(tmp_path / "hand.sqlite3", ARTICLES, ENTITIES)
    before = _answers(path)
    corrections.add(correction)
    apply_file(path, corrections.path)
    after = _answers(path)
    assert after != before  # the correction shows in the lookup
    assert after == _answers(_without_table(path, tmp_path))


def test_a_damaged_stored_matcher_is_built_again(tmp_path: Path) -> None:
    path = build_hand_index(tmp_path / "hand.sqlite3", ARTICLES, ENTITIES)
    answers = _answers(path)
    db = sqlite3.connect(path)
    db.execute("UPDATE name_matcher SET data = x'00ff' WHERE part = 'norm'")
    db.execute("DELETE FROM name_matcher WHERE part = 'rank'")
    db.commit()
    db.close()
    assert _answers(path) == answers


def test_the_stored_parts_are_compressed_losslessly(tmp_path: Path) -> None:
    path = build_hand_index(tmp_path / "hand.sqlite3", ARTICLES, ENTITIES)
    db = sqlite3.connect(path)
    rows = stored_names.connection_rows(db)
    rowids, names, weights = stored_names.entity_names(rows)
    stored = stored_names._stored(rows)
    db.close()
    assert stored is not None
    matcher, stored_rowids = stored
    assert list(stored_rowids) == rowids
    assert matcher.parts() == NameMatcher(names, weights).parts()


def test_entities_left_out_of_the_stored_matcher_make_room_for_the_next() -> None:
    # Ten corrected entities outrank the rest: the answer still has ``limit`` of the others,
    # in the order a matcher of the others alone gives.
    names = [[f"Karim {chr(97 + i)}{chr(97 + j)}"] for i in range(6) for j in range(6)]
    weights = list(range(len(names), 0, -1))
    rowids = [100 + i for i in range(len(names))]
    left_out = frozenset(rowids[:10])
    lookup = stored_names.NameLookup(NameMatcher(names, weights), rowids, left_out)
    others = NameMatcher(names[10:], weights[10:])
    for query in ["karim", "k", "karim b", "krm"]:
        expected = [(rowids[10 + i], m, s) for i, m, s in others.match(query, 5)]
        assert lookup.match(query, 5) == expected, query
        assert len(expected) == 5
