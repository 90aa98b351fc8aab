"""Print a corpus's catalogue (title, source, author, date per article) and what is wrong with it.

Reads the corpus through the cleaner only (no NLP, no index), so it runs in seconds and works
on any version of the loader::

    PYTHONPATH=src python bench/catalogue.py FOLDER            # the table, then the counts
    PYTHONPATH=src python bench/catalogue.py FOLDER --counts   # the counts alone

The counts: articles without a source, an author or a date; titles that are a first sentence
(cut off or marked so); titles that carry a byline, a dateline, a timestamp or "Get short URL";
bodies that still hold "Get short URL", "--AFP" or a "Tags ..." list.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

_DIRTY_TITLE = re.compile(
    r"^by\s|get short url|last updated|\b\d{1,2}:\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|^(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+\d|^\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)\w*\s+\d{4}|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?"
    r"\s+\d{1,2},?\s+\d{4}|^published\b",
    re.IGNORECASE,
)
_DIRTY_BODY = re.compile(r"Get short URL|--\s?AFP\b|(?:^|\n)Tags\s+[A-Z]", re.MULTILINE)


def _cell(value: object, width: int = 60) -> str:
    text = "-" if value in (None, "") else str(value).replace("|", "/")
    return text if len(text) <= width else text[: width - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    """Load the corpus and print its catalogue and counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--counts", action="store_true", help="print the counts only")
    args = parser.parse_args(argv)

    from syria_reader.corpus.load import load_corpus

    loaded = load_corpus(args.folder)
    rows = loaded.articles
    if not args.counts:
        print("| article | title | source | author | date |")
        print("|---|---|---|---|---|")
        for a in rows:
            origins = getattr(a, "provenance", None) or {}
            title = _cell(a.title)
            if "title" in origins and origins["title"].how == "first sentence":
                title += " (first sentence)"
            date = _cell(a.date)
            if "date" in origins and origins["date"].inferred:
                date += f" (inferred: {origins['date'].how})"
            print(f"| {a.id} | {title} | {_cell(a.source)} | {_cell(a.author)} | {date} |")
    first_sentence = 0
    for a in rows:
        origins = getattr(a, "provenance", None) or {}
        how = origins["title"].how if "title" in origins else None
        if how == "first sentence" or a.title.endswith("…"):
            first_sentence += 1
    counts = {
        "articles": len(rows),
        "no source": sum(not a.source for a in rows),
        "no author": sum(not a.author for a in rows),
        "undated": sum(not a.date for a in rows),
        "first-sentence titles": first_sentence,
        "titles with byline/dateline/timestamp": sum(
            bool(_DIRTY_TITLE.search(a.title)) for a in rows
        ),
        "bodies with Get short URL/--AFP/Tags": sum(bool(_DIRTY_BODY.search(a.text)) for a in rows),
        "problems": len(loaded.problems),
    }
    print()
    for name, count in counts.items():
        print(f"{name}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
