"""Hand-made indexes for the curation tests: articles and the entities "the linker" found.

Building from plain data (not an extractor) makes the tests say exactly which mentions exist,
so a correction's effect can be checked to the mention; the real builder writes the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from syria_reader.curation.names import slug
from syria_reader.index.curate import apply_file
from syria_reader.index.writer import IndexedArticle, write_index
from syria_reader.models import Analysis, Article, Block, Entity, LinkedMention, RawMention

#: (canonical name, kind, surface forms the linker tagged as that entity)
EntitySpec = tuple[str, str, list[str]]


def make_article(article_id: str, text: str) -> Article:
    """One article: a title line, then paragraphs separated by blank lines."""
    blocks = []
    position = 0
    for number, part in enumerate(text.split("\n\n")):
        blocks.append(
            Block("title" if number == 0 else "paragraph", position, position + len(part))
        )
        position += len(part) + 2
    return Article(
        article_id,
        text.split("\n\n")[0],
        None,
        None,
        None,
        f"{article_id}.txt",
        text,
        tuple(blocks),
        "0" * 64,
    )


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^.\n]+[.]?", text):
        if match.group().strip():
            spans.append(match.span())
    return spans


def build_hand_index(
    path: Path,
    articles: dict[str, str],
    entities: list[EntitySpec],
    *,
    untagged: set[tuple[str, int]] = frozenset(),  # (article id, offset) the linker missed
    corpus: str = "/corpora/hand",
    corrections: Path | None = None,
) -> Path:
    """Write an index of these articles in which every occurrence of each entity's surface
    forms is a mention of it (except ``untagged`` ones), then apply the corrections file."""
    items: list[IndexedArticle] = []
    linked: list[LinkedMention] = []
    made: list[Entity] = []
    for name, kind, forms in entities:
        made.append(
            Entity(f"{kind.lower()}:{slug(name)}", name, kind, [f for f in forms if f != name])
        )
    for position, (article_id, text) in enumerate(articles.items()):
        article = make_article(article_id, text)
        sentences = _sentences(text)
        mentions: list[RawMention] = []
        taken: list[tuple[int, int]] = []
        forms = [(f, e, spec[1]) for e, spec in zip(made, entities, strict=True) for f in spec[2]]
        for form, entity, kind in sorted(forms, key=lambda item: -len(item[0])):
            for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                start, end = match.span()
                if (article_id, start) in untagged or any(a < end and start < b for a, b in taken):
                    continue
                taken.append((start, end))
                s_start, s_end = next((a, b) for a, b in sentences if a <= start and end <= b)
                raw = RawMention(start, end, form, kind, s_start, s_end)
                mentions.append(raw)
                linked.append(LinkedMention(article_id, raw, entity.id))
        mentions.sort(key=lambda m: m.start)
        analysis = Analysis(article_id, tuple(mentions), (), (), tuple(sentences), "hand")
        items.append(IndexedArticle(article, position, f"hash-{article_id}", analysis, None, b""))
    linked.sort(key=lambda m: (list(articles).index(m.article_id), m.mention.start))
    if path.exists():
        path.unlink()
    write_index(
        path,
        meta={"schema_version": "2", "corpus": corpus},
        files=[],
        items=items,
        entities=made,
        mentions=linked,
        problems=[],
    )
    import sqlite3

    from syria_reader.index.schema import SCHEMA_VERSION

    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))
    db.commit()
    db.close()
    if corrections is not None:
        apply_file(path, corrections)
    return path


ARTICLES = {
    "a1": (
        "Ministers meet in Geneva\n\n"
        "Sergei Lavrov met John Kerry in Geneva. Lavrov said the truce must hold. "
        "Kerry agreed with Sergey Lavrov on the truce."
    ),
    "a2": (
        "Convoy reaches Aleppo\n\n"
        "A convoy reached Aleppo. Later, Lavrov spoke in Moscow. "
        "Click Here to read more about Aleppo."
    ),
}

ENTITIES: list[EntitySpec] = [
    ("Sergei Lavrov", "PERSON", ["Sergei Lavrov", "Lavrov"]),
    ("Sergey Lavrov", "PERSON", ["Sergey Lavrov"]),
    ("John Kerry", "PERSON", ["John Kerry", "Kerry"]),
    ("Geneva", "GPE", ["Geneva"]),
    ("Aleppo", "GPE", ["Aleppo"]),
    ("Moscow", "ORG", ["Moscow"]),
    ("Click Here", "ORG", ["Click Here"]),
]
