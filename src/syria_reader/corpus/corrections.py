"""The user's own corrections to the catalogue (``syria-reader meta set``), kept in the data dir.

One TOML file per corpus, in the user data dir (never in the corpus folder), named like the
corpus's index (a slug and a hash of its real path)::

    # syria-reader: your catalogue corrections for /home/me/articles
    corpus = "/home/me/articles"

    [articles."reports/002_mee"]
    date = "2015-10-12"
    source = "Middle East Eye"

They win over everything else and are applied on every rebuild. A value of ``""`` clears a
correction. Writing is atomic (a temporary file, then a rename), and a file that cannot be
read is never overwritten: the problem is reported and the file left as it is.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

from syria_reader import paths
from syria_reader.corpus.sanitise import sanitise

KEYS: tuple[str, ...] = ("title", "source", "author", "date")


class CorrectionsError(Exception):
    """The corrections file exists but cannot be read; it is left untouched."""


def corrections_path(corpus: Path) -> Path:
    """Where the corrections for a corpus are kept (the file may not exist yet)."""
    resolved = Path(corpus).expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    slug = re.sub(r"[^a-z0-9]+", "-", resolved.name.lower()).strip("-")[:40] or "corpus"
    return paths.data_dir() / "corrections" / f"metadata-{slug}-{digest}.toml"


def load_corrections(corpus: Path) -> dict[str, dict[str, str]]:
    """The corrections for a corpus: ``{article id: {field: value}}``; raises CorrectionsError."""
    path = corrections_path(corpus)
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise CorrectionsError(
            f"{path}: not read ({error}); your corrections are not applied"
        ) from error
    articles = data.get("articles", {})
    if not isinstance(articles, dict):
        raise CorrectionsError(f"{path}: 'articles' must be a table; corrections not applied")
    result: dict[str, dict[str, str]] = {}
    for article_id, fields in articles.items():
        if not isinstance(fields, dict):
            continue
        kept = {
            key: " ".join(sanitise(str(value)).split())
            for key, value in fields.items()
            if key in KEYS and str(value).strip()
        }
        if kept:
            result[str(article_id)] = kept
    return result


def _quote(value: str) -> str:
    # A JSON string is a valid TOML basic string once non-ASCII is left as it is.
    return json.dumps(value, ensure_ascii=False)


def save_corrections(corpus: Path, corrections: dict[str, dict[str, str]]) -> Path:
    """Write all the corrections of a corpus (atomically) and return the file's path."""
    path = corrections_path(corpus)
    path.parent.mkdir(parents=True, exist_ok=True)
    resolved = str(Path(corpus).expanduser().resolve())
    lines = [
        "# syria-reader: your catalogue corrections for " + resolved.replace("\n", " "),
        "# Edited by `syria-reader meta set` and the reader's i key; applied on every build.",
        f"corpus = {_quote(resolved)}",
    ]
    for article_id in sorted(corrections):
        fields = {k: v for k, v in corrections[article_id].items() if k in KEYS and v}
        if not fields:
            continue
        lines += ["", f"[articles.{_quote(article_id)}]"]
        lines += [f"{key} = {_quote(fields[key])}" for key in KEYS if key in fields]
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".corrections-", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def set_correction(corpus: Path, article_id: str, fields: dict[str, str]) -> Path:
    """Set (or, with ``""``, clear) some fields of one article's corrections; keeps the rest."""
    corrections = load_corrections(corpus)
    current = dict(corrections.get(article_id, {}))
    for key, value in fields.items():
        if key not in KEYS:
            raise ValueError(f"unknown field {key!r} (known: {', '.join(KEYS)})")
        if value.strip():
            current[key] = " ".join(sanitise(value).split())
        else:
            current.pop(key, None)
    if current:
        corrections[article_id] = current
    else:
        corrections.pop(article_id, None)
    return save_corrections(corpus, corrections)
