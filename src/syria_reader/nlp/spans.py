"""Cleaning of name spans proposed by an extractor, on character offsets (no spaCy).

"the United States" -> "United States", "Saudi Arabia's" -> "Saudi Arabia", "Daesh [IS" ->
"Daesh", "President Bashar al-Assad" -> "Bashar al-Assad" (a PERSON: the title says so),
"pro-Assad" -> "Assad" (kind unknown: the label was for the adjective). Junk is dropped:
single letters, lowercase words, numbers and model names ("Su-24"), spans of more than six
words, and spans made only of generic words ("Legal Disclaimer", "Army").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from syria_reader.models import ENTITY_KINDS
from syria_reader.nlp.names import (
    GENERIC_WORDS,
    MONTHS,
    PARTICLES,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    WEEKDAYS,
    fold_same_length,
    is_generic,
    is_holiday,
    looks_like_group_word,
)

#: Kind given to a span whose label says nothing about what the name is (PRODUCT, a prefix
#: stripped...). The linker types it from the rest of the corpus or drops it; it never
#: reaches an entity.
UNTYPED = "MISC"

#: Words that end organisation names ("Defence Ministry", "Army of Islam", "Syrian Observatory").
ORG_HEADS: frozenset[str] = frozenset(
    [
        "ministry",
        "ministries",
        "army",
        "armies",
        "front",
        "council",
        "forces",
        "force",
        "corps",
        "party",
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "movement",
        "committee",
        "coalition",
        "organization",
        "organisation",
        "observatory",
        "agency",
        "department",
        "union",
        "alliance",
        "guard",
        "guards",
        "command",
        "office",
        "assembly",
        "parliament",
        "senate",
        "congress",
        "court",
        "bank",
        "fund",
        "university",
        "institute",
        "centre",
        "center",
        "foundation",
        "association",
        "society",
        "commission",
        "authority",
        "service",
        "services",
        "police",
        "navy",
        "network",
        "administration",
        "crescent",
        "legion",
        "division",
        "divisions",
        "regiment",
        "units",
        "unit",
        "brotherhood",
        "staff",
        "group",
        "news",
        "times",
        "post",
        "television",
        "tv",
        "radio",
        "channel",
        "company",
        "corporation",
        "airlines",
        "airways",
        "kingdom",
        "emirate",
        "federation",
        "league",
        "mission",
        "bureau",
        "directorate",
        "secretariat",
        "cabinet",
        "government",
        "council",
        "fighters",
        "militia",
        "militias",
        "jaish",
        "liwa",
        "faylaq",
        "harakat",
        "jabhat",
        "kataib",
    ]
)

#: Lowercase head words that still end a name ("the Syrian army", "Russian air force").
_LOWERCASE_HEADS = frozenset(
    {
        "army",
        "forces",
        "force",
        "ministry",
        "government",
        "navy",
        "police",
        "militia",
        "militias",
        "party",
        "front",
    }
)
_MAX_WORDS = 6
_LINK_WORDS = frozenset({"of", "the", "for", "and"})
_OPEN = '([{\u201c"\u2018<'
_EDGE_PUNCT = (
    " \t\n\r\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]{}<>.,;:!?*\u2022|/\\-\u2013\u2014_~=+#"
)
_DETERMINERS = ("the ", "a ", "an ", "this ", "these ", "that ", "those ")
_PREFIXES = ("anti-", "non-", "pro-", "ex-", "post-", "pre-", "neo-", "counter-", "pan-")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")
#: Weapon and vehicle model codes ("Su-24", "F-16", "S-400", "AK-47"), not names; "Cloud9",
#: "Movimento 5 Stelle", "82nd Airborne" and "Facility-1" are.
_MODEL_CODE = re.compile(r"^[A-Za-z]{1,3}-?\d{2,}[A-Za-z]{0,2}$")
_CREDIT_END = re.compile(
    r"\s+(?:Image|Images|Photo|Photos|Photograph|Picture|Credit|Credits|Video)\s*:"
)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_LONG_NUMBER = re.compile(r"^[\d.,:/-]{3,}$")
#: Capitalised words that open a span without belonging to the name ("Near Palmyra").
_LEADING_WORDS = frozenset(
    {
        "near",
        "in",
        "at",
        "from",
        "on",
        "by",
        "with",
        "after",
        "before",
        "during",
        "outside",
        "inside",
        "once",
        "when",
        "while",
        "as",
        "if",
        "meanwhile",
        "however",
        "since",
        "although",
        "though",
        "then",
        "also",
        "but",
        "and",
        "so",
        "yet",
        "now",
        "here",
        "there",
        "today",
        "yesterday",
        "tonight",
    }
)
#: Unit symbols after a number are measures, not names ("500 KB", "20 MW").
UNIT_SYMBOLS = frozenset(
    {
        "kb",
        "mb",
        "gb",
        "tb",
        "kw",
        "mw",
        "gw",
        "kwh",
        "mwh",
        "gwh",
        "km",
        "kg",
        "mph",
        "hz",
        "khz",
        "mhz",
        "ghz",
        "kbps",
        "mbps",
        "gbps",
        "psi",
        "kt",
        "mt",
        "kv",
        "ppm",
        "ppb",
        "mm",
        "cm",
    }
)
_NUMBER_BEFORE = re.compile(r"\d[\d,.]*\s*$")
#: Words after a hyphen that make an adjective of a name ("Iran-backed"), never a name part.
_HYPHEN_ADJECTIVES = frozenset(
    {
        "led",
        "run",
        "held",
        "made",
        "born",
        "era",
        "type",
        "like",
        "wide",
        "free",
        "only",
        "based",
        "style",
        "owned",
        "backed",
        "linked",
        "allied",
        "bound",
        "funded",
        "armed",
    }
)
_HYPHEN_TAIL = re.compile(r"-(?:[a-z]{1,5}|[A-Z]{2,}|[A-Z][a-z]+|\d+)\b")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class CleanSpan:
    """A cleaned name span: offsets into the text and its kind (or :data:`UNTYPED`)."""

    start: int
    end: int
    kind: str


def _name_like(word: str) -> bool:
    """A capitalised word, an ordinal ("82nd") or a particle glued to one ("al-Assad")."""
    return (
        word[:1].isupper()
        or bool(_ORDINAL.match(word))
        or ("-" in word and word.split("-")[-1][:1].isupper())
    )


def _lower_ok(word: str) -> bool:
    """Lowercase words allowed at the start of a name: particles ("al", "bin", "de")."""
    return word.lower().strip("'") in PARTICLES


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip edge punctuation, determiners, possessives and hyphen prefixes until stable."""
    base = start
    folded = fold_same_length(text[start:end])

    def piece() -> str:
        return folded[start - base : end - base]

    while start < end:
        before = (start, end)
        while start < end and folded[start - base] in _EDGE_PUNCT:
            start += 1
        # Keep the final dot of "U.S." and the like.
        while start < end and folded[end - 1 - base] in _EDGE_PUNCT:
            if folded[end - 1 - base] == "." and _DOTTED.search(piece()):
                break
            end -= 1
        low = piece().lower()
        for word in _DETERMINERS:
            if low.startswith(word) and end - start > len(word):
                start += len(word)
                break
        if piece().endswith("'s") or piece().endswith("'S"):
            end -= 2
        if (start, end) == before:
            return start, end
    return start, end


