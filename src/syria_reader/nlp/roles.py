"""Roles and titles said of a person where they are named (no spaCy).

"the defence minister, Karim Haddad", "Karim Haddad, the group's spokesman,", "Karim Haddad,
52, a former judge" and "Interior Minister Karim Haddad" give the person the roles "defence
minister", "the group's spokesman", "a former judge" and "Interior Minister". A role is kept
as a role, never as an alias: it changes holders.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from syria_reader.nlp.names import TITLE_WORDS

#: Nouns that make a phrase a role, besides the title words ("member", "founder", "CEO").
ROLE_NOUNS = frozenset(
    {
        "member",
        "founder",
        "co-founder",
        "ceo",
        "head",
        "chief",
        "manager",
        "owner",
        "student",
        "teacher",
        "doctor",
        "representative",
        "executive",
        "president",
        "curator",
        "editor",
        "captain",
        "coach",
        "player",
        "singer",
        "actor",
        "actress",
        "artist",
        "photographer",
        "illustrator",
        "politician",
        "councillor",
        "councilor",
        "legislator",
        "lawmaker",
        "defector",
        "victim",
        "witness",
        "resident",
        "father",
        "mother",
        "son",
        "daughter",
        "brother",
        "sister",
        "wife",
        "husband",
    }
    | TITLE_WORDS
)
_AFTER = re.compile(
    r"^,[ \t]+(?:\d{1,3},[ \t]+)?"  # ", 52, "
    r"((?:the|a|an|his|her|its|their)[ \t]+[^,.;:()\[\]\"\u201c\u201d\n]{2,70}?)[ \t]*(?=[,.;)]|$)"
)
_BEFORE = re.compile(r"\b((?:the|a|an)[ \t]+[^,.;:()\[\]\"\u201c\u201d\n]{2,60}?),[ \t]+$")
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w.'\u2019-]*[ \t]+){0,3}[A-Z][a-z]+)[ \t]+$")


_OPENERS = frozenset(
    {
        "though",
        "although",
        "when",
        "while",
        "as",
        "but",
        "and",
        "so",
        "then",
        "now",
        "once",
        "after",
        "before",
        "since",
        "if",
        "meanwhile",
        "however",
        "the",
        "a",
        "an",
        "with",
        "by",
    }
)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam"})


def _words(phrase: str) -> list[str]:
    words = [w.strip(".,'\u2019").lower() for w in phrase.split()]
    return [w[:-2] if w.endswith("'s") else w for w in words]


def _is_role(phrase: str) -> bool:
    """A role after the name: a role noun among its first words ("a member of ...")."""
    words = _words(phrase)
    return 2 <= len(words) <= 9 and any(w in ROLE_NOUNS for w in words[1:4])


def _ends_in_role(phrase: str) -> bool:
    """A role before the name ends in its role noun ("the defence minister, ...")."""
    words = _words(phrase)
    return 2 <= len(words) <= 7 and words[-1] in ROLE_NOUNS


def roles_near(text: str, start: int, end: int) -> list[str]:
    """The roles an apposition or a title gives the person named at ``text[start:end]``."""
    found: list[str] = []
    after = _AFTER.match(text[end : end + 90])
    if after and _is_role(after.group(1)):
        found.append(after.group(1).strip())
    window = text[max(0, start - 80) : start]
    before = _BEFORE.search(window)
    while before and not _ends_in_role(before.group(1)):
        # "met the new defence minister, X": try the shortest phrase ending at the comma
        inner = _BEFORE.search(window, before.start(1) + 1)
        before = inner if inner and inner.start() > before.start() else None
    if before:
        found.append(before.group(1).strip())
    title = _TITLE_BEFORE.search(window)
    if title:
        words = title.group(1).split()
        while words and words[0].lower().strip(".,") in _OPENERS:
            words.pop(0)  # "Though Russian President Vladimir Putin"
        if len(words) == 1 and words[0].lower().strip(".") in _HONORIFICS:
            words = []  # "Mr Carter": a form of address, not a role
        if words and words[-1].lower().strip(".") in TITLE_WORDS:
            found.append(" ".join(words))
    return found


def ranked_roles(roles: Iterable[str], limit: int = 6) -> list[str]:
    """Distinct roles, most often seen first (case and a leading article aside)."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for role in roles:
        key = re.sub(r"^(?:the|a|an)\s+", "", role.lower()).strip()
        if key:
            counts[key] += 1
            shown.setdefault(key, role)
    return [shown[key] for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]
