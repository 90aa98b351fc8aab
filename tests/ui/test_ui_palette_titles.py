"""The palette's article search: the titles it offers are those Textual's fuzzy matcher takes,
found without scoring every title (``index.article_titles``), at most ``ARTICLE_HITS`` of them,
those holding the query itself first."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from textual.fuzzy import FuzzySearch
from ui_helpers import RULES, palette_search, ready

from syria_reader.index.article_titles import ArticleTitles
from syria_reader.ui.providers import ARTICLE_HITS

WORDS = ["Aleppo", "talks", "ceasefire", "Kerry", "envoy", "Ärzte", "STRASSE", "road", "kremlin"]


def _titles_db(titles: list[str]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE articles (rowid INTEGER PRIMARY KEY, id TEXT, title TEXT)")
    db.executemany(
        "INSERT INTO articles VALUES (?, ?, ?)",
        [(10 + 3 * i, f"id-{i}", title) for i, title in enumerate(titles)],
    )
    return db


def test_titles_found_are_those_the_fuzzy_matcher_takes() -> None:
    rng = random.Random(5)
    titles = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))) for _ in range(300)]
    titles += ["", "Kerry", "k e r r y"]
    db = _titles_db(titles)
    by_rowid = {10 + 3 * i: title or f"id-{i}" for i, title in enumerate(titles)}
    search = ArticleTitles(db)
    fuzzy = FuzzySearch()
    for query in ["kerry", "KER", "a", "zz", "ärz", "strasse road", "k r", "id-30", "ppo t", "ee"]:
        taken = [r for r, title in by_rowid.items() if fuzzy.match(query, title)[0] > 0]
        for limit in (5, 1000):
            found = search.search(query, limit)
            assert len(found) == len(set(found)) == min(limit, len(taken)), query
            assert set(found) <= set(taken), query
            # Titles holding the query come before those that only scatter its letters.
            holding = [query.lower() in by_rowid[r].lower() for r in found]
            assert holding == sorted(holding, reverse=True), query


@pytest.fixture
def many_titles(tmp_path: Path) -> Path:
    from syria_reader.index.build import build_index

    root = tmp_path / "corpus"
    root.mkdir()
    for number in range(ARTICLE_HITS + 20):
        title = f"Convoy report {number}" if number % 2 else f"Kerry and the convoy, part {number}"
        (root / f"{number:03}.txt").write_text(
            f"{title}\n\nThe convoy reached the city on Monday, report {number} said.\n",
            encoding="utf-8",
        )
    build_index(root, RULES)
    return root


async def test_the_palette_finds_titles_without_reading_every_article(
    many_titles: Path, monkeypatch
) -> None:
    from syria_reader.index.article_pages import ArticleCatalogue
    from syria_reader.ui.app import ReaderApp

    def every_row(self):
        raise AssertionError("the palette read every article")

    monkeypatch.setattr(ArticleCatalogue, "iter_rows", every_row)
    app = ReaderApp(many_titles, RULES)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        prompts = await palette_search(pilot, "kerry")
        articles = [p for p in prompts if p.startswith("article: ")]
        assert articles and all("Kerry and the convoy" in p for p in articles), prompts
        assert len(articles) == (ARTICLE_HITS + 20) // 2
