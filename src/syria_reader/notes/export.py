"""Export every note and bookmark as JSON (lossless, re-importable) or Markdown (to read).

Both exports re-anchor each passage in the current text of its article (through the index's
``article(id)``), so they say which notes still find their passage ("anchored") and which are
orphans; an orphan keeps its quote and is exported like any other note, never dropped.
``import_json`` (the way back) lives in ``importer.py`` and is re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from syria_reader.models import Article
from syria_reader.notes.anchors import ORPHAN, Anchor, Resolved, resolve
from syria_reader.notes.importer import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    ImportReport,
    import_json,
)
from syria_reader.notes.store import Bookmark, Note, NotesStore, now_iso
from syria_reader.safe_text import UNSAFE
from syria_reader.wording import plural

__all__ = [
    "ArticleSource",
    "ImportReport",
    "Placed",
    "current_offset",
    "export_json",
    "export_markdown",
    "import_json",
    "place_all",
]


class ArticleSource(Protocol):
    """What exporting needs from the index: articles by id (``Index`` provides it)."""

    def article(self, article_id: str) -> Article | None: ...

    def articles(self) -> list[Any]: ...


@dataclass(frozen=True)
class Placed:
    """A note or bookmark with where its passage is in the current corpus."""

    item: Note | Bookmark
    title: str | None  # the article's current title, else its title when the item was made
    resolved: Resolved | None  # None: a note on an entity only, or no index to look in
    article_present: bool

    @property
    def anchor(self) -> Anchor | None:
        """The passage as it was captured (None for a note on an entity only)."""
        return self.item.anchor

    @property
    def anchored(self) -> bool:
        """Whether the passage is found in the article's current text."""
        return self.resolved is not None and self.resolved.anchored


class _Articles:
    """Articles fetched once each from the index."""

    def __init__(self, index: ArticleSource | None) -> None:
        self.index = index
        self._cache: dict[str, Article | None] = {}

    def get(self, article_id: str) -> Article | None:
        if self.index is None:
            return None
        if article_id not in self._cache:
            self._cache[article_id] = self.index.article(article_id)
        return self._cache[article_id]


def place_all(store: NotesStore, index: ArticleSource | None) -> tuple[list[Placed], list[Placed]]:
    """Every note and every bookmark with its passage re-anchored in the current text."""
    articles = _Articles(index)

    def place(item: Note | Bookmark) -> Placed:
        anchor = item.anchor
        if anchor is None:
            return Placed(item, None, None, False)
        article = articles.get(anchor.article_id)
        if article is None:
            resolved = ORPHAN if index is not None else None
            return Placed(item, anchor.article_title or None, resolved, False)
        return Placed(item, article.title, resolve(anchor, article), True)

    return [place(n) for n in store.notes()], [place(b) for b in store.bookmarks()]


def _item_json(placed: Placed) -> dict[str, Any]:
    """The fields every exported note and bookmark begins with."""
    anchor = placed.anchor
    return {
        "id": placed.item.id,
        "article": anchor.article_id if anchor else None,
        "title": placed.title,
        "quote": anchor.quote if anchor else None,
    }


def _anchor_json(placed: Placed) -> dict[str, Any]:
    """The anchor fields that make an export re-importable without loss, and the current place."""
    anchor, resolved = placed.anchor, placed.resolved
    return {
        "status": resolved.status if resolved else None,
        "current_start": resolved.start if resolved else None,
        "current_end": resolved.end if resolved else None,
        "start": anchor.start if anchor else None,
        "end": anchor.end if anchor else None,
        "prefix": anchor.prefix if anchor else None,
        "suffix": anchor.suffix if anchor else None,
        "path": anchor.article_path if anchor else None,
        "sha256": anchor.article_sha256 if anchor else None,
        "anchor_title": anchor.article_title if anchor else None,
    }


def export_json(store: NotesStore, index: ArticleSource | None) -> dict[str, Any]:
    """All notes and bookmarks as the JSON object of ``notes export --format json``."""
    notes, bookmarks = place_all(store, index)
    note_objects = []
    for placed in notes:
        note = placed.item
        assert isinstance(note, Note)
        note_objects.append(
            {
                **_item_json(placed),
                "text": note.text,
                "entity": note.entity_id,
                "created": note.created,
                "updated": note.updated,
                "anchored": placed.anchored,
                **_anchor_json(placed),
            }
        )
    bookmark_objects = []
    for placed in bookmarks:
        bookmark = placed.item
        assert isinstance(bookmark, Bookmark)
        bookmark_objects.append(
            {
                **_item_json(placed),
                "created": bookmark.created,
                "anchored": placed.anchored,
                **_anchor_json(placed),
            }
        )
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported": now_iso(),
        "notes": note_objects,
        "bookmarks": bookmark_objects,
    }


# -- Markdown ------------------------------------------------------------------------------------

# Every character that can start inline Markdown (CommonMark, GFM, and the $ of math extensions).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$!])")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")


def _escape_line(line: str) -> str:
    """One line of untrusted text as literal Markdown: no emphasis, links, HTML, lists or
    headings."""
    # Leading spaces would make an indented code block; tabs likewise.
    line = UNSAFE.sub("", line.replace("\t", " ")).strip()
    line = _INLINE_SPECIAL.sub(r"\\\1", line)
    line = _ORDERED_MARKER.sub(r"\1\\\2", line)
    if line[:1] in ("-", "+", "="):
        line = "\\" + line
    return line


