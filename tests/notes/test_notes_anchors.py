"""Anchors find their passage again after the article text is edited, or say they are orphans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from notes_testkit import PARAGRAPHS, build_article

from syria_reader.models import Article
from syria_reader.notes.anchors import CONTEXT_CHARS, capture, resolve


def span_of(article: Article, passage: str) -> tuple[int, int]:
    start = article.text.index(passage)
    return start, start + len(passage)


def test_capture_keeps_quote_and_context(article: Article) -> None:
    start, end = span_of(article, PARAGRAPHS[3])
    anchor = capture(article, start, end)
    assert anchor.quote == PARAGRAPHS[3]
    assert (anchor.start, anchor.end) == (start, end)
    assert anchor.prefix == article.text[start - CONTEXT_CHARS : start]
    assert anchor.suffix == article.text[end : end + CONTEXT_CHARS]
    assert (anchor.article_id, anchor.article_path, anchor.article_sha256) == (
        article.id,
        article.path,
        article.sha256,
    )
    assert anchor.article_title == article.title


def test_capture_at_the_edges_has_short_context(article: Article) -> None:
    first = capture(article, 0, 10)
    assert first.prefix == ""
    last = capture(article, len(article.text) - 5, len(article.text))
    assert last.suffix == ""


@pytest.mark.parametrize("span", [(5, 5), (10, 3), (-1, 4), (0, 10_000)])
def test_capture_refuses_a_span_that_is_not_a_passage(
    article: Article, span: tuple[int, int]
) -> None:
    with pytest.raises(ValueError):
        capture(article, *span)


def test_unchanged_text_resolves_exactly(article: Article) -> None:
    start, end = span_of(article, PARAGRAPHS[4])
    resolved = resolve(capture(article, start, end), article)
    assert (resolved.start, resolved.end, resolved.status) == (start, end, "exact")


def test_inserted_paragraph_before_the_passage(article: Article) -> None:
    anchor = capture(article, *span_of(article, PARAGRAPHS[4]))
    edited = build_article(
        [*PARAGRAPHS[:2], "An editor's note was added here in a later revision.", *PARAGRAPHS[2:]]
    )
    resolved = resolve(anchor, edited)
    assert resolved.status == "moved"
    assert edited.text[resolved.start : resolved.end] == PARAGRAPHS[4]


def test_changed_words_inside_the_passage(article: Article) -> None:
    anchor = capture(article, *span_of(article, PARAGRAPHS[3]))
    changed = (
        PARAGRAPHS[3]
        .replace("told reporters in Geneva", "said in Vienna")
        .replace("ten days", "two weeks")
    )
    edited = build_article([*PARAGRAPHS[:3], changed, *PARAGRAPHS[4:]])
    resolved = resolve(anchor, edited)
    assert resolved.status == "fuzzy"
    # The edited passage is longer and shorter in places: the whole paragraph is found.
    assert edited.text[resolved.start : resolved.end] == changed
    assert 0 < resolved.score < 100


def test_changed_first_and_last_words_still_give_the_paragraph(article: Article) -> None:
    anchor = capture(article, *span_of(article, PARAGRAPHS[2]))
    words = PARAGRAPHS[2].split(" ")
    words[0], words[-1] = "One", "debris."
    changed = " ".join(words)
    edited = build_article(["A new headline", *PARAGRAPHS[1:2], changed, *PARAGRAPHS[3:]])
    resolved = resolve(anchor, edited)
    assert resolved.status == "fuzzy"
    assert edited.text[resolved.start : resolved.end] == changed


def test_passage_moved_elsewhere(article: Article) -> None:
    anchor = capture(article, *span_of(article, PARAGRAPHS[2]))
    moved = PARAGRAPHS[:2] + PARAGRAPHS[3:] + [PARAGRAPHS[2]]
    edited = build_article(moved)
    resolved = resolve(anchor, edited)
    assert resolved.status == "moved"
    assert (resolved.start, resolved.end) == span_of(edited, PARAGRAPHS[2])


def test_deleted_passage_is_an_orphan(article: Article) -> None:
    anchor = capture(article, *span_of(article, PARAGRAPHS[4]))
    edited = build_article(PARAGRAPHS[:4] + PARAGRAPHS[5:])
    resolved = resolve(anchor, edited)
    assert (resolved.start, resolved.end, resolved.status) == (None, None, "orphan")
    assert not resolved.anchored


def test_deleted_short_passage_does_not_match_something_similar(article: Article) -> None:
    # A mention-sized anchor whose words are gone: a chance match elsewhere must not be taken.
    anchor = capture(article, *span_of(article, "nine people were wounded"))
    edited = build_article(PARAGRAPHS[:2] + PARAGRAPHS[3:])
    assert resolve(anchor, edited).status == "orphan"


def test_repeated_passages_pick_the_one_in_the_right_context() -> None:
    refrain = "The statement was read out on state television."
    paragraphs = [
        "Two announcements in one day",
        "In the morning the army said it had taken the hill above the old cemetery. " + refrain,
        "In the evening the government said it would open a corridor for civilians. " + refrain,
        "Neither claim could be verified.",
    ]
    original = build_article(paragraphs)
    second = original.text.rindex(refrain)
    anchor = capture(original, second, second + len(refrain))

    edited = build_article(
        [*paragraphs[:1], "A paragraph added at the top shifts every offset.", *paragraphs[1:]]
    )
    resolved = resolve(anchor, edited)
    assert resolved.status == "moved"
    assert resolved.start == edited.text.rindex(refrain)

    # The first repeat now sits exactly at the old offset, in the wrong context: still the second.
    padding = "x" * (second - original.text.index(refrain))
    shifted = build_article([*paragraphs[:1], padding + paragraphs[1], *paragraphs[2:]])
    assert shifted.text[second : second + len(refrain)] == refrain
    resolved = resolve(anchor, shifted)
    assert resolved.status == "moved"
    assert resolved.start == shifted.text.rindex(refrain)


def test_short_mention_follows_its_context_when_the_name_repeats() -> None:
    paragraphs = [
        "Envoys meet again",
        "The envoy Farid Haddad arrived on Monday.",
        "Later, Farid Haddad met the foreign minister and said talks had been useful.",
        "Farid Haddad is expected to report to the council next week.",
    ]
    original = build_article(paragraphs)
    start = original.text.index("Farid Haddad met")
    anchor = capture(original, start, start + len("Farid Haddad"))
    edited = build_article(
        [
            *paragraphs[:1],
            "Background: the previous round ended without agreement.",
            *paragraphs[1:],
        ]
    )
    resolved = resolve(anchor, edited)
    assert resolved.status == "moved"
    assert resolved.start == edited.text.index("Farid Haddad met")


def test_short_mention_with_a_changed_spelling_is_found_by_context() -> None:
    paragraphs = [
        "Envoys meet again",
        "The minister Sergei Lavrov said on Friday that the talks would go on.",
        "Other delegations did not comment.",
    ]
    original = build_article(paragraphs)
    start = original.text.index("Sergei Lavrov")
    anchor = capture(original, start, start + len("Sergei Lavrov"))
    edited = build_article(
        [paragraphs[0], paragraphs[1].replace("Sergei", "Sergey"), paragraphs[2]]
    )
    resolved = resolve(anchor, edited)
    assert resolved.status == "fuzzy"
    assert edited.text[resolved.start : resolved.end] == "Sergey Lavrov"


def test_an_article_that_became_empty_or_shorter_gives_orphans(article: Article) -> None:
    anchor = capture(article, *span_of(article, PARAGRAPHS[5]))
    assert resolve(anchor, build_article([""])).status == "orphan"
    assert resolve(anchor, build_article(PARAGRAPHS[:2])).status == "orphan"


def test_many_edits_in_a_long_article_resolve() -> None:
    # Hundreds of notes on one long article: every one resolves to its own passage.
    paragraphs = [
        f"Report {n}: " + PARAGRAPHS[1 + n % 6].replace("the", f"the {n}th", 1) for n in range(300)
    ]
    original = build_article(["Long article", *paragraphs])
    anchors = [capture(original, *span_of(original, p)) for p in paragraphs[::3]]
    edited = build_article(["Long article", "A new first paragraph.", *paragraphs])
    for anchor in anchors:
        resolved = resolve(anchor, edited)
        assert resolved.status == "moved"
        assert edited.text[resolved.start : resolved.end] == anchor.quote


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_capture_then_resolve_on_the_same_text_is_exact(data: st.DataObject) -> None:
    text = data.draw(st.text(alphabet="ab \n.", min_size=1, max_size=300))
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    article = build_article([text])
    resolved = resolve(capture(article, start, end), article)
    assert resolved.status in ("exact", "moved")
    # Same text: wherever it lands, the words there are the quote.
    assert article.text[resolved.start : resolved.end] == article.text[start:end]
