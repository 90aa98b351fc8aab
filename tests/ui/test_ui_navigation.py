"""The back stack and next/previous mention across articles (pure functions, no app)."""

from __future__ import annotations

from syria_reader.index.query import MentionRow
from syria_reader.ui.navigation import History, Place, step_mention


def mention(article: str, start: int) -> MentionRow:
    return MentionRow(
        article, article.upper(), "e1", "PERSON", start, start + 3, "abc", "abc.", start, False
    )


MENTIONS = [mention("a", 10), mention("a", 50), mention("c", 5), mention("b", 7)]
ORDER = {"a": 0, "b": 1, "c": 2}


def test_history_is_lifo_without_consecutive_duplicates_and_bounded() -> None:
    history = History(limit=3)
    assert history.pop() is None
    for offset in (1, 1, 2, 3, 4):
        history.push(Place("a", offset))
    assert len(history) == 3
    assert [history.pop().offset for _ in range(3)] == [4, 3, 2]


def test_next_mention_moves_forward_across_articles_in_corpus_order() -> None:
    found, wrapped = step_mention(MENTIONS, ORDER, "a", 10, +1, on_mention=True)
    assert (found.article_id, found.start, wrapped) == ("a", 50, False)
    found, wrapped = step_mention(MENTIONS, ORDER, "a", 50, +1, on_mention=True)
    assert (found.article_id, found.start) == ("b", 7)
    found, wrapped = step_mention(MENTIONS, ORDER, "c", 5, +1, on_mention=True)
    assert (found.article_id, found.start, wrapped) == ("a", 10, True)


def test_from_a_reading_position_the_mention_there_counts() -> None:
    found, _ = step_mention(MENTIONS, ORDER, "a", 10, +1, on_mention=False)
    assert found.start == 10
    found, _ = step_mention(MENTIONS, ORDER, "b", 0, +1, on_mention=False)
    assert (found.article_id, found.start) == ("b", 7)


def test_previous_mention_and_wrap() -> None:
    found, wrapped = step_mention(MENTIONS, ORDER, "b", 7, -1, on_mention=True)
    assert (found.article_id, found.start, wrapped) == ("a", 50, False)
    found, wrapped = step_mention(MENTIONS, ORDER, "a", 10, -1, on_mention=True)
    assert (found.article_id, found.start, wrapped) == ("c", 5, True)


def test_no_mentions() -> None:
    assert step_mention([], ORDER, "a", 0, +1, on_mention=False) == (None, False)
