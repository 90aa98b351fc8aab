"""The alias gazetteer: knowledge-only names of one thing (Daesh = ISIS = Islamic State).

The shipped ``data/gazetteer.toml`` is extended by the user's ``gazetteer.toml`` in the config
dir. A broken user file is reported in :attr:`Gazetteer.problems` (naming the file and the
key) and the shipped entries still load. :meth:`Gazetteer.find` locates aliases in text for
the linker and the rule-based extractor; :meth:`Gazetteer.lookup` resolves one surface form.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

from syria_reader import paths
from syria_reader.models import ENTITY_KINDS
from syria_reader.nlp.function_words import FUNCTION_WORDS
from syria_reader.nlp.names import (
    GENERIC_WORDS,
    MONTHS,
    TITLE_WORDS,
    WEEKDAYS,
    fold,
    fold_same_length,
    name_key,
)

#: Words that may stand capitalised right before or after a place name without being part of it.
_NEIGHBOUR_OK = FUNCTION_WORDS | frozenset(
    [
        "outside",
        "inside",
        "beyond",
        "behind",
        "toward",
        "towards",
        "upon",
        "say",
    ]
)


@dataclass(frozen=True)
class GazetteerEntry:
    """One thing with its canonical name, kind and other names."""

    name: str
    kind: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class GazetteerMatch:
    """An alias found in text: character offsets and the entry it names."""

    start: int
    end: int
    entry: GazetteerEntry


def _exact_case(alias: str) -> bool:
    """Short aliases and aliases in capitals match only as written ("IS", "US", "DoD")."""
    letters = [c for c in alias if c.isalpha()]
    return len(letters) <= 3 or all(c.isupper() for c in letters)


# Words of text for alias matching: dotted acronyms ("U.S."), or letters and digits with inner
# apostrophes ("Da'ish"), never a final possessive ("Russia's" -> "Russia"). Hyphens split words,
# so "anti-ISIS" holds "ISIS" and "al-Nusra" is "al" + "Nusra".
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:'(?!s\b)[^\W_]+)*")


def _word_forms(word: str) -> tuple[str, str]:
    """(loose form, exact form) of one word: apostrophes and dots dropped; lowercased or not."""
    plain = word.replace("'", "").replace(".", "")
    return plain.lower(), plain


def _alias_words(alias: str) -> list[tuple[str, str]]:
    return [_word_forms(m.group(0)) for m in _WORD.finditer(fold(alias))]


@dataclass
class Gazetteer:
    """Every known alias, the user's ignore list, a fingerprint of the files, and problems."""

    entries: list[GazetteerEntry]
    ignore: frozenset[str] = frozenset()  # name keys never listed as entities
    fingerprint: str = ""
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # the lookup tables are built on first use: a warm start needs only the fingerprint
        self._built = False

    def _build(self) -> None:
        self._built = True
        self._by_exact: dict[str, GazetteerEntry] = {}
        self._by_key: dict[str, GazetteerEntry] = {}
        # Aliases indexed by their words: loose words -> [(exact words or None, entry)].
        self._index: dict[tuple[str, ...], list[tuple[tuple[str, ...] | None, GazetteerEntry]]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._first_words: set[str] = set()  # the loose first word of every alias
        for entry in self.entries:
            spellings = [*entry.names, *(a.replace("'s", "s") for a in entry.names if "'s" in a)]
            for alias in spellings:
                words = _alias_words(alias)
                if not words:
                    continue
                loose = tuple(w[0] for w in words)
                exact = tuple(w[1] for w in words) if _exact_case(alias) else None
                if exact is not None:
                    self._by_exact[fold(alias).replace(".", "")] = entry
                else:
                    self._by_key.setdefault(name_key(alias).replace("-", " "), entry)
                self._index.setdefault(loose, []).append((exact, entry))
                for n in range(1, len(loose) + 1):
                    self._prefixes.add(loose[:n])
                self._first_words.add(loose[0])

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """The entry one surface form names ("Daesh", "the U.S.", "al-Raqqa"), or None."""
        if not self._built:
            self._build()
        plain = fold(surface).strip(" .,;:'\"")
        if plain[:4].lower() == "the ":
            plain = plain[4:]
        if plain.endswith("'s"):
            plain = plain[:-2]
        hit = self._by_exact.get(plain.replace(".", ""))
        if hit is not None:
            return hit
        if not any(c.isupper() for c in plain):
            return None
        key = name_key(plain).replace("-", " ")
        hit = self._by_key.get(key)
        if hit is None and _exact_case(plain) is False:
            hit = self._by_key.get(key.replace("'", ""))
        return hit

    def find(self, text: str, whole_names: bool = True) -> list[GazetteerMatch]:
        """Every alias in ``text``, longest first where they overlap, with offsets into ``text``.

        Skipped: a short capitals alias inside text written in capitals ("IS" in "WHAT IS"), a
        match with no capital letter, and a name that is only part of a longer capitalised name
        ("America" in "Latin America"; ``whole_names=False`` keeps those).
        """
        if not self._built:
            self._build()
        folded = fold_same_length(text)
        # Most words begin no alias: only those that do are looked at further, and the words
        # after them worked out as they are needed (a corpus is millions of words).
        raw: list[str] = _WORD.findall(folded)
        firsts = self._first_words
        starts = [
            i
            for i, word in enumerate(raw)
            if word.lower() in firsts
            or (("'" in word or "." in word) and _word_forms(word)[0] in firsts)
        ]
        if not starts:
            return []
        spans = [m.span() for m in _WORD.finditer(folded)]
        words: dict[int, tuple[int, int, str, str]] = {}

        def word_at(j: int) -> tuple[int, int, str, str]:
            if j not in words:
                words[j] = (*spans[j], *_word_forms(raw[j]))
            return words[j]

        found: list[GazetteerMatch] = []
        matched_to = -1  # where the last match ended: words before it are inside it
        for i in starts:
            if spans[i][0] < matched_to:
                continue
            # Grow the name word by word while it is the beginning of some alias.
            lengths = []
            key: tuple[str, ...] = ()
            for j in range(i, len(raw)):
                if j > i and folded[spans[j - 1][1] : spans[j][0]].strip(" \t\n-'"):
                    break  # only spaces or hyphens between the words of one name
                key = (*key, word_at(j)[2])
                if key not in self._prefixes:
                    break
                if key in self._index:
                    lengths.append(j - i + 1)
            for length in reversed(lengths):
                match = self._accept(
                    folded, [word_at(k) for k in range(i, i + length)], whole_names
                )
                if match:
                    found.append(match)
                    matched_to = match.end
                    break
        return found

    def _accept(self, folded: str, span: list, whole_names: bool) -> GazetteerMatch | None:
        """The match for these words, if their case and neighbours allow one."""
        start, end = span[0][0], span[-1][1]
        if not any(c.isupper() for c in folded[start:end]):
            return None
        exact_words = tuple(w[3] for w in span)
        for exact, entry in self._index[tuple(w[2] for w in span)]:
            if exact is not None:
                if exact != exact_words or _in_capitals(folded, start, end):
                    continue
            elif whole_names and self._inside_longer_name(folded, start, end):
                continue
            return GazetteerMatch(start, end, entry)
        return None

    def part_of_longer_name(self, text: str, match: GazetteerMatch) -> bool:
        """Whether a match from ``find(text, whole_names=False)`` is glued into a longer name."""
        folded = fold_same_length(text[max(0, match.start - 40) : match.end + 40])
        shift = max(0, match.start - 40)
        if _exact_case(text[match.start : match.end]):
            return False
        return self._inside_longer_name(folded, match.start - shift, match.end - shift)

    def _inside_longer_name(self, text: str, start: int, end: int) -> bool:
        """Whether a match is glued to a capitalised word that is not itself a known name.

        A neighbour that is a known name ("Homs Hama and Aleppo" in comma-less text) does not
        make the match part of a longer one.
        """
        for word in _neighbour_words(text, start, end):
            if _part_of_name(word) and self.lookup(word) is None:
                return True
        return False


def _neighbour_words(text: str, start: int, end: int) -> tuple[str, str]:
    before = re.search(r"([\w'.-]+)[ \t]+$", text[max(0, start - 40) : start])
    after = re.match(r"[ \t]+([\w'.-]+)", text[end : end + 40])
    return (before.group(1) if before else "", after.group(1) if after else "")


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether the words around a match are written in capitals too (a shouted headline)."""
    before, after = _neighbour_words(text, start, end)
    shouted = [w for w in (before, after) if sum(c.isalpha() for c in w) >= 2]
    return bool(shouted) and all(w.isupper() for w in shouted)


def _part_of_name(word: str) -> bool:
    bare = word.strip(".'-").lower()
    return bool(word[:1].isupper()) and not (
        bare in _NEIGHBOUR_OK
        or bare in GENERIC_WORDS
        or bare in TITLE_WORDS
        or bare in MONTHS
        or bare in WEEKDAYS
    )


def _shipped_text() -> str:
    return (
        resources.files("syria_reader").joinpath("data/gazetteer.toml").read_text(encoding="utf-8")
    )


def _user_path(user_file: Path | None) -> Path:
    return user_file if user_file is not None else paths.config_dir() / "gazetteer.toml"


def _user_bytes(path: Path, problems: list[str]) -> bytes | None:
    """The user file's bytes; None if there is none, empty (and a problem) if it cannot be read."""
    if not path.exists():
        return None
    try:
        return path.read_bytes()
    except OSError as error:
        problems.append(f"{path}: not read, its aliases are not used: {error}")
        return b""


def _fingerprint(shipped_text: str, user_raw: bytes | None) -> str:
    digest = hashlib.sha256(shipped_text.encode("utf-8"))
    if user_raw is not None:
        digest.update(b"\0user\0" + user_raw)
    return digest.hexdigest()[:16]


def gazetteer_fingerprint(user_file: Path | None = None) -> str:
    """The fingerprint :func:`load_gazetteer` would give, from the files' bytes alone (nothing
    parsed)."""
    return _fingerprint(_shipped_text(), _user_bytes(_user_path(user_file), []))


def _read_toml_text(text: str, label: str, problems: list[str]) -> dict | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(f"{label}: not read, its aliases are not used: {error}")
        return None


def _entity_lines(raw: bytes | None) -> list[int]:
    """The line of each ``[[entity]]`` header of a gazetteer file, in order (for messages)."""
    if not raw:
        return []
    text = raw.decode("utf-8-sig", errors="replace")
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().replace(" ", "") == "[[entity]]"
    ]


