"""A metadata table beside the texts: title, source, author and date per file, from a CSV.

Data sets ship their catalogue as a spreadsheet: ``metadata.csv`` or ``_metadata.csv`` in the
corpus folder is read without being asked for; another file, or columns with other names, are
named in ``corpus.toml``::

    [table]
    file = "catalogue/articles.csv"          # relative to the corpus folder
    file_column = "filename"                 # the column naming each row's file
    columns = { title = "headline", source = "outlet", date = "published" }
    date_format = "%d/%m/%Y"                 # only when the dates are ambiguous

Columns are found by their usual names when not mapped (``file``/``filename``/``path``;
``title``/``article_title``/``headline``; ``source``/``outlet``/``publication``;
``author``/``byline``; ``date``/``published``/``pub_date``); a row names its file by path
(relative to the corpus folder) or by the file's name without its extension. Slashed dates
("7/10/16") are read day-first or month-first as the column shows (a value over 12 says
which); a column that never shows is ambiguous and needs ``date_format``. The CSV may be
UTF-8 or cp1252. Every problem names the table, and the row or column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from syria_reader.corpus.sanitise import sanitise
from syria_reader.corpus.sources import decode_bytes

#: Tables read without being named in corpus.toml, in this order.
DEFAULT_TABLES: tuple[str, ...] = ("metadata.csv", "_metadata.csv")

_COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "file": ("file", "filename", "filepath", "path", "document", "doc"),
    "title": ("title", "articletitle", "headline", "heading"),
    "source": ("source", "outlet", "publication", "publisher", "sitename", "newspaper", "site"),
    "author": ("author", "authors", "byline", "writer"),
    "date": ("date", "published", "publicationdate", "pubdate", "publishedat", "datepublished"),
}
_ID_COLUMNS = ("id", "docid", "articleid", "unitid")
_SLASHED = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.+Z-]*)?\s*$")


@dataclass(frozen=True)
class MetadataTable:
    """A parsed table: per file (path relative to the corpus), its fields and row number."""

    path: Path | None = None
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    row_numbers: dict[str, int] = field(default_factory=dict)
    by_stem: dict[str, str] = field(default_factory=dict)  # file stem -> key in rows

    def lookup(self, relative: str) -> tuple[dict[str, str], str] | None:
        """The fields of the file at ``relative`` (posix path), and the evidence text."""
        key = relative if relative in self.rows else None
        if key is None:
            stem = relative.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            key = self.by_stem.get(relative.rsplit(".", 1)[0]) or self.by_stem.get(stem)
        if key is None or self.path is None:
            return None
        return self.rows[key], f"{self.path.name} row {self.row_numbers[key]}"


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _find_column(header: list[str], wanted: str, mapped: str | None) -> str | None:
    if mapped:
        return mapped if mapped in header else None
    normal = {_norm(h): h for h in header}
    for name in _COLUMN_NAMES[wanted]:
        if name in normal:
            return normal[name]
    return None


def _two_digit_year(value: int) -> int:
    if value >= 100:
        return value
    pivot = dt.date.today().year % 100
    return 2000 + value if value <= pivot else 1900 + value


def date_order(values: list[str]) -> str | None:
    """``"dmy"`` or ``"mdy"`` as slashed dates in a column show, None when they never show."""
    day_first = month_first = False
    for value in values:
        match = _SLASHED.match(value)
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            day_first = day_first or first > 12
            month_first = month_first or second > 12
    if day_first == month_first:
        return None
    return "dmy" if day_first else "mdy"


def parse_date(value: str, order: str | None, date_format: str | None) -> str | None:
    """An ISO date from a table cell, None when it is not one (or ambiguous)."""
    value = value.strip()
    if not value:
        return None
    if date_format:
        try:
            return dt.datetime.strptime(value, date_format).date().isoformat()
        except ValueError:
            return None
    iso = _ISO.match(value)
    if iso:
        year, month, day = iso.group(1), iso.group(2), iso.group(3)
        try:
            dt.date(int(year), int(month), int(day or 1))
        except ValueError:
            return None
        return f"{year}-{month}-{day}" if day else f"{year}-{month}"
    slashed = _SLASHED.match(value)
    if slashed and order:
        a, b, year = int(slashed.group(1)), int(slashed.group(2)), int(slashed.group(3))
        day, month = (a, b) if order == "dmy" else (b, a)
        try:
            return dt.date(_two_digit_year(year), month, day).isoformat()
        except ValueError:
            return None
    from syria_reader.corpus.bylines import find_date

    return find_date(value)


def load_table(
    folder: Path, settings: dict[str, Any], problems: list[str], where: Path | None
) -> MetadataTable:
    """Read the corpus's metadata table (``settings`` is corpus.toml's ``[table]``, or {})."""
    named = settings.get("file")
    if named is not None and not isinstance(named, str):
        problems.append(f"{where}: table.file must be a string; ignored")
        named = None
    found: Path | None
    if named:
        found = folder / named
        if not found.is_file():
            problems.append(f"{where}: table.file: no file {found}; no metadata table read")
            return MetadataTable()
    else:
        found = next((folder / n for n in DEFAULT_TABLES if (folder / n).is_file()), None)
    if found is None:
        return MetadataTable()
    path = found
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(f"{path}: not readable ({error.strerror}); its metadata is ignored")
        return MetadataTable()
    text, _, problem = decode_bytes(data)
    if problem:
        problems.append(f"{path}: {problem}")
    rows = list(csv.reader(io.StringIO(sanitise(text), newline="")))
    if not rows:
        problems.append(f"{path}: empty; no metadata read from it")
        return MetadataTable()
    header = [h.strip() for h in rows[0]]
    raw_columns = settings.get("columns", {})
    if not isinstance(raw_columns, dict):
        problems.append(f'{where}: table.columns must be a table (title = "..."); ignored')
        raw_columns = {}
    columns: dict[str, str] = {}
    for wanted in ("title", "source", "author", "date"):
        mapped = raw_columns.get(wanted)
        column = _find_column(header, wanted, mapped if isinstance(mapped, str) else None)
        if mapped and column is None:
            problems.append(f"{path}: no column '{mapped}' (table.columns.{wanted}); ignored")
        if column is not None:
            columns[wanted] = column
    file_setting = settings.get("file_column")
    file_column = _find_column(
        header, "file", file_setting if isinstance(file_setting, str) else None
    )
    id_column = None
    if file_column is None:
        normal = {_norm(h): h for h in header}
        id_column = next((normal[n] for n in _ID_COLUMNS if n in normal), None)
    if file_column is None and id_column is None:
        problems.append(
            f"{path}: no column names the files (file, filename or path; or set table.file_column"
            " in corpus.toml); no metadata read from it"
        )
        return MetadataTable()
    key_column = header.index(file_column or id_column or "")
    date_format = settings.get("date_format")
    date_format = date_format if isinstance(date_format, str) else None
    date_index = header.index(columns["date"]) if "date" in columns else None
    order = None
    if date_index is not None and not date_format:
        cells = [r[date_index] for r in rows[1:] if len(r) > date_index]
        order = date_order(cells)
        if order is None and any(_SLASHED.match(c) for c in cells):
            problems.append(
                f"{path}: column '{columns['date']}': day and month order cannot be told apart"
                ' (set table.date_format in corpus.toml, e.g. "%d/%m/%Y"); its slashed dates'
                " are not used"
            )
    table_rows: dict[str, dict[str, str]] = {}
    numbers: dict[str, int] = {}
    by_stem: dict[str, str] = {}
    bad_dates = 0
    for number, row in enumerate(rows[1:], start=2):
        if len(row) <= key_column or not row[key_column].strip():
            continue
        key = row[key_column].strip().replace("\\", "/")
        values: dict[str, str] = {}
        for wanted, column in columns.items():
            index = header.index(column)
            cell = " ".join(row[index].split()) if len(row) > index else ""
            if not cell:
                continue
            if wanted == "date":
                parsed = parse_date(cell, order, date_format)
                if parsed is None:
                    bad_dates += 1
                    continue
                cell = parsed
            values[wanted] = cell
        if key in table_rows:
            continue  # the first row for a file wins
        table_rows[key] = values
        numbers[key] = number
        by_stem.setdefault(key.rsplit(".", 1)[0] if file_column else key, key)
    if bad_dates:
        problems.append(f"{path}: {bad_dates} date cell(s) not read as dates; those rows undated")
    return MetadataTable(path=path, rows=table_rows, row_numbers=numbers, by_stem=by_stem)
