"""What a new user meets in a first hour with the reader (issue 8): lookups that match
nothing, palette ranking, keys during the first index build, and the layout at small sizes.
Driven with Pilot on a small corpus written here and indexed with the rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static
from ui_helpers import RULES, palette_search, ready, screen_text

from syria_reader.ui.screens.lookup import LookupScreen
from syria_reader.ui.screens.mentions import MentionsScreen

FIRST_HOUR = {
    # Its title holds k..e..r..r..y scattered through its words; the text never names Kerry.
    "kremlin.txt": (
        "Kremlin envoy returns ready for talks\n\n"
        "MOSCOW, March 3 2016 - A Russian envoy returned from Damascus on Thursday and said the "
        "ceasefire held in most of Syria.\n"
    ),
    "geneva.txt": (
        "Talks resume in Geneva\n\n"
        "GENEVA, March 5 2016 - Sergei Lavrov and John Kerry met in Geneva on Saturday to discuss "
        "the ceasefire in Syria. Kerry said more than 250,000 people had been killed.\n"
    ),
}


@pytest.fixture
def first_hour_corpus(tmp_path: Path) -> Path:
    """The small corpus above, in a folder of its own."""
    root = tmp_path / "first-hour"
    root.mkdir()
    for name, text in FIRST_HOUR.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def first_hour_app(first_hour_corpus: Path):
    """Make a ReaderApp on the small corpus, its index built beforehand (rules)."""
    from syria_reader.index.build import build_index
    from syria_reader.ui.app import ReaderApp

    build_index(first_hour_corpus, RULES)

    def make() -> ReaderApp:
        return ReaderApp(first_hour_corpus, RULES)

    return make


async def test_palette_puts_the_entity_named_before_a_title_that_only_scatters_its_letters(
    first_hour_app,
) -> None:
    app = first_hour_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        prompts = await palette_search(pilot, "kerry")
        assert prompts, "the palette found something"
        assert prompts[0].startswith("entity: John Kerry"), prompts
        kremlin = [i for i, p in enumerate(prompts) if "Kremlin envoy" in p]
        assert all(i > 0 for i in kremlin)


async def test_lookup_with_only_a_weak_match_says_nothing_matched_and_offers_close_names(
    first_hour_app,
) -> None:
    app = first_hour_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        matches = app.index.find_entities("Geneva Convention Office")
        assert matches and not matches[0].strong, "only a weak match for this name"
        await pilot.press("slash")
        assert isinstance(app.screen, LookupScreen)
        app.screen.query_one(Input).value = "Geneva Convention Office"
        await pilot.pause()
        status = str(app.screen.query_one("#lookup-status", Static).render())
        assert "Nothing matched" in status and "Close names" in status
        assert "Geneva" in screen_text(app)  # the close name is offered...
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)  # ...but not taken
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)  # chosen on purpose, it opens
        assert app.screen.entity.name == "Geneva"


async def test_m_starts_from_what_is_on_screen_after_the_view_moved(seeds_app) -> None:
    from syria_reader.ui.widgets.article_view import ArticleView

    app = seeds_app()
    async with app.run_test(size=(150, 45)) as pilot:
        await ready(pilot)
        view = app.screen.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        _, first_screen_end = view._visible_span()

        async def select_below_the_first_screen() -> None:
            for _ in range(200):
                await pilot.press("m")
                if view.selected is not None and view.selected.start > first_screen_end:
                    break
            await pilot.pause()
            assert view.selected is not None and view.selected.start > first_screen_end

        await select_below_the_first_screen()
        far = view.selected
        await pilot.press("home")
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("m")
        await pilot.pause()
        assert view.selected == view.mentions[0], "m starts at the top of what is shown"

        await select_below_the_first_screen()
        await pilot.press("home")
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        assert view.selected is not None and view.selected.start < far.start
        top, bottom = view._visible_span()
        assert top <= view.selected.start < bottom, "M takes the last name shown, not one below"


async def test_next_mention_with_no_entity_chosen_says_why(first_hour_app, notifications) -> None:
    app = first_hour_app()
    seen = notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert app.current_entity is None
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert any("Choose an entity first" in message for message in seen), seen
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert sum("Choose an entity first" in message for message in seen) == 2


async def test_help_lists_each_binding_id(first_hour_app) -> None:
    from textual.widgets import DataTable

    from syria_reader.ui.help_contexts import binding_ids, help_contexts
    from syria_reader.ui.screens.help import HelpScreen

    app = first_hour_app()
    async with app.run_test(size=(150, 45)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        shown = {str(table.get_row_at(row)[2]) for row in range(table.row_count)}
        for binding_id in ("lookup", "mention-next", "entity-next", "toggle-list", "bookmark"):
            assert binding_id in shown
        lookup_row = next(
            table.get_row_at(row)
            for row in range(table.row_count)
            if str(table.get_row_at(row)[2]) == "lookup"
        )
        assert str(lookup_row[0]) == "/"
        assert binding_ids(help_contexts(app)) - shown <= {""}, "every id a keymap takes is shown"


async def test_unknown_keymap_id_is_reported_with_the_valid_ids(
    first_hour_corpus, notifications
) -> None:
    from syria_reader.config import Settings
    from syria_reader.index.build import build_index
    from syria_reader.ui.app import ReaderApp

    build_index(first_hour_corpus, RULES)
    app = ReaderApp(first_hour_corpus, Settings(model=RULES.model, keymap={"find": "f"}))
    seen = notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        [message] = [m for m in seen if "Keymap" in m]
        assert "unknown binding id 'find' ignored" in message
        valid = message.split("Valid ids: ", 1)[1]
        for binding_id in ("lookup", "mention-next", "quit", "toggle-list"):
            assert binding_id in valid


def _panes_fit(app) -> None:
    width = app.screen.size.width
    for pane in ("#articles", "#article", "#sidebar"):
        widget = app.screen.query_one(pane)
        if widget.display:
            assert widget.region.right <= width, f"{pane} is cut at {width} columns"
            assert widget.region.width >= widget.styles.min_width.value, pane


async def test_showing_the_article_list_at_80x24_pushes_the_sidebar_off(first_hour_app) -> None:
    app = first_hour_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        main = app.screen
        assert main.sidebar.display and not main.article_list.display
        await pilot.press("a")
        await pilot.pause()
        assert main.article_list.display and not main.sidebar.display
        _panes_fit(app)
        await pilot.press("e")  # the sidebar back: the list makes room
        await pilot.pause()
        assert main.sidebar.display and not main.article_list.display
        _panes_fit(app)
    async with first_hour_app().run_test(size=(150, 45)) as pilot:
        await ready(pilot)
        main = pilot.app.screen
        assert main.article_list.display and main.sidebar.display  # room for all three
        _panes_fit(pilot.app)


@pytest.mark.parametrize("width", [60, 70, 80, 150])
async def test_footer_keys_are_whole_and_never_overlap(first_hour_app, width: int) -> None:
    from textual.widgets._footer import FooterKey

    app = first_hour_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await ready(pilot)
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert keys
        regions = [key.region for key in keys]
        for key, region in zip(keys, regions, strict=True):
            assert region.width >= len(key.key_display) + len(key.description), key.description
            assert region.right <= width, key.description
        for i, first in enumerate(regions):
            for second in regions[i + 1 :]:
                assert not first.overlaps(second), (first, second)
        footer_line = screen_text(app).splitlines()[-1]
        for key in keys:
            assert f"{key.key_display} {key.description}".strip() in footer_line


async def test_long_sidebar_names_stay_on_their_row(seeds_app) -> None:
    from syria_reader.ui.widgets.option_list import ReaderOptionList

    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        entities = app.screen.query_one("#entity-options", ReaderOptionList)
        names = [entity.name for entity, _ in app.index.article_entities(app.article.id)]
        assert any(len(name) > 24 for name in names), "a name longer than the sidebar row"
        rows = [entities.render_line(y).text for y in range(entities.size.height)]
        assert any("\u2026" in row for row in rows), "the long name is cut with an ellipsis"
        for line in rows:
            row = line.strip(" \u2502\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588")
            if not any(c.isalnum() for c in row) or row.startswith(
                ("People", "Organisations", "Places", "Nationalities")
            ):
                continue
            assert row[0].isdigit(), f"a name wrapped under the counts: {row!r}"


async def test_notifications_leave_the_entity_counter_visible(first_hour_app) -> None:
    from textual.widgets._toast import Toast, ToastRack

    from syria_reader.ui.widgets.article_view import ArticleView

    app = first_hour_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        kerry = next(e for e in app.index.entities() if e.name == "John Kerry")
        app.open_mentions(kerry.id)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert "John Kerry 1/2" in str(view.border_subtitle)
        app.notify("A notification with enough words in it to need two lines")
        await pilot.press("b")  # and the bookmark's own notification
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert toasts
        bottom_border = view.region.bottom - 1
        rack = app.screen.query_one(ToastRack).region  # what is drawn of the toasts
        for toast in toasts:
            shown = toast.region.intersection(rack)
            assert shown.bottom <= bottom_border, "a notification covers the counter"
            if not (toast.has_class("-warning") or toast.has_class("-error")):
                # Warnings and errors may be wider (rare, and worth reading).
                assert not shown.overlaps(view.content_region), "nor the text being read"
        assert "John Kerry 1/2" in screen_text(app)  # drawn, not covered


async def test_aside_sentences_are_labelled_apart_in_the_mention_list(seeds_app) -> None:
    from syria_reader.index.grouping import SentenceMentions
    from syria_reader.ui.widgets.mention_list import ASIDE_LABEL, sentence_line

    app = seeds_app()
    async with app.run_test(size=(150, 45)) as pilot:
        await ready(pilot)
        aside = next(
            m for e in app.index.entities() for m in app.index.mentions_of(e.id) if m.in_aside
        )
        app.open_mentions(aside.entity_id)
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        pages = app.screen.mentions
        group = next(
            g
            for g in pages.rows(0, pages.row_count)
            if isinstance(g, SentenceMentions) and g.in_aside
        )
        text = str(sentence_line(group, 10_000))
        assert ASIDE_LABEL == "[aside]"
        assert f"{ASIDE_LABEL} {group.context.replace(chr(10), ' ')}" in text
        assert ASIDE_LABEL in screen_text(app)


async def test_keys_typed_during_the_first_build_are_held_or_ignored(
    first_hour_corpus, monkeypatch, notifications
) -> None:
    import threading

    from syria_reader.index import build
    from syria_reader.ui.app import ReaderApp

    gate = threading.Event()
    real_ensure = build.ensure_index

    def slow_ensure(*args, **kwargs):
        assert gate.wait(timeout=60), "the test never let the build finish"
        return real_ensure(*args, **kwargs)

    monkeypatch.setattr(build, "ensure_index", slow_ensure)
    app = ReaderApp(first_hour_corpus, RULES)  # no index on disk: the first build
    seen = notifications(app)
    async with app.run_test(size=(150, 45)) as pilot:
        for _ in range(20):
            await pilot.pause()
        assert app.index is None
        main = app.screen
        assert main.article_list.display and main.sidebar.display
        await pilot.press("slash", *"Damascus")
        await pilot.press("escape", "slash", *"Damascus")  # escape drops what was held
        await pilot.pause()
        assert main.article_list.display, "the a of the lookup text did not hide the list"
        assert any("lookup opens as soon as it is ready" in m for m in seen)
        assert app._held_keys.query == "Damascus"
        app._held_keys.release()
        await pilot.press("a", "e", "m")  # keys that need the index: ignored, with a message
        await pilot.pause()
        assert main.article_list.display and main.sidebar.display
        assert sum("that key works once it is ready" in m for m in seen) == 1  # said once
        await pilot.press("slash", *"Damascus")
        gate.set()
        await ready(pilot)
        for _ in range(10):
            await pilot.pause()
        assert isinstance(app.screen, LookupScreen), "/ opened the lookup once the index was ready"
        assert app.screen.query_one(Input).value == "Damascus"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        assert app.screen.entity.name == "Damascus"


async def test_the_comments_hint_counts_the_comments_shown(tmp_path) -> None:
    from syria_reader.index.build import build_index
    from syria_reader.ui.app import ReaderApp
    from syria_reader.ui.widgets.article_view import ArticleView

    root = tmp_path / "comments"
    root.mkdir()
    (root / "page.txt").write_text(
        "Army retakes villages\n\n"
        "The army said on Monday that its forces had retaken three villages north of the city "
        "after heavy fighting, and that the road to the coast was open again.\n\n"
        "3 Responses\n\n"
        "1. A reader comment that goes on.\n\n"
        "It continues in a second paragraph.\n\n"
        "\u2022 A reply to it.\n\n"
        "Comments are closed.\n",
        encoding="utf-8",
    )
    build_index(root, RULES)
    app = ReaderApp(root, RULES)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        blocks = [b for b in app.article.blocks if b.kind == "comment"]
        assert len(blocks) >= 3, "the cleaner keeps the comments section"
        hint = str(app.screen.query_one(ArticleView).query_one(".comments-hint").render())
        assert hint.startswith("2 reader comments (the page says 3) below the article"), hint


async def test_notes_keep_the_sentence_and_belong_to_their_corpus(
    first_hour_app, first_hour_corpus, tmp_path
) -> None:
    from textual.widgets import OptionList

    from syria_reader.index.build import build_index
    from syria_reader.notes.export import corpus_key
    from syria_reader.notes.store import NotesStore
    from syria_reader.ui.app import ReaderApp
    from syria_reader.ui.screens.notes_screen import NotesScreen

    app = first_hour_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        kerry = next(e for e in app.index.entities() if e.name == "John Kerry")
        app.open_mentions(kerry.id)
        await pilot.pause()
        await pilot.press("enter")  # the first mention, selected in the article
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
    with NotesStore() as store:
        [bookmark] = store.bookmarks()
    anchor = bookmark.anchor
    assert anchor.quote == "John Kerry"
    assert anchor.context.startswith("GENEVA, March 5 2016 - Sergei Lavrov and John Kerry met")
    assert anchor.context.endswith("the ceasefire in Syria.")
    assert anchor.article_title == "Talks resume in Geneva" and anchor.article_path == "geneva.txt"
    assert anchor.article_date == "2016-03-05"
    assert anchor.corpus == corpus_key(first_hour_corpus)

    other = tmp_path / "other-corpus"
    other.mkdir()
    (other / "geneva.txt").write_text(  # the same file name: the same article id
        "Another story\n\nDAMASCUS, May 1 2016 - Nothing about the talks here at all.\n",
        encoding="utf-8",
    )
    build_index(other, RULES)
    app = ReaderApp(other, RULES)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("N")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        options = app.screen.query_one("#notes-list", OptionList).options
        shown = "\n".join(str(option.prompt) for option in options)
        assert f"Other corpus: {corpus_key(first_hour_corpus)}" in shown
        assert "Sergei Lavrov and John Kerry met in Geneva" in shown
        assert "Orphans" not in shown and "no longer in the corpus" not in shown
