"""Word documents (.docx): paragraphs, headings and footnotes, with the file's properties.

python-docx reads the body: one paragraph per line (the shape of a web page's text, so the
cleaner keeps each as a block), tables row by row. A paragraph styled "Title" (else the first
"Heading 1") is the headline. python-docx has no API for footnotes, so they are read from
the package's ``word/footnotes.xml`` part (the separator notes left out) and become footnote
asides. The core properties title and author are metadata candidates, weaker than what the
text says (a template's title often outlives the document); the "created" date is not used: it
is often the template's (python-docx's own is 2013-12-23), and a wrong date is worse than none.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from syria_reader.corpus.catalogue import Candidate
from syria_reader.corpus.document import Document, UnreadableDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _footnotes(package: Any) -> list[str]:
    """The text of each real footnote (the separators have no number or ids below 1)."""
    from lxml import etree

    for part in package.parts:
        if str(part.partname) == "/word/footnotes.xml":
            root = etree.fromstring(part.blob)
            notes = []
            for note in root.iter(f"{_W}footnote"):
                try:
                    number = int(note.get(f"{_W}id", "0"))
                except ValueError:
                    continue
                if number < 1:
                    continue
                text = " ".join("".join(t.text or "" for t in note.iter(f"{_W}t")).split())
                if text:
                    notes.append(text)
            return notes
    return []


def read_docx(path: Path) -> Document:
    """A Word document as one document; raises UnreadableDocument."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument(f"not a readable Word (.docx) file ({error})") from error
    lines: list[str] = []
    title = None
    first_heading = None
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style == "Title" and title is None:
            title = text
        elif style.startswith("Heading") and first_heading is None:
            first_heading = text
        lines.append(text)
    for table in document.tables:
        for row in table.rows:
            cells = [" ".join(cell.text.split()) for cell in row.cells]
            if any(cells):
                lines.append(" | ".join(dict.fromkeys(c for c in cells if c)))
    properties = document.core_properties
    facts: list[Candidate] = []
    if properties.title and properties.title.strip():
        value = " ".join(properties.title.split())
        facts.append(Candidate("title", value, "Word properties (title)", value))
    if properties.author and properties.author.strip():
        value = " ".join(properties.author.split())
        facts.append(Candidate("author", value, "Word properties (author)", value))
    return Document(
        text="\n".join(lines),
        title=title or first_heading,
        footnotes=_footnotes(document.part.package),
        facts=facts,
    )
