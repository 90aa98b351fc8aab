"""What a format reader gives the cleaner: a document's raw text and what the file says about it.

Each format has its own reader module (:mod:`~syria_reader.corpus.html`,
:mod:`~syria_reader.corpus.pdf_reader`, :mod:`~syria_reader.corpus.docx_reader`,
:mod:`~syria_reader.corpus.epub_reader`); each turns a file into one or more documents (an
e-book that collects articles gives one per chapter), which the cleaner turns into articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from syria_reader.corpus.catalogue import Candidate


class UnreadableDocument(Exception):
    """A file of a known format that cannot be read; the message says why, for the user."""


@dataclass(frozen=True)
class Document:
    """One document's raw text (lines, as a text file holds them) and its file's metadata."""

    text: str
    title: str | None = None  # a headline the file marks as such
    comments: list[str] = field(default_factory=list)  # reader comments (web pages)
    footnotes: list[str] = field(default_factory=list)  # notes, set apart as asides
    #: What the file's own metadata says (HTML <meta>, PDF info, DOCX core properties).
    facts: list[Candidate] = field(default_factory=list)
    #: Whether the facts beat what the text says (a page's markup is exact; a PDF's title
    #: field is often a file name, so the text's headline wins there).
    facts_first: bool = False
