"""Corpus-level kind voting: one name gets one kind across the corpus (no spaCy).

Every mention votes for the kind of its name: the extractor's label (a NORP label on a word
that does not look like a nationality, such as "Aleppo", counts little; untyped spans do not
vote), and the words around it: a title before it ("Foreign Minister Lavrov") votes PERSON, a
place preposition ("in", "near", "the city of") votes GPE, a speech verb votes PERSON a
little. The linker adds name-structure votes (a single word that is the surname of a person
named in full elsewhere votes PERSON) and the gazetteer overrides everything.
"""

from __future__ import annotations

import re
from collections import defaultdict

from syria_reader.nlp.names import (
    TITLE_MODIFIERS,
    TITLE_WORDS,
    is_acronym,
    looks_like_group_word,
)
from syria_reader.nlp.spans import UNTYPED

#: Kinds in the order that breaks ties between equal votes.
KIND_ORDER = ("GPE", "PERSON", "ORG", "LOC", "NORP", "FAC", "EVENT")

_PLACE_BEFORE = re.compile(
    r"\b(?:in|near|outside|around|across|into|inside|northern|southern|eastern|western|central|"
    r"rural)\s+$",
    re.I,
)
_STRONG_PLACE_BEFORE = re.compile(
    r"\b(?:city|cities|town|towns|village|villages|province|provinces|region|governorate|"
    r"countryside|suburbs?|"
    r"outskirts|district|neighbourhood|neighborhood|(?:north|south|east|west|northeast|northwest|"
    r"southeast|southwest)(?:ern)?)"
    r"\s+of\s+$"
    r"|\b(?:cities|towns|villages|provinces|countries|capitals|districts|neighbourhoods|"
    r"neighborhoods)\s+(?:such\s+as|including|like)\s+(?:[A-Z][\w'-]*\s+(?:and\s+)?)*$",
    re.I,
)
#: First words of Arabic place names ("Tal Abyad", "Kafr Nabl", "Bab al-Hawa", "Khan Sheikhoun").
ARABIC_PLACE_WORDS = frozenset(
    [
        "dahiyet",
        "dahiyat",
        "dahiya",
        "hay",
        "haret",
        "harat",
        "tal",
        "tell",
        "jisr",
        "bab",
        "souq",
        "suq",
        "ras",
        "ain",
        "ayn",
        "deir",
        "dayr",
        "kafr",
        "kfar",
        "beit",
        "bayt",
        "wadi",
        "jabal",
        "jebel",
        "khan",
        "qalaat",
        "qalat",
        "maarat",
        "maaret",
        "marat",
        "tall",
        "qasr",
        "bir",
        "kharbet",
        "khirbet",
        "khirbat",
        "mazraat",
    ]
)
_PLACE_AFTER = re.compile(
    r"^\s+(?:neighbourhood|neighborhood|district|province|governorate|countryside|suburb|town|"
    r"village|city|"
    r"quarter|area|region|outskirts|border crossing|crossing|airbase|air base)s?\b",
    re.I,
)
#: First words of Arabic names of armed groups and parties ("Liwa Suqour al-Jabal", "Jaish
#: al-Islam").
ARABIC_GROUP_WORDS = frozenset(
    [
        "liwa",
        "liwaa",
        "jaish",
        "jaysh",
        "jabhat",
        "jabha",
        "harakat",
        "haraka",
        "tajammu",
        "tajamu",
        "kataib",
        "kata'ib",
        "katibat",
        "faylaq",
        "failaq",
        "ansar",
        "ahrar",
        "jund",
        "saraya",
        "alwiya",
        "firqat",
        "hizb",
        "tahrir",
        "hay'at",
        "hayat",
        "majlis",
        "jamaat",
        "jamaa",
        "jama'at",
        "ahl",
    ]
)
_SPEECH_AFTER = re.compile(
    r"^,?\s+(?:said|says|told|added|stated|explained|wrote|warned|insisted|argued)\b"
)
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|according to)\s+$")
_WORDS_BEFORE = re.compile(r"([\w.'\-]+)\s*$")


