"""Lists of query rows as tables, written as CSV or Markdown (the reader's and the CLI's export).

One column layout per kind of list, shared by ``--format csv|md`` on the commands and the
reader's export key, so a list saved from either looks the same. Cells are article text, so
they are made safe for the target: no line breaks in Markdown cells, pipes escaped, and a
leading ``= + - @`` in CSV prefixed with a quote so spreadsheets do not run it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from syria_reader.safe_text import printable

if TYPE_CHECKING:
    from syria_reader.index.query import (
        MentionRow,
        QuoteRow,
        RelatedRow,
        SearchHit,
        SentenceRow,
        TimelineRow,
    )

FORMATS = ("csv", "md")


@dataclass(frozen=True)
class Table:
    """A titled table of strings."""

    title: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return " ".join(printable(str(value)).split())


def mentions_table(title: str, mentions: Sequence[MentionRow]) -> Table:
    """Mentions: article, offset, the name as written, its sentence."""
    return Table(
        title,
        ("article", "title", "start", "end", "text", "sentence"),
        [
            tuple(_cell(v) for v in (m.article_id, m.title, m.start, m.end, m.text, m.context))
            for m in mentions
        ],
    )


def quotes_table(title: str, quotes: Sequence[QuoteRow]) -> Table:
    """Quotes: speaker, the quote, the cue, where."""
    return Table(
        title,
        ("speaker", "quote", "cue", "article", "title", "date", "start", "end"),
        [
            tuple(
                _cell(v)
                for v in (
                    q.speaker.name if q.speaker else "unknown",
                    q.text,
                    q.cue,
                    q.article_id,
                    q.title,
                    q.date,
                    q.start,
                    q.end,
                )
            )
            for q in quotes
        ],
    )


def timeline_table(title: str, entries: Sequence[TimelineRow]) -> Table:
    """Timeline: date, range end, precision, the words, the sentence, where."""
    return Table(
        title,
        ("date", "end", "precision", "text", "sentence", "article", "title", "start"),
        [
            tuple(
                _cell(v)
                for v in (
                    t.date,
                    t.until,
                    t.precision,
                    t.text,
                    t.context,
                    t.article_id,
                    t.title,
                    t.start,
                )
            )
            for t in entries
        ],
    )


def related_table(title: str, related: Sequence[RelatedRow]) -> Table:
    """Related entities: name, kind, score, sentences together."""
    return Table(
        title,
        ("name", "kind", "score", "together"),
        [
            tuple(_cell(v) for v in (r.entity.name, r.entity.kind, r.score, r.together))
            for r in related
        ],
    )


def sentences_table(title: str, sentences: Sequence[SentenceRow]) -> Table:
    """Sentences: article, offset, text."""
    return Table(
        title,
        ("article", "title", "start", "sentence"),
        [tuple(_cell(v) for v in (s.article_id, s.title, s.start, s.text)) for s in sentences],
    )


def search_table(title: str, hits: Sequence[SearchHit]) -> Table:
    """Search hits: article, offset, snippet."""
    return Table(
        title,
        ("article", "title", "start", "snippet"),
        [tuple(_cell(v) for v in (h.article_id, h.title, h.start, h.snippet)) for h in hits],
    )


def _spreadsheet_safe(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell


def to_csv(table: Table) -> str:
    """The table as CSV with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows([_spreadsheet_safe(c) for c in row] for row in table.rows)
    return out.getvalue()


def _md_cell(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(table: Table) -> str:
    """The table as a Markdown document: its title, then a pipe table."""
    lines = [f"# {_md_cell(table.title)}", ""]
    lines.append("| " + " | ".join(table.header) + " |")
    lines.append("|" + "|".join(" --- " for _ in table.header) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


def render(table: Table, fmt: str) -> str:
    """The table in ``fmt`` ("csv" or "md")."""
    if fmt == "csv":
        return to_csv(table)
    if fmt == "md":
        return to_markdown(table)
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