def _entries_from(
    data: dict, label: str, problems: list[str], lines: list[int] | None = None
) -> tuple[list[GazetteerEntry], list[str]]:
    """Validated entries and ignore-list names of one parsed file; bad parts become problems,
    naming the entry's line when ``lines`` (of its ``[[entity]]`` headers) are known."""
    entries: list[GazetteerEntry] = []
    for key in sorted(set(data) - {"entity", "ignore"}):
        problems.append(f"{label}: unknown key '{key}' ignored")
    raw_entities = data.get("entity", [])
    if not isinstance(raw_entities, list):
        problems.append(f"{label}: 'entity' must be an array of tables ([[entity]]); ignored")
        raw_entities = []
    for number, raw in enumerate(raw_entities, start=1):
        line = f", line {lines[number - 1]}" if lines and number <= len(lines) else ""
        where = f"{label}{line}: entity {number}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: not a table; skipped")
            continue
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}: 'name' must be a non-empty string; skipped")
            continue
        where = f"{where} ('{name.strip()}')"
        kind = raw.get("kind", "ORG")
        if not isinstance(kind, str) or kind.upper() not in ENTITY_KINDS:
            problems.append(f"{where}: 'kind' must be one of {', '.join(ENTITY_KINDS)}; skipped")
            continue
        aliases = raw.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(f"{where}: 'aliases' must be a list of strings; skipped")
            continue
        for extra in sorted(set(raw) - {"name", "kind", "aliases"}):
            problems.append(f"{where}: unknown key '{extra}' ignored")
        clean = tuple(
            dict.fromkeys(a.strip() for a in aliases if a.strip() and a.strip() != name.strip())
        )
        entries.append(GazetteerEntry(name=name.strip(), kind=kind.upper(), aliases=clean))
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(i, str) for i in ignore):
        problems.append(f"{label}: 'ignore' must be a list of strings; ignored")
        ignore = []
    return entries, ignore


