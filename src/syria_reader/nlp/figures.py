"""Figures: numbers with what they count or measure ("nearly 1,000 sorties", "80%", "1,500 km").

Number phrases are found by pattern in both extraction paths: an optional qualifier ("nearly",
"more than", "at least"), a number in digits or words ("4 million", "a million",
"half-a-dozen", "55-65"), an optional multiplier and an inline unit ("%", "km", "$"). What a
bare number counts comes from a *noun finder*: the dependency tree in the spaCy path (the
noun the number modifies, or the object of "hundreds of ..."), the next words in the rule
path. Not figures: dates and years, ordinals, weapon and model names ("S-400", "Su-24",
"SA-21"), numbered names ("Resolution 2254"), spans of time ("24 hours": durations), and
number words that count nothing ("one of the most...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from syria_reader.models import Figure
from syria_reader.nlp.function_words import AUXILIARIES, POSSESSIVES, SPEECH_WORDS

if TYPE_CHECKING:  # spaCy is imported only when an index is built, never on a warm start
    from spacy.tokens import Doc, Token

#: Given the offsets of a number phrase, the offsets of the noun it counts, or None.
NounFinder = Callable[[int, int], "tuple[int, int] | None"]

_QUALIFIERS = (
    "no fewer than",
    "no more than",
    "not more than",
    "not less than",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "close to",
    "as many as",
    "as much as",
    "as few as",
    "in excess of",
    "upwards of",
    "just over",
    "just under",
    "well over",
    "an estimated",
    "a total of",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "estimated",
    "only",
    "just",
    "barely",
    "below",
    "above",
    "nearly half",
    "some",
)
_QUALIFIER_RE = "|".join(
    sorted({re.escape(q).replace(r"\ ", r"\s+") for q in _QUALIFIERS}, key=len, reverse=True)
)
_WORD_VALUES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a thousand": 1000,
    "a million": 1e6,
    "a billion": 1e9,
    "a dozen": 12,
    "dozen": 12,
    "half-a-dozen": 6,
    "half a dozen": 6,
}
_VAGUE = {
    "dozens": None,
    "scores": None,
    "hundreds": None,
    "thousands": None,
    "millions": None,
    "tens of thousands": None,
    "hundreds of thousands": None,
    "billions": None,
}
_MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_UNITS = {
    "%": "%",
    "percent": "%",
    "per cent": "%",
    "pc": "%",
    "km": "km",
    "kms": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "sq km": "sq km",
    "square kilometres": "sq km",
    "square kilometers": "sq km",
    "km2": "sq km",
    "miles": "miles",
    "mile": "miles",
    "m": "m",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "kg": "kg",
    "kilograms": "kg",
    "tons": "tonnes",
    "tonnes": "tonnes",
    "tonne": "tonnes",
    "ton": "tonnes",
    "barrels": "barrels",
    "bpd": "barrels a day",
    "hectares": "hectares",
    "mph": "mph",
    "km/h": "km/h",
    "dollars": "$",
    "usd": "$",
    "euros": "€",
    "eur": "€",
    "pounds": "£",
    "gbp": "£",
    "rubles": "rubles",
    "roubles": "rubles",
    "lira": "lira",
    "liras": "lira",
    "riyals": "riyals",
}
_CURRENCY_SIGNS = {"$": "$", "US$": "$", "€": "€", "£": "£"}
_TIME_UNITS = re.compile(
    r"^(?:second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ies))s?$", re.I
)
_NUMBER_WORD_RE = "|".join(
    sorted(
        (
            re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[-\\s]")
            for w in [*_WORD_VALUES, *_VAGUE]
        ),
        key=len,
        reverse=True,
    )
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT_RE = "|".join(
    sorted((re.escape(u).replace(r"\ ", r"\s+") for u in _UNITS if u != "%"), key=len, reverse=True)
)
_FIGURE_RE = re.compile(
    rf"(?<![\w.,/:$€£-])"
    rf"(?:(?P<qual>{_QUALIFIER_RE})\s+)?"
    rf"(?P<cur>US\$|\$|€|£)?\s?"
    rf"(?:(?P<digits>{_DIGITS})(?:\s*(?:-|\u2013|to)\s*(?P<upper>{_DIGITS}))?|"
    rf"(?P<words>{_NUMBER_WORD_RE}))"
    rf"(?:\s*(?P<mult>thousand|million|billion|trillion|mln|mn|bn|tn)\b\.?)?"
    rf"(?:(?P<pct>\s?%)|\s+(?P<unit>{_UNIT_RE})\b)?",
    re.I,
)
_NUMBERED_NAME = frozenset(
    [
        "resolution",
        "article",
        "route",
        "highway",
        "flight",
        "chapter",
        "section",
        "protocol",
        "no",
        "number",
        "room",
        "hall",
        "gate",
        "level",
        "phase",
        "paragraph",
        "point",
        "camp",
        "brigade",
        "division",
        "unit",
        "district",
        "sector",
        "zone",
        "block",
        "building",
    ]
)
_NOT_NOUNS = (
    POSSESSIVES
    | AUXILIARIES
    | SPEECH_WORDS
    | frozenset(
        [
            "the",
            "a",
            "an",
            "of",
            "in",
            "on",
            "at",
            "to",
            "and",
            "or",
            "but",
            "being",
            "shall",
            "do",
            "did",
            "does",
            "from",
            "by",
            "with",
            "that",
            "which",
            "who",
            "whom",
            "whose",
            "per",
            "than",
            "as",
            "more",
            "less",
            "most",
            "least",
            "other",
            "others",
            "times",
            "percent",
            "each",
            "every",
            "all",
            "both",
            "these",
            "those",
            "your",
            "my",
            "it",
            "they",
            "them",
            "he",
            "she",
            "we",
            "you",
            "i",
            "there",
            "here",
            "then",
            "when",
            "while",
            "where",
            "if",
            "so",
            "such",
            "also",
            "only",
            "just",
            "still",
            "even",
            "already",
            "again",
            "ago",
            "later",
            "earlier",
            "before",
            "after",
            "during",
            "since",
            "until",
            "between",
            "among",
            "into",
            "onto",
            "over",
            "under",
            "out",
            "up",
            "down",
            "off",
            "about",
            "around",
            "through",
            "across",
            "against",
            "without",
            "within",
            "along",
            "people's",
            "say",
            "reported",
            "including",
            "included",
            "toward",
            "towards",
        ]
    )
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _value(match: re.Match[str]) -> float | None:
    """The numeric value of a figure match (a range gives its lower end), or None when vague."""
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
    else:
        words = re.sub(r"[\s-]+", " ", match.group("words").lower())
        lookup = {re.sub(r"[\s-]+", " ", k): v for k, v in {**_WORD_VALUES, **_VAGUE}.items()}
        found = lookup.get(words)
        if found is None:
            return None
        value = found
    if match.group("mult"):
        value *= _MULTIPLIERS[match.group("mult").lower()]
    return value


def _value_end(match: re.Match[str], value: float | None) -> float | None:
    """The upper end of a range ("55-65 km": 65, "2-3 million": 3e6); ``value`` for one number."""
    if value is None or not match.group("upper"):
        return value
    upper = float(match.group("upper").replace(",", ""))
    if match.group("mult"):
        upper *= _MULTIPLIERS[match.group("mult").lower()]
    return upper if upper >= value else value


def _excluded(text: str, match: re.Match[str], seg_start: int) -> bool:
    """Numbers that are parts of names, designations, times or ordinals, not figures."""
    end = match.end()
    number_start = match.start("digits") if match.group("digits") else match.start("words")
    after = text[end : end + 3]
    if (
        re.match(r"[\w-]*[A-Za-z]", after)
        and not match.group("unit")
        and not match.group("pct")
        and re.match(r"(?:st|nd|rd|th)\b|-?[A-Za-z]", after)
    ):
        return True  # "30th", "7-member", "24-hour", "5km" is caught as a unit above
    if re.match(r"[/:]\d|\.\d", after):
        return True  # 12/10/2015, 10:30
    before = text[max(seg_start, number_start - 25) : number_start]
    if re.search(r"[A-Za-z]-?$", before) and not match.group("qual") and not match.group("cur"):
        return True  # "S-400", "Su-24", "G20"
    previous = re.search(r"([A-Za-z][\w.]*)\s+$", before)
    if previous and not match.group("qual"):
        word = previous.group(1)
        if word.lower().rstrip(".") in _NUMBERED_NAME:
            return True  # "Resolution 2254", "Route 5"
    return False


def _is_year(match: re.Match[str]) -> bool:
    """A bare four-digit number from 1800 to 2099: a year unless it visibly counts something."""
    digits = match.group("digits")
    return bool(
        digits
        and not match.group("upper")
        and not match.group("mult")
        and not match.group("unit")
        and not match.group("pct")
        and not match.group("cur")
        and re.fullmatch(r"(?:1[89]|20)\d\d", digits)
    )


def find_figures(
    text: str,
    start: int,
    end: int,
    date_spans: Iterable[tuple[int, int]] = (),
    noun_finder: NounFinder | None = None,
) -> list[Figure]:
    """Figures in ``text[start:end]`` outside ``date_spans``; ``noun_finder`` names what they
    count."""
    dates = sorted(date_spans)
    finder = noun_finder or (lambda a, b: next_noun(text, b, end))
    figures: list[Figure] = []
    for match in _FIGURE_RE.finditer(text, start, end):
        if not (match.group("digits") or match.group("words")):
            continue
        m_start, m_end = match.span()
        if any(a < m_end and m_start < b for a, b in dates):
            continue
        words_only = not match.group("digits")
        if _excluded(text, match, start):
            continue
        if _is_year(match):
            noun = finder(m_start, m_end)
            if noun is None or not text[noun[0] : noun[1]][:1].islower():
                continue  # "in 2011"; but "2000 fighters" counts
        unit: str | None = None
        text_end = m_end
        if match.group("pct"):
            unit = "%"
        elif match.group("unit"):
            unit = _UNITS.get(re.sub(r"\s+", " ", match.group("unit").lower()), match.group("unit"))
        elif match.group("cur"):
            unit = _CURRENCY_SIGNS.get(match.group("cur"), match.group("cur"))
        else:
            noun = finder(m_start, m_end)
            if noun is not None:
                unit = re.sub(r"\s+", " ", text[noun[0] : noun[1]]).strip(
                    "\"'\u201c\u201d\u2018\u2019 "
                )
                gap = text[m_end : noun[0]]
                if noun[0] >= m_end and re.fullmatch(
                    r"[\s\"'\u201c\u2018]*(?:of\s+)?[\s\"'\u201c\u2018]*", gap
                ):
                    text_end = noun[1]  # "nearly 1,000 sorties": the noun follows the number
        value = _value(match)
        if words_only and re.fullmatch(r"one", match.group("words"), re.I):
            continue  # "one of the most...", "one gun": "one" is hardly ever a figure
        if (
            unit is None
            and not match.group("mult")
            and not match.group("qual")
            and (value is None or value < 10)
        ):
            continue  # "two" alone, list numbers "1.", "hundreds" alone: nothing counted
        if unit and _TIME_UNITS.match(unit.split()[-1]):
            continue  # a span of time is a duration, not a figure
        qualifier = (
            re.sub(r"\s+", " ", match.group("qual").lower()) if match.group("qual") else None
        )
        value = float(value) if value is not None else None
        value_end = _value_end(match, value)
        surface = text[m_start:text_end].rstrip(" ,.;:")
        if (
            surface.count("\u201c") > surface.count("\u201d")
            and text[m_start + len(surface) : m_start + len(surface) + 1] == "\u201d"
        ):
            surface += "\u201d"  # close the quote opened before the counted noun
        figures.append(
            Figure(
                start=m_start,
                end=m_start + len(surface),
                text=surface,
                value=value,
                unit=unit,
                qualifier=qualifier,
                value_end=value_end,
            )
        )
    return figures


def next_noun(text: str, position: int, limit: int) -> tuple[int, int] | None:
    """The counted noun after a number by surface pattern ("819 "terrorist installations"",
    "hundreds of regular troops", "2,000 Daesh fighters"); None when no noun-like word follows."""
    words = [
        (m.start(), m.end(), m.group(0))
        for m in _WORD.finditer(text, position, min(limit, position + 60))
    ]
    if not words or text[position : words[0][0]].strip(" \"'\u201c\u201d\u2018\u2019"):
        return None
    index = 1 if words[0][2].lower() == "of" and len(words) > 1 else 0
    if index and text[words[0][1] : words[1][0]].strip(" \"'\u201c\u2018"):
        return None
    first = words[index]
    following = words[index + 1] if index + 1 < len(words) else None
    if following is not None and text[first[1] : following[0]].strip(
        " \"'\u201c\u201d\u2018\u2019"
    ):
        following = None  # only a word that follows closely can be the counted noun
    if first[2].lower() in _NOT_NOUNS:
        return None
    if first[2][:1].isupper():
        # "2,000 Daesh fighters": a name before the noun that is counted.
        if following is not None and following[2].islower() and following[2] not in _NOT_NOUNS:
            return first[0], following[1]
        return None
    if (
        following is not None
        and following[2].islower()
        and following[2] not in _NOT_NOUNS
        and following[2].endswith("s")
        and not first[2].endswith("s")
    ):
        return first[0], following[1]  # "terrorist installations"
    return first[0], first[1]


def spacy_noun_finder(doc: Doc, offset: int) -> NounFinder:
    """A noun finder reading ``doc``'s dependency tree; ``offset`` maps doc offsets to the text."""
    doc_text = doc.text  # built from every token on each access: read it once

    def find(start: int, end: int) -> tuple[int, int] | None:
        span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        numbers = [t for t in span if t.like_num or t.pos_ == "NUM"]
        if not numbers:
            return None
        token = numbers[-1]
        # "hundreds of regular troops", "a million of them": the object of "of".
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                if objects and not any(d.dep_ in {"det", "poss"} for d in objects[0].children):
                    return _noun_phrase(doc, child.i + 1, objects[0], offset)
        head = token.head
        if token.dep_ in {"nummod", "quantmod"} or (
            token.dep_ == "compound" and head.pos_ == "NUM"
        ):
            while head.pos_ == "NUM" and head.head.i != head.i:
                head = head.head
            # "2,000 Daesh fighters": climb from a name to the noun it modifies.
            while (
                head.pos_ == "PROPN"
                and head.dep_ in {"compound", "nmod", "amod"}
                and head.head.i > head.i
            ):
                head = head.head
            if head.pos_ == "NOUN" and head.i > token.i:
                gap = doc_text[span.end_char : head.idx]
                if gap.count(")") > gap.count("(") or gap.count("]") > gap.count("["):
                    return None  # "(pop. 22 mn.) largest city": the number sat in brackets
                return _noun_phrase(doc, span.end, head, offset)
        return None

    return find


def _noun_phrase(doc: Doc, first: int, head: Token, offset: int) -> tuple[int, int]:
    """The words from ``first`` to ``head`` when they are a tidy noun phrase, else ``head``
    alone."""
    between = doc[first : head.i + 1]
    tidy = len(between) <= 6 and all(
        t.text in {"-", "\u2011"} or t.is_quote or not t.is_punct for t in between
    )
    tidy = tidy and all(
        t.pos_ not in {"DET", "ADP", "CCONJ", "PRON", "AUX", "NUM"} for t in between
    )
    if tidy:
        words = [t for t in between if not t.is_quote]
        return words[0].idx + offset, head.idx + len(head.text) + offset
    return head.idx + offset, head.idx + len(head.text) + offset
