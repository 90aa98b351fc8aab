"""Name normalisation shared by the extractors, the gazetteer and the linker (no spaCy).

Everything that decides whether two spellings are the same name lives here: folding of
diacritics, apostrophes and dashes, Arabic particles (al-, el-, ad-, bin, ibn...), acronym
dots, name keys for exact comparison, the guarded fuzzy comparison for transliteration
variants, initials for acronyms, stable slugs for entity ids, and the small word lists
(titles, generic nouns, months) the span cleaner and the kind voter use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Indel

_APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_FOLD_TABLE = str.maketrans({**{c: "'" for c in _APOSTROPHES}, **{c: "-" for c in _DASHES}})

#: Arabic (and a few European) name particles ignored when comparing names.
PARTICLES: frozenset[str] = frozenset(
    {
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "ed",
        "ag",
        "as",
        "es",
        "ash",
        "esh",
        "ar",
        "er",
        "at",
        "et",
        "az",
        "ez",
        "an",
        "en",
        "ath",
        "adh",
        "dh",
        "bin",
        "ibn",
        "ben",
        "bint",
        "bi",
        "de",
        "da",
        "di",
        "du",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
    }
)

#: Words that, right before a capitalised name, say the name is a person's.
TITLE_WORDS: frozenset[str] = frozenset(
    {
        "president",
        "presidents",
        "minister",
        "ministers",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "gen",
        "general",
        "lt",
        "lieutenant",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "cmdr",
        "commander",
        "adm",
        "admiral",
        "brig",
        "brigadier",
        "sgt",
        "sergeant",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "sheikh",
        "shaikh",
        "sheik",
        "imam",
        "ayatollah",
        "mufti",
        "sultan",
        "pope",
        "patriarch",
        "bishop",
        "archbishop",
        "rev",
        "reverend",
        "sen",
        "senator",
        "rep",
        "congressman",
        "congresswoman",
        "governor",
        "gov",
        "mayor",
        "ambassador",
        "envoy",
        "chancellor",
        "chairman",
        "chairwoman",
        "premier",
        "mp",
        "deputy",
        "speaker",
        "analyst",
        "activist",
        "correspondent",
        "journalist",
        "reporter",
        "researcher",
        "judge",
        "justice",
        "director",
        "leader",
        "chief",
        "head",
        "coordinator",
        "negotiator",
        "official",
        "officer",
        "candidate",
        "dictator",
        "strongman",
        "cleric",
        "scholar",
        "commentator",
        "author",
        "writer",
        "economist",
        "expert",
        "fellow",
        "lawyer",
        "attorney",
        "colleague",
        "counterpart",
        "vice-president",
        "secretary-general",
        "field-marshal",
        "marshal",
        "pm",
        "foreign-minister",
    }
)

#: Words that may stand between a title word and the name ("Secretary of State John Kerry").
TITLE_MODIFIERS: frozenset[str] = frozenset(
    {
        "of",
        "the",
        "state",
        "foreign",
        "affairs",
        "defence",
        "defense",
        "interior",
        "prime",
        "vice",
        "deputy",
        "assistant",
        "acting",
        "former",
        "ex",
        "crown",
        "grand",
        "supreme",
        "senior",
        "top",
        "general",
        "justice",
        "finance",
        "information",
        "security",
        "national",
        "and",
        "for",
        "us",
        "u.s.",
        "un",
        "u.n.",
        "special",
        "russian",
        "syrian",
        "chief",
        "staff",
    }
)

MONTHS: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

#: Religious, ethnic and ideological group words and languages that have no demonym ending
#: ("Arab", "Muslim", "Arabic"; "Takfiri" has one): the singular is an adjective, a language or
#: one member, the plural the group.
GROUP_ADJECTIVES: frozenset[str] = frozenset(
    {
        "arab",
        "muslim",
        "christian",
        "jew",
        "jewish",
        "sunni",
        "shia",
        "shi'a",
        "shiite",
        "shi'ite",
        "alawite",
        "alawi",
        "druze",
        "druse",
        "kurd",
        "turkmen",
        "turkoman",
        "yazidi",
        "ezidi",
        "assyrian",
        "chaldean",
        "circassian",
        "armenian",
        "maronite",
        "copt",
        "coptic",
        "catholic",
        "protestant",
        "orthodox",
        "salafi",
        "salafist",
        "wahhabi",
        "takfiri",
        "jihadi",
        "sufi",
        "ismaili",
        "bedouin",
        "baathist",
        "ba'athist",
        "zionist",
        "hindu",
        "sikh",
        "buddhist",
        # languages, named for what they are written in ("the original Arabic")
        "arabic",
        "farsi",
        "hebrew",
        "aramaic",
        "urdu",
        "pashto",
        "dari",
    }
)

#: Religious feasts and months of the Islamic and other calendars: dates, never names.
HOLIDAYS: frozenset[str] = frozenset(
    {
        "ramadan",
        "ramadhan",
        "ramazan",
        "eid",
        "eid al-fitr",
        "eid al-adha",
        "eid ul-fitr",
        "eid ul-adha",
        "eid el-fitr",
        "eid el-adha",
        "muharram",
        "ashura",
        "ashoura",
        "shawwal",
        "rajab",
        "sha'ban",
        "shaaban",
        "dhu al-hijjah",
        "dhul hijjah",
        "mawlid",
        "nowruz",
        "newroz",
        "christmas",
        "easter",
        "lent",
        "passover",
        "hanukkah",
        "yom kippur",
        "rosh hashanah",
        "diwali",
        "thanksgiving",
    }
)

#: Capitalised words that are never a name on their own (a span made only of these is junk).
GENERIC_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "some",
        "any",
        "all",
        "no",
        "every",
        "each",
        "other",
        "army",
        "armies",
        "state",
        "states",
        "regime",
        "regimes",
        "government",
        "governments",
        "ministry",
        "ministries",
        "council",
        "councils",
        "front",
        "fronts",
        "force",
        "forces",
        "party",
        "parties",
        "coalition",
        "coalitions",
        "opposition",
        "rebel",
        "rebels",
        "president",
        "presidents",
        "minister",
        "ministers",
        "secretary",
        "spokesman",
        "spokeswoman",
        "analysis",
        "analyst",
        "news",
        "report",
        "reports",
        "reporting",
        "city",
        "cities",
        "province",
        "provinces",
        "region",
        "regions",
        "village",
        "villages",
        "town",
        "towns",
        "district",
        "districts",
        "capital",
        "country",
        "countries",
        "group",
        "groups",
        "organization",
        "organisation",
        "organizations",
        "organisations",
        "agency",
        "agencies",
        "department",
        "departments",
        "office",
        "offices",
        "committee",
        "committees",
        "movement",
        "movements",
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "division",
        "divisions",
        "corps",
        "guard",
        "guards",
        "unit",
        "units",
        "militia",
        "militias",
        "air",
        "navy",
        "police",
        "security",
        "intelligence",
        "defence",
        "defense",
        "foreign",
        "interior",
        "affairs",
        "international",
        "national",
        "central",
        "general",
        "republic",
        "union",
        "alliance",
        "authority",
        "authorities",
        "administration",
        "service",
        "services",
        "operation",
        "operations",
        "command",
        "headquarters",
        "media",
        "press",
        "online",
        "daily",
        "weekly",
        "editor",
        "editors",
        "opinion",
        "opinions",
        "disclaimer",
        "legal",
        "copyright",
        "terms",
        "privacy",
        "policy",
        "related",
        "video",
        "videos",
        "photo",
        "photos",
        "image",
        "images",
        "source",
        "sources",
        "update",
        "updates",
        "breaking",
        "exclusive",
        "live",
        "more",
        "read",
        "share",
        "subscribe",
        "newsletter",
        "newsletters",
        "sign",
        "home",
        "menu",
        "search",
        "skip",
        "main",
        "content",
        "islamist",
        "islamists",
        "jihadist",
        "jihadists",
        "terrorist",
        "terrorists",
        "attack",
        "attacks",
        "rocket",
        "rockets",
        "shell",
        "shells",
        "shelling",
        "mortar",
        "mortars",
        "strike",
        "strikes",
        "airstrike",
        "airstrikes",
        "bombing",
        "bombings",
        "raid",
        "raids",
        "explosion",
        "explosions",
        "blast",
        "casualties",
        "victims",
        "martyrs",
        "militant",
        "militants",
        "fighter",
        "fighters",
        "troop",
        "troops",
        "soldier",
        "soldiers",
        "civilian",
        "civilians",
        "people",
        "world",
        "war",
        "wars",
        "conflict",
        "crisis",
        "peace",
        "talks",
        "summit",
        "conference",
        "meeting",
        "agreement",
        "deal",
        "ceasefire",
        "truce",
        "plan",
        "strategy",
        "campaign",
        "offensive",
        "election",
        "elections",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "central",
        "northwest",
        "northeast",
        "southwest",
        "southeast",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "madam",
        "lord",
        "god",
        "chairman",
        "leader",
        "leaders",
        "chief",
        "chiefs",
        "official",
        "officials",
        "spokesperson",
        "commander",
        "commanders",
        "minister's",
        "president's",
        *WEEKDAYS,
        *MONTHS,
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "page",
        "pages",
        "comment",
        "comments",
        "reply",
        "replies",
        "notify",
        "feedback",
        "feedbacks",
        "view",
        "views",
        "inline",
        "advertisement",
        "advertisements",
        "sponsored",
        "click",
        "here",
        "login",
        "log",
        "register",
        "follow",
        "us",
        "contact",
        "about",
        "cookie",
        "cookies",
        "accept",
        "email",
        "print",
        "part",
        "parts",
        "chapter",
        "section",
        "sections",
        "story",
        "stories",
        "article",
        "articles",
        "column",
        "columns",
        "statement",
        "statements",
        "interview",
        "interviews",
        "question",
        "questions",
        "answer",
        "answers",
    ]
)

#: Short words skipped when forming initials ("Syrian Observatory for Human Rights" -> SOHR).
_INITIALS_SKIP = frozenset(
    {"of", "the", "for", "and", "in", "on", "to", "de", "du", "des", "la", "le"}
)

_DEMONYM_ENDINGS = (
    "ian",
    "ians",
    "ean",
    "eans",
    "can",
    "cans",
    "ese",
    "ish",
    "i",
    "is",
    "ic",
    "ite",
    "ites",
    "ist",
    "ists",
    "ch",
    "ern",
    "ards",
    "eks",
    "ots",
)

_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}[A-Za-z]?\.?$")
_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_VOWELS = re.compile(r"[aeiou]|y$")  # a final y is a vowel ("Sergey"), an inner one not ("Daraya")
_DOUBLES = re.compile(r"(.)\1+")


def fold_char(char: str) -> str:
    """One character without diacritics, with typographic apostrophes and dashes made plain.

    Always returns exactly one character, so folded text keeps the offsets of the original.
    """
    folded = char.translate(_FOLD_TABLE)
    if folded != char or ord(char) < 128:
        return folded
    base = unicodedata.normalize("NFKD", char)
    if (
        base
        and unicodedata.category(base[0])[0] == "L"
        and all(unicodedata.combining(c) for c in base[1:])
    ):
        return base[0]
    return char


class _FoldMap(dict):
    """A ``str.translate`` table that folds each new character once and remembers it."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_MAP = _FoldMap()


