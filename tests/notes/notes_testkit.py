"""Helpers for the notes tests: articles built from text written here, and a small fake index.

(Not in conftest.py: test modules import these by name, and tests/ has several conftest modules.)
"""

from __future__ import annotations

from dataclasses import dataclass

from syria_reader.models import Article, Block

PARAGRAPHS = [
    "Shelling resumes near the river crossing",
    "Residents of the eastern quarter said the shelling began shortly after dawn on Tuesday, "
    "when the first rounds struck a market that had reopened only a week earlier.",
    "A local council member, speaking by telephone, said at least nine people were wounded and "
    "that two ambulances could not reach the area because the main road was blocked by rubble.",
    "The foreign minister told reporters in Geneva that a ceasefire was still possible if both "
    "sides agreed to withdraw heavy weapons from the outskirts of the city within ten days.",
    "Aid agencies warned that flour stocks in the besieged districts would last no more than "
    "three weeks, and that the price of bread had doubled since the start of the month.",
    "The monitoring group, which relies on a network of contacts on the ground, could not "
    "independently confirm the number of casualties reported by either side.",
    "Talks are expected to resume next week, although no date has been set and neither "
    "delegation has confirmed that it will attend.",
]


def build_article(
    paragraphs: list[str], article_id: str = "town-report#0", title: str | None = None
) -> Article:
    """An Article whose text is the paragraphs joined by blank lines (the first is the title)."""
    text = "\n\n".join(paragraphs)
    blocks = []
    position = 0
    for number, paragraph in enumerate(paragraphs):
        blocks.append(
            Block("title" if number == 0 else "paragraph", position, position + len(paragraph))
        )
        position += len(paragraph) + 2
    return Article(
        id=article_id,
        title=title if title is not None else paragraphs[0],
        source="Test Wire",
        author=None,
        date="2016-07-12",
        path="reports/town-report.txt",
        text=text,
        blocks=tuple(blocks),
        sha256="0" * 64,
    )


@dataclass(frozen=True)
class Row:
    """The part of ArticleRow the notes code reads."""

    id: str
    title: str


@dataclass(frozen=True)
class EntityRowStub:
    id: str
    name: str


@dataclass(frozen=True)
class MentionStub:
    article_id: str
    start: int
    end: int


class FakeIndex:
    """Stands in for ``Index``: ``article(id)``, ``articles()``, ``entity(id)``,
    ``mentions_of(id)``."""

    def __init__(self, articles: list[Article], entities: dict[str, str] | None = None) -> None:
        self._articles = {a.id: a for a in articles}
        self._entities = entities or {}
        self.closed = False

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def articles(self) -> list[Row]:
        return [Row(a.id, a.title) for a in self._articles.values()]

    def entity(self, entity_id: str) -> EntityRowStub | None:
        name = self._entities.get(entity_id)
        return EntityRowStub(entity_id, name) if name else None

    def mentions_of(self, entity_id: str, include_asides: bool = True) -> list[MentionStub]:
        name = self._entities.get(entity_id)
        found = []
        for article in self._articles.values():
            start = article.text.find(name) if name else -1
            if start >= 0:
                found.append(MentionStub(article.id, start, start + len(name)))
        return found

    def close(self) -> None:
        self.closed = True
