"""Read a corrections file: every correction it holds, and every mistake in it by line and key.

A mistake costs only the correction it is in: a bad value skips that correction, a TOML syntax
error skips the table it is in, and everything else still applies. Nothing here writes.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from syria_reader.curation.model import OPERATIONS, Correction, MentionRef, parse_kind
from syria_reader.curation.names import clean_name

#: The arrays of tables a corrections file holds: the corrections, and those undone (for redo).
CORRECTIONS, UNDONE = "correction", "undone"

_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_AT_LINE = re.compile(r"at line (\d+)")
_KNOWN_KEYS = {"op", "name", "names", "as", "alias", "to", "kind", "mentions", "corpus"}
_NEEDS: dict[str, tuple[str, ...]] = {
    "merge": ("names",),
    "split": ("name", "alias"),
    "rename": ("name", "to"),
    "kind": ("name", "kind"),
    "hide": ("name",),
    "hide-mention": ("name", "mentions"),
    "alias": ("name", "alias"),
    "link": ("name", "mentions"),
    "reject": ("name", "mentions"),
}


@dataclass(frozen=True)
class FileProblem:
    """A mistake in the corrections file: where it is, which key, and what happens because of it."""

    line: int
    key: str | None
    message: str
    skipped: bool  # whether the correction it is in was left out

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "somewhere"
        key = f', key "{self.key}"' if self.key else ""
        tail = " (that correction is skipped; the others apply)" if self.skipped else ""
        return f"{where}{key}: {self.message}{tail}"


@dataclass(frozen=True)
class ParsedFile:
    """What a corrections file says: corrections in order, those undone, and its mistakes."""

    corrections: tuple[Correction, ...]
    undone: tuple[Correction, ...]
    problems: tuple[FileProblem, ...]
    readable: bool  # False when part of it is not valid TOML (it must not be rewritten then)


class _Bad(Exception):
    def __init__(self, key: str | None, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


@dataclass
class _Block:
    """A run of lines that starts at a table header (or at the top of the file)."""

    first_line: int  # 1-based
    header: str | None  # the table's name, None for the lines before any header
    lines: list[str]


def parse_corrections(text: str) -> ParsedFile:
    """Every correction in a file's text, in order, with its problems."""
    blocks = _blocks(text)
    problems: list[FileProblem] = []
    entries: dict[str, list[tuple[dict[str, Any], _Block | None]]] = {CORRECTIONS: [], UNDONE: []}
    readable = True
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        readable = False
        document = None
    if document is not None:
        headed = {name: [b for b in blocks if b.header == name] for name in entries}
        for name in entries:
            tables = document.get(name, [])
            if not isinstance(tables, list):
                problems.append(FileProblem(_header_line(blocks, name), name, _NOT_ARRAY, False))
                continue
            for number, table in enumerate(tables):
                block = headed[name][number] if number < len(headed[name]) else None
                entries[name].append((table, block))
    else:
        # Parse table by table so that one syntax error costs only its own table.
        for block in blocks:
            try:
                part = tomllib.loads("\n".join(block.lines))
            except tomllib.TOMLDecodeError as error:
                problems.append(_syntax_problem(block, error))
                continue
            if block.header in entries:
                for table in part.get(block.header, []):
                    entries[block.header].append((table, block))
    corrections = _validated(entries[CORRECTIONS], problems, report=True)
    undone = _validated(entries[UNDONE], problems, report=False)
    problems.sort(key=lambda p: p.line)
    return ParsedFile(tuple(corrections), tuple(undone), tuple(problems), readable)


_NOT_ARRAY = "must be an array of tables: write each one under its own [[correction]] header"


def _validated(
    entries: list[tuple[dict[str, Any], _Block | None]],
    problems: list[FileProblem],
    *,
    report: bool,
) -> list[Correction]:
    corrections: list[Correction] = []
    for table, block in entries:
        header_line = block.first_line if block is not None else 0
        try:
            correction, unknown = _correction(table)
        except _Bad as bad:
            if report:
                line = _key_line(block, bad.key) or header_line
                problems.append(FileProblem(line, bad.key, bad.message, True))
            continue
        if report:
            for key in unknown:
                problems.append(
                    FileProblem(
                        _key_line(block, key) or header_line, key, "unknown key, ignored", False
                    )
                )
        position = len(corrections) + 1
        corrections.append(replace(correction, position=position, line=header_line))
    return corrections