def fold_same_length(text: str) -> str:
    """``text`` with every character folded by :func:`fold_char`; same length, same offsets."""
    if text.isascii():
        return text
    return text.translate(_FOLD_MAP)


def fold(text: str) -> str:
    """Folded text with runs of whitespace collapsed to one space and the ends trimmed."""
    return _SPACES.sub(" ", fold_same_length(text)).strip()


def strip_possessive(text: str) -> str:
    """``"Saudi Arabia's"`` -> ``"Saudi Arabia"``; ``"Fighters'"`` -> ``"Fighters"``."""
    if text.endswith("'s") or text.endswith("'S"):
        return text[:-2]
    if text.endswith("'") and len(text) > 1:
        return text[:-1]
    return text


def undot_acronym(text: str) -> str:
    """``"U.S."`` -> ``"US"``; other text unchanged."""
    return text.replace(".", "") if _DOTTED_ACRONYM.match(text) else text


def plain_marks(text: str) -> str:
    """Typographic apostrophes and dashes made plain, spaces collapsed; letters (accents) kept."""
    return _SPACES.sub(" ", text.translate(_FOLD_TABLE)).strip()


@lru_cache(maxsize=65536)
def display_form(text: str) -> str:
    """A surface form tidied for display: plain spacing, no leading "the", no possessive.

    Accents stay as the text writes them ("Gérald Darmanin"): a listed name is a form that occurs.
    """
    text = plain_marks(text)
    if text[:4].lower() == "the ":
        text = text[4:]
    text = strip_possessive(text).strip(" -'\",;:")
    return text if _DOTTED_ACRONYM.match(text) else text.rstrip(".")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The exact-comparison key of a name: case, diacritics, "the", possessive, acronym dots."""
    return undot_acronym(fold(display_form(text))).casefold()


def tokens(text: str) -> list[str]:
    """The lowercase word tokens of a name, split at spaces and hyphens, apostrophes dropped."""
    key = name_key(text).replace("'", "")
    return [t for t in re.split(r"[\s\-]+", key) if t]


def core_tokens(text: str) -> list[str]:
    """:func:`tokens` without name particles (al-, bin, ibn...), so "Bashar al-Assad" -> bashar
    assad."""
    return list(_core_tokens(text))


@lru_cache(maxsize=65536)
def _core_tokens(text: str) -> tuple[str, ...]:
    words = tokens(text)
    core = [w for w in words if w not in PARTICLES]
    return tuple(core or words)


def variant_key(text: str) -> str:
    """A looser key: core tokens joined, punctuation gone ("al-Qaeda" = "Al Qaeda" = "AlQaeda")."""
    return "".join(core_tokens(text))


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Consonant skeleton of a lowercase word: vowels dropped, doubles collapsed ("hezbollah" ->
    hzblh)."""
    return _DOUBLES.sub(r"\1", _VOWELS.sub("", word))


