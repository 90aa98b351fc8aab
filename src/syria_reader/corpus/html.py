"""The main text of a web page, with its title, byline, site name, date and reader comments.

trafilatura does the work (it is well kept and judged on real pages: it drops navigation,
scripts, footers and most sign-up blocks); the text it returns then goes through the same
cleaning as a plain-text file. It is imported only when an HTML file is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class HtmlDocument:
    """What trafilatura found on a page (empty text when it found no article)."""

    text: str
    title: str | None = None
    author: str | None = None
    source: str | None = None
    date: str | None = None
    comments: list[str] = field(default_factory=list)


def extract_html(html: str) -> HtmlDocument:
    """Extract a page's main text (paragraphs one per line) and what the page says about it."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        include_comments=True,
        include_tables=True,
        with_metadata=True,
        favor_precision=True,
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
