"""The main text of a web page, with its title, byline, site name, date and reader comments.

trafilatura does the work (it is well kept and judged on real pages: it drops navigation,
scripts, footers and most sign-up blocks); the text it returns then goes through the same
cleaning as a plain-text file. It is imported only when an HTML file is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from syria_reader.corpus.catalogue import Candidate
from syria_reader.corpus.document import Document


@dataclass(frozen=True)
class HtmlDocument:
    """What trafilatura found on a page (empty text when it found no article)."""

    text: str
    title: str | None = None
    author: str | None = None
    source: str | None = None
    date: str | None = None
    comments: list[str] = field(default_factory=list)


_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def _unusable(code: int) -> bool:
    """A code point no page text can hold: C0 controls but tab and line ends, DEL, surrogates,
    and numbers past Unicode."""
    return (
        (code < 32 and code not in (9, 10, 13))
        or code == 127
        or 0xD800 <= code <= 0xDFFF
        or (code > 0x10FFFF)
    )


def neutralise_control_references(html: str) -> str:
    """``html`` with each character reference to a control character (``&#27;``) made a space.

    The XML tree the extractor builds cannot hold such a character: one reference anywhere
    made it drop the whole page as "no article text". Sanitising would remove the character
    anyway; nothing of the text is lost.
    """

    def replace(match: re.Match[str]) -> str:
        digits = match.group(1) or match.group(2)
        code = int(digits, 16 if match.group(1) else 10) if len(digits) < 10 else 0x110000
        return " " if _unusable(code) else match.group(0)

    return _CHARACTER_REFERENCE.sub(replace, html)


def extract_html(html: str) -> HtmlDocument:
    """Extract a page's main text (paragraphs one per line) and what the page says about it."""
    import trafilatura

    document = trafilatura.bare_extraction(
        neutralise_control_references(html),
        include_comments=True,
        include_tables=True,
        with_metadata=True,
        favor_precision=True,
        # Dates from the page's markup only (<meta>, <time>, the address): the extensive
        # search takes a footer's "© 2015" for 2015-01-01.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return HtmlDocument(text="")
    comments = [
        line for line in (getattr(document, "comments", None) or "").split("\n") if line.strip()
    ]
    date = getattr(document, "date", None)
    return HtmlDocument(
        text=getattr(document, "text", None) or "",
        title=getattr(document, "title", None) or None,
        author=getattr(document, "author", None) or None,
        source=getattr(document, "sitename", None) or None,
        date=date[:10] if isinstance(date, str) and date else None,
        comments=comments,
    )


def read_html(html: str) -> Document:
    """A web page as a document: its main text, headline, comments and metadata."""
    page = extract_html(html)
    facts = [
        Candidate(name, value, how, value)
        for name, value, how in (
            ("source", page.source, "page metadata (site name)"),
            ("author", page.author, "page metadata (author)"),
            ("date", page.date, "page metadata (<meta>/<time>)"),
        )
        if value
    ]
    return Document(
        text=page.text, title=page.title, comments=page.comments, facts=facts, facts_first=True
    )
