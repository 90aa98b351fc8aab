"""The reader's main flows, driven with Pilot on the seeds index (built once per session)."""

from __future__ import annotations

from textual.widgets import DataTable, Input
from ui_helpers import ready, screen_text

from syria_reader.index.grouping import SentenceMentions
from syria_reader.ui.help_contexts import help_contexts
from syria_reader.ui.screens.help import HelpScreen
from syria_reader.ui.screens.lookup import LookupScreen
from syria_reader.ui.screens.main import MainScreen
from syria_reader.ui.screens.mentions import MentionsScreen
from syria_reader.ui.widgets.article_view import ArticleView, BlockView
from syria_reader.ui.widgets.mention_list import MentionListView, sentence_line
from syria_reader.ui.widgets.option_list import ReaderOptionList


def mark_is_visible(app) -> bool:
    """True if the marked passage's block is wholly inside the article pane (or, for a block
    taller than the pane, fills part of it)."""
    view = app.screen.query_one(ArticleView)
    assert view.mark is not None
    block = view.block_at(view.mark.start)
    assert block is not None
    pane = view.scrollable_content_region
    if block.region.height <= pane.height:
        return pane.contains_region(block.region)
    return pane.overlaps(block.region)


def enabled_options(option_list: ReaderOptionList) -> list[str]:
    return [option.id for option in option_list.options if not option.disabled and option.id]