_SEPARATORS = re.compile(
    r"[(\[{\u201c\u201d\"<|/\n]"  # brackets, quotes, bars, slashes, line breaks
    r"|\s[-\u2013\u2014]\s|(?<=\w)[-\u2013\u2014]\s+(?=[A-Z])"  # a dash clause, "MENAFN- The"
    r"|(?<![A-Z]\.[A-Z])(?<!\b[A-Z])[.!?]\s+(?=[A-Z])"  # a sentence end (not "U.S. " or "J. ")
    r"|,\s|;\s"
    r"|\s+and\s+(?=(?:[Aa]gencies|[Aa]gency|[Ww]ires|[Rr]eporters?|[Oo]thers|[Aa]ssociates|"
    r"[Pp]artners)\b)"  # "TRT World and Agencies"
    r"|'s\s(?=\S+$)(?!(?i:"
    + "|".join(sorted(ORG_HEADS))
    + r")$)"  # "Assad's Alawite", not "People's Army"
    r"|\s+(?=(?:Image|Images|Photo|Photos|Photograph|Picture|Credit|Credits|Video)\s*:)"  # credits
    r"|(?<=\S)\s+(?!(?:of|for|the|and|in|on|de|du|des|la|le|da|di|del|von|van|der|den|al|el|ad|as|"
    r"ash|ar|at|az|an|bin|ibn|ben|bint|abu|um|y)\s)"
    r"[a-z][a-z'\u2019]*\s+(?=[A-Z])"  # "Syrian Democratic Forces entered Raqqa": a verb inside
)


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span at inner brackets, quotes, bars, dash clauses, line breaks and sentence ends."""
    folded = fold_same_length(text[start:end])
    pieces: list[tuple[int, int]] = []
    position = 0
    for match in _SEPARATORS.finditer(folded):
        pieces.append((start + position, start + match.start()))
        position = match.end()
    pieces.append((start + position, end))
    return [
        piece
        for a, b in pieces
        if b > a
        for cut in _split_initialled(text, a, b)
        for piece in _split_after_org(text, *cut)
    ]


def _split_initialled(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "H. Zain H. Said" -> "H. Zain", "H. Said": two initialled names are two people."""
    first = _TWO_INITIALLED.match(text, start, end)
    if first is None:
        return [(start, end)]
    second = re.search(r"\S", text[first.end() : end])
    return [(start, first.end()), (first.end() + second.start(), end)] if second else [(start, end)]


