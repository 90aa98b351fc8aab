"""Reader themes from TOML files: strict parsing, colour validation, one report of what failed.

A theme file maps onto the fields of ``textual.theme.Theme``::

    name = "reader-dark"        # defaults to the file's stem
    primary = "#5fa8d3"
    background = "#16181d"
    dark = true
    [variables]                 # Textual's own variables and the reader's entity colours
    entity-person = "#e5c07b"

Unknown keys, wrong types and colours that ``Color.parse`` rejects make the whole file
invalid; every problem names the file and the key. Nothing here touches a running app.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import Theme

from syria_reader.config import line_of
from syria_reader.wording import plural

#: The theme the reader opens with when nothing else is chosen.
DEFAULT_THEME = "reader-dark"

_THEME_FIELDS: dict[str, dataclasses.Field[object]] = {f.name: f for f in dataclasses.fields(Theme)}
_COLOUR_FIELDS = frozenset(
    {
        "primary",
        "secondary",
        "warning",
        "error",
        "success",
        "accent",
        "foreground",
        "background",
        "surface",
        "panel",
        "boost",
    }
)
_BOOL_FIELDS = frozenset({"dark", "ansi"})
_FLOAT_FIELDS = frozenset({"luminosity_spread", "text_alpha"})
_VARIABLE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_ALPHA_SUFFIX = re.compile(r"^(?P<colour>.+?)\s+(?P<alpha>\d{1,3})%$")


class ThemeFileError(Exception):
    """A theme file that cannot be used, with every problem found in it."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: " + "; ".join(problems))
        self.path = path
        self.problems = problems


@dataclass
class ThemeLoadResult:
    """The themes read from some folders and the files that were rejected."""

    themes: list[Theme] = field(default_factory=list)
    failures: list[ThemeFileError] = field(default_factory=list)

    def report(self) -> str:
        """One message naming each rejected file and what is wrong with it."""
        lines = [f"{plural(len(self.failures), 'theme file')} skipped:"]
        lines.extend(str(failure) for failure in self.failures)
        return "\n".join(lines)


def _colour_problem(value: str) -> str | None:
    """Why a CSS colour value (optionally with a trailing alpha percentage) is invalid, or None."""
    match = _ALPHA_SUFFIX.match(value.strip())
    colour = match.group("colour") if match else value.strip()
    if match and int(match.group("alpha")) > 100:
        return f"alpha {match.group('alpha')}% is over 100%"
    try:
        Color.parse(colour)
    except ColorParseError as error:
        return str(error)
    return None


def _style_problem(value: str) -> str | None:
    """Why a text-style value ("bold", "not underline", "b reverse") is invalid, or None."""
    words = value.split()
    unknown = [word for word in words if word not in VALID_STYLE_FLAGS]
    if not words or unknown:
        return (
            f"not a text style: {value!r} (use words from {', '.join(sorted(VALID_STYLE_FLAGS))})"
        )
    return None


def parse_theme(data: dict[str, object], default_name: str) -> tuple[Theme | None, list[str]]:
    """Validate a parsed theme table and build the Theme; returns (theme or None, problems)."""
    problems: list[str] = []
    values: dict[str, object] = {}
    for key in sorted(data):
        value = data[key]
        if key not in _THEME_FIELDS:
            problems.append(f"unknown key '{key}'")
        elif key == "name":
            if isinstance(value, str) and value.strip():
                values["name"] = value.strip()
            else:
                problems.append("'name' must be a non-empty string")
        elif key in _COLOUR_FIELDS:
            if not isinstance(value, str):
                problems.append(f"'{key}' must be a colour string")
            elif (why := _colour_problem(value)) is not None:
                problems.append(f"'{key}': {why}")
            else:
                values[key] = value
        elif key in _BOOL_FIELDS:
            if isinstance(value, bool):
                values[key] = value
            else:
                problems.append(f"'{key}' must be true or false")
        elif key in _FLOAT_FIELDS:
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
                values[key] = float(value)
            else:
                problems.append(f"'{key}' must be a number from 0 to 1")
        elif key == "variables":
            variables, variable_problems = _parse_variables(value)
            problems.extend(variable_problems)
            values["variables"] = variables
    values.setdefault("name", default_name)
    if "primary" not in data:
        problems.append("'primary' is required")
    if problems:
        return None, problems
    # Each value was checked against its field above; a dict of them cannot say so to mypy.
    return Theme(**values), []  # type: ignore[arg-type]


def _parse_variables(value: object) -> tuple[dict[str, str], list[str]]:
    """Validate the ``[variables]`` table: names, and a colour or text style for each."""
    if not isinstance(value, dict):
        return {}, ["'variables' must be a table"]
    variables: dict[str, str] = {}
    problems: list[str] = []
    for name in sorted(value):
        item = value[name]
        key = f"variables.{name}"
        if not _VARIABLE_NAME.match(name):
            problems.append(f"'{key}': not a variable name (lower case, digits and '-')")
        elif not isinstance(item, str):
            problems.append(f"'{key}' must be a string")
        elif (
            why := (_style_problem(item) if name.endswith("-style") else _colour_problem(item))
        ) is not None:
            problems.append(f"'{key}': {why}")
        else:
            variables[name] = item
    return variables, problems


def load_theme_file(path: Path) -> Theme:
    """Read and validate one theme file; raises ThemeFileError naming every problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ThemeFileError(path, [f"not readable: {error}"]) from error
    except tomllib.TOMLDecodeError as error:
        raise ThemeFileError(path, [f"not valid TOML: {error}"]) from error
    theme, problems = parse_theme(data, default_name=path.stem)
    if theme is None:
        raise ThemeFileError(path, [_with_line(path, problem) for problem in problems])
    return theme


_PROBLEM_KEY = re.compile(r"^(?:unknown key )?'([^']+)'")


def _with_line(path: Path, problem: str) -> str:
    """A problem about a key, prefixed with the line that key is on (when it can be found)."""
    match = _PROBLEM_KEY.match(problem)
    if not match:
        return problem
    table, _, key = match.group(1).rpartition(".")
    line = line_of(path, table or None, key)
    return f"line {line}: {problem}" if line else problem


def load_themes(folders: list[Path]) -> ThemeLoadResult:
    """Every ``*.toml`` theme in the folders, in order; later folders override earlier names."""
    result = ThemeLoadResult()
    by_name: dict[str, Theme] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = load_theme_file(path)
            except ThemeFileError as failure:
                result.failures.append(failure)
                continue
            by_name[theme.name] = theme
    result.themes = list(by_name.values())
    return result
