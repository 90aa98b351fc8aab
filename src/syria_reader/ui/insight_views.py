"""Opening the reader's quotes, timeline, related and search screens, and jumping from them.

The app's actions call these; each reads the index through the query module, pushes its
screen (imported when first opened, not at start-up), and when the user picks a passage,
closes every screen above the main one and opens the article there (the place left is pushed
on the back stack, so escape returns).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from syria_reader.ui.navigation import JumpTarget
from syria_reader.ui.screens.main import MainScreen

#: How many related entities the reader lists (the strongest; the CLI's --limit goes further).
RELATED_LIMIT = 50

if TYPE_CHECKING:
    from syria_reader.index.query import EntityRow, TimelineRow
    from syria_reader.ui.app_base import ReaderBase


async def jump(app: ReaderBase, target: JumpTarget | None) -> None:
    """Open a passage chosen in one of these screens (None: the user closed the screen)."""
    if target is None:
        return
    while len(app.screen_stack) > 1 and not isinstance(app.screen, MainScreen):
        app.pop_screen()
    if target.end > target.start:
        await app.open_article(target.article_id, target=target)
    else:  # a hit in the title only: the article from its top
        await app.open_article(target.article_id, offset=0)
    app.screen_stack[0].query_one("#article").focus()


def _entity(app: ReaderBase, entity_id: str | None) -> EntityRow | None:
    if app.index is None or entity_id is None:
        return None
    return app.index.entity(entity_id)


def open_quotes(
    app: ReaderBase, entity_id: str | None = None, article_id: str | None = None
) -> None:
    """The quotes of one speaker, of one article, or all of them."""
    index = app.index
    if index is None:
        app.notify("The index is not ready yet")
        return
    entity = _entity(app, entity_id)
    quotes = index.quotes(speaker_id=entity.id if entity else None, article_id=article_id)
    if entity is not None:
        title = f"Quotes of {entity.name}"
    elif article_id is not None and app.article is not None:
        title = f"Quotes in {app.article.title}"
    else:
        title = "Every quote"

    async def chosen(target: JumpTarget | None) -> None:
        await jump(app, target)

    from syria_reader.ui.screens.quotes import QuotesScreen

    app.push_screen(QuotesScreen(title, quotes, with_speaker=entity is None), callback=chosen)


def open_related(app: ReaderBase, entity_id: str | None) -> None:
    """The entities named with one, and their shared sentences."""
    index = app.index
    entity = _entity(app, entity_id)
    if index is None or entity is None:
        app.notify("Choose an entity first: / finds one")
        return

    async def chosen(target: JumpTarget | None) -> None:
        await jump(app, target)

    from syria_reader.ui.screens.related import RelatedScreen

    app.push_screen(
        RelatedScreen(entity, index.related(entity.id, limit=RELATED_LIMIT), index.together),
        callback=chosen,
    )


def open_timeline(app: ReaderBase, entity_id: str | None = None) -> None:
    """Every resolved date (of the sentences naming one entity)."""
    index = app.index
    if index is None:
        app.notify("The index is not ready yet")
        return

    def load(wanted: str | None) -> list[TimelineRow]:
        return index.timeline(entity_id=wanted)

    def find(name: str) -> EntityRow | None:
        matches = index.find_entities(name, limit=1)
        return matches[0].entity if matches else None

    async def chosen(target: JumpTarget | None) -> None:
        await jump(app, target)

    from syria_reader.ui.screens.timeline import TimelineScreen

    app.push_screen(TimelineScreen(load, find, _entity(app, entity_id)), callback=chosen)


def open_search(app: ReaderBase, query: str = "") -> None:
    """Full-text search."""
    index = app.index
    if index is None:
        app.notify("The index is not ready yet")
        return

    async def chosen(target: JumpTarget | None) -> None:
        await jump(app, target)

    from syria_reader.ui.screens.search import LIMIT, SearchScreen

    app.push_screen(
        SearchScreen(lambda words: index.search(words, limit=LIMIT), query), callback=chosen
    )


def export_mentions(app: ReaderBase, entity_id: str) -> None:
    """Save an entity's mention list as CSV or Markdown."""
    index = app.index
    entity = _entity(app, entity_id)
    if index is None or entity is None:
        return
    from syria_reader.index.listing import mentions_table
    from syria_reader.ui.screens.export import ExportScreen

    table = mentions_table(f"Mentions of {entity.name}", index.mentions_of(entity.id))

    def saved(path: object) -> None:
        if path is not None:
            app.notify(f"Saved {len(table.rows)} mentions to {path}", markup=False, timeout=10)

    app.push_screen(ExportScreen(table), callback=saved)
