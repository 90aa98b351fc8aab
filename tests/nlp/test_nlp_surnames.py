"""Bare surnames shared by several people: same-article evidence, the dominant person of the
corpus, and surnames that stay ambiguous. Invented people and text, analyses written by hand."""

from __future__ import annotations

import pytest
from nlp_helpers import hand_analysis, make_article

from syria_reader.nlp.gazetteer import Gazetteer
from syria_reader.nlp.linking import LinkResult, link
from syria_reader.nlp.surnames import DOMINANT_SHARE, SurnameOwners, dominant_person

# --- the rule on its own -------------------------------------------------------------------------


def test_a_person_named_in_most_articles_dominates() -> None:
    assert dominant_person({"karim": set(range(9)), "nadia": {20}}) == "karim"
    assert dominant_person({"only": {3}}) == "only"
    assert dominant_person({}) is None


def test_no_person_dominates_a_balanced_or_close_corpus() -> None:
    assert dominant_person({"sadiq": {1}, "imran": {2}}) is None
    assert dominant_person({"omar": {1, 2, 3}, "rania": {4, 5}}) is None
    # Just under the share: five articles against one is not enough.
    assert DOMINANT_SHARE > 5 / 6
    assert dominant_person({"a": {1, 2, 3, 4, 5}, "b": {6}}) is None


def test_articles_not_mentions_are_counted() -> None:
    # Many full-name mentions of the minor person in one article are one piece of evidence.
    facts = [("haddad", "karim", article) for article in range(8)] + [("haddad", "nadia", 50)] * 12
    owners = SurnameOwners.build(facts)
    assert owners.dominant["haddad"] == "karim"
    assert owners.owner("haddad", 99) == "karim"  # an article naming neither
    assert owners.owner("haddad", 50) == "nadia"  # same-article evidence wins
    assert owners.owner("haddad", 3) == "karim"
    assert owners.owner("tlass", 3) is None  # nobody of that name
    assert not owners.is_ambiguous("haddad")


def test_an_article_naming_two_people_of_the_surname_gives_no_answer() -> None:
    facts = [("haddad", "karim", article) for article in range(8)] + [("haddad", "nadia", 3)]
    owners = SurnameOwners.build(facts)
    assert owners.owner("haddad", 3) is None


# --- the rule inside linking ---------------------------------------------------------------------

KARIM_PARAGRAPHS = [
    "Interior Minister Karim Haddad visited the checkpoint at Tal Rifaat.",
    "Officials said Karim Haddad would meet tribal elders in Manbij.",
    "The decree was signed by Karim Haddad on Sunday.",
    "Karim Haddad denied that detainees had been moved to Adra.",
    "Protesters in Daraa chanted against Karim Haddad.",
    "A new police chief was named by Karim Haddad.",
    "Karim Haddad blamed the shortages on sanctions.",
    "Karim Haddad toured the bakeries of Hama.",
    "Diplomats in Amman described Karim Haddad as cautious.",
    "Karim Haddad promised an inquiry into the fire.",
    "The opposition accused Karim Haddad of lying.",
    "Karim Haddad closed the border crossing for a week.",
    "A cousin of Karim Haddad was arrested in Latakia.",
]


def _haddad_corpus():
    """Karim Haddad named in full in 14 articles, Nadia Haddad in 2: 14/16 of the articles."""
    articles = [make_article(f"karim{i}", [text]) for i, text in enumerate(KARIM_PARAGRAPHS)]
    analyses = [hand_analysis(a, ("Karim Haddad", "PERSON")) for a in articles]
    nadia = make_article(
        "nadia",
        [
            "The surgeon Nadia Haddad ran a field hospital in Douma.",
            "Haddad said supplies ran out. Doctors said Haddad stayed.",
        ],
    )
    bare = make_article(
        "bare",
        [
            "Haddad told state television the curfew would end.",
            "Critics said Haddad had lost control.",
        ],
    )
    both = make_article("both", ["Karim Haddad and Nadia Haddad met once.", "Haddad spoke first."])
    articles += [nadia, bare, both]
    # The extractor missed the second bare "Haddad" of the articles "nadia" and "bare".
    analyses += [
        hand_analysis(nadia, ("Nadia Haddad", "PERSON"), ("Haddad", "PERSON", 1)),
        hand_analysis(bare, ("Haddad", "PERSON")),
        hand_analysis(
            both, ("Karim Haddad", "PERSON"), ("Nadia Haddad", "PERSON"), ("Haddad", "PERSON", 2)
        ),
    ]
    return articles, analyses


@pytest.fixture(scope="module")
def haddad(gazetteer: Gazetteer) -> LinkResult:
    return link(*_haddad_corpus(), gazetteer)


def _haddads(result: LinkResult, article_id: str) -> list[str]:
    return [
        lm.entity_id
        for lm in result.mentions
        if lm.article_id == article_id and lm.mention.text == "Haddad"
    ]


def test_a_bare_surname_links_to_the_dominant_person(haddad: LinkResult) -> None:
    ids = {e.name: e.id for e in haddad.entities}
    assert ids["Karim Haddad"] != ids["Nadia Haddad"]  # two people stay two
    # Both bare mentions, the second found by propagation though the extractor missed it.
    assert _haddads(haddad, "bare") == [ids["Karim Haddad"], ids["Karim Haddad"]]


def test_same_article_evidence_beats_dominance(haddad: LinkResult) -> None:
    nadia = next(e.id for e in haddad.entities if e.name == "Nadia Haddad")
    assert _haddads(haddad, "nadia") == [nadia, nadia]  # the second one propagated, to her too


def test_an_article_naming_both_people_keeps_its_bare_surname_apart(haddad: LinkResult) -> None:
    ids = {e.name: e.id for e in haddad.entities}
    [only] = _haddads(haddad, "both")
    assert only not in {ids["Karim Haddad"], ids["Nadia Haddad"]}


def test_a_balanced_surname_stays_its_own_entity(gazetteer: Gazetteer) -> None:
    texts = {
        "omar1": "General Omar Tlass inspected the airbase.",
        "omar2": "Omar Tlass was promoted in March.",
        "omar3": "Troops loyal to Omar Tlass entered the town.",
        "rania1": "The novelist Rania Tlass published her memoir.",
        "rania2": "Rania Tlass spoke at the book fair in Beirut.",
    }
    articles = [make_article(key, [text]) for key, text in texts.items()]
    analyses = [
        hand_analysis(a, (a.text.split(" Tlass")[0].split()[-1] + " Tlass", "PERSON"))
        for a in articles
    ]
    bare = make_article(
        "bare", ["Tlass was seen in Paris.", "Friends of Tlass declined to comment."]
    )
    articles.append(bare)
    analyses.append(hand_analysis(bare, ("Tlass", "PERSON"), ("Tlass", "PERSON", 1)))
    result = link(articles, analyses, gazetteer)
    ids = {e.name: e.id for e in result.entities}
    assert ids["Omar Tlass"] != ids["Rania Tlass"]
    bare_ids = {lm.entity_id for lm in result.mentions if lm.article_id == "bare"}
    assert bare_ids == {ids["Tlass"]}
    assert ids["Tlass"] not in {ids["Omar Tlass"], ids["Rania Tlass"]}