def _tokens_alike(a: str, b: str, *, anchored: bool) -> bool:
    """Whether two name tokens are spelling variants of one word (guarded for short words).

    ``anchored``: the names share another, identical token ("Deir" in "Deir Ezzor"/"Deir Zor"),
    which makes a variant of a very short word believable.
    """
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False
    if a[0] != b[0] and not (anchored and skeleton(a)[:1] == skeleton(b)[:1]):
        return False  # "Syrian" != "Assyrian"; but "Deir Ezzor" = "Deir Zor"
    similarity = Indel.normalized_similarity(a, b)
    shortest = min(len(a), len(b))
    if shortest < 6:
        # Short words (Iran/Iraq, Homs/Hama, Gaza/Giza): only an identical consonant skeleton
        # and a close spelling count, and below five letters only beside an identical token.
        if shortest < 5 and not anchored:
            return False
        return skeleton(a) == skeleton(b) and len(skeleton(a)) >= 2 and similarity >= 0.7
    return similarity >= 0.75 and (skeleton(a) == skeleton(b) or similarity >= 0.85)


def spelling_variants(a: str, b: str) -> bool:
    """Whether two names are transliteration or spelling variants of each other.

    "Hezbollah" ~ "Hizbullah", "Deir Ezzor" ~ "Deir al-Zor", "Sergei" ~ "Sergey"; never
    "Iran" ~ "Iraq", "Homs" ~ "Hama", "Syrian National Council" ~ "Syrian National Coalition".
    Names must have the same number of core tokens and each pair of tokens must be alike.
    """
    return core_variants(_core_tokens(a), _core_tokens(b))


