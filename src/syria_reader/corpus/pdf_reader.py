"""PDF files with a text layer: pages to text in reading order, with the file's metadata.

pypdfium2 (PDFium, the engine of Chrome's PDF viewer; well kept, wheels for every platform)
gives each page's text as positioned line segments, already cut where a column gap falls; it
reads a page 25 to 33 times faster than pdfplumber gives its words (0.7-1.4 ms against 18-45
ms a page on generated two-column pages: ``bench/bench_pdf_readers.py``). Neither library's
own text order can be trusted on a newspaper page: pdfplumber reads straight across both
columns, PDFium follows the order the text was drawn in. So the reading order is rebuilt
here from the segments' positions:

- running heads and page numbers (segments in the top or bottom margin band that are short,
  a number or "Page N", or repeated on several pages) are dropped;
- segments as wide as the text block (a headline across the page) cut the page into bands;
  within a band, columns (the overlapping x ranges of the other segments) are read left to
  right, each top to bottom;
- a vertical gap well over the line spacing, a new column and a new band start a paragraph;
  a drop capital (a segment much taller than the lines beside it) is put first and set apart.

The text then goes through the same cleaner as a text file (hyphenation, drop capitals,
captions, several articles on a page). A PDF without a text layer (scanned pages) is
reported, not guessed at: OCR is not supported.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from syria_reader.corpus.catalogue import Candidate
from syria_reader.corpus.document import Document, UnreadableDocument

#: Share of the page height at the top and bottom where running heads and folios sit.
MARGIN_BAND = 0.07
#: A segment at least this share of the text block's width spans the columns.
SPANNING = 0.7
#: A vertical gap over this many line heights ends a paragraph.
PARAGRAPH_GAP = 1.6
_FOLIO = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_HYPHEN_MARKS = str.maketrans({"\x02": "-", "\ufffe": "-", "\u00ad": "-"})


@dataclass(frozen=True)
class Segment:
    """A run of text on one line of a page, with its box (PDF points, origin bottom left)."""

    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def height(self) -> float:
        """The box's height."""
        return self.top - self.bottom


def _page_segments(page: Any) -> list[Segment]:  # a pypdfium2 PdfPage (the library is untyped)
    textpage = page.get_textpage()
    try:
        segments = []
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            text = textpage.get_text_bounded(left, bottom, right, top)
            text = text.translate(_HYPHEN_MARKS).replace("\r", "").replace("\n", " ")
            if text.strip():
                segments.append(Segment(left, bottom, right, top, text))
        return segments
    finally:
        textpage.close()


def _folio_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def drop_furniture(
    pages: list[tuple[float, list[Segment]]], dropped: list[str] | None = None
) -> list[list[Segment]]:
    """Each page's segments without running heads and page numbers in its margin bands.

    The running heads dropped from the first page are added to ``dropped`` (for the masthead
    and the date they may give).
    """
    in_band: list[list[bool]] = []
    repeated: Counter[str] = Counter()
    for height, segments in pages:
        flags = [
            s.bottom > height * (1 - MARGIN_BAND) or s.top < height * MARGIN_BAND for s in segments
        ]
        in_band.append(flags)
        repeated.update({_folio_key(s.text) for s, f in zip(segments, flags, strict=True) if f})
    kept: list[list[Segment]] = []
    for number, ((_, segments), flags) in enumerate(zip(pages, in_band, strict=True)):
        page: list[Segment] = []
        for s, band in zip(segments, flags, strict=True):
            furniture = band and (
                _FOLIO.match(s.text.strip())
                or len(s.text.split()) <= 8
                or (len(pages) > 1 and repeated[_folio_key(s.text)] > 1)
            )
            if not furniture:
                page.append(s)
            elif number == 0 and dropped is not None and not _FOLIO.match(s.text.strip()):
                dropped.append(" ".join(s.text.split()))
        kept.append(page)
    return kept


def running_head_facts(heads: list[str]) -> list[Candidate]:
    """A masthead (the publication's name) and a date from the first page's running heads."""
    from syria_reader.corpus.bylines import find_date, publication_case

    facts: list[Candidate] = []
    for head in heads:
        date = find_date(head)
        if date:
            facts.append(Candidate("date", date, "running head", head))
            continue
        words = head.split()
        if 1 <= len(words) <= 6 and head[:1].isupper() and re.search(r"[A-Za-z]{3}", head):
            name = head.title() if head.isupper() else head
            facts.append(Candidate("source", publication_case(name), "masthead", head))
    return facts


