"""Work that grows with the article, not with its square: overlap resolution and linking.

The huge article is generated here (no large file in git). Nothing is timed: with the old
pairwise comparisons these tests did not finish; how long they take is measured in
``bench/bench_huge.py``.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from syria_reader.models import Analysis, Article, Block
from syria_reader.nlp.gazetteer import Gazetteer, GazetteerEntry
from syria_reader.nlp.linking import link
from syria_reader.nlp.mentions import Candidate, build_analysis, resolve_overlaps
from syria_reader.nlp.names import core_tokens, spelling_variants
from syria_reader.nlp.overlaps import Occupied, SpanIndex
from syria_reader.nlp.variant_pairs import SMALL, candidate_pairs

PARAGRAPH = (
    "Daesh has targeted the province before, and the attack on the bakery came after weeks of "
    "quiet in which traders had reopened their shops and families had begun to return to the "
    "streets around the market, according to residents who spoke by telephone. Sergei Lavrov "
    "said on Tuesday that the talks would go on, and Lavrov added that nothing had been agreed "
    "about the corridors that aid convoys would use, or about who would guard them on the way, "
    "or about how long the pause in the fighting around the besieged districts would last."
)
_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*")


def _reference_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """The pairwise rule the mask replaces: every candidate compared with every winner."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if not any(cand.start < c.end and c.start < cand.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


_spans = st.tuples(st.integers(0, 200), st.integers(1, 30)).map(lambda p: (p[0], p[0] + p[1]))
_candidates = st.lists(
    st.tuples(_spans, st.sampled_from(["PERSON", "GPE"]), st.integers(0, 2)).map(
        lambda t: Candidate(t[0][0], t[0][1], t[1], t[2])
    ),
    max_size=60,
)


@given(_candidates)
def test_overlaps_are_resolved_as_by_comparing_every_pair(candidates: list[Candidate]) -> None:
    assert resolve_overlaps(candidates) == _reference_overlaps(candidates)


@given(st.lists(_spans, max_size=50), _spans)
def test_a_span_index_finds_exactly_the_overlapping_spans(
    spans: list[tuple[int, int]], query: tuple[int, int]
) -> None:
    index = SpanIndex((a, b, i) for i, (a, b) in enumerate(spans))
    start, end = query
    expected = sorted(
        ((a, b, i) for i, (a, b) in enumerate(spans) if a < end and start < b),
        key=lambda s: (s[0], s[2]),
    )
    assert index.overlapping(start, end) == expected


@given(st.lists(_spans, max_size=30), _spans)
def test_occupied_says_free_only_where_no_span_was_taken(
    spans: list[tuple[int, int]], query: tuple[int, int]
) -> None:
    occupied = Occupied(100)
    for a, b in spans:
        occupied.take(a, b)
    start, end = query
    assert occupied.free(start, end) == (not any(a < end and start < b for a, b in spans))


def _huge_article(megabytes: int) -> Article:
    """One paragraph repeated to ``megabytes`` of text, one block per paragraph."""
    repeats = megabytes * 1_000_000 // (len(PARAGRAPH) + 2) + 1
    blocks = []
    for i in range(repeats):
        start = i * (len(PARAGRAPH) + 2)
        blocks.append(Block("paragraph", start, start + len(PARAGRAPH)))
    text = "\n\n".join([PARAGRAPH] * repeats)
    return Article("huge", "Huge", None, None, None, "huge.txt", text, tuple(blocks), "0" * 64)


def _names(article: Article) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), "PERSON", 1) for m in _NAME.finditer(article.text)]


def test_a_10_mb_article_keeps_every_mention_through_extraction() -> None:
    article = _huge_article(10)
    repeats = len(article.blocks)
    per_paragraph = len(_NAME.findall(PARAGRAPH))
    # Overlapping candidates on every name: a longer one over the first two words of each.
    candidates = _names(article)
    candidates += [Candidate(c.start, c.end + 1, "ORG", 0) for c in candidates]
    sentences = [(b.start, b.end) for b in article.blocks]
    analysis = build_analysis(article, "test", candidates, sentences, [], [])
    assert len(analysis.mentions) == repeats * per_paragraph
    assert {m.kind for m in analysis.mentions} == {"PERSON"}


def test_a_10_mb_article_is_linked_with_every_mention() -> None:
    article = _huge_article(10)
    repeats = len(article.blocks)
    sentences = [(b.start, b.end) for b in article.blocks]
    analysis = build_analysis(article, "test", _names(article), sentences, [], [])
    gazetteer = Gazetteer([GazetteerEntry("Islamic State", "ORG", ("Daesh",))])
    result = link([article], [Analysis(**{**analysis.__dict__})], gazetteer)
    by_entity: dict[str, int] = {}
    for linked in result.mentions:
        by_entity[linked.entity_id] = by_entity.get(linked.entity_id, 0) + 1
    islamic_state = next(e.id for e in result.entities if e.name == "Islamic State")
    assert by_entity[islamic_state] == repeats  # "Daesh", once per paragraph
    lavrov = next(e.id for e in result.entities if e.name == "Sergei Lavrov")
    assert by_entity[lavrov] == 2 * repeats  # the full name and the bare surname


_WORDS = st.text(alphabet="aeiobdhlmnrsz", min_size=3, max_size=9)


@st.composite
def _names_and_variants(draw: st.DrawFn) -> list[list[str]]:
    """Names of one to three words, and for many of them a variant with one letter changed
    (after the first), so that the list holds pairs the pairwise test accepts."""
    names = draw(st.lists(st.lists(_WORDS, min_size=1, max_size=3), min_size=SMALL, max_size=80))
    for words in list(names):
        position = draw(st.integers(0, len(words) - 1))
        word = words[position]
        if len(word) >= 6 and draw(st.booleans()):
            at = draw(st.integers(1, len(word) - 1))
            letter = draw(st.sampled_from("aeiobdhlmnrsz"))
            changed = word[:at] + letter + word[at + 1 :]
            names.append([*words[:position], changed, *words[position + 1 :]])
    return names


@settings(max_examples=40, deadline=None)
@given(_names_and_variants())
def test_every_pair_of_spelling_variants_is_a_candidate(names: list[list[str]]) -> None:
    """The screen in C never drops a pair the pairwise test would accept."""
    cores = [core_tokens(" ".join(words)) for words in names]
    joined = [[("joined", "".join(core))] for core in cores]
    candidates = set(candidate_pairs(cores, joined))
    accepted = [
        (i, j)
        for i in range(len(cores))
        for j in range(i + 1, len(cores))
        if spelling_variants(" ".join(cores[i]), " ".join(cores[j]))
    ]
    assert set(accepted) <= candidates