def core_variants(ta: Sequence[str], tb: Sequence[str]) -> bool:
    """:func:`spelling_variants` of two names given as their :func:`core_tokens` (a caller
    comparing each name many times computes them once)."""
    if not ta or len(ta) != len(tb):
        return False
    if "".join(ta) == "".join(tb):  # the same words, or the same letters split differently
        return True
    anchored = any(x == y for x, y in zip(ta, tb, strict=True))
    return all(_tokens_alike(x, y, anchored=anchored) for x, y in zip(ta, tb, strict=True))


def initials(text: str) -> set[str]:
    """Possible acronyms of a multiword name, with and without its short words, upper case."""
    words = [w for w in re.split(r"[\s\-]+", fold(text)) if w and w[0].isalnum()]
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2:
        return set()
    every = "".join(w[0] for w in words).upper()
    content = "".join(
        w[0] for w in words if w.lower() not in _INITIALS_SKIP and w.lower() not in PARTICLES
    )
    return {every, content.upper()} - {""}


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    """Whether a surface form is an acronym: "IRGC", "U.S.", "SAA" (2 to 7 capitals)."""
    plain = undot_acronym(fold(text))
    return 2 <= len(plain) <= 7 and plain.isalpha() and plain.isupper()


def slug(text: str) -> str:
    """A lowercase ASCII slug for ids: "Bashar al-Assad" -> "bashar-al-assad"."""
    ascii_text = unicodedata.normalize("NFKD", fold(text)).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_text.lower().replace("'", "")).strip("-") or "x"