def _split_after_org(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an organisation name from the person named right after it: "Refugee Council Enver
    Solomon", "New People's Party's Regina Ip" (a role between them was left out)."""
    words = [
        (m.start() + start, m.end() + start, m.group(0)) for m in _WORD.finditer(text[start:end])
    ]
    for i in range(1, len(words) - 1):
        head = words[i][2]
        bare = head[:-2] if head.endswith(("'s", "’s")) else head
        tail = [w[2] for w in words[i + 1 :]]
        if (
            bare.lower() in ORG_HEADS
            and bare[:1].isupper()
            and 2 <= len(tail) <= 3
            and all(re.match(r"^[A-Z][a-z]+(?:-[a-z]+)?$", w) for w in tail)
            and not any(w.lower() in ORG_HEADS or w.lower() in GENERIC_WORDS for w in tail)
        ):
            return [(start, words[i][0] + len(bare)), (words[i + 1][0], end)]
    return [(start, end)]


def _strip_title(text: str, start: int, end: int) -> tuple[int, bool]:
    """Drop a leading title phrase ("Russian Foreign Minister ", "Mr "); True if one was there."""
    words = [(m.start() + start, m.group(0)) for m in _WORD.finditer(text[start:end])]
    if len(words) < 2:
        return start, False
    last_title = -1
    for i, (_, word) in enumerate(words[:-1]):
        bare = word.lower().rstrip(".,")
        if bare in TITLE_WORDS:
            last_title = i
        elif last_title >= 0 and bare in TITLE_MODIFIERS:
            continue
        elif not word[:1].isupper():
            break
    if last_title < 0:
        return start, False
    rest = last_title + 1
    while rest < len(words) and words[rest][1].lower().rstrip(".,") in TITLE_MODIFIERS:
        rest += 1
    if rest >= len(words) or not words[rest][1][:1].isupper():
        return start, False
    if words[rest - 1][1].lower() in _LINK_WORDS:
        return (
            start,
            False,
        )  # "Emir of Qatar", "President of Syria": a place, not a name after a title
    remainder = [w.lower().strip(".,'") for _, w in words[rest:]]
    if remainder[-1] in ORG_HEADS or all(w in GENERIC_WORDS for w in remainder):
        return start, False
    return words[rest][0], True


#: Titles that also open Arabic place names ("Sheikh Maqsoud", "Sheikh Miskin").
_PLACE_TITLES = frozenset({"sheikh", "sheik", "shaikh", "shaykh"})
_PLACE_TITLE_BEFORE = re.compile(r"(?:\b[Aa]l-)?\b(?:Sheikh|Sheik|Shaikh|Shaykh)[ \t]+$")
_PLACE_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|on|at|near|into|inside|outside|around|across)\s+(?:the\s+)?$", re.I
)
_PLACE_NOUN_AFTER = re.compile(
    r"\s+(?:neighbourhood|neighborhood|district|area|quarter|town|village|suburb|camp)s?\b",
    re.I,
)