def _columns(segments: list[Segment]) -> list[list[Segment]]:
    """Segments grouped into columns: the overlapping x ranges, left to right."""
    ranges: list[list[float]] = []
    for s in sorted(segments, key=lambda s: s.left):
        if ranges and s.left <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], s.right)
        else:
            ranges.append([s.left, s.right])
    columns: list[list[Segment]] = [[] for _ in ranges]
    for s in segments:
        index = next(i for i, (a, b) in enumerate(ranges) if a <= s.left <= b)
        columns[index].append(s)
    return columns


def page_text(segments: list[Segment]) -> str:
    """One page's text in reading order: lines, blank lines between paragraphs and frames."""
    if not segments:
        return ""
    line = statistics.median(s.height for s in segments) or 1.0
    left = min(s.left for s in segments)
    width = max(s.right for s in segments) - left or 1.0
    spanning = sorted(
        (s for s in segments if (s.right - s.left) >= SPANNING * width), key=lambda s: -s.top
    )
    others = [s for s in segments if (s.right - s.left) < SPANNING * width]
    # Each narrow segment belongs to the band under the nearest spanning segment above it.
    assigned: dict[int, list[Segment]] = {i: [] for i in range(len(spanning) + 1)}
    for s in others:
        above = [i for i, h in enumerate(spanning) if h.bottom >= _middle(s)]
        assigned[(above[-1] + 1) if above else 0].append(s)
    out: list[str] = []
    for index in range(len(spanning) + 1):
        if index:
            out += ["", spanning[index - 1].text, ""]
        for column in _columns(assigned[index]):
            out += _column_lines(column, line)
            out.append("")
    return "\n".join(out).strip("\n")


def _middle(s: Segment) -> float:
    return (s.top + s.bottom) / 2


def _column_lines(column: list[Segment], line: float) -> list[str]:
    """A column's lines, top to bottom; a drop capital first, set apart by a blank line."""

    def key(s: Segment) -> float:
        # A drop capital hangs beside the first lines: it is read before them.
        return -(s.top + line) if s.height > 1.8 * line else -s.top

    lines: list[str] = []
    previous: Segment | None = None
    for s in sorted(column, key=key):
        tall = s.height > 1.8 * line
        if previous is not None and previous.bottom - s.top > (PARAGRAPH_GAP - 1) * line + 2:
            lines.append("")
        lines.append(s.text)
        if tall:
            lines.append("")
        previous = s if not tall else previous
    return lines


def _pdf_date(value: str) -> str | None:
    match = re.match(r"^D?:?(\d{4})(\d{2})?(\d{2})?", value.strip())
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if month and day:
        return f"{year}-{month}-{day}"
    return f"{year}-{month}" if month else year


_NOT_A_TITLE = re.compile(
    r"^(?:untitled|microsoft \w+ - |document\d*$)|\.(?:docx?|pdf|indd|qxd|txt|rtf)$", re.I
)


def metadata_facts(info: dict[str, str]) -> list[Candidate]:
    """What a PDF's document information says: title, author, dates (each with its field)."""
    facts: list[Candidate] = []
    title = " ".join((info.get("Title") or "").split())
    if title and not _NOT_A_TITLE.search(title) and len(title.split()) <= 25:
        facts.append(Candidate("title", title, "PDF metadata (Title)", f"Title: {title}"))
    author = " ".join((info.get("Author") or "").split())
    if author and len(author.split()) <= 8:
        facts.append(Candidate("author", author, "PDF metadata (Author)", f"Author: {author}"))
    for key in ("CreationDate", "ModDate"):
        date = _pdf_date(info.get(key) or "")
        if date:
            facts.append(
                Candidate("date", date, f"PDF metadata ({key})", f"{key}: {info.get(key)}")
            )
            break
    return facts


def read_pdf(path: Path) -> Document:
    """A PDF's pages as one document, in reading order; raises UnreadableDocument."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise UnreadableDocument(f"not a readable PDF ({error})") from error
    try:
        pages: list[tuple[float, list[Segment]]] = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pages.append((page.get_height(), _page_segments(page)))
            finally:
                page.close()
        info = pdf.get_metadata_dict()
    finally:
        pdf.close()
    if not any(segments for _, segments in pages):
        raise UnreadableDocument(
            "no text layer (scanned pages?); OCR is not supported, so it cannot be read"
        )
    heads: list[str] = []
    texts = [page_text(segments) for segments in drop_furniture(pages, heads)]
    return Document(
        text="\n\n".join(t for t in texts if t),
        facts=running_head_facts(heads) + metadata_facts(info),
    )
