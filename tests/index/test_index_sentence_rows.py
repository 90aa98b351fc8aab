"""The writer's sentence rowids by article and span: the same answers a dict of every sentence
gave, from two arrays of offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from syria_reader.index.sentence_rows import SentenceRows


def test_each_articles_sentences_follow_one_another_from_its_first_rowid() -> None:
    rows = SentenceRows()
    assert rows.add_article(1, [(0, 10), (0, 12), (11, 30)]) == 1
    assert rows.add_article(2, []) == 4
    assert rows.add_article(3, [(5, 9)]) == 4
    assert [rows.get(1, 0, 10), rows.get(1, 0, 12), rows.get(1, 11, 30)] == [1, 2, 3]
    assert rows.get(3, 5, 9) == 4
    assert rows.get(1, 5, 9) is None  # another article's span
    assert rows.get(2, 0, 10) is None
    assert rows.get(4, 0, 10) is None  # no such article
    assert rows.add(3, 10, 20) == 5  # the next sentence written follows the last


def test_sentences_added_later_are_found_and_listed_in_order() -> None:
    rows = SentenceRows()
    rows.add_article(1, [(0, 10), (20, 30)])
    rows.add_article(2, [(0, 5)])
    assert rows.add(1, 12, 18) == 4
    assert rows.add(2, 7, 9) == 5
    assert rows.get(1, 12, 18) == 4 and rows.get(2, 7, 9) == 5
    assert rows.spans(1) == [(0, 10), (12, 18), (20, 30)]
    assert rows.spans(2) == [(0, 5), (7, 9)]
    assert rows.add(1, 40, 50) == 6


def test_articles_out_of_order_are_refused() -> None:
    rows = SentenceRows()
    with pytest.raises(ValueError, match="article 2"):
        rows.add_article(2, [(0, 1)])
    rows.add_article(1, [(0, 1)])
    rows.add(1, 2, 3)
    with pytest.raises(ValueError, match="after sentences were added"):
        rows.add_article(2, [(0, 1)])


spans = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 50)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=20,
).map(lambda found: sorted(set(found)))


@given(st.lists(spans, max_size=6), st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200))))
def test_answers_as_a_dict_of_every_sentence_would(
    articles: list[list[tuple[int, int]]], probes: list[tuple[int, int]]
) -> None:
    rows, expected = SentenceRows(), {}
    for article, found in enumerate(articles, start=1):
        first = rows.add_article(article, found)
        for i, (start, end) in enumerate(found):
            expected[(article, start, end)] = first + i
    assert sorted(expected.values()) == list(range(1, len(expected) + 1))
    for article, found in enumerate(articles, start=1):
        assert rows.spans(article) == found
        for start, end in found + probes:
            assert rows.get(article, start, end) == expected.get((article, start, end))
