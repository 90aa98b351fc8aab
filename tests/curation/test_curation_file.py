"""The corrections file: hand edits with mistakes, comments kept, undo and redo, two writers."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from syria_reader.curation.model import OPERATIONS, Correction, MentionRef
from syria_reader.curation.parse import parse_corrections
from syria_reader.curation.store import CorrectionsFileError
from syria_reader.index.curate import apply_file
from syria_reader.index.query import Index

EVERY_KIND_OF_CORRECTION = [
    Correction("merge", names=("Sergei Lavrov", "Sergey Lavrov"), as_name="Sergei Lavrov"),
    Correction("split", name="Bashar al-Assad", alias="Assad"),
    Correction("rename", name="Kerry", to="John Kerry"),
    Correction("kind", name="Moscow", kind="GPE"),
    Correction("hide", name="Click Here", corpus="/corpora/one"),
    Correction("hide-mention", name="Aleppo", mentions=(MentionRef("a2", 10, "Aleppo"),)),
    Correction("alias", name="Islamic State", alias="Daesh"),
    Correction(
        "link", name="Lavrov", mentions=(MentionRef("a", 1, "Lavrov"), MentionRef("b", 2, "Lavrov"))
    ),
    Correction("reject", name="Lavrov", mentions=(MentionRef("c", 3, "Lavrov"),)),
]


def test_every_operation_round_trips_through_the_file(corrections):
    assert {c.op for c in EVERY_KIND_OF_CORRECTION} == set(OPERATIONS)
    for correction in EVERY_KIND_OF_CORRECTION:
        corrections.add(correction)
    parsed = corrections.load()
    assert parsed.problems == () and parsed.readable
    assert [c.to_toml() for c in parsed.corrections] == [
        c.to_toml() for c in EVERY_KIND_OF_CORRECTION
    ]
    assert [c.position for c in parsed.corrections] == list(range(1, 10))


def test_a_hand_edit_with_mistakes_names_line_and_key_and_the_rest_apply(hand_index, corrections):
    corrections.path.write_text(
        textwrap.dedent(
            """\
            # my corrections
            [[correction]]
            op = "hide"
            name = "Click Here"

            [[correction]]
            op = "kind"
            name = "Moscow"
            kind = "CITY-STATE"

            [[correction]]
            op = "merge"
            names = ["Sergei Lavrov", "Sergey Lavrov"]
            colour = "red"

            [[correction]]
            op = "rename"
            name = "Kerry
            to = "J. Kerry"

            [[correction]]
            op = "hide"
            name = "Geneva"
            """
        ),
        encoding="utf-8",
    )
    parsed = corrections.load()
    problems = {(p.line, p.key): p for p in parsed.problems}
    assert problems[(9, "kind")].skipped and "CITY-STATE" in problems[(9, "kind")].message
    assert not problems[(14, "colour")].skipped
    assert any(p.line == 18 and p.skipped and "TOML" in p.message for p in parsed.problems)
    assert "line 9" in str(problems[(9, "kind")]) and 'key "kind"' in str(problems[(9, "kind")])
    assert [c.op for c in parsed.corrections] == ["hide", "merge", "hide"]
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        names = {e.name for e in index.entities()}
    assert "Click Here" not in names and "Geneva" not in names and "Sergey Lavrov" not in names
    assert "Moscow" in names and "John Kerry" in names
    # A file that is not valid TOML is never rewritten: the change is refused, nothing lost.
    before = corrections.path.read_bytes()
    with pytest.raises(CorrectionsFileError, match="line 18"):
        corrections.add(Correction("hide", name="Aleppo"))
    with pytest.raises(CorrectionsFileError):
        corrections.undo()
    assert corrections.path.read_bytes() == before


def test_bad_values_each_cost_only_their_correction():
    parsed = parse_corrections(
        textwrap.dedent(
            """\
            [[correction]]
            op = "explode"
            name = "X"

            [[correction]]
            name = "no op"

            [[correction]]
            op = "merge"
            names = ["Only One"]

            [[correction]]
            op = "link"
            name = "X"
            mentions = [{article = "a", start = -1, text = "X"}]

            [[correction]]
            op = "alias"
            name = "X"

            [[correction]]
            op = "hide"
            name = "Fine"
            """
        )
    )
    assert [(p.line, p.key) for p in parsed.problems] == [
        (2, "op"),
        (5, "op"),
        (10, "names"),
        (15, "mentions"),
        (17, "alias"),
    ]
    assert [c.name for c in parsed.corrections] == ["Fine"]


def test_edits_keep_the_users_comments_and_order(corrections):
    corrections.path.parent.mkdir(parents=True, exist_ok=True)
    corrections.path.write_text(
        '# keep me\n[[correction]]\nop = "hide"  # junk from the web page\nname = "Click Here"\n',
        encoding="utf-8",
    )
    corrections.add(Correction("rename", name="Kerry", to="John Kerry"))
    text = corrections.path.read_text(encoding="utf-8")
    assert text.startswith('# keep me\n[[correction]]\nop = "hide"  # junk from the web page\n')
    assert text.index("Click Here") < text.index("John Kerry")
    corrections.undo()
    corrections.undo()
    corrections.redo()
    assert "# junk from the web page" in corrections.path.read_text(encoding="utf-8")


def test_undo_and_redo(corrections):
    first = Correction("hide", name="A")
    second = Correction("rename", name="B", to="C")
    corrections.add(first)
    corrections.add(second)
    assert corrections.undo().describe() == second.describe()
    assert [c.op for c in corrections.load().corrections] == ["hide"]
    assert [c.op for c in corrections.load().undone] == ["rename"]
    assert corrections.undo().describe() == first.describe()
    assert corrections.undo() is None
    assert corrections.redo().describe() == first.describe()
    assert corrections.redo().describe() == second.describe()
    assert corrections.redo() is None
    assert [c.op for c in corrections.load().corrections] == ["hide", "rename"]
    corrections.undo()
    corrections.add(Correction("kind", name="D", kind="ORG"))  # a new change empties redo
    assert corrections.load().undone == ()
    assert corrections.redo() is None


WRITER = """
import sys
from syria_reader.curation.model import Correction
from syria_reader.curation.store import CorrectionsFile
store = CorrectionsFile()
for n in range(15):
    store.add(Correction("hide", name=f"{sys.argv[1]} {n}"))
"""


def test_two_writers_at_once_lose_nothing(corrections):
    env_python = [sys.executable, "-c", WRITER]
    writers = [subprocess.Popen([*env_python, who]) for who in ("left", "right")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    names = [c.name for c in corrections.load().corrections]
    assert sorted(names) == sorted(f"{who} {n}" for who in ("left", "right") for n in range(15))
    for who in ("left", "right"):  # each writer's own order is kept
        mine = [n for n in names if n.startswith(who)]
        assert mine == [f"{who} {n}" for n in range(15)]
