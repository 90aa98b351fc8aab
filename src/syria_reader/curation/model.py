"""Corrections as plain data: what each one says, and how it is written back to the file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from syria_reader.models import ENTITY_KINDS

#: Every operation a correction can make, in the words the file uses.
OPERATIONS: tuple[str, ...] = (
    "merge",
    "split",
    "rename",
    "kind",
    "hide",
    "hide-mention",
    "alias",
    "link",
    "reject",
)

#: Friendly kind names accepted wherever a kind is given, each to the one label it stands for.
KIND_WORDS: dict[str, str] = {
    "person": "PERSON",
    "people": "PERSON",
    "org": "ORG",
    "organisation": "ORG",
    "organization": "ORG",
    "group": "ORG",
    "place": "GPE",
    "country": "GPE",
    "city": "GPE",
    "location": "LOC",
    "nationality": "NORP",
    "facility": "FAC",
    "event": "EVENT",
}


def parse_kind(word: str) -> str | None:
    """The entity kind a word names (``person``, ``ORG``, ``gpe``...), or None."""
    upper = word.strip().upper()
    if upper in ENTITY_KINDS:
        return upper
    return KIND_WORDS.get(word.strip().lower())


@dataclass(frozen=True)
class MentionRef:
    """One place in one article: a mention to hide, or an untagged occurrence to link or reject."""

    article: str
    start: int
    text: str

    @property
    def end(self) -> int:
        """Where the referenced text ends, if it is still where it was."""
        return self.start + len(self.text)

    def to_toml(self) -> dict[str, Any]:
        """The inline table this reference is written as."""
        return {"article": self.article, "start": self.start, "text": self.text}


@dataclass(frozen=True)
class Correction:
    """One correction of the entity index, keyed by names, never by index ids.

    Which fields are used depends on ``op``: merge uses ``names`` (and ``as_name``); split and
    alias use ``name`` and ``alias``; rename ``name`` and ``to``; kind ``name`` and ``kind``;
    hide ``name``; hide-mention, link and reject ``name`` and ``mentions``. ``corpus`` limits
    it to one corpus folder. ``position`` is its 1-based place among the file's corrections,
    ``line`` the line of its ``[[correction]]`` header.
    """

    op: str
    name: str = ""
    names: tuple[str, ...] = ()
    as_name: str | None = None
    alias: str = ""
    to: str = ""
    kind: str = ""
    mentions: tuple[MentionRef, ...] = ()
    corpus: str | None = None
    position: int = 0
    line: int = 0

    @property
    def subjects(self) -> tuple[str, ...]:
        """The names this correction is about."""
        return self.names if self.op == "merge" else (self.name,)

    def describe(self) -> str:
        """One line saying what the correction does."""
        if self.op == "merge":
            names = ", ".join(f'"{n}"' for n in self.names)
            return f"merge {names}" + (f' as "{self.as_name}"' if self.as_name else "")
        if self.op == "split":
            return f'split "{self.alias}" out of "{self.name}"'
        if self.op == "rename":
            return f'rename "{self.name}" to "{self.to}"'
        if self.op == "kind":
            return f'make "{self.name}" a {self.kind}'
        if self.op == "hide":
            return f'hide "{self.name}"'
        if self.op == "alias":
            return f'add the alias "{self.alias}" to "{self.name}"'
        count = len(self.mentions)
        where = (
            f'"{self.mentions[0].text}" in {self.mentions[0].article}'
            if count == 1
            else f"{count} places"
        )
        if self.op == "hide-mention":
            return f'hide the mention {where} of "{self.name}"'
        if self.op == "link":
            return f'link {where} to "{self.name}"'
        return f'reject {where} as mentions of "{self.name}"'

    def to_toml(self) -> dict[str, Any]:
        """The table this correction is written as (keys in the order a person reads them)."""
        table: dict[str, Any] = {"op": self.op}
        if self.op == "merge":
            table["names"] = list(self.names)
            if self.as_name:
                table["as"] = self.as_name
        else:
            table["name"] = self.name
        if self.op in ("split", "alias"):
            table["alias"] = self.alias
        elif self.op == "rename":
            table["to"] = self.to
        elif self.op == "kind":
            table["kind"] = self.kind
        elif self.op in ("hide-mention", "link", "reject"):
            table["mentions"] = [m.to_toml() for m in self.mentions]
        if self.corpus:
            table["corpus"] = self.corpus
        return table
