"""Line-end hyphens: split words are joined, compounds keep their hyphen."""

from __future__ import annotations

import pytest

from syria_reader.corpus.hyphenation import document_vocabulary, keeps_hyphen


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Rus", "sia"),
        ("epi", "sodes"),
        ("signifi", "cant"),
        ("bat", "tered"),
        ("Mus", "lim"),
        ("belea", "guered"),
        ("Unit", "ed"),
        ("ac", "counts"),
        ("Sinir", "lioglu"),
        ("Bash", "ar"),
        ("re", "iterated"),
        ("pro", "test"),
    ],
)
def test_split_words_are_joined(left: str, right: str) -> None:
    assert not keeps_hyphen(left, right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("anti", "tank"),
        ("Iranian", "controlled"),
        ("in", "air"),
        ("rebel", "held"),
        ("non", "violent"),
        ("US", "led"),
        ("Su", "24"),
        ("non", "ISIS"),
        ("al", "Qaeda"),
        ("Hama", "based"),
        ("ex", "wife"),
    ],
)
def test_compounds_keep_their_hyphen(left: str, right: str) -> None:
    assert keeps_hyphen(left, right)


def test_the_document_itself_is_the_first_evidence() -> None:
    hyphenated, words = document_vocabulary(
        "The co-operation was good.\nWe saw a widespread shift-\nwork."
    )
    assert "co-operation" in hyphenated and "widespread" in words
    assert "shift-work" not in hyphenated  # a line-end hyphen is not evidence
    assert keeps_hyphen("co", "operation", hyphenated, words)  # frequency alone would join it
    assert not keeps_hyphen("wide", "spread", hyphenated, words)
