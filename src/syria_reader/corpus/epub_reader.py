"""E-books (.epub): chapters to documents, with the book's Dublin Core metadata.

ebooklib reads the package; each content document of the spine is parsed with lxml into one
line per block element (headings, paragraphs, list items, quotations), so the cleaner keeps
each as a block. Footnotes (``epub:type="footnote"``/``"endnote"``, ``role="doc-footnote"``,
or an ``aside``) are taken out of the running text and become footnote asides.

A book whose spine holds several chapters of running text (a collection of articles) gives
one document per chapter, each its own article; otherwise the whole book is one document.
The book's publisher, date and (for a single document) title and creator are metadata
candidates.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from syria_reader.corpus.catalogue import Candidate
from syria_reader.corpus.document import Document, UnreadableDocument

#: A chapter with fewer words than this (a cover, a contents page) is not an article.
MIN_CHAPTER_WORDS = 40
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd"}
_NOTE_TYPES = {"footnote", "endnote", "rearnote", "note"}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _is_note(element: Any) -> bool:
    kinds = set()
    for name, value in element.attrib.items():
        if _local(name) == "type" or name == "role":
            kinds |= {v.removeprefix("doc-") for v in value.split()}
    return bool(kinds & _NOTE_TYPES) or _local(element.tag) == "aside"


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def chapter_lines(content: bytes) -> tuple[list[str], list[str], str | None]:
    """A chapter's block lines, its notes, and its first heading."""
    from lxml import etree, html

    try:
        root = etree.fromstring(
            content, parser=etree.XMLParser(recover=True, resolve_entities=False)
        )
    except etree.XMLSyntaxError:
        root = html.fromstring(content)
    if root is None:
        return [], [], None
    notes: list[str] = []
    for element in list(root.iter()):
        if isinstance(element.tag, str) and _is_note(element):
            text = _text(element)
            if text:
                notes.append(text)
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    lines: list[str] = []
    heading = None
    for element in root.iter():
        name = _local(element.tag)
        if name not in _BLOCKS:
            continue
        if any(_local(a.tag) in _BLOCKS for a in element.iterancestors()):
            continue  # its text is its block ancestor's
        text = _text(element)
        if not text:
            continue
        if heading is None and name.startswith("h"):
            heading = text
        lines.append(text)
    return lines, notes, heading


def _dc(book: Any, name: str) -> str | None:
    values = book.get_metadata("DC", name)
    for value in values:
        text = value[0] if isinstance(value, tuple) else value
        if isinstance(text, str) and text.strip():
            return " ".join(text.split())
    return None


def read_epub(path: Path) -> list[Document]:
    """An e-book as documents: one per chapter for a collection, else one; raises
    UnreadableDocument."""
    import ebooklib
    from ebooklib import epub

    try:
        book = epub.read_epub(str(path), options={"ignore_ncx": True})
    except (epub.EpubException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableDocument(f"not a readable EPUB file ({error})") from error
    chapters: list[tuple[list[str], list[str], str | None]] = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        lines, notes, heading = chapter_lines(item.get_content())
        if sum(len(line.split()) for line in lines) >= MIN_CHAPTER_WORDS:
            chapters.append((lines, notes, heading))
    if not chapters:
        raise UnreadableDocument("no chapter with text in this EPUB")
    facts: list[Candidate] = []
    publisher = _dc(book, "publisher")
    if publisher:
        facts.append(Candidate("source", publisher, "EPUB metadata (publisher)", publisher))
    date = _dc(book, "date")
    if date:
        from syria_reader.corpus.metadata_table import parse_date

        iso = parse_date(date, None, None)
        if iso:
            facts.append(Candidate("date", iso, "EPUB metadata (date)", date))
    if len(chapters) > 1:
        return [
            Document(text="\n".join(lines), title=heading, footnotes=notes, facts=facts)
            for lines, notes, heading in chapters
        ]
    lines, notes, heading = chapters[0]
    title, creator = _dc(book, "title"), _dc(book, "creator")
    if creator:
        facts.append(Candidate("author", creator, "EPUB metadata (creator)", creator))
    if title:
        facts.append(Candidate("title", title, "EPUB metadata (title)", title))
    return [Document(text="\n".join(lines), title=heading, footnotes=notes, facts=facts)]
