"""The alias gazetteer: shipped entries, matching rules, the user's file and its problems."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from syria_reader import paths
from syria_reader.nlp.gazetteer import Gazetteer, gazetteer_fingerprint, load_gazetteer


def found(gazetteer: Gazetteer, text: str, whole_names: bool = True) -> list[tuple[str, str]]:
    return [
        (text[m.start : m.end], m.entry.name) for m in gazetteer.find(text, whole_names=whole_names)
    ]


def test_shipped_gazetteer_loads_cleanly(gazetteer: Gazetteer) -> None:
    assert gazetteer.problems == []
    assert gazetteer.lookup("Daesh").name == gazetteer.lookup("ISIL").name == "Islamic State"
    assert gazetteer.lookup("al-Nusra Front").name == "Jabhat al-Nusra"
    assert gazetteer.lookup("Hizbullah\u2019s").name == "Hezbollah"
    assert gazetteer.lookup("the U.S.").name == "United States"
    # Knowledge only: no people, so no surname -> full name pairs.
    assert not [e for e in gazetteer.entries if e.kind == "PERSON"]


def test_short_capital_aliases_match_only_as_written(gazetteer: Gazetteer) -> None:
    text = "The group known as IS is losing ground; WHAT IS NEXT FOR US? Daesh [IS] fell back."
    assert found(gazetteer, text) == [
        ("IS", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("IS", "Islamic State"),
    ]
    assert gazetteer.lookup("is") is None and gazetteer.lookup("us") is None


def test_matches_inside_hyphenated_words_and_across_spellings(gazetteer: Gazetteer) -> None:
    text = (
        "an anti-ISIS alliance, US-led strikes, Deir Ezzor and Deir al-Zor, Kobanî, "
        "Russia\u2019s Defence Ministry"
    )
    assert found(gazetteer, text) == [
        ("ISIS", "Islamic State"),
        ("US", "United States"),
        ("Deir Ezzor", "Deir ez-Zor"),
        ("Deir al-Zor", "Deir ez-Zor"),
        ("Kobanî", "Kobani"),
        ("Russia\u2019s Defence Ministry", "Russian Defence Ministry"),
    ]


def test_a_name_glued_to_another_capitalised_word_is_not_matched(gazetteer: Gazetteer) -> None:
    text = "Flights to Latin America resumed; Homs Hama and Aleppo were shelled."
    assert ("America", "United States") not in found(gazetteer, text)
    assert [n for _, n in found(gazetteer, text)] == ["Homs", "Hama", "Aleppo"]
    assert ("America", "United States") in found(gazetteer, text, whole_names=False)


def test_user_file_adds_entities_and_aliases(user_gazetteer) -> None:
    path = user_gazetteer(
        """
ignore = ["Breaking News"]

[[entity]]
name = "Tahrir Brigade"
kind = "ORG"
aliases = ["Liberation Brigade"]

[[entity]]
name = "Aleppo"
kind = "GPE"
aliases = ["Beroea"]
"""
    )
    gazetteer = load_gazetteer(path)
    assert gazetteer.problems == []
    assert gazetteer.lookup("Liberation Brigade").name == "Tahrir Brigade"
    assert gazetteer.lookup("Beroea").name == "Aleppo"
    assert gazetteer.lookup("Halab").name == "Aleppo"  # the shipped aliases stay
    assert "breaking news" in gazetteer.ignore


def test_user_file_claims_an_alias_from_a_shipped_entry(user_gazetteer) -> None:
    gazetteer = load_gazetteer(
        user_gazetteer('[[entity]]\nname = "Al-Nusra Brigade"\nkind = "ORG"\naliases = ["Nusra"]\n')
    )
    assert gazetteer.lookup("Nusra").name == "Al-Nusra Brigade"
    assert any("'Nusra'" in p for p in gazetteer.problems)


def test_a_broken_user_file_is_reported_and_the_shipped_entries_load(user_gazetteer) -> None:
    path = user_gazetteer('[[entity]]\nname = "Oops\nkind = ORG\n')
    gazetteer = load_gazetteer(path)
    assert len(gazetteer.problems) == 1 and str(path) in gazetteer.problems[0]
    assert gazetteer.lookup("Daesh").name == "Islamic State"


def test_bad_entries_are_reported_by_file_and_key_and_the_rest_load(user_gazetteer) -> None:
    path = user_gazetteer(
        """