async def test_start_shows_first_article_and_its_entities(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        first = app.index.articles()[0]
        assert app.article.id == first.id
        view = app.screen.query_one(ArticleView)
        assert len(view.blocks) == len(app.article.blocks)
        assert isinstance(app.focused, ArticleView)
        entities = app.index.article_entities(first.id)
        assert entities, "the first seed names people and places"
        listed = enabled_options(app.screen.query_one("#entity-options", ReaderOptionList))
        assert sorted(listed) == sorted(f"e:{entity.id}" for entity, _ in entities)
        assert first.title[:30] in screen_text(app)


async def test_lookup_lavrov_lists_every_mention_and_jumps_and_back_returns(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        start_article = app.article.id
        await pilot.press("slash")
        assert isinstance(app.screen, LookupScreen)
        await pilot.press(*"Lavrov")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        entity = app.screen.entity
        assert "Lavrov" in entity.name
        expected = app.index.mentions_of(entity.id)
        assert len({m.article_id for m in expected}) >= 2, "Lavrov is named in two seeds"
        mention_list = app.screen.query_one(MentionListView)
        sentences = {(m.article_id, m.context_start) for m in expected}
        articles = {m.article_id for m in expected}
        assert mention_list.row_count == len(sentences) + len(articles)  # one row per sentence
        assert app.screen.focused is mention_list

        # Choose a mention in another article than the one open, the first of its sentence.
        row = next(
            i
            for i, m in enumerate(expected)
            if m.article_id != start_article
            and (i == 0 or expected[i - 1].context_start != m.context_start)
        )
        mention_list.move_to(app.screen.mentions.row_of_position(row))
        await pilot.pause()
        assert app.screen.highlighted_row == row
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.article.id == expected[row].article_id
        view = app.screen.query_one(ArticleView)
        assert (view.mark.start, view.mark.end) == (expected[row].start, expected[row].end)
        assert mark_is_visible(app)
        assert isinstance(app.focused, ArticleView)

        # Back: the mention list again, on the same row; back again: where we started.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        assert app.screen.highlighted_row == row
        assert app.article.id == start_article
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.article.id == start_article


async def test_lookup_is_fuzzy(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for typed, wanted in (("lavorv", "Lavrov"), ("daesh", "Islamic State")):
            await pilot.press("slash")
            app.screen.query_one(Input).value = typed
            await pilot.pause()
            results = app.screen.query_one(ReaderOptionList)
            top = app.index.entity(results.get_option_at_index(0).id)
            assert wanted.casefold() in (top.name + " " + " ".join(top.aliases)).casefold(), (
                typed,
                top,
            )
            await pilot.press("escape")


async def test_next_and_previous_mention_cross_articles(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        # The entity named in two or more articles with the fewest mentions: every step is checked.
        entity = min((e for e in app.index.entities() if e.articles >= 2), key=lambda e: e.mentions)
        mentions = app.index.mentions_of(entity.id)
        app.open_mentions(entity.id)
        await pilot.pause()
        await pilot.press("enter")  # the first mention
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        seen = [(app.article.id, view.mark.start)]
        for _ in range(len(mentions) - 1):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append((app.article.id, view.mark.start))
        assert seen == [(m.article_id, m.start) for m in mentions]
        assert mark_is_visible(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert (app.article.id, view.mark.start) == seen[-2]


async def test_sidebar_date_jumps_into_the_article(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        article = next(a for a in app.index.articles() if app.index.dates(a.id))
        await app.open_article(article.id)
        await pilot.press("tab")  # article -> sidebar
        await pilot.press("l")  # Entities -> Dates
        await pilot.pause()
        dates = app.screen.query_one("#date-options", ReaderOptionList)
        assert app.focused is dates
        dates.highlighted = len(dates.options) - 1
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        last = sorted(app.index.dates(article.id), key=lambda d: (d.start, d.end))[-1]
        view = app.screen.query_one(ArticleView)
        assert (view.mark.start, view.mark.end) == (last.start, last.end)
        assert mark_is_visible(app)


async def test_choosing_an_entity_in_the_sidebar_opens_its_mentions(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        entity_id = enabled_options(
            app.screen_stack[0].query_one("#entity-options", ReaderOptionList)
        )[0][2:]
        assert app.screen.entity.id == entity_id


async def test_clicking_a_highlighted_name_opens_its_mentions(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        view = app.screen.query_one(ArticleView)
        target = None
        for block in view.blocks:
            region = block.region
            for y in range(region.y, region.bottom):
                for x in range(region.x, region.right):
                    if "mention" in app.screen.get_style_at(x, y).meta:
                        target = (x, y)
                        break
                if target:
                    break
            if target:
                break
        assert target is not None, "the first seed has a highlighted name on screen"
        start = app.screen.get_style_at(*target).meta["mention"]
        await pilot.click(offset=target)
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        assert app.screen.entity.id == view.mention_at(start).entity_id


async def test_mention_cycling_key_chooses_the_mention_at_the_reading_position(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("m")
        first = view.selected
        assert first is not None and first == view.mentions[0]
        await pilot.press("m")
        assert view.selected == view.mentions[1]
        await pilot.press("M")
        assert view.selected == first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        assert app.screen.entity.id == first.entity_id


async def test_help_lists_every_binding_and_closes(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        descriptions = {row[1] for row in rows}
        for _title, owners, _extra in help_contexts(app):
            for owner in owners:
                for binding in owner.BINDINGS:
                    if getattr(binding, "id", None) and not binding.system:
                        assert binding.description in descriptions, binding
        assert rows[[r[1] for r in rows].index("Find")][:2] == ["/", "Find"]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_q_quits_with_status_zero(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert app.return_value == 0


async def test_narrow_terminal_folds_the_article_list(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        main = app.screen
        assert not main.article_list.display
        assert main.sidebar.display
        await pilot.press("a")
        await pilot.pause()
        assert main.article_list.display and app.focused is main.article_list
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.article.id == app.index.articles()[1].id
        assert not main.article_list.display
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert main.article_list.display and main.sidebar.display


async def test_reading_place_is_restored_after_a_restart(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        rows = app.index.articles()
        await app.open_article(rows[1].id)
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        view.scroll_to_offset(view.blocks[len(view.blocks) // 2].block.start)
        await pilot.pause()
        offset = view.reading_offset()
        assert offset > 0
        await pilot.press("q")
    again = seeds_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert again.article.id == rows[1].id
        await pilot.pause()
        assert again.screen.query_one(ArticleView).reading_offset() == offset
        # Other articles open where they were left too (the first one at its top).
        await again.open_article(rows[0].id)
        await pilot.pause()
        assert again.screen.query_one(ArticleView).reading_offset() == 0


async def test_blocks_are_static_content_per_block(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        view = app.screen.query_one(ArticleView)
        kinds = {block.block.kind for block in view.query(BlockView)}
        assert "paragraph" in kinds
        # Reader comments are hidden until asked for.
        for block in view.query(BlockView):
            if block.block.kind == "comment":
                assert not block.display


async def test_reader_comments_are_hidden_until_toggled(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await ready(pilot)
        with_comments = next(
            row.id
            for row in app.index.articles()
            if any(b.kind == "comment" for b in app.index.article(row.id).blocks)
        )
        await app.open_article(with_comments)
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        comments = [block for block in view.blocks if block.block.kind == "comment"]
        assert comments and not any(block.display for block in comments)
        assert all(str(block.border_title) == "reader comment" for block in comments)
        # Cycling names skips the hidden comments.
        for _ in range(min(len(view.mentions) + 1, 25)):
            await pilot.press("m")
            assert view.selected is not None
            assert not any(c.contains(view.selected.start) for c in comments)
        await pilot.press("c")
        await pilot.pause()
        assert all(block.display for block in comments)
        await pilot.press("c")
        await pilot.pause()
        assert not any(block.display for block in comments)


async def test_mention_list_shows_a_sentence_once_with_every_mention_marked(seeds_app) -> None:
    app = seeds_app()
    async with app.run_test(size=(150, 45)) as pilot:
        await ready(pilot)
        entity = max(app.index.entities(), key=lambda e: e.mentions)
        mentions = app.index.mentions_of(entity.id)
        by_sentence: dict[tuple[str, int], int] = {}
        for m in mentions:
            key = (m.article_id, m.context_start)
            by_sentence[key] = by_sentence.get(key, 0) + 1
        assert max(by_sentence.values()) >= 2, "the busiest entity is named twice in a sentence"
        app.open_mentions(entity.id)
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        pages = app.screen.mentions
        rows = [r for r in pages.rows(0, pages.row_count) if isinstance(r, SentenceMentions)]
        assert len(rows) == len(by_sentence)
        contexts = [(r.article_id, r.first.context_start) for r in rows]
        assert len(contexts) == len(set(contexts)), "no sentence is listed twice"
        group = next(g for g in rows if len(g.mentions) >= 2)
        prompt = sentence_line(group, 10_000)
        assert str(prompt).lstrip().startswith(f"{len(group.mentions)}\u00d7")
        marked = {(span.start, span.end) for span in prompt.spans}
        offset = len(str(prompt)) - len(group.context)
        for mention in group.mentions:
            start = mention.start - mention.context_start + offset
            assert any(a <= start and start + len(mention.text) <= b for a, b in marked)
        assert f"in {len(by_sentence)} sentences" in screen_text(app)