def title_before(text: str, start: int) -> bool:
    """Whether a title word stands right before ``start`` ("President ", "Secretary of State ")."""
    window = text[max(0, start - 60) : start]
    if not window.endswith((" ", "\u00a0")):
        return False
    words = window.split()
    if words and words[-1].lower() in {"of", "the", "for", "and"}:
        return False  # "the Emir of Qatar": Qatar follows "of", not the title
    for word in reversed(words[-6:]):
        bare = word.lower().strip(".,'\u2019")
        if bare in TITLE_WORDS:
            return True
        if word.endswith((",", ";", ":", ".")) or bare in {"and", "the", "or"}:
            return False
        if bare in TITLE_MODIFIERS or word[:1].isupper():
            continue  # "Secretary of State John Kerry", "Russian Foreign Minister Sergei Lavrov"
        return False
    return False


def place_before(text: str, start: int) -> bool:
    """Whether a place preposition stands right before ``start`` ("in ", "the city of ")."""
    return bool(_PLACE_BEFORE.search(text[max(0, start - 30) : start]))


def speech_near(text: str, start: int, end: int) -> bool:
    """Whether a speech verb follows or precedes the name ("Kerry said", "said Kerry")."""
    return bool(
        _SPEECH_AFTER.match(text[end : end + 20])
        or _SPEECH_BEFORE.search(text[max(0, start - 20) : start])
    )


class KindVotes:
    """Weighted votes for the kind of each name key."""

    def __init__(self) -> None:
        self._votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def add(self, key: str, kind: str, weight: float) -> None:
        """Add ``weight`` votes for ``kind`` to the name ``key``."""
        if kind != UNTYPED and weight > 0:
            self._votes[key][kind] += weight

    def add_mention(
        self, key: str, surface: str, label: str, text: str, start: int, end: int
    ) -> None:
        """The votes of one mention: its label and the cues around it in ``text``."""
        acronym = is_acronym(surface)
        if label == "NORP" and not looks_like_group_word(surface):
            self.add(key, label, 0.3)
        elif label == "PERSON" and acronym:
            self.add(key, "ORG", 1.0)  # "CNN reported": an acronym is not a person
        else:
            self.add(key, label, 1.0)
        first_word = surface.split()[0].lower().split("-")[0] if surface.split() else ""
        if first_word in ARABIC_GROUP_WORDS and len(surface.split()) > 1:
            self.add(key, "ORG", 3.0)  # "Liwa Suqour al-Jabal", "Tajammu al-Izzah"
        if first_word in ARABIC_PLACE_WORDS and len(surface.split()) > 1:
            self.add(key, "GPE", 3.0)  # "Khan Tuman", "Dahiyet al-Assad", "Jisr al-Shughour"
        if title_before(text, start) and not acronym:
            self.add(key, "PERSON", 2.0)
        elif _STRONG_PLACE_BEFORE.search(text[max(0, start - 40) : start]):
            self.add(key, "GPE", 2.0)  # "the town of Khan Tuman"
        elif _PLACE_AFTER.match(text[end : end + 30]) and not looks_like_group_word(surface):
            self.add(key, "GPE", 2.0)  # "the al-Midan neighbourhood", "Idlib province"
        elif place_before(text, start) and label not in {"PERSON", "NORP"}:
            self.add(key, "GPE", 0.75)
        if not acronym and speech_near(text, start, end):
            self.add(key, "PERSON", 0.5)

    def total(self, key: str) -> dict[str, float]:
        """The votes of one key (empty when it has none)."""
        return dict(self._votes.get(key, {}))

    def kind(self, key: str) -> str | None:
        """The winning kind of a key, or None when nothing voted."""
        return winner(self._votes.get(key, {}))


def winner(votes: dict[str, float]) -> str | None:
    """The kind with the most votes (ties broken by :data:`KIND_ORDER`), or None."""
    if not votes:
        return None
    return max(votes, key=lambda k: (votes[k], -KIND_ORDER.index(k) if k in KIND_ORDER else -99))
