"""The bundled seeds: six clean articles with titles, sources and dates.

These check outcomes on the real files, never how they are reached: the rules are tested
on small inputs elsewhere.
"""

from __future__ import annotations

import json
import re

import pytest
from wordfreq import zipf_frequency

from syria_reader.cli import main
from syria_reader.corpus.load import load_corpus
from syria_reader.corpus.sources import scan_corpus
from syria_reader.models import BODY_KINDS


@pytest.fixture(scope="module")
def seeds_load():
    from syria_reader import paths

    return load_corpus(paths.bundled_seeds())


def body(article) -> str:
    return "\n\n".join(article.block_text(b) for b in article.blocks if b.kind in BODY_KINDS)


def test_articles_lists_six_with_titles_sources_and_dates(seeds_dir, capsys) -> None:
    assert main(["articles", "--json", "--corpus", str(seeds_dir)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 6
    for row in rows:
        assert row["title"] and row["source"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"])
        assert row["words"] > 300
    assert len({row["id"] for row in rows}) == 6


def test_seeds_load_without_problems(seeds_load) -> None:
    assert seeds_load.problems == []


def test_no_word_is_left_split(seeds_load) -> None:
    for article in seeds_load.articles:
        text = body(article)
        assert not re.search(r"\w- +[a-z]", text), article.id  # "Rus- sia"
        assert "\n" not in text.replace("\n\n", "")
        for token in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", text):
            joined = token.replace("-", "")
            assert zipf_frequency(joined, "en") < 3.0 or token.lower() in {"half-a-dozen"}, (
                article.id,
                token,
            )


def test_no_paragraph_is_a_broken_wrap(seeds_load) -> None:
    for article in seeds_load.articles:
        for block in article.blocks:
            text = article.block_text(block)
            assert not text[0].islower(), (article.id, text[:60])


def test_known_hard_cases_on_the_newspaper_page(seeds_load) -> None:
    page = body(seeds_load.articles[0]) + body(seeds_load.articles[1])
    for phrase in [
        "In one of the most bizarre episodes",
        "Russia’s southern rim",
        "the beleaguered regime",
        "anti-tank",
        "Iranian-controlled",
        "half-a-dozen",
        "US-made",
        "Iranian-backed",
        "al-Qaeda’s",
        "much-battered",
        "There was little sign",
        "ISIS has greeted Russia’s intervention",
        "from the Islamic Revolutionary Guards Corps",
        "in presidential elections",
        "in-air collisions",
    ]:
        assert phrase in page, phrase


def test_boilerplate_comments_and_asides_stay_out_of_the_body(seeds_load) -> None:
    bodies = "\n".join(body(a) for a in seeds_load.articles)
    for junk in [
        "Skip to main content",
        "Notify of",
        "Inline Feedbacks",
        "View all comments",
        "What do you think?",
        "newsletter",
        "Legal Disclaimer",
        "statements, views and opinions",
        "Related video",
        "Responses",
        "Comments are closed",
        "I am sorry to see",
        "What Most Syrians See",
        "(LtoR)",
        "A video grab",
        "Civilians fleeing",
        "By Juan Cole",
        "MENAFN",
        "\nin ,",
    ]:
        assert junk not in bodies, junk
    kinds = {b.kind for a in seeds_load.articles for b in a.blocks}
    assert {"caption", "pullquote", "comment", "heading", "title"} <= kinds


def test_sources_are_fast_to_scan_and_hash(seeds_dir) -> None:
    sources, problems = scan_corpus(seeds_dir)
    assert len(sources) == 5 and problems == [] and all(len(s.sha256) == 64 for s in sources)
