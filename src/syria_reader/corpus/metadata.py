"""What an article is: title, source (publication), author and date, from its text and corpus.toml.

Inference reads the cleaned article: the title block (else the opening words of its first
sentence), a byline ("By Juan Cole | (Informed Comment)"), a syndication tag ("(MENAFN- The
Journal Of Turkish Weekly)"), an author's bio ("Ed Blanche is the Analysis section editor of
The Arab Weekly"), and a date where the article states one near its start (a dateline).

``corpus.toml``, beside the articles (in the corpus folder; for a single-file corpus, in the
file's folder), says what the text does not, or corrects it::

    # Fallbacks for every file, used only where neither the file's entry nor the text says.
    [defaults]
    source = "Middle East Eye"

    # One file: its keys apply to every article the file holds, over what the text says.
    [files."reports/002_mee.txt"]            # path relative to the corpus folder, with "/"
    title = "Russian strikes allow IS to gain on Aleppo"
    source = "Middle East Eye"
    author = "MEE staff"
    date = 2015-10-12                        # or "2015-10-12", "2015-10", "2015"

    # A file holding several articles: one [[...articles]] table per article, in order;
    # an empty table leaves that article as it is. These win over the file's keys.
    [[files."000_page.txt".articles]]
    title = "First article's headline"
    [[files."000_page.txt".articles]]
    title = "Second article's headline"

Keys: ``title``, ``source``, ``author``, ``date``. A broken file, an unknown key, a wrong type
or a bad date is reported as a problem naming the file and the key, and the rest is used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

from syria_reader.corpus import CLEANING_VERSION, bylines
from syria_reader.corpus.catalogue import FIRST_SENTENCE, Candidate
from syria_reader.corpus.metadata_table import MetadataTable, load_table
from syria_reader.corpus.sanitise import sanitise

if TYPE_CHECKING:
    # Only for hints: importing the cleaner loads wordfreq, which a warm start must not pay for.
    from syria_reader.corpus.clean import CleanArticle

METADATA_FILE = "corpus.toml"
KEYS: tuple[str, ...] = ("title", "source", "author", "date")
#: How far into an article's opening a stated date counts as its dateline.
DATELINE_REACH = 200
#: A title made from the first sentence keeps this many words.
FALLBACK_TITLE_WORDS = 12

_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class FileMetadata:
    """The corpus.toml entry of one file: keys for all its articles, and per-article keys."""

    fields: dict[str, str] = field(default_factory=dict)
    articles: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class CorpusMetadata:
    """The parsed corpus.toml (empty when there is none)."""

    defaults: dict[str, str] = field(default_factory=dict)
    files: dict[str, FileMetadata] = field(default_factory=dict)
    path: Path | None = None
    #: The metadata table beside the texts (metadata.csv, _metadata.csv or corpus.toml's).
    table: MetadataTable = field(default_factory=MetadataTable)
    #: The user's corrections (``meta set``), by article id.
    corrections: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """A hash of the metadata's content and the cleaner's version.

        It changes exactly when what corpus.toml says changes (not its comments or layout),
        or when the cleaning code changes what it produces (:data:`CLEANING_VERSION`).
        """
        content = {
            "cleaning": CLEANING_VERSION,
            "defaults": self.defaults,
            "files": {
                name: {"fields": f.fields, "articles": list(f.articles)}
                for name, f in self.files.items()
            },
            "table": self.table.rows,
            "table_rows": self.table.row_numbers,
            "table_name": self.table.path.name if self.table.path else None,
            "corrections": self.corrections,
        }
        return hashlib.sha256(
            json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()

    def overrides(self, path: str, position: int) -> dict[str, str]:
        """The keys corpus.toml sets for the ``position``-th (0-based) article of file ``path``."""
        entry = self.files.get(path)
        if entry is None:
            return {}
        values = dict(entry.fields)
        if position < len(entry.articles):
            values.update(entry.articles[position])
        return values


def metadata_file(root: Path) -> Path:
    """Where a corpus's metadata file is: in the corpus folder, or beside a single-file corpus."""
    root = Path(root)
    return (root.parent if root.is_file() else root) / METADATA_FILE


