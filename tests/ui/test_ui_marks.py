"""The reader's notes wiring: b bookmarks, n writes a note, N lists them and jumps, markers show."""

from __future__ import annotations

from textual.widgets import TextArea
from ui_helpers import ready

from syria_reader.notes.store import NotesStore
from syria_reader.ui.screens.main import MainScreen
from syria_reader.ui.screens.mentions import MentionsScreen
from syria_reader.ui.screens.note_editor import NoteEditorScreen
from syria_reader.ui.screens.notes_screen import NotesScreen
from syria_reader.ui.widgets.article_view import ArticleView


async def test_bookmark_the_paragraph_at_the_top_and_see_its_marker(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        view = app.screen.query_one(ArticleView)
        third = view.blocks[2]
        view.scroll_to_offset(third.block.start)
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        block_at_top = view.block_at(view.reading_offset())
        assert block_at_top.has_class("-noted")
        article_id = app.article.id
        await pilot.press("q")
    with NotesStore() as store:
        [bookmark] = store.bookmarks(article_id)
        assert bookmark.anchor.quote == app.article.block_text(block_at_top.block)


async def test_note_on_a_chosen_mention_is_attached_to_its_entity(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("m")
        mention = view.selected
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        app.screen.query_one(TextArea).insert("Check this [bold] claim [/]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        with NotesStore() as store:
            [note] = store.notes(app.article.id)
        assert note.entity_id == mention.entity_id
        assert (note.anchor.start, note.anchor.end) == (mention.start, mention.end)
        assert note.text == "Check this [bold] claim [/]"
        # The note shows with the entity's mentions.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        assert any("Check this [bold] claim [/]" in str(note) for note in app.screen.notes)


async def test_notes_screen_jumps_to_the_passage(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        rows = app.index.articles()
        await app.open_article(rows[2].id)
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        last = view.blocks[-1]
        view.scroll_to_offset(last.block.start)
        await pilot.pause()
        await pilot.press("b")
        marked = view.block_at(view.reading_offset()).block
        await app.open_article(rows[0].id)
        await pilot.pause()
        await pilot.press("N")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.article.id == rows[2].id
        assert (view.mark.start, view.mark.end) == (marked.start, marked.end)
        # Back returns to the article the notes were opened from.
        await pilot.press("escape")
        await pilot.pause()
        assert app.article.id == rows[0].id
