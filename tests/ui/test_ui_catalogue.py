"""The reader's article filter (F) and catalogue corrections (i)."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, OptionList
from ui_helpers import RULES, ready

from syria_reader.corpus.corrections import corrections_path, load_corrections
from syria_reader.ui.screens.article_filter import ArticleFilterScreen
from syria_reader.ui.screens.metadata_editor import MetadataEditorScreen

STORY = (
    "The army said on Monday that its forces had retaken three villages north of the city after "
    "heavy fighting, and rebel commanders denied it."
)


@pytest.fixture
def corpus(write_corpus):
    return write_corpus(
        {
            "a.txt": f"Army retakes villages\n\nBy Jane Smith | (The Weekly)\n\n"
            f"Published 12 October 2015\n\n{STORY}\n",
            "b.txt": f"Talks resume\n\nBy Ann Lee | (The Daily)\n\nPublished 3 June 2016\n\n"
            f"Sergei Lavrov and John Kerry met in Geneva. {STORY}\n",
            "c.txt": f"Rebels hold the road\n\nBy Jane Smith | (The Weekly)\n\n"
            f"Published 4 June 2016\n\nSergei Lavrov said so. {STORY}\n",
        }
    )


def listed(app) -> list[str]:
    return app._main.article_list.article_ids()


async def test_filter_by_source_dates_and_entity(corpus) -> None:
    from syria_reader.ui.app import ReaderApp

    app = ReaderApp(corpus, RULES)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert listed(app) == ["a", "b", "c"]
        await pilot.press("F")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleFilterScreen)
        sources = screen.query_one("#filter-sources", OptionList)
        prompts = [str(sources.get_option_at_index(i).prompt) for i in range(sources.option_count)]
        assert prompts[:3] == ["Every source (3)", "The Weekly (2)", "The Daily (1)"]
        await pilot.press("down")  # The Weekly
        await pilot.pause()
        assert "2 of 3 articles" in str(screen.query_one("#filter-count").render())
        await pilot.press("enter")
        await pilot.pause()
        assert listed(app) == ["a", "c"]
        assert "source The Weekly" in str(app._main.article_list.border_title)

        await pilot.press("F")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#filter-since", Input).value = "2016"
        await pilot.pause()
        assert "1 of 3 articles" in str(screen.query_one("#filter-count").render())
        screen.query_one("#filter-since", Input).value = "June"
        await pilot.pause()
        assert "expected a date" in str(screen.query_one("#filter-error").render())
        await pilot.press("enter")  # not applied while a date is malformed
        assert app.screen is screen
        screen.query_one("#filter-since", Input).value = ""
        screen.query_one("#filter-entity", Input).value = "Lavrov"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert listed(app) == ["c"]  # The Weekly, and mentions Sergei Lavrov

        await pilot.press("F")
        await pilot.pause()
        await pilot.press("ctrl+r")  # clear
        await pilot.pause()
        assert listed(app) == ["a", "b", "c"]
        assert str(app._main.article_list.border_title) == "Articles"


async def test_the_filter_counts_without_reading_every_article(corpus, monkeypatch) -> None:
    from syria_reader.index.article_pages import ArticleCatalogue
    from syria_reader.ui.app import ReaderApp

    def every_row(self):
        raise AssertionError("the filter dialog read every article")

    monkeypatch.setattr(ArticleCatalogue, "iter_rows", every_row)
    app = ReaderApp(corpus, RULES)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("F")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleFilterScreen)
        count = screen.query_one("#filter-count")
        assert "3 of 3 articles" in str(count.render())
        screen.query_one("#filter-entity", Input).value = "Lavrov"
        await pilot.pause()
        assert "2 of 3 articles" in str(count.render())
        screen.query_one("#filter-until", Input).value = "2016-06-03"
        await pilot.pause()
        assert "1 of 3 articles" in str(count.render())


async def test_filter_to_articles_with_notes(corpus) -> None:
    from syria_reader.ui.app import ReaderApp

    app = ReaderApp(corpus, RULES)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await app.open_article("b")
        await pilot.pause()
        await pilot.press("b")  # bookmark the paragraph at the top
        await pilot.pause()
        await pilot.press("F")
        await pilot.pause()
        app.screen.query_one("#filter-marked", Checkbox).value = True
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert listed(app) == ["b"]


async def test_correcting_an_article_from_the_reader(corpus) -> None:
    from syria_reader.ui.app import ReaderApp

    app = ReaderApp(corpus, RULES)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await app.open_article("a")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MetadataEditorScreen)
        date = screen.query_one("#meta-date", Input)
        assert date.value == "2015-10-12"
        evidence = [str(label.render()) for label in screen.query(".meta-evidence")]
        assert any("inferred from the dateline: Published 12 October 2015" in e for e in evidence)
        date.value = "2015-10-13"
        screen.query_one("#meta-source", Input).value = "The Example Weekly"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await ready(pilot)
        for _ in range(50):
            await pilot.pause()
            if app.article is not None and app.article.date == "2015-10-13":
                break
        assert load_corrections(corpus) == {
            "a": {"date": "2015-10-13", "source": "The Example Weekly"}
        }
        assert sorted(p.name for p in corpus.iterdir()) == ["a.txt", "b.txt", "c.txt"]
        assert corrections_path(corpus).is_file()
        assert app.article is not None and app.article.id == "a"
        assert (app.article.date, app.article.source) == ("2015-10-13", "The Example Weekly")
        assert app.article.provenance["date"].how == "your correction"


async def test_a_malformed_date_is_not_saved(corpus) -> None:
    from syria_reader.ui.app import ReaderApp

    app = ReaderApp(corpus, RULES)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#meta-date", Input).value = "12/10/2015"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "expected a date" in str(screen.query_one("#meta-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert load_corrections(corpus) == {}
