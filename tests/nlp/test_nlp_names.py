"""Name normalisation: keys, particles, guarded spelling variants, initials, slugs."""

from __future__ import annotations

import pytest

from syria_reader.nlp.names import (
    core_tokens,
    core_variants,
    display_form,
    fold_same_length,
    initials,
    is_acronym,
    is_generic,
    name_key,
    slug,
    spelling_variants,
)


def test_keys_ignore_the_possessive_case_dots_and_curly_apostrophes() -> None:
    assert name_key("the United States") == name_key("United States")
    assert name_key("Saudi Arabia\u2019s") == "saudi arabia"
    assert name_key("U.S.") == name_key("US") == "us"
    assert display_form("the U.S.\u2019s") == "U.S."


def test_folding_keeps_offsets() -> None:
    text = "Kobanî \u2014 Russia\u2019s"
    assert len(fold_same_length(text)) == len(text)
    assert fold_same_length(text) == "Kobani - Russia's"


def test_particles_do_not_count_in_core_tokens() -> None:
    assert core_tokens("Bashar al-Assad") == core_tokens("Bashar Assad") == ["bashar", "assad"]
    assert core_tokens("Salman bin Abdulaziz") == ["salman", "abdulaziz"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hezbollah", "Hizbullah"),
        ("Deir Ezzor", "Deir al-Zor"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("al-Qaeda", "Al Qaida"),
        ("Idlib", "Idleb"),
        ("Maarat al-Numan", "Maarat al-Nouman"),
    ],
)
def test_spelling_variants_are_recognised(a: str, b: str) -> None:
    assert spelling_variants(a, b)
    assert core_variants(core_tokens(a), core_tokens(b))  # what linking compares


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Iran", "Iraq"),
        ("Homs", "Hama"),
        ("Gaza", "Giza"),
        ("Syrian", "Assyrian"),
        ("Daraa", "Daraya"),
        ("Syrian National Council", "Syrian National Coalition"),
        ("North Korea", "South Korea"),
        ("Saad", "Assad"),
    ],
)
def test_different_names_are_not_variants(a: str, b: str) -> None:
    assert not spelling_variants(a, b)
    assert not core_variants(core_tokens(a), core_tokens(b))


def test_core_tokens_compared_directly() -> None:
    assert core_variants(("abu", "dhabi"), ["abu", "dhabi"])  # a tuple and a list alike
    assert core_variants(["kafr", "nabl"], ["kafrn", "abl"])  # the letters split elsewhere
    assert not core_variants(["abudhabi"], ["abu", "dhabi"])  # not as many words
    assert not core_variants([], [])


def test_initials_with_and_without_short_words() -> None:
    assert "IRGC" in initials("the Islamic Revolutionary Guards Corps")
    assert "SOHR" in initials("Syrian Observatory for Human Rights")
    assert initials("Aleppo") == set()


def test_acronyms_generic_words_and_slugs() -> None:
    assert (
        is_acronym("U.S.") and is_acronym("IRGC") and not is_acronym("Iran") and not is_acronym("I")
    )
    assert (
        is_generic("Legal Disclaimer")
        and is_generic("the Army")
        and not is_generic("Free Syrian Army")
    )
    assert slug("Bashar al-Assad") == "bashar-al-assad"
    assert slug("Kobanî") == "kobani"
    assert slug("People\u2019s Protection Units") == "peoples-protection-units"
