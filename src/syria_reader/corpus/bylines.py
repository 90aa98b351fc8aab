"""Recognise the lines that say who wrote an article, for whom, and when.

- a byline: "By Juan Cole | (Informed Comment)", "By Jane Smith, Reuters";
- a syndication tag opening the first paragraph: "(MENAFN- The Journal Of Turkish Weekly) ...";
- an author's bio: "Ed Blanche is the Analysis section editor of The Arab Weekly.";
- a dateline or a date: "Sunday 1 Feb 2015", "October 12, 2015", "Published 2016-07-10".

These are facts about the article, not its text: the cleaner takes bylines, datelines and
syndication tags out of the body and keeps them for :mod:`syria_reader.corpus.metadata`.
A bio stays in the body (the publication printed it) and is also read for metadata.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_NAME = (
    r"[A-Z][\w.'’-]*(?:\s+(?:(?:al|el|bin|ibn|van|von|de|da|di|du|le|la)[-\s])?[A-Z][\w.'’-]*){0,3}"
)
_BYLINE = re.compile(
    rf"^(?i:by|written by|posted by|words by|reported by)\s+(?P<name>{_NAME}(?:\s+and\s+{_NAME})?)"
    r"\s*(?P<rest>(?:[|,(—–-].*)?)$"
)
_SYNDICATION = re.compile(
    r"^\(\s*(?P<provider>[A-Z][A-Za-z]{1,20})\s*[-–—:]\s*(?P<source>[^()]{2,80}?)\s*\)\s*"
)
_ORG = r"(?:[Tt]he\s+)?[A-Z][\w&'’.-]*(?:\s+(?:(?:of|the|for|and|on|&)\s+)*[A-Z][\w&'’.-]*){0,6}"
_BIO = re.compile(
    rf"^(?P<name>{_NAME})\s+is\s+(?:a|an|the)\b[^.]{{0,120}}?\b(?:editor|correspondent|reporter|columnist"
    r"|writer|contributor|analyst|journalist|producer|chief|director|fellow|professor|researcher|author"
    rf"|commentator|blogger|publisher|founder)s?\b[^.]{{0,60}}?\s(?:of|for|at|with)\s+(?P<org>{_ORG})"
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    # A day run into its year by a flattened page: "Aug 012016".
    re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]\d)(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)-(?P<month>[01]\d)-(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\d)"),
]
_DATELINE_WORDS = re.compile(
    r"\b(?:published|publication|of|updated|posted|last|modified|on|at|am|pm|gmt|utc|edt|est|bst|cet|time|date"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b"
    r"|[\d:.,/|()\-–—]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Byline:
    """What a byline says: the author and, where named, the publication."""

    author: str | None
    source: str | None


def parse_byline(text: str) -> Byline | None:
    """Read a byline block ("By Juan Cole | (Informed Comment) | ..."); None if it is not one."""
    text = text.strip()
    if len(text.split()) > 20:
        return None
    match = _BYLINE.match(text)
    if not match or match.group("name").split()[0].lower() in {"the", "a", "an", "this", "that"}:
        return None
    author = match.group("name").strip()
    source = None
    rest = match.group("rest") or ""
    for piece in re.split(r"[|]", rest):
        piece = piece.strip(" ,()—–-\t")
        if piece and re.search(r"[A-Za-z]{2,}", piece) and not find_date(piece):
            source = piece
            break
    return Byline(author=author, source=source)


def split_syndication(text: str) -> tuple[str, str] | None:
    """A leading "(PROVIDER- Source)" tag: ``(source, text without the tag)``, else None."""
    match = _SYNDICATION.match(text)
    if not match:
        return None
    return match.group("source").strip(), text[match.end() :]


def parse_bio(text: str) -> Byline | None:
    """An author's bio ("Ed Blanche is the ... editor of The Arab Weekly."): author and source."""
    if len(text.split()) > 80:
        return None
    match = _BIO.match(text.strip())
    if not match:
        return None
    org = re.split(r"\.\s", match.group("org"))[
        0
    ]  # "The Arab Weekly. He has..." ends at the full stop
    org = re.sub(r"[.’']+$", "", org).strip()
    return Byline(author=match.group("name").strip(), source=org or None)


