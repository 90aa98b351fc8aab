"""One place where an article's catalogue fields (title, source, author, date) are decided.

Every piece of evidence is a :class:`Candidate`: a value for one field, what kind of
evidence it is, the text it was read from, and whether the program inferred it by rule or
someone stated it. Candidates are weighed in the order they are given (strongest first), and
the first for each field wins; what won is kept as the article's provenance, so the views and
the JSON can say "inferred from the dateline 'Sun 10 Jul 2016'" rather than show a guess as
fact. The order, strongest first (see :func:`syria_reader.corpus.load.articles_from_source`):

1. the user's corrections (``syria-reader meta set``);
2. ``corpus.toml``: the article's entry, then its file's;
3. a metadata table beside the texts (``metadata.csv``, ``_metadata.csv``);
4. what the article's text says (headline, byline, bio, syndication tag, dateline, caption),
   HTML and PDF metadata;
5. what the other articles of the same file say (a newspaper page shares source and date);
6. a date in the file's name or its folders' names;
7. ``corpus.toml``'s ``[defaults]``;
8. for the title, the opening words of the first sentence (marked so).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from syria_reader.models import CATALOGUE_FIELDS, FieldOrigin

#: ``how`` of a title made from the first sentence: the views mark it.
FIRST_SENTENCE = "first sentence"


@dataclass(frozen=True)
class Candidate:
    """One value for one catalogue field, with its evidence."""

    field: str  # one of CATALOGUE_FIELDS
    value: str
    how: str
    evidence: str
    inferred: bool = True


def choose(
    candidates: Iterable[Candidate],
) -> tuple[dict[str, str | None], dict[str, FieldOrigin]]:
    """The first candidate of each field: the values, and where each came from."""
    values: dict[str, str | None] = dict.fromkeys(CATALOGUE_FIELDS)
    origins: dict[str, FieldOrigin] = {}
    for candidate in candidates:
        value = candidate.value.strip() if candidate.value else ""
        if candidate.field not in values or values[candidate.field] or not value:
            continue
        values[candidate.field] = value
        origins[candidate.field] = FieldOrigin(
            candidate.how, _short(candidate.evidence), candidate.inferred
        )
    return values, origins


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stated(fields: dict[str, str], how: str, evidence: str) -> list[Candidate]:
    """Candidates for values someone stated (corpus.toml, a table, a correction)."""
    return [
        Candidate(name, value, how, evidence, inferred=False)
        for name, value in fields.items()
        if name in CATALOGUE_FIELDS
    ]


_MONTH_FOLDER = re.compile(r"^(?:0[1-9]|1[0-2])$")
_YEAR_FOLDER = re.compile(r"^(?:19|20)\d\d$")
_NAME_DATE = re.compile(
    r"(?<![\d])(?P<year>(?:19|20)\d\d)(?P<sep>[-_.]?)(?P<month>0[1-9]|1[0-2])(?P=sep)"
    r"(?P<day>0[1-9]|[12]\d|3[01])(?![\d])"
)


def path_date(path: str) -> Candidate | None:
    """A date written in the file's name ("2015-10-12_report.pdf", "20151012.txt") or in its
    folders' names (".../2015/10/12/...", ".../2015/10/..."), else None."""
    import datetime as dt

    pure = PurePosixPath(path)
    match = _NAME_DATE.search(pure.name)
    if match:
        try:
            value = dt.date(int(match["year"]), int(match["month"]), int(match["day"])).isoformat()
        except ValueError:
            value = None
        if value:
            return Candidate("date", value, "file name", pure.name)
    parts = list(pure.parent.parts)
    for index in range(len(parts) - 1, -1, -1):
        if not _YEAR_FOLDER.match(parts[index]):
            continue
        year = parts[index]
        rest = parts[index + 1 : index + 3]
        if rest and _MONTH_FOLDER.match(rest[0]):
            value = f"{year}-{rest[0]}"
            if len(rest) > 1 and re.fullmatch(r"0[1-9]|[12]\d|3[01]", rest[1]):
                with contextlib.suppress(ValueError):
                    value = dt.date(int(year), int(rest[0]), int(rest[1])).isoformat()
            return Candidate("date", value, "folder name", str(pure.parent))
        return Candidate("date", year, "folder name", str(pure.parent))
    return None