def _correction(table: Any) -> tuple[Correction, list[str]]:
    """One validated correction, and the keys it has that mean nothing."""
    if not isinstance(table, dict):
        raise _Bad(None, "a correction must be a table")
    op = table.get("op")
    if op is None:
        raise _Bad("op", "missing: say what the correction does (" + ", ".join(OPERATIONS) + ")")
    if op not in OPERATIONS:
        raise _Bad("op", f"unknown operation {op!r}; one of " + ", ".join(OPERATIONS))
    for key in _NEEDS[op]:
        if key not in table:
            raise _Bad(key, f"missing: {op} needs " + " and ".join(f'"{k}"' for k in _NEEDS[op]))
    fields: dict[str, Any] = {"op": op}
    if op == "merge":
        names = table["names"]
        if not isinstance(names, list) or not all(_is_name(n) for n in names):
            raise _Bad("names", "must be a list of names")
        if len({clean_name(n).casefold() for n in names}) < 2:
            raise _Bad("names", "a merge needs at least two different names")
        fields["names"] = tuple(clean_name(n) for n in names)
        if "as" in table:
            fields["as_name"] = _name(table, "as")
    else:
        fields["name"] = _name(table, "name")
    if op in ("split", "alias"):
        fields["alias"] = _name(table, "alias")
    if op == "rename":
        fields["to"] = _name(table, "to")
    if op == "kind":
        kind = table["kind"]
        label = parse_kind(kind) if isinstance(kind, str) else None
        if label is None:
            raise _Bad("kind", f"unknown kind {kind!r}; PERSON, ORG, GPE, LOC, NORP, FAC or EVENT")
        fields["kind"] = label
    if op in ("hide-mention", "link", "reject"):
        fields["mentions"] = _mentions(table["mentions"])
    if "corpus" in table:
        corpus = table["corpus"]
        if not isinstance(corpus, str) or not corpus.strip():
            raise _Bad("corpus", "must be the path of a corpus folder")
        fields["corpus"] = corpus
    unknown = [key for key in table if key not in _KNOWN_KEYS]
    return Correction(**fields), unknown


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and bool(clean_name(value))


def _name(table: dict[str, Any], key: str) -> str:
    value = table[key]
    if not _is_name(value):
        raise _Bad(key, "must be a non-empty name in quotes")
    return clean_name(value)


def _mentions(value: Any) -> tuple[MentionRef, ...]:
    if not isinstance(value, list) or not value:
        raise _Bad("mentions", "must be a list of {article = ..., start = ..., text = ...}")
    refs: list[MentionRef] = []
    for item in value:
        if not isinstance(item, dict):
            raise _Bad("mentions", "each mention must be {article = ..., start = ..., text = ...}")
        article, start, text = item.get("article"), item.get("start"), item.get("text")
        if not isinstance(article, str) or not article:
            raise _Bad("mentions", 'each mention needs the article\'s id as "article"')
        if not isinstance(start, int) or isinstance(start, bool) or start < 0:
            raise _Bad("mentions", 'each mention needs its offset as a whole number "start"')
        if not isinstance(text, str) or not text:
            raise _Bad("mentions", 'each mention needs the words it covers as "text"')
        refs.append(MentionRef(article, start, text))
    return tuple(refs)


def _blocks(text: str) -> list[_Block]:
    blocks = [_Block(1, None, [])]
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line)
        if match and not line.lstrip().startswith("#"):
            name = match.group(1).strip().strip("\"'")
            blocks.append(_Block(number, name, []))
        blocks[-1].lines.append(line)
    return blocks


def _header_line(blocks: list[_Block], name: str) -> int:
    return next((b.first_line for b in blocks if b.header == name), 0)


def _key_line(block: _Block | None, key: str | None) -> int:
    if block is None or key is None:
        return 0
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for offset, line in enumerate(block.lines):
        if pattern.match(line):
            return block.first_line + offset
    return 0


def _syntax_problem(block: _Block, error: tomllib.TOMLDecodeError) -> FileProblem:
    match = _AT_LINE.search(str(error))
    line = block.first_line + int(match.group(1)) - 1 if match else block.first_line
    message = _AT_LINE.split(str(error))[0].rstrip(" (")
    key = None
    text = (
        block.lines[line - block.first_line]
        if 0 <= line - block.first_line < len(block.lines)
        else ""
    )
    if "=" in text:
        key = text.split("=", 1)[0].strip().strip("\"'") or None
    return FileProblem(line, key, f"not valid TOML: {message}", True)