[[entity]]
name = "Good One"
kind = "ORG"
aliases = ["G1"]

[[entity]]
name = "Bad Kind"
kind = "THING"

[[entity]]
name = "Bad Aliases"
aliases = "not a list"

[[entity]]
kind = "GPE"
"""
    )
    gazetteer = load_gazetteer(path)
    problems = "\n".join(gazetteer.problems)
    assert len(gazetteer.problems) == 3
    assert all(str(path) in p for p in gazetteer.problems)
    assert "'kind'" in problems and "'aliases'" in problems and "'name'" in problems
    assert gazetteer.lookup("G1").name == "Good One"
    assert gazetteer.lookup("Bad Kind") is None


def test_fingerprint_covers_both_files(user_gazetteer, tmp_path: Path) -> None:
    shipped_only = load_gazetteer(tmp_path / "absent.toml").fingerprint
    assert load_gazetteer(tmp_path / "absent.toml").fingerprint == shipped_only
    path = user_gazetteer('[[entity]]\nname = "A"\nkind = "ORG"\n')
    first = load_gazetteer(path).fingerprint
    path.write_text('[[entity]]\nname = "B"\nkind = "ORG"\n', encoding="utf-8")
    assert len({shipped_only, first, load_gazetteer(path).fingerprint}) == 3


def test_the_cheap_fingerprint_equals_the_loaded_one(user_gazetteer, tmp_path: Path) -> None:
    assert (
        gazetteer_fingerprint(tmp_path / "absent.toml")
        == load_gazetteer(tmp_path / "absent.toml").fingerprint
    )
    assert gazetteer_fingerprint() == load_gazetteer().fingerprint
    for text in ('[[entity]]\nname = "A"\nkind = "ORG"\n', "", '[[entity]]\nname = "Oops\n'):
        path = user_gazetteer(text)
        assert gazetteer_fingerprint(path) == load_gazetteer(path).fingerprint


def test_the_user_file_is_read_from_the_config_dir_by_default() -> None:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gazetteer.toml").write_text(
        '[[entity]]\nname = "Qalamoun Front"\nkind = "ORG"\naliases = ["QF"]\n', encoding="utf-8"
    )
    assert load_gazetteer().lookup("QF").name == "Qalamoun Front"


def _find_every_word(gazetteer: Gazetteer, text: str, whole_names: bool) -> list:
    """``Gazetteer.find`` as it was before it skipped words that begin no alias: every word's
    forms worked out, a name grown from each word in turn."""
    from syria_reader.nlp.gazetteer import _WORD, _word_forms
    from syria_reader.nlp.names import fold_same_length

    folded = fold_same_length(text)
    words = [(m.start(), m.end(), *_word_forms(m.group(0))) for m in _WORD.finditer(folded)]
    found = []
    i = 0
    while i < len(words):
        lengths = []
        key: tuple[str, ...] = ()
        for j in range(i, len(words)):
            if j > i and folded[words[j - 1][1] : words[j][0]].strip(" \t\n-'"):
                break
            key = (*key, words[j][2])
            if key not in gazetteer._prefixes:
                break
            if key in gazetteer._index:
                lengths.append(j - i + 1)
        match = None
        for length in reversed(lengths):
            match = gazetteer._accept(folded, words[i : i + length], whole_names)
            if match:
                break
        if match:
            found.append(match)
            while i < len(words) and words[i][0] < match.end:
                i += 1
        else:
            i += 1
    return found


_PIECES = [
    "Russia's",
    "the U.S.",
    "Da'ish",
    "ISIS",
    "IS",
    "WHAT IS",
    "al-Nusra",
    "Nusra Front",
    "Jabhat",
    "Latin America",
    "America",
    "Aleppo",
    "Homs Hama and Aleppo",
    "East Ghouta",
    "Hezbollah",
    "Free Syrian Army",
    "Syrian",
    "said",
    "in",
    "the",
    "-",
    "'",
    ".",
    ",",
    "\n",
    "Damascus",
    "Idlib",
    "Islamic State",
    "U.N.",
    "UN",
    "Kurdish",
    "YPG",
    "Raqqa's",
    "anti-ISIS",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.booleans())
def test_find_skipping_words_that_begin_no_alias_finds_the_same(
    gazetteer: Gazetteer, pieces: list[str], whole_names: bool
) -> None:
    text = " ".join(pieces)
    assert gazetteer.find(text, whole_names) == _find_every_word(gazetteer, text, whole_names)