@lru_cache(maxsize=65536)
def looks_like_group_word(text: str) -> bool:
    """Whether a name has the shape of a nationality or group word ("Russians", "Iraqi",
    "Kurdish", "Arab", "Muslims"). A name opening with a particle ("al-Meridian", "al-Masri")
    is a proper name, never the adjective."""
    words = tokens(text)
    if not words or words[0] in PARTICLES:
        return False
    last = words[-1]
    return last.endswith(_DEMONYM_ENDINGS) or is_group_adjective(last)


@lru_cache(maxsize=65536)
def is_group_adjective(word: str) -> bool:
    """Whether one word is a religious, ethnic or ideological group word or its plural
    ("Arab", "Muslims", "Shiites"), from :data:`GROUP_ADJECTIVES`."""
    low = fold(word).lower()
    return low in GROUP_ADJECTIVES or (low.endswith("s") and low[:-1] in GROUP_ADJECTIVES)


def is_holiday(text: str) -> bool:
    """Whether a name is a religious feast or a month of a non-Gregorian calendar
    ("Ramadan", "Eid al-Adha"): a date, not a name."""
    return fold(text).lower() in HOLIDAYS


@lru_cache(maxsize=65536)
def is_generic(text: str) -> bool:
    """Whether every word of a name is a generic word ("Legal Disclaimer", "Army", "the
    Ministry")."""
    words = [w.strip(".'") for w in _SPACES.split(fold(text).lower()) if w.strip(".'")]
    content = [w for w in words if w not in _INITIALS_SKIP]
    return bool(content) and all(w in GENERIC_WORDS or w in TITLE_WORDS for w in content)


def clear_memos() -> None:
    """Forget the names memoised so far (up to 65,536 per function). Linking calls it when it is
    done: what comes after it in a build, writing the index, is where its memory peaks."""
    for memoised in (
        display_form,
        name_key,
        _core_tokens,
        skeleton,
        is_acronym,
        looks_like_group_word,
        is_group_adjective,
        is_generic,
    ):
        memoised.cache_clear()
