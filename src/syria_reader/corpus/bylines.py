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
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b(?P<day>[0-3]\d)-(?P<month>[01]\d)-(?P<year>(?:19|20)\d\d)\b"),
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
