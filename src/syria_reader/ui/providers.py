"""Command palette providers: entities and articles of the index, highlighted safely.

Names and titles come from articles, so highlights are built on literal ``Content`` from the
fuzzy matcher's offsets; ``Matcher.highlight`` would parse them as markup.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from syria_reader.ui.entity_style import entity_details, kind_colour

if TYPE_CHECKING:
    from syria_reader.index.query import ArticleRow, EntityMatch
    from syria_reader.ui.app import ReaderApp

#: Palette scores run from 0 to 1. An exact or whole-word entity name is above anything else;
#: an article whose title holds the query as a word comes next; letters scattered through a
#: title ("k..e..r..r..y") or a weak entity match rank below both.
_WHOLE_WORD_ARTICLE = 0.9
_SCATTERED = 0.6
#: Articles offered for one query at most (those holding the query itself first).
ARTICLE_HITS = 40


def entity_hit_score(match: EntityMatch) -> float:
    """The palette score of an entity lookup match (see the scale above)."""
    from syria_reader.index.fuzzy import EXACT_SCORE, WHOLE_WORD_SCORE

    if match.score >= EXACT_SCORE:
        return 1.0
    if match.score >= WHOLE_WORD_SCORE:
        return 0.99
    fraction = max(0.0, min(1.0, match.score / 100))
    return _WHOLE_WORD_ARTICLE * fraction if match.strong else _SCATTERED * fraction


def article_hit_score(query: str, title: str, fuzzy: float) -> float:
    """The palette score of an article title that the fuzzy matcher scored ``fuzzy``."""
    words = [re.escape(word) for word in query.split()]
    whole = bool(words) and re.search(
        r"\b" + r"\W+".join(words) + r"\b", title, flags=re.IGNORECASE
    )
    return (_WHOLE_WORD_ARTICLE if whole else _SCATTERED) * max(0.0, min(1.0, fuzzy))


def safe_highlight(matcher: Matcher, candidate: str) -> Content:
    """The candidate as literal text with the fuzzy-matched characters styled."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if offset < len(candidate) and not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class EntityCommands(Provider):
    """Entities by name or alias: choosing one opens its mention list."""

    @property
    def reader(self) -> ReaderApp:
        """The reader app."""
        return cast("ReaderApp", self.app)

    async def discover(self) -> Hits:
        """The five most mentioned entities."""
        index = self.reader.index
        if index is None:
            return
        for entity in index.entities(limit=5):
            yield DiscoveryHit(
                Content.assemble(
                    ("entity: ", "$foreground-muted"), (entity.name, kind_colour(entity.kind))
                ),
                partial(self.reader.open_mentions, entity.id),
                text=f"entity: {entity.name}",
                help=entity_details(entity),
            )

    async def search(self, query: str) -> Hits:
        """Entities whose name or an alias fuzzily matches the query."""
        index = self.reader.index
        if index is None or not query.strip():
            return
        matcher = self.matcher(query)
        seen: set[str] = set()
        for match in index.find_entities(query, limit=15):
            entity = match.entity
            if entity.id in seen:
                continue
            seen.add(entity.id)
            score = entity_hit_score(match)
            display = Content.assemble(
                ("entity: ", "$foreground-muted"), safe_highlight(matcher, entity.name)
            )
            if match.matched and match.matched.casefold() != entity.name.casefold():
                display = Content.assemble(
                    display, ("  ← ", "$foreground-muted"), safe_highlight(matcher, match.matched)
                )
            yield Hit(
                score,
                display,
                partial(self.reader.open_mentions, entity.id),
                text=f"entity: {entity.name}",
                help=entity_details(entity),
            )


def article_display(matcher: Matcher | None, row: ArticleRow) -> Content:
    """``article: title`` (highlighted when searching) with source and date, all literal."""
    title = row.title or row.id
    shown = safe_highlight(matcher, title) if matcher is not None else Content(title)
    display = Content.assemble(("article: ", "$foreground-muted"), shown)
    details = " · ".join(part for part in (row.source, row.date) if part)
    if details:
        # Not ``help=``: the palette parses help text as markup.
        display = Content.assemble(display, ("  " + details, "$foreground-muted"))
    return display


class ArticleCommands(Provider):
    """Articles by title: choosing one opens it."""

    async def discover(self) -> Hits:
        """The articles before and after the open one in the corpus."""
        reader = cast("ReaderApp", self.app)
        if reader.index is None or reader.article is None or reader.catalogue is None:
            return
        before, after = reader.catalogue.neighbours(reader.article.id)
        for row, help_text in ((after, "Next article"), (before, "Previous article")):
            if row is not None:
                yield DiscoveryHit(
                    article_display(None, row),
                    partial(reader.open_article_from_palette, row.id),
                    text=f"article: {row.title}",
                    help=help_text,
                )

    async def search(self, query: str) -> Hits:
        """Articles whose title fuzzily matches the query."""
        reader = cast("ReaderApp", self.app)
        if reader.index is None or reader.catalogue is None:
            return
        matcher = self.matcher(query)
        # The titles the matcher can take, found without scoring every title of the corpus.
        for row in reader.catalogue.search_titles(query, ARTICLE_HITS):
            title = row.title or row.id
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    article_hit_score(query, title, score),
                    article_display(matcher, row),
                    partial(reader.open_article_from_palette, row.id),
                    text=f"article: {title}",
                )
