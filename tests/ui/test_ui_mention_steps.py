"""``]`` and ``[`` step along an entity's mentions across articles by seeking the articles
next to the open one in the index, never reading the list of every article naming it."""

from __future__ import annotations

from ui_helpers import RULES, ready

from syria_reader.ui.widgets.article_view import ArticleView


async def test_steps_cross_articles_and_wrap_without_listing_every_article(
    write_corpus, monkeypatch
) -> None:
    from syria_reader.index.query import Index
    from syria_reader.ui.app import ReaderApp

    texts = {
        f"{number}.txt": f"Report {number}\n\nOfficials met in Damascus on Monday, report "
        f"{number} said."
        + (" Damascus was quiet." if number % 2 else "")
        + ("" if number == 2 else " Envoys flew to Geneva.")
        + "\n"
        for number in range(5)
    }
    corpus = write_corpus(texts)

    def every_article(self, entity_id):
        raise AssertionError("a step read every article naming the entity")

    monkeypatch.setattr(Index, "entity_articles", every_article)
    app = ReaderApp(corpus, RULES)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        entity = next(e for e in app.index.entities() if e.name == "Damascus")
        mentions = app.index.mentions_of(entity.id)
        assert len({m.article_id for m in mentions}) == 5
        app.open_mentions(entity.id)
        await pilot.pause()
        await pilot.press("enter")  # the first mention
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        seen = [(app.article.id, view.mark.start)]
        for _ in range(len(mentions)):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append((app.article.id, view.mark.start))
        expected = [(m.article_id, m.start) for m in mentions]
        assert seen == [*expected, expected[0]]  # wrapped round to the first
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert (app.article.id, view.mark.start) == expected[-1]  # and back to the last
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert (app.article.id, view.mark.start) == expected[-2]