def load_corpus_metadata(root: Path) -> tuple[CorpusMetadata, list[str]]:
    """Read what the corpus says about its articles: ``corpus.toml``, a metadata table beside
    the texts, and the user's corrections. Missing ones are empty; broken ones give problems."""
    from syria_reader.corpus.corrections import CorrectionsError, load_corrections

    metadata, problems = _load_toml(root)
    folder = Path(root).parent if Path(root).is_file() else Path(root)
    table = load_table(folder, metadata.table_settings, problems, metadata.path)
    try:
        corrections = load_corrections(root)
    except CorrectionsError as error:
        problems.append(str(error))
        corrections = {}
    return (
        CorpusMetadata(
            defaults=metadata.defaults,
            files=metadata.files,
            path=metadata.path,
            table=table,
            corrections=corrections,
        ),
        problems,
    )


@dataclass
class _Toml:
    defaults: dict[str, str] = field(default_factory=dict)
    files: dict[str, FileMetadata] = field(default_factory=dict)
    path: Path | None = None
    table_settings: dict[str, Any] = field(default_factory=dict)


def _load_toml(root: Path) -> tuple[_Toml, list[str]]:
    """Read ``corpus.toml``; no file gives empty metadata, a broken one problems."""
    path = metadata_file(root)
    if not path.is_file():
        return _Toml(), []
    problems: list[str] = []
    try:
        data = tomllib.loads(sanitise(path.read_bytes().decode("utf-8-sig")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return _Toml(path=path), [f"{path}: not read, its metadata is ignored: {error}"]

    def values(table: Any, where: str) -> dict[str, str]:
        if not isinstance(table, dict):
            problems.append(f"{path}: {where} must be a table of {', '.join(KEYS)}; ignored")
            return {}
        result: dict[str, str] = {}
        for key, value in table.items():
            if key not in KEYS:
                if not (key == "articles" and where.startswith("files.")):
                    problems.append(
                        f"{path}: {where}.{key}: unknown key ignored (known: {', '.join(KEYS)})"
                    )
                continue
            checked = _check_value(key, value)
            if checked is None:
                problems.append(f"{path}: {where}.{key}: {_expected(key)}, got {value!r}; ignored")
            else:
                result[key] = checked
        return result

    for key in sorted(set(data) - {"defaults", "files", "table"}):
        problems.append(f"{path}: '{key}': unknown table ignored (known: defaults, files, table)")
    table_settings = data.get("table", {})
    if not isinstance(table_settings, dict):
        problems.append(f"{path}: 'table' must be a table (file, file_column, columns); ignored")
        table_settings = {}
    defaults = values(data.get("defaults", {}), "defaults")
    files: dict[str, FileMetadata] = {}
    raw_files = data.get("files", {})
    if not isinstance(raw_files, dict):
        problems.append(f"{path}: 'files' must be a table of file entries; ignored")
        raw_files = {}
    base = path.parent
    for name, entry in raw_files.items():
        where = f'files."{name}"'
        if not (base / name).is_file():
            problems.append(f"{path}: {where}: names no file in the corpus; ignored")
        fields = values(entry, where)
        articles: list[dict[str, str]] = []
        raw_articles = entry.get("articles", []) if isinstance(entry, dict) else []
        if not isinstance(raw_articles, list):
            problems.append(
                f"{path}: {where}.articles must be a list of tables ([[...articles]]); ignored"
            )
            raw_articles = []
        for number, table in enumerate(raw_articles, start=1):
            articles.append(values(table, f"{where}.articles[{number}]"))
        files[name.replace("\\", "/")] = FileMetadata(fields=fields, articles=tuple(articles))
    return _Toml(defaults, files, path, table_settings), problems


def _check_value(key: str, value: Any) -> str | None:
    if key == "date":
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str) and _ISO_DATE.match(value.strip()) and _valid_iso(value.strip()):
            return value.strip()
        return None
    if isinstance(value, str) and value.strip():
        return " ".join(sanitise(value).split())
    return None


def _valid_iso(value: str) -> bool:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _expected(key: str) -> str:
    if key == "date":
        return 'expected a date (2015-10-23, "2015-10" or "2015")'
    return "expected a non-empty string"


@dataclass(frozen=True)
class Inferred:
    """What the article's own text says about it (None where it says nothing)."""

    title: str | None
    source: str | None
    author: str | None
    date: str | None


def text_candidates(article: CleanArticle) -> list[Candidate]:
    """Every value the article's text gives for its catalogue fields, strongest first.

    Title: the headline block. Author: a byline, a "Posted ... by" dateline, a bio. Source:
    a byline, a syndication tag, a bio, the page's own notices ("© 2015 Middle East Eye"),
    in headline case. Date: a dateline set aside or opening the text, then a photo caption's
    date (a photo is dated on or before the day the story ran).
    """
    found: list[Candidate] = []
    title = next((b.text for b in article.blocks if b.kind == "title"), None)
    if title:
        found.append(Candidate("title", title, "headline", title))
    for line in article.meta:
        byline = bylines.parse_byline(line)
        if byline:
            if byline.author:
                found.append(Candidate("author", byline.author, "byline", line))
            if byline.source:
                found.append(Candidate("source", _case(byline.source), "byline", line))
        lead = bylines.split_leading_dateline(line + " X")
        if lead and lead[2]:
            found.append(Candidate("author", lead[2], "byline", line))
        date = bylines.find_date(line)
        if date:
            found.append(Candidate("date", date, "dateline", line))
    for source in article.sources:
        found.append(Candidate("source", _case(source), "syndication tag", f"({source})"))
    for block in article.blocks:
        if block.kind == "paragraph":
            bio = bylines.parse_bio(block.text)
            if bio:
                if bio.author:
                    found.append(Candidate("author", bio.author, "author's bio", block.text))
                if bio.source:
                    found.append(Candidate("source", _case(bio.source), "author's bio", block.text))
                break
    for name, notice in article.notices:
        found.append(Candidate("source", _case(name), "site notice", notice))
    body = article.body()
    opening = " ".join(b.text for b in body[:2])[:DATELINE_REACH]
    date = bylines.find_date(opening)
    if date:
        found.append(Candidate("date", date, "dateline", opening))
    for block in article.blocks:
        if block.kind == "caption":
            date = bylines.find_date(block.text)
            if date:
                found.append(Candidate("date", date, "photo caption", block.text))
                break
    return found


def _case(name: str) -> str:
    return bylines.publication_case(name)


def infer_metadata(article: CleanArticle) -> Inferred:
    """Read title, source, author and date from a cleaned article's text and set-aside lines."""
    from syria_reader.corpus.catalogue import choose

    values, _ = choose(text_candidates(article))
    return Inferred(
        title=values["title"], source=values["source"], author=values["author"], date=values["date"]
    )


def first_sentence_candidate(article: CleanArticle) -> Candidate:
    """The title of last resort, marked as made from the first sentence."""
    title = fallback_title(article)
    body = article.body()
    return Candidate("title", title, FIRST_SENTENCE, body[0].text if body else "")


def fallback_title(article: CleanArticle) -> str:
    """A title for an article without a headline: the opening words of its first sentence.

    A dateline it opens with ("Friday 17 June 2016 ...") is left out.
    """
    body = article.body()
    if not body:
        return "(untitled)"
    first = bylines.strip_leading_dateline(body[0].text)
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", first, maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= FALLBACK_TITLE_WORDS:
        return sentence.rstrip(".")
    return " ".join(words[:FALLBACK_TITLE_WORDS]).rstrip(",;:—–-") + "…"
