"""Merge a JSON export of notes and bookmarks back into the store, without duplicates.

Entries keep their ids and times, so exporting and importing again is lossless and importing
the same file twice adds nothing. An entry that is not well formed is reported and skipped;
the rest are still imported. A file that is not an export at all raises ``ImportFormatError``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeGuard, TypeVar

from syria_reader.notes.anchors import Anchor
from syria_reader.notes.store import Bookmark, Note, NotesStore, now_iso

EXPORT_FORMAT = "syria-reader-notes"
EXPORT_VERSION = 1


class ImportFormatError(ValueError):
    """The data is not a notes export at all (one line: what is wrong)."""


@dataclass
class ImportReport:
    """What an import did."""

    added: int = 0
    skipped_duplicates: int = 0
    problems: list[str] = field(default_factory=list)


class _BadEntry(ValueError):
    pass


def import_json(store: NotesStore, data: Any) -> ImportReport:
    """Merge exported notes and bookmarks (the object of ``notes export --format json``) into the
    store."""
    if not isinstance(data, dict):
        raise ImportFormatError(
            f"expected a JSON object with 'notes' and 'bookmarks', found {_kind(data)}"
        )
    if "format" in data and data["format"] != EXPORT_FORMAT:
        raise ImportFormatError(f"'format' is {data['format']!r}, not {EXPORT_FORMAT!r}")
    if "notes" not in data and "bookmarks" not in data:
        raise ImportFormatError("no 'notes' or 'bookmarks' list: not a syria-reader notes export")
    for key in ("notes", "bookmarks"):
        if key in data and not isinstance(data[key], list):
            raise ImportFormatError(f"'{key}' must be a list, found {_kind(data[key])}")

    report = ImportReport()
    _merge_entries(data.get("notes", []), "notes", _note, store.merge_note, report)
    _merge_entries(data.get("bookmarks", []), "bookmarks", _bookmark, store.merge_bookmark, report)
    return report


_Item = TypeVar("_Item", Note, Bookmark)


def _merge_entries(
    entries: list[Any],
    key: str,
    parse: Callable[[Any], _Item],
    merge: Callable[[_Item], bool],
    report: ImportReport,
) -> None:
    """Parse and merge the entries of one list of an export, counting into ``report``."""
    for position, entry in enumerate(entries):
        try:
            item = parse(entry)
        except _BadEntry as problem:
            report.problems.append(f"{key}[{position}]: {problem}; skipped")
            continue
        if merge(item):
            report.added += 1
        else:
            report.skipped_duplicates += 1


def _note(entry: Any) -> Note:
    if not isinstance(entry, dict):
        raise _BadEntry(f"expected an object, found {_kind(entry)}")
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _BadEntry("'text' must be a non-empty string")
    entity = _optional_str(entry, "entity")
    anchor = _anchor(entry) if entry.get("article") is not None else None
    if anchor is None and not entity:
        raise _BadEntry("a note needs an 'article' (with its 'quote') or an 'entity'")
    created = _timestamp(entry, "created")
    updated = _timestamp(entry, "updated", default=created)
    return Note(_id(entry), anchor, text, entity or None, created, updated)


def _bookmark(entry: Any) -> Bookmark:
    if not isinstance(entry, dict):
        raise _BadEntry(f"expected an object, found {_kind(entry)}")
    return Bookmark(_id(entry), _anchor(entry), _timestamp(entry, "created"))


def _anchor(entry: dict[str, Any]) -> Anchor:
    article = entry.get("article")
    if not isinstance(article, str) or not article:
        raise _BadEntry("'article' must be an article id")
    quote = entry.get("quote")
    if not isinstance(quote, str) or not quote:
        raise _BadEntry("'quote' must be the quoted passage")
    start, end = entry.get("start"), entry.get("end")
    if start is None and end is None:
        start, end = 0, len(quote)  # offsets unknown: resolving searches for the quote
    if not (_is_int(start) and _is_int(end) and 0 <= start <= end):
        raise _BadEntry("'start' and 'end' must be offsets (integers, start <= end)")
    title = _optional_str(entry, "anchor_title") or _optional_str(entry, "title")
    return Anchor(
        article_id=article,
        article_path=_optional_str(entry, "path"),
        article_sha256=_optional_str(entry, "sha256"),
        start=start,
        end=end,
        quote=quote,
        prefix=_optional_str(entry, "prefix"),
        suffix=_optional_str(entry, "suffix"),
        article_title=title,
    )


def _id(entry: dict[str, Any]) -> str:
    value = entry.get("id")
    if value is None:
        return str(uuid.uuid4())
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise _BadEntry(f"'id' {str(value)[:40]!r} is not a UUID") from None


def _timestamp(entry: dict[str, Any], key: str, default: str | None = None) -> str:
    value = entry.get(key)
    if value is None:
        return default or now_iso()
    if not isinstance(value, str):
        raise _BadEntry(f"'{key}' must be an ISO 8601 timestamp")
    try:
        # Python 3.10's fromisoformat does not take the "Z" suffix.
        datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        raise _BadEntry(f"'{key}' {value[:40]!r} is not an ISO 8601 timestamp") from None
    return value


def _optional_str(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _BadEntry(f"'{key}' must be a string")
    return value


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        type(None): "null",
        bool: "a boolean",
    }.get(type(value), "a number")
