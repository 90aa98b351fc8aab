"""The ``--json`` objects of the index's rows: key names, key order and values are a contract."""

from __future__ import annotations

import json
from typing import Any

import pytest

from syria_reader.index.query import (
    ArticleRow,
    CorrectionRow,
    DateRow,
    EntityRow,
    FigureRow,
    MentionRow,
    QuoteRow,
    RelatedRow,
    SearchHit,
    SentenceRow,
    TimelineRow,
)
from syria_reader.index.unlinked import UnlinkedMention

LAVROV = EntityRow(
    id="e1",
    name="Sergei Lavrov",
    kind="PERSON",
    aliases=("Lavrov",),
    mentions=3,
    articles=2,
    known_as=("Lavrov S.",),
    roles=("foreign minister",),
)

CASES = [
    (
        ArticleRow("a1", "Talks", "AFP", None, "2016-02-01", "talks.txt", 120),
        [
            ("id", "a1"),
            ("title", "Talks"),
            ("source", "AFP"),
            ("author", None),
            ("date", "2016-02-01"),
            ("path", "talks.txt"),
            ("words", 120),
        ],
    ),
    (
        LAVROV,
        [
            ("id", "e1"),
            ("name", "Sergei Lavrov"),
            ("type", "PERSON"),
            ("aliases", ["Lavrov"]),
            ("known_as", ["Lavrov S."]),
            ("roles", ["foreign minister"]),
            ("mentions", 3),
            ("articles", 2),
        ],
    ),
    (
        MentionRow("a1", "Talks", "e1", "PERSON", 4, 10, "Lavrov", "Then Lavrov spoke.", 0, False),
        [
            ("article", "a1"),
            ("title", "Talks"),
            ("start", 4),
            ("end", 10),
            ("text", "Lavrov"),
            ("context", "Then Lavrov spoke."),
        ],
    ),
    (
        DateRow("a1", "Talks", 3, 9, "Friday", "2016-01-29", "day", "2016-01-30", "On Friday.", 0),
        [
            ("article", "a1"),
            ("title", "Talks"),
            ("start", 3),
            ("end", 9),
            ("text", "Friday"),
            ("iso", "2016-01-29"),
            ("iso_end", "2016-01-30"),
            ("precision", "day"),
            ("sentence", "On Friday."),
        ],
    ),
    (
        FigureRow("a1", "Talks", 0, 5, "2,000", 2000.0, "fighters", "nearly", 2500.0, "2,000.", 0),
        [
            ("article", "a1"),
            ("title", "Talks"),
            ("start", 0),
            ("end", 5),
            ("text", "2,000"),
            ("value", 2000.0),
            ("value_end", 2500.0),
            ("unit", "fighters"),
            ("qualifier", "nearly"),
            ("sentence", "2,000."),
        ],
    ),
    (
        SearchHit("a1", "Talks", "… met Kerry …", 12, 17, (6, 11)),
        [
            ("article", "a1"),
            ("title", "Talks"),
            ("snippet", "… met Kerry …"),
            ("start", 12),
            ("end", 17),
            ("match", [6, 11]),
        ],
    ),
    (
        CorrectionRow(1, 4, "merge Assad into Bashar al-Assad", "applied", "", 7),
        [
            ("position", 1),
            ("line", 4),
            ("description", "merge Assad into Bashar al-Assad"),
            ("status", "applied"),
            ("detail", ""),
            ("changed", 7),
        ],
    ),
    (
        QuoteRow("a1", "Talks", "2016-02-01", 20, 40, "We agree", LAVROV, "Lavrov said", "cue"),
        [
            ("article", "a1"),
            ("title", "Talks"),
            ("date", "2016-02-01"),
            ("start", 20),
            ("end", 40),
            ("text", "We agree"),
            ("speaker", {"id": "e1", "name": "Sergei Lavrov", "type": "PERSON"}),
            ("cue", "Lavrov said"),
            ("how", "cue"),
        ],
    ),
    (
        QuoteRow("a1", "Talks", None, 20, 40, "We agree", None, None, "none"),
        [
            ("article", "a1"),
            ("title", "Talks"),
            ("date", None),
            ("start", 20),
            ("end", 40),
            ("text", "We agree"),
            ("speaker", None),
            ("cue", None),
            ("how", "none"),
        ],
    ),
    (
        TimelineRow(
            "2016-01-29", "2016-01-30", "range", "29-30 January", "a1", "Talks", 3, 16, "On.", 0
        ),
        [
            ("date", "2016-01-29"),
            ("end", "2016-01-30"),
            ("precision", "range"),
            ("text", "29-30 January"),
            ("article", "a1"),
            ("title", "Talks"),
            ("start", 3),
            ("context", "On."),
        ],
    ),
    (
        RelatedRow(LAVROV, 12.5, 2),
        [
            ("id", "e1"),
            ("name", "Sergei Lavrov"),
            ("kind", "PERSON"),
            ("score", 12.5),
            ("together", 2),
        ],
    ),
    (
        SentenceRow("a1", "Talks", 0, 18, "Then Lavrov spoke."),
        [
            ("article", "a1"),
            ("title", "Talks"),
            ("start", 0),
            ("end", 18),
            ("text", "Then Lavrov spoke."),
        ],
    ),
    (
        UnlinkedMention(
            "a1", "Talks", 5, 11, "Lavrov", "e1", "Sergei Lavrov", "PERSON", "Then Lavrov.", 0, True
        ),
        [
            ("article", "a1"),
            ("title", "Talks"),
            ("start", 5),
            ("end", 11),
            ("text", "Lavrov"),
            ("entity", "e1"),
            ("name", "Sergei Lavrov"),
            ("type", "PERSON"),
            ("context", "Then Lavrov."),
        ],
    ),
]


@pytest.mark.parametrize(("row", "expected"), CASES, ids=lambda c: type(c).__name__)
def test_json_object_keys_order_and_values(row: Any, expected: list[tuple[str, object]]) -> None:
    """Each row's object has the contract's keys, in the contract's order, with its values."""
    data = row.to_json()
    assert list(data.items()) == expected
    json.dumps(data)  # and it serialises as it stands