def _place_titled(text: str, start: int, end: int) -> bool:
    """Whether a span opening with a title that also opens place names ("Sheikh Maqsoud")
    stands where a place does: after "in"/"on"/"near", or before "neighbourhood"/"area"."""
    words = text[start:end].split()
    if len(words) != 2 or words[0].lower().removeprefix("al-") not in _PLACE_TITLES:
        return False
    return bool(
        _PLACE_PREPOSITION_BEFORE.search(text, max(0, start - 20), start)
        or _PLACE_NOUN_AFTER.match(text, end)
    )


def _drop_lowercase_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim lowercase words at either end ("northern Syria", "Assad regime"), particles kept."""
    words = [
        (m.start() + start, m.end() + start, m.group(0)) for m in _WORD.finditer(text[start:end])
    ]
    while words and not _name_like(words[0][2]) and not (len(words) > 1 and _lower_ok(words[0][2])):
        words.pop(0)
    while (
        len(words) > 1
        and words[-1][2].lower() in _TRAILING_FUNCTION
        and (
            words[-1][2].islower()
            or words[-1][2].lower() in _PRONOUNS
            or words[-1][2].isupper()
            or len(words) > 2
            or not words[-2][2].istitle()
        )
    ):
        words.pop()  # "Latest News We"; but "James To", "Wilson Or" keep their surnames
    if len(words) > 1 and re.match(r"^[A-Z][a-z]+-[a-z]+$", words[0][2]):
        words.pop(0)  # "Pan-democrat Lam Cheuk-ting", "Pro-establishment Junius Ho": a descriptor
    while words and not _name_like(words[-1][2]):
        if words[-1][2].lower() in _LOWERCASE_HEADS and len(words) > 1 and _name_like(words[-2][2]):
            break  # "Syrian army"
        words.pop()
    if not words:
        return start, start
    return words[0][0], words[-1][1]


#: Words of site furniture: a span holding one is a menu or a credit line, not a name.
_FURNITURE = frozenset(
    [
        "subscribe",
        "subscribers",
        "newsletter",
        "newsletters",
        "android",
        "iphone",
        "ios",
        "login",
        "logout",
        "cookie",
        "cookies",
        "advertisement",
        "advertisements",
        "sponsored",
        "latest",
        "share",
        "click",
        "download",
        "copyright",
        "disclaimer",
        "live",
        "category",
        "categories",
        "showcase",
        "episode",
        "gmt",
        "utc",
        "tags",
    ]
)
#: Social networks: names when alone, share buttons when run together with other words.
_PLATFORMS = frozenset({"facebook", "twitter", "youtube", "instagram", "whatsapp", "telegram"})
_PRONOUNS = frozenset({"we", "i", "he", "she", "they", "it", "you"})
_TRAILING_FUNCTION = frozenset(
    [
        "we",
        "i",
        "he",
        "she",
        "they",
        "it",
        "you",
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "as",
        "is",
        "was",
    ]
)


def is_junk_name(surface: str) -> bool:
    """Whether a cleaned span is no name at all (see the module docstring)."""
    letters = [c for c in surface if c.isalpha()]
    if len(letters) < 2 or not any(c.isupper() for c in surface):
        return True
    words = surface.split()
    if any(_MODEL_CODE.match(w) or _LONG_NUMBER.match(w) for w in words):
        return True  # "Su-24", "S-400", "2015": models and numbers are not names
    if not any(sum(c.isalpha() for c in w) >= 2 for w in words):
        return True  # "5", "9A"
    if (
        len([w for w in words if w.lower() not in _LINK_WORDS and w.lower() not in PARTICLES])
        > _MAX_WORDS
    ):
        return True  # a clause or a headline, not a name ("of", "the" and particles do not count)
    if all(len(w.strip(".'")) <= 1 for w in words):
        return True
    bare = surface.lower().strip(".")
    if bare in MONTHS or bare in WEEKDAYS or is_holiday(surface):
        return True  # "Ramadan", "Eid al-Adha": dates
    lowered = [w.strip(".,'").lower() for w in words]
    if any(w in _FURNITURE for w in lowered):
        return True
    if len(lowered) > 1 and any(w in _PLATFORMS for w in lowered):
        return True  # "Share Facebook Twitter": a menu; "Twitter" alone is a company
    if len(lowered) == 1 and lowered[0] in ORG_HEADS:
        return True  # "Observatory", "Coalition": a head word alone names nothing
    parts = re.split(r"[\s\-]+", fold_same_length(surface).lower())
    if len(parts) > 1 and all(p in PARTICLES or p in TITLE_WORDS for p in parts):
        return True  # "al-Sheikh", "el-Sayed Sheikh": an article and a title, no name
    return is_generic(surface)


def _extend_hyphenated(text: str, end: int) -> int:
    """Grow a span over a hyphenated tail cut off by the model ("Wong Kwok" + "-hing")."""
    while True:
        tail = _HYPHEN_TAIL.match(text, end)
        if tail is None or tail.group(0)[1:].lower() in _HYPHEN_ADJECTIVES:
            return end
        word = re.search(r"(\S+)$", text[max(0, end - 30) : end])
        if tail.group(0)[1:].islower() and (word is None or len(word.group(1)) > 6):
            return end  # "Assad-era" aside, a lowercase tail belongs only to a short name part
        end = tail.end()


def _strip_leading_words(text: str, start: int, end: int) -> tuple[int, bool]:
    """Drop a capitalised preposition or a month opening the span ("Near Palmyra", "March the
    Security Council"); True if one was dropped."""
    words = [(m.start() + start, m.group(0)) for m in _WORD.finditer(text[start:end])]
    dropped = False
    while len(words) > 1 and (
        (words[0][1].lower() in _LEADING_WORDS and not words[0][1].isupper())
        or words[0][1].lower() in MONTHS
        or words[0][1].lower() in WEEKDAYS
        or (dropped and words[0][1].lower() == "the")
    ):
        if not (words[1][1][:1].isupper() or words[1][1].lower() == "the"):
            break
        words.pop(0)
        dropped = True
    return (words[0][0], dropped) if dropped else (start, False)


#: Head words that, capitalised after a lowercase "the" mid-sentence, name one body ("the
#: Coalition", "the Opposition"); other head words alone stay generic ("the Army").
_DEFINITE_HEADS = frozenset({"coalition", "alliance", "opposition"})


def is_definite_head(surface: str) -> bool:
    """Whether a one-word name is a head word kept after "the" ("Coalition")."""
    return surface.lower() in _DEFINITE_HEADS


def _definite_name(text: str, start: int, surface: str) -> bool:
    return (
        surface.lower() in _DEFINITE_HEADS
        and surface[:1].isupper()
        and not surface.isupper()
        and bool(re.search(r"[a-z,;]\s+the\s+$", text[max(0, start - 12) : start]))
    )


#: A web address or a bare link right after a word: the word is a button ("SEND https...").
_LINK_AFTER = re.compile(r"[ \t]*(?:https?\S|www\.)", re.I)
#: Initials and a surname followed by more initials and a surname: two people ("H. Zain H.
#: Said"), as reporters' credits run together.
_TWO_INITIALLED = re.compile(r"(?:[A-Z]\.\s?)+[A-Z][\w'-]+(?=\s+(?:[A-Z]\.\s?)+[A-Z][\w'-]+$)")


def is_furniture_at(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` is page furniture by where it stands: one word
    before a link (a share button), or capitals that only a number follows to the end of the
    text (an editor's sign-off code, "SSH 11")."""
    surface = text[start:end]
    if " " not in surface and _LINK_AFTER.match(text, end):
        return True
    rest = text[end:]
    return surface.isupper() and len(rest) <= 8 and rest.strip().isdigit()


def _clean_piece(text: str, start: int, end: int, kind: str) -> CleanSpan | None:
    start, end = _trim(text, start, end)
    start, dropped = _strip_leading_words(text, start, end)
    if dropped:
        kind = UNTYPED  # the label was for the phrase: the corpus decides the name's kind
    low = fold_same_length(text[start : start + 12]).lower()
    for prefix in _PREFIXES:
        if (
            low.startswith(prefix)
            and end - start > len(prefix) + 1
            and text[start + len(prefix)].isupper()
        ):
            start += len(prefix)
            kind = UNTYPED
            break
    start, end = _drop_lowercase_edges(text, start, end)
    if _place_titled(text, start, end):
        kind = "GPE"  # "the Sheikh Maqsoud area", "shells on Sheikh Maqsoud": a place's name
    else:
        start, titled = _strip_title(text, start, end)
        if titled:
            kind = "PERSON"
    start, end = _trim(text, start, end)
    if end <= start:
        return None
    surface = text[start:end]
    if _definite_name(text, start, surface):
        return CleanSpan(start, end, "ORG")  # "the Coalition" mid-sentence: one coalition
    if is_junk_name(surface) or is_furniture_at(text, start, end):
        return None
    doubled = surface.split()
    half = len(doubled) // 2
    if len(doubled) >= 2 and len(doubled) % 2 == 0 and doubled[:half] == doubled[half:]:
        # "Asharq Al-Awsat Asharq Al-Awsat": a logo and its name run together
        end = start + list(_WORD.finditer(text[start:end]))[half - 1].end()
    if surface.lower() in UNIT_SYMBOLS and _NUMBER_BEFORE.search(text[max(0, start - 16) : start]):
        return None  # "500 KB", "20 MW": a measure
    if kind == "NORP" and not looks_like_group_word(surface) and len(surface.split()) > 1:
        kind = UNTYPED  # "West Aleppo": not a nationality; the corpus decides its kind
    return CleanSpan(start, end, kind)


def clean_span(text: str, start: int, end: int, label: str) -> list[CleanSpan]:
    """Clean one proposed name span of ``text`` into zero or more name spans.

    ``label`` is the extractor's kind (a spaCy label). A span holding several names
    ("Daesh [IS", "Assad's Alawite") is split; the first name keeps the label, the others
    are :data:`UNTYPED`, as are labels that are not entity kinds (PRODUCT, WORK_OF_ART...)
    and names whose prefix was stripped ("pro-Assad"). A stripped title makes a PERSON.
    """
    kind = label if label in ENTITY_KINDS else UNTYPED
    end = _extend_hyphenated(text, end)
    titled = _PLACE_TITLE_BEFORE.search(text, max(0, start - 10), start)
    if titled is not None and _place_titled(text, titled.start(), end):
        start = titled.start()  # "on Sheikh [Maqsoud]": the model left out the place's first word
    credit = _CREDIT_END.search(text, start, min(len(text), end + 3))
    if credit is not None and credit.start() < end:
        end = credit.start()  # "Ahmed Mohamed Image: Twitter": the caption's credit word
    cleaned: list[CleanSpan] = []
    for piece_start, piece_end in _split(text, start, end):
        span = _clean_piece(text, piece_start, piece_end, kind if not cleaned else UNTYPED)
        if span is not None:
            cleaned.append(span)
    return cleaned