def _merge(
    shipped: list[GazetteerEntry], user: list[GazetteerEntry], label: str, problems: list[str]
) -> list[GazetteerEntry]:
    """User entries add aliases to (and may re-kind) shipped ones of the same name, or are new.

    One alias names one thing: an alias a user entry claims is taken from the shipped entry
    that had it, and the move is reported.
    """
    merged: dict[str, GazetteerEntry] = {name_key(e.name): e for e in shipped}
    for entry in user:
        key = name_key(entry.name)
        old = merged.get(key)
        if old is None:
            merged[key] = entry
        else:
            merged[key] = GazetteerEntry(
                old.name, entry.kind, tuple(dict.fromkeys((*old.aliases, *entry.aliases)))
            )
    claimed = {name_key(alias): name_key(e.name) for e in user for alias in e.names}
    result: list[GazetteerEntry] = []
    for key, entry in merged.items():
        kept = []
        for alias in entry.aliases:
            owner = claimed.get(name_key(alias), key)
            if owner == key:
                kept.append(alias)
            else:
                problems.append(
                    f"{label}: alias '{alias}' now names '{merged[owner].name}', not '{entry.name}'"
                )
        result.append(GazetteerEntry(entry.name, entry.kind, tuple(kept)))
    return result


def _user_data(raw: bytes, path: Path, problems: list[str]) -> dict | None:
    """The parsed user file, or None (with the reason in ``problems``) if it is not UTF-8 TOML."""
    if not raw:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(f"{path}: not UTF-8, its aliases are not used: {error}")
        return None
    return _read_toml_text(text, str(path), problems)


def load_gazetteer(user_file: Path | None = None) -> Gazetteer:
    """The shipped gazetteer extended by the user's file (``<config dir>/gazetteer.toml`` by
    default).

    A missing user file is fine; an unreadable or invalid one is reported in ``problems``,
    entry by entry where possible, and everything valid still loads.
    """
    problems: list[str] = []
    shipped_text = _shipped_text()
    data = _read_toml_text(shipped_text, "shipped gazetteer", problems)
    shipped, shipped_ignore = _entries_from(data or {}, "shipped gazetteer", problems)
    path = _user_path(user_file)
    raw = _user_bytes(path, problems)
    user_data = _user_data(raw, path, problems) if raw is not None else None
    user_entries, user_ignore = (
        _entries_from(user_data, str(path), problems, _entity_lines(raw))
        if user_data is not None
        else ([], [])
    )
    entries = _merge(shipped, user_entries, str(path), problems)
    ignore = frozenset(name_key(n) for n in (*shipped_ignore, *user_ignore))
    return Gazetteer(
        entries=entries,
        ignore=ignore,
        fingerprint=_fingerprint(shipped_text, raw),
        problems=problems,
    )