def find_date(text: str) -> str | None:
    """The first full calendar date written in ``text``, as ISO ``YYYY-MM-DD``; None if none."""
    best: tuple[int, str] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            month = match.group("month")
            number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
            try:
                date = dt.date(int(match.group("year")), number, int(match.group("day")))
            except ValueError:
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), date.isoformat())
            break
    return best[1] if best else None


def strip_leading_dateline(text: str) -> str:
    """``text`` without a date (and words such as "Published", a weekday) it opens with."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text[:60]):
            if not _DATELINE_WORDS.sub(" ", text[: match.start()]).strip():
                rest = text[match.end() :]
                return _LEADING_DATELINE_PUNCTUATION.sub("", rest) or text
            break
    return text


_LEADING_DATELINE_PUNCTUATION = re.compile(r"^[\s:.,|\-–—]+")


def is_dateline(text: str) -> bool:
    """A block that is only a date, with words such as "Published" or a time around it."""
    if len(text) > 80 or not find_date(text):
        return False
    rest = text
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = _DATELINE_WORDS.sub(" ", rest)
    return not rest.strip()


_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri"
    r"|sat|sun)\.?,?"
)
_LEAD_WORDS = re.compile(
    r"^\s*(?:print this (?:page|article)\s+)?(?:(?:date of publication|publication date"
    r"|published(?: on| at)?|posted(?: on| at)?"
    rf"|(?:last )?updated(?: on| at)?|first published(?: on| at)?)\s*:?\s*)?(?:{_WEEKDAY}\s+)?$",
    re.IGNORECASE,
)
_LEAD_TAIL = re.compile(
    r"^(?:\s*,?\s*\d{1,2}[:.]?\d\d(?:[:.]?\d\d)?(?:\s*[ap]\.?m\.?)?(?:\s*(?-i:GMT|UTC|[A-Z]{2,4}\b(?!\s+[a-z])))?(?![\w.:]))?"
    r"(?:\s*\((?:updated|last updated|modified)[^()]{0,40}\))?"
    r"(?:\s*\|)?(?:\s*Get short URL(?:\s+\d+){0,3})?",
    re.IGNORECASE,
)
_POSTED_BY = re.compile(rf"^\s*by\s+(?P<name>{_NAME})\s+(?=[A-Z0-9\"“])")


def split_leading_dateline(text: str) -> tuple[str, str, str | None] | None:
    """A dateline run into the start of a block: ``(dateline, rest, author)``, else None.

    "Last updated at Aug 012016 BEIRUT ...", "19.07.2016(updated 1457 19.07.2016) Get short URL
    0 46 ...", "Sun 10 Jul 2016 29 Syria Rebels ...", "Posted on July 12 2016 by Jane Doe ...".
    Only a date opening the block, with nothing but dateline words before it, and the rest
    starting like a new sentence (a capital, a digit or a quote: not ", Russian jets").
    """
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text, 0, 80)
        if match is None or not _LEAD_WORDS.match(text[: match.start()]):
            continue
        tail = _LEAD_TAIL.match(text[match.end() :])
        end = match.end() + (tail.end() if tail else 0)
        author = None
        posted = _POSTED_BY.match(text[end:])
        if posted:
            author = posted.group("name")
            end += posted.end()
        rest = text[end:].lstrip(" :|-–—")
        if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'"):
            return None
        return text[:end].strip(), rest, author
    return None


#: A news agency's credit run onto the end of a story: "... a monitor said.--AFP".
_AGENCY_CREDIT = re.compile(
    r"(?<=[.!?”\"])\s*(?:-{1,2}|–|—)\s*\(?(?:AFP|Reuters|AP|AA|dpa|DPA|Xinhua|IRNA|ANI|UPI|TASS|"
    r"RIA Novosti|SANA|KUNA|WAM|MENA|Anadolu|Agencies|agencies)\)?\s*$"
)


def strip_agency_credit(text: str) -> str:
    """``text`` without an agency credit run onto its end ("said.--AFP" becomes "said.")."""
    return _AGENCY_CREDIT.sub("", text)


_NOTICE_SOURCE = [
    # "Middle East Eye delivers independent and unrivalled coverage ..."
    re.compile(
        rf"^(?P<org>{_ORG}) (?:delivers|provides|publishes|brings you|offers|is an? (?:independent"
        r"|leading|online|digital|news)\b)"
    ),
    # "© 2015 Middle East Eye", "Copyright (c) 2016 Al-Ahram Weekly. All rights reserved"
    re.compile(
        rf"^(?i:©|\(c\)|copyright)\s*(?i:©|\(c\))?\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?"
        rf"\s*,?\s*(?P<org>{_ORG})"
    ),
]
_NOT_PUBLICATIONS = frozenset({"we", "this", "all", "the", "our", "you", "it", "copyright"})


def notice_source(text: str) -> str | None:
    """The publication a site notice names as itself ("© 2015 Middle East Eye"), else None."""
    if len(text.split()) > 80:
        return None
    for pattern in _NOTICE_SOURCE:
        match = pattern.match(text.strip())
        if match:
            org = re.split(r"\.\s", match.group("org"))[0]
            org = re.sub(r"[.’',]+$", "", org).strip()
            if org and org.split()[0].lower() not in _NOT_PUBLICATIONS:
                return org
    return None


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "a", "an", "by"})


def publication_case(name: str) -> str:
    """A publication's name in headline case: "The Journal Of Turkish Weekly" becomes
    "The Journal of Turkish Weekly" (small words inside a name are lower case)."""
    words = name.split()
    return " ".join(
        w.lower() if i and w.lower() in _SMALL_WORDS and w[:1].isupper() and w[1:].islower() else w
        for i, w in enumerate(words)
    )


_AGENCY_END = re.compile(r"\s+(?:AFP|Reuters|AP|dpa|Xinhua|IRNA|ANI|UPI|TASS|SANA|Anadolu)$")
_HEADLINE_PROSE = frozenset(
    ["the", "a", "an", "was", "were", "is", "are", "has", "have", "had", "been", "said", "says"]
)


def split_headline_dateline(text: str) -> tuple[str, str, str] | None:
    """A headline, then a dateline, run into one block: ``(headline, dateline, rest)``.

    "9 dead as new Islamist alliance attacks Syrias Aleppo Monitor AFP Thursday 2 Jul 2015 At
    least nine people ...": the words before a date in the block's first 160 characters are a
    headline when they are 3 to 20 words, with no sentence end and little running prose, and
    the rest after the dateline starts a sentence. An agency's name closing the headline
    (a credit) is left out of it.
    """
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text, 0, 160)
        if match is None:
            continue
        before = text[: match.start()]
        weekday = re.search(rf"(?:{_WEEKDAY}\s+)$", before, re.IGNORECASE)
        head = before[: weekday.start()] if weekday else before
        head = head.strip(" ,|-–—")
        words = head.split()
        if not 3 <= len(words) <= 20 or re.search(r"[.!?]\s", head) or head.endswith((".", ",")):
            return None
        if not (head[:1].isupper() or head[:1].isdigit()):
            return None
        prose = sum(w.lower() in _HEADLINE_PROSE for w in words)
        capitals = sum(w[:1].isupper() or w[:1].isdigit() for w in words) / len(words)
        if prose > 1 or (prose and capitals < 0.6):
            return None
        lead = split_leading_dateline(text[weekday.start() if weekday else match.start() :])
        if lead is None or lead[2]:
            return None
        return _AGENCY_END.sub("", head), lead[0], lead[1]
    return None
