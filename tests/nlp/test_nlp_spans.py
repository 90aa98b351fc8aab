"""Span cleaning: determiners, possessives, titles, prefixes, junk."""

from __future__ import annotations

import pytest

from syria_reader.nlp.spans import UNTYPED, clean_span


def clean(text: str, label: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in clean_span(text, 0, len(text), label)]


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("the United States", "GPE", [("United States", "GPE")]),
        ("Saudi Arabia\u2019s", "GPE", [("Saudi Arabia", "GPE")]),
        ("Qatar's", "GPE", [("Qatar", "GPE")]),
        ("\u201cHamas,", "ORG", [("Hamas", "ORG")]),
        ("the U.S.\u2019s", "GPE", [("U.S.", "GPE")]),
        ("northern Syria", "GPE", [("Syria", "GPE")]),
        ("the Kurdish National Council", "ORG", [("Kurdish National Council", "ORG")]),
        ("Jabhat al-Nusra", "ORG", [("Jabhat al-Nusra", "ORG")]),
        ("People\u2019s Protection Units", "ORG", [("People\u2019s Protection Units", "ORG")]),
    ],
)
def test_edges_are_cleaned(text: str, label: str, expected: list[tuple[str, str]]) -> None:
    assert clean(text, label) == expected


def test_a_title_is_stripped_and_makes_a_person() -> None:
    assert clean("President Hassan Rouhani", "PERSON") == [("Hassan Rouhani", "PERSON")]
    assert clean("Mr Khan", "ORG") == [("Khan", "PERSON")]
    assert clean("Iranian Foreign Minister Zarif", "ORG") == [("Zarif", "PERSON")]
    assert clean("UN Secretary-General Ban Ki-moon", "PERSON") == [("Ban Ki-moon", "PERSON")]
    # A title word inside an organisation's name is not a person's title.
    assert clean("Russian General Staff", "ORG") == [("Russian General Staff", "ORG")]


def test_several_names_in_one_span_are_split() -> None:
    assert clean("Daesh [IS", "GPE") == [("Daesh", "GPE"), ("IS", UNTYPED)]
    assert clean("Rouhani\u2019s Tehran", "PERSON") == [("Rouhani", "PERSON"), ("Tehran", UNTYPED)]
    assert clean("AFP/Getty Images", "ORG")[0] == ("AFP", "ORG")


def test_a_stripped_prefix_leaves_the_kind_to_the_corpus() -> None:
    assert clean("pro-Rouhani", "NORP") == [("Rouhani", UNTYPED)]
    assert clean("anti-Hamas", "NORP") == [("Hamas", UNTYPED)]


@pytest.mark.parametrize(
    "text",
    [
        "sia",
        "X",
        "Legal Disclaimer",
        "Army",
        "the Ministry",
        "Su-24",
        "S-400",
        "2015",
        "Friday",
        "One Two Three Four Five Six Seven",
        "Subscribe to our newsletter",
        "Observatory",
        "B, C",
    ],
)
def test_junk_is_dropped(text: str) -> None:
    assert clean(text, "ORG") == []


def test_a_place_after_a_title_and_of_is_not_a_person() -> None:
    assert clean("Emir of Qatar", "PERSON") == [("Emir of Qatar", "PERSON")]
    assert clean("Secretary of State John Kerry", "PERSON") == [("John Kerry", "PERSON")]


def test_offsets_point_into_the_text() -> None:
    text = "He met the envoys of Qatar’s emir."
    start = text.index("the envoys")
    spans = clean_span(text, text.index("Qatar") - 1, text.index(" emir"), "GPE")
    assert [(text[s.start : s.end], s.start) for s in spans] == [("Qatar", text.index("Qatar"))]
    assert start < spans[0].start
