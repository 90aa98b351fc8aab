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
import sys
from collections import defaultdict

from syria_reader.nlp.names import (
    TITLE_MODIFIERS,
    TITLE_WORDS,
    is_acronym,
    is_group_adjective,
    looks_like_group_word,
)
from syria_reader.nlp.spans import UNTYPED

#: Votes of a strong place cue ("the town of X", "X neighbourhood"): a person or a group is
#: hardly ever written so, whatever the model labelled the name.
PLACE_CUE_WEIGHT = 3.0
#: The cue of a place preposition before a name ("in X"), weak alone.
PLACE_PREPOSITION = "place preposition before"

#: Kinds in the order that breaks ties between equal votes.
KIND_ORDER = ("GPE", "PERSON", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT")

_PLACE_BEFORE = re.compile(
    r"\b(?:in|near|outside|around|across|into|inside|northern|southern|eastern|western|central|"
    r"rural)\s+$",
    re.I,
)
_STRONG_PLACE_BEFORE = re.compile(
    r"\b(?:city|cities|town|towns|village|villages|province|provinces|region|governorate|"
    r"countryside|suburbs?|areas|"
    r"outskirts|districts?|neighbourhoods?|neighborhoods?|(?:north|south|east|west|northeast|northwest|"
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
    # "X neighbourhood", and "X and Y areas"
    r"^\s+(?:and\s+(?:al-)?[A-Z][\w'-]*(?:\s+(?:al-)?[A-Z][\w'-]*)?\s+(?=\w+s\b))?"
    r"(?:neighbourhood|neighborhood|district|province|governorate|countryside|suburb|town|"
    r"village|city|"
    r"quarter|area|region|outskirts|border crossing|crossing|airbase|air base|refugee camp|"
    r"camp|shrine)s?\b",
    re.I,
)
#: Words after a name that say it is a news outlet ("Sputnik reported", "SANA news agency").
_MEDIA_AFTER = re.compile(
    r"^[;,]?\s+(?:reported|reports|quoted|cited|eported|news\s+agency|agency|newspaper|daily|"
    r"website|news\s+website|TV|television|channel|broadcaster)\b"
)
#: "MOSCOW (Sputnik)": a dateline's city, then the agency in brackets.
_DATELINE_BEFORE = re.compile(r"\b[A-Z]{3,}[A-Z ,]*\s\($")
#: "X is the world's premier pan-Arab daily newspaper", "X has established itself as the
#: decisive publication": a name defined as an outlet.
_OUTLET_DEFINED = re.compile(
    r"^\s+(?:[a-z]+\s+){0,3}?(?:is|was|as|remains|became)\s+(?:the|a|an)\s+(?:[\w'-]+\s+){0,6}?"
    r"(?:newspaper|daily|news\s+agency|agency|channel|broadcaster|magazine|website|publication|"
    r"news\s+outlet)\b(?!\s+(?:editor|reporter|columnist|correspondent|owner|publisher))"
)
#: "the Aleppo-based Fastaqim opposition group": a group noun after the name.
_GROUP_AFTER = re.compile(
    r"^\s+(?:(?:rebel|opposition|armed|militant|jihadist|islamist|extremist|terrorist|kurdish|"
    r"insurgent|paramilitary)\s+)?(?:group|faction|militia|brigade|movement)s?"
    r"\b"
)
#: "the Castello road": a road named by the name before it.
_ROAD_AFTER = re.compile(r"^\s+(?:road|highway|motorway|street|avenue)\b")
_TOLD_BEFORE = re.compile(r"\btold\s+$")
#: First words of Arabic names of armed groups and parties ("Liwa Suqour al-Jabal", "Jaish
#: al-Islam").
ARABIC_GROUP_WORDS = frozenset(
    [
        "liwa",
        "liwaa",
        "jaish",
        "jaysh",
        "jeish",
        "jeysh",
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
#: Last words of the names of buildings, sites and ways ("Museum of Flight", "Castlefrank Road").
FACILITY_HEADS = frozenset(
    [
        "museum",
        "planetarium",
        "airport",
        "airbase",
        "base",
        "station",
        "stadium",
        "arena",
        "hall",
        "hotel",
        "mosque",
        "cathedral",
        "temple",
        "synagogue",
        "bridge",
        "road",
        "street",
        "avenue",
        "boulevard",
        "highway",
        "square",
        "tower",
        "towers",
        "palace",
        "prison",
        "dam",
        "port",
        "harbour",
        "harbor",
        "pier",
        "terminal",
        "gate",
        "cave",
        "camp",
        "checkpoint",
        "crossing",
        "mall",
        "market",
        "farms",
    ]
)
#: Centres named for what they show or host are buildings; "Center for ..." is an organisation.
_FACILITY_CENTRE_WORDS = frozenset(
    {"space", "science", "convention", "rocket", "exhibition", "trade", "shopping", "visitor"}
)
#: Last words of military and police units ("6th Fleet", "82nd Airborne Division").
UNIT_HEADS = frozenset(
    ["fleet", "legion", "division", "regiment", "brigade", "battalion", "squadron", "corps"]
)


#: Last words of newspaper and magazine names ("Saudi Gazette", "Sydney Morning Herald").
PUBLICATION_HEADS = frozenset(
    [
        "gazette",
        "herald",
        "times",
        "post",
        "tribune",
        "chronicle",
        "telegraph",
        "journal",
        "observer",
        "monitor",
        "courier",
        "magazine",
        "weekly",
        "daily",
        "sun",
        "star",
        "mail",
        "express",
        "independent",
    ]
)
#: Words naming an event wherever they stand after the first ("Taipei City Lantern Festival").
EVENT_WORDS = frozenset(
    [
        "festival",
        "fair",
        "expo",
        "championship",
        "championships",
        "cup",
        "olympics",
        "tournament",
        "marathon",
        "summit",
        "massacre",
        "uprising",
        "revolution",
    ]
)
#: First words of the names of institutions ("University of Texas", "Instituto Gonzaga").
ORG_FIRST_WORDS = frozenset(
    [
        "university",
        "universidad",
        "universite",
        "institute",
        "instituto",
        "institut",
        "college",
        "academy",
        "school",
        "bank",
        "church",
        "federation",
        "association",
        "society",
        "ministry",
        "department",
        "municipality",
        "council",
        "commission",
        "committee",
    ]
)


def head_kind(surface: str) -> tuple[str, str] | None:
    """(kind, head word) when the name's head word says what it is, else None.

    The head is the last word before an "of"/"for"/"at" phrase ("Museum" in "Museum of Flight");
    some first words ("University of ...", "Operation ...") and event words count too.
    """
    words = [w.strip(".,'’").lower() for w in surface.split()]
    if len(words) < 2:
        return None
    if words[0] == "operation" and surface.split()[1][:1].isupper():
        return "EVENT", "operation"  # "Operation Euphrates Shield"
    if words[0] in ORG_FIRST_WORDS:
        return "ORG", words[0]
    event = next((w for w in words[1:] if w in EVENT_WORDS), None)
    if event is not None:
        return "EVENT", event
    for i, word in enumerate(words):
        if i > 0 and word in {"of", "for", "at", "on", "in"}:
            words = words[:i]
            break
    head = words[-1]
    if head in PUBLICATION_HEADS and len(words) <= 4:
        return "ORG", head
    if head in FACILITY_HEADS:
        return "FAC", head
    if head in {"center", "centre"} and any(w in _FACILITY_CENTRE_WORDS for w in words[:-1]):
        return "FAC", head
    if head in UNIT_HEADS:
        return "ORG", head
    return None


#: Prefixes of ship and spacecraft names ("USS Cole", "HMS Duncan", "Space Shuttle Atlantis").
_VESSEL_PREFIX = re.compile(
    r"^(?:USS|USNS|HMS|HMCS|HMAS|HMNZS|INS|RFS|RV|MV|MS|SS|TCG|FS|NS|Space Shuttle|Shuttle)"
    r"\s+(?=[A-Z])"
)


def vessel_name(surface: str) -> str | None:
    """The name of a vessel without its prefix ("Atlantis" of "Space Shuttle Atlantis")."""
    match = _VESSEL_PREFIX.match(surface)
    return surface[match.end() :] if match else None


_VESSEL_BEFORE = re.compile(
    r"\b(?:ship|vessel|carrier|frigate|destroyer|submarine|shuttle|orbiter|tanker|yacht|ferry|"
    r"cruiser|corvette|freighter|warship|spacecraft)s?,?\s+(?:the\s+)?$"
)
_INITIALS_NAME = re.compile(r"^(?:[A-Z]\.\s?){1,3}(?:[A-Z][a-z]+\s)?[A-Z][a-z]{2,}$")
_PERSON_SHAPE = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}$")
_ORG_BEFORE = re.compile(
    r"\b(?:group|groups|party|organisation|organization|movement|militia|company|firm|band|"
    r"network|charity|faction|coalition|alliance|newspaper|broadcaster|channel|agency)\s+$"
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
        # key -> (reason, kind) -> how many times: what ``explain`` shows of the vote.
        self._reasons: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))

    def add(self, key: str, kind: str, weight: float, reason: str = "") -> None:
        """Add ``weight`` votes for ``kind`` to the name ``key``, remembering why."""
        if kind != UNTYPED and weight > 0:
            self._votes[key][kind] += weight
            if reason:
                self._reasons[key][(reason, kind)] += 1

    def reasons(self, key: str) -> list[str]:
        """The cues that voted for ``key``, most frequent first ("model label PERSON x3")."""
        items = sorted(self._reasons.get(key, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        # Most names give the same few cues: one string each, not one per name of the corpus.
        return [sys.intern(f"{reason} -> {kind} x{count}") for (reason, kind), count in items]

    def add_mention(
        self, key: str, surface: str, label: str, text: str, start: int, end: int
    ) -> None:
        """The votes of one mention: its label and the cues around it in ``text``."""
        acronym = is_acronym(surface)
        words = surface.split()
        before = text[max(0, start - 30) : start]
        titled = title_before(text, start)
        if label == "NORP" and not looks_like_group_word(surface):
            self.add(key, label, 0.3, "model label (not a nationality's shape)")
        elif label == "PRODUCT" and _PERSON_SHAPE.match(surface):
            # The small model calls unfamiliar people PRODUCT ("Dries Mertens"): shape wins.
            self.add(key, "PERSON", 0.6, "model PRODUCT on a person-shaped name")
        elif label == "PRODUCT":
            self.add(key, label, 0.6, "model label")  # the small model's PRODUCT is noisy
        elif label == "PERSON" and acronym:
            self.add(key, "ORG", 1.0, "model PERSON on an acronym")  # "CNN reported"
        else:
            self.add(key, label, 1.0, "model label")
        first_word = words[0].lower().split("-")[0] if words else ""
        if first_word in ARABIC_GROUP_WORDS and len(words) > 1:
            self.add(key, "ORG", 3.0, f"group word '{first_word}'")  # "Liwa Suqour al-Jabal"
        if first_word in ARABIC_PLACE_WORDS and len(words) > 1:
            self.add(
                key, "GPE", 3.0, f"place word '{first_word}'"
            )  # "Khan Tuman", "Jisr al-Shughour"
        vessel = _VESSEL_PREFIX.match(surface)
        if vessel:
            self.add(key, "PRODUCT", 3.0, f"vessel prefix '{vessel.group(0).strip()}'")
        elif _VESSEL_BEFORE.search(before):
            self.add(key, "PRODUCT", 3.5, "vessel noun before")  # "the cruise ship, Freewinds"
        elif _ORG_BEFORE.search(before) and not acronym:
            self.add(key, "ORG", 2.0, "group noun before")  # "the localist group Civic Passion"
        if len(words) == 1 and is_group_adjective(surface):
            self.add(key, "NORP", 3.0, "religious or ethnic group word")  # "Takfiri", "Arabs"
        if not acronym and (
            _MEDIA_AFTER.match(text[end : end + 30])
            or _OUTLET_DEFINED.match(text[end : end + 100])
            or _DATELINE_BEFORE.search(before)
        ):
            self.add(key, "ORG", 2.5, "news outlet cue")  # "Sputnik reported", "MOSCOW (Sputnik)"
        elif _TOLD_BEFORE.search(before) and len(words) <= 3 and not titled:
            self.add(key, "ORG", 1.5, "'told' before")  # "told Asharq Al-Awsat", "told Reuters"
        if not acronym and _GROUP_AFTER.match(text[end : end + 40]):
            self.add(key, "ORG", PLACE_CUE_WEIGHT, "group noun after")  # "Fastaqim rebel group"
        elif _ROAD_AFTER.match(text[end : end + 12]):
            self.add(key, "FAC", 1.5, "road noun after")  # "the Castello road"
        if _INITIALS_NAME.match(surface):
            self.add(key, "PERSON", 1.5, "initials before a surname")  # "K.C. Maurer"
        head = head_kind(surface)
        if head is not None:
            self.add(key, head[0], 2.5, f"head word '{head[1]}'")  # "Museum of Flight", "USS Cole"
        if titled and not acronym:
            self.add(key, "PERSON", 2.0, "title before")
        elif _STRONG_PLACE_BEFORE.search(text[max(0, start - 40) : start]):
            # "the town of Khan Tuman"
            self.add(key, "GPE", PLACE_CUE_WEIGHT, "'the town of' before")
        elif (
            _PLACE_AFTER.match(text[end : end + 60])
            and not looks_like_group_word(surface)
            and not acronym
        ):
            self.add(key, "GPE", PLACE_CUE_WEIGHT, "place noun after")  # "Idlib province"
        elif place_before(text, start) and label not in {"PERSON", "NORP"}:
            self.add(key, "GPE", 0.75, PLACE_PREPOSITION)
        if not acronym and speech_near(text, start, end):
            self.add(key, "PERSON", 0.5, "speech verb")

    def count(self, key: str, reason: str, kind: str) -> int:
        """How many mentions of ``key`` gave one cue ("place preposition before" -> GPE)."""
        return self._reasons.get(key, {}).get((reason, kind), 0)

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