def md_inline(text: str) -> str:
    """Untrusted text as one line of literal Markdown (whitespace collapsed)."""
    return _escape_line(" ".join(text.split()))


def md_paragraphs(text: str, quote: bool = False) -> str:
    """Untrusted multi-line text as literal Markdown paragraphs (or a block quote), breaks kept."""
    paragraphs = [
        p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")) if p.strip()
    ]
    blocks = []
    for paragraph in paragraphs:
        lines = [_escape_line(line) for line in paragraph.split("\n")]
        blocks.append("  \n".join(line for line in lines if line))  # two spaces: a hard line break
    if not quote:
        return "\n\n".join(blocks)
    return "\n>\n".join("\n".join(f"> {line}" for line in block.split("\n")) for block in blocks)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _stamp(iso: str) -> str:
    """'2024-05-01T12:30:00.000Z' -> '2024-05-01 12:30 UTC' (as given if not in that shape)."""
    match = re.match(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})", iso)
    return f"{match.group(1)} {match.group(2)} UTC" if match else md_inline(iso)


def _note_block(placed: Placed, with_quote: bool = True) -> str:
    note = placed.item
    assert isinstance(note, Note)
    parts = []
    if with_quote and placed.anchor is not None:
        parts.append(md_paragraphs(placed.anchor.quote, quote=True))
    parts.append(md_paragraphs(note.text))
    when = f"Noted {_stamp(note.created)}"
    if note.updated != note.created:
        when += f", edited {_stamp(note.updated)}"
    parts.append(f"*{when}*")
    return "\n\n".join(parts)


def current_offset(placed: Placed) -> int:
    """Where an item is in its article now (where it was, when not checked or not found)."""
    if placed.resolved is not None and placed.resolved.start is not None:
        return placed.resolved.start
    return placed.anchor.start if placed.anchor is not None else 0


def _order(index: ArticleSource | None) -> dict[str, int]:
    """Article id -> position in corpus order (articles missing from the index sort last)."""
    if index is None:
        return {}
    return {row.id: position for position, row in enumerate(index.articles())}


def export_markdown(store: NotesStore, index: ArticleSource | None) -> str:
    """All notes and bookmarks as a Markdown document: by article, each note under its passage."""
    notes, bookmarks = place_all(store, index)
    order = _order(index)
    anchored: dict[str, list[Placed]] = {}
    orphans: dict[str, list[Placed]] = {}
    titles: dict[str, str | None] = {}
    on_entities: list[Placed] = []
    for placed in notes + bookmarks:
        if placed.anchor is None:
            on_entities.append(placed)
            continue
        article_id = placed.anchor.article_id
        titles.setdefault(article_id, placed.title)
        # Without an index nothing can be re-anchored: list everything under its article.
        target = anchored if placed.anchored or placed.resolved is None else orphans
        target.setdefault(article_id, []).append(placed)

    def article_order(article_id: str) -> tuple[int, str]:
        return order.get(article_id, len(order)), article_id

    def heading(level: str, article_id: str) -> str:
        title = titles.get(article_id) or "Untitled article"
        return f"{level} {md_inline(title)}\n\n*Article* `{article_id.replace('`', '')}`"

    lines = ["# Notes and bookmarks", ""]
    lines.append(
        f"Exported from syria-reader on {_stamp(now_iso())}: "
        f"{plural(len(notes), 'note')}, {plural(len(bookmarks), 'bookmark')}."
    )
    if index is None:
        lines.append("")
        lines.append(
            "*No index was available: passages were not checked against the articles' current "
            "text.*"
        )

    for article_id in sorted(anchored, key=article_order):
        items = sorted(anchored[article_id], key=current_offset)
        lines += ["", heading("##", article_id)]
        marks = [p for p in items if isinstance(p.item, Bookmark)]
        if marks:
            lines += ["", "**Bookmarks**", ""]
            lines += [f"- “{md_inline(_short(p.anchor.quote))}”" for p in marks if p.anchor]
        for placed in items:
            if isinstance(placed.item, Note):
                lines += ["", _note_block(placed)]

    if on_entities:
        lines += ["", "## Notes on entities"]
        by_entity: dict[str, list[Placed]] = {}
        for placed in on_entities:
            note = placed.item
            assert isinstance(note, Note)
            by_entity.setdefault(note.entity_id or "", []).append(placed)
        for entity_id in sorted(by_entity):
            lines += ["", f"### {md_inline(_entity_name(index, entity_id))}"]
            for placed in by_entity[entity_id]:
                lines += ["", _note_block(placed, with_quote=False)]

    if orphans:
        lines += [
            "",
            "## Orphans",
            "",
            "These passages are no longer found in their article (edited, or gone from the "
            "corpus). "
            "Their quote is kept here as it was.",
        ]
        for article_id in sorted(orphans, key=article_order):
            lines += ["", heading("###", article_id)]
            for placed in orphans[article_id]:
                if isinstance(placed.item, Note):
                    lines += ["", _note_block(placed)]
                elif placed.anchor is not None:
                    lines += ["", "Bookmark:", "", md_paragraphs(placed.anchor.quote, quote=True)]
    return "\n".join(lines) + "\n"


def _entity_name(index: ArticleSource | None, entity_id: str) -> str:
    """The entity's name from the index, else its id."""
    lookup = getattr(index, "entity", None)
    row = lookup(entity_id) if callable(lookup) else None
    name = getattr(row, "name", None)
    return f"{name} ({entity_id})" if name else entity_id
