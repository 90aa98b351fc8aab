"""Entity classes seen on war reporting nobody here tuned for: group adjectives, feasts,
page furniture, names run together, places typed as people or groups, news outlets typed as
people. Invented places, people and sentences; analyses written by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from nlp_helpers import hand_analysis as analysis
from nlp_helpers import make_article

from syria_reader.nlp import places
from syria_reader.nlp.gazetteer import Gazetteer
from syria_reader.nlp.linking import LinkResult, link
from syria_reader.nlp.names import is_group_adjective, looks_like_group_word
from syria_reader.nlp.spans import clean_span, is_junk_name


def run(gazetteer: Gazetteer, *pairs) -> LinkResult:
    articles = [article for article, _ in pairs]
    return link(articles, [analysis(article, *mentions) for article, mentions in pairs], gazetteer)


def names(result: LinkResult) -> dict[str, str]:
    return {e.name: e.kind for e in result.entities}


def entity_of(result: LinkResult, article_id: str, text: str, occurrence: int = 0):
    found = [
        lm for lm in result.mentions if lm.article_id == article_id and lm.mention.text == text
    ]
    entity_id = found[occurrence].entity_id
    return next(e for e in result.entities if e.id == entity_id)


def spans(text: str, surface: str, label: str) -> list[tuple[str, str]]:
    start = text.index(surface)
    found = clean_span(text, start, start + len(surface), label)
    return [(text[s.start : s.end], s.kind) for s in found]


# --- religious and ethnic group words -----------------------------------------------------------


def test_group_words_without_a_demonym_ending_are_group_words() -> None:
    assert looks_like_group_word("Arab") and looks_like_group_word("Muslims")
    assert is_group_adjective("Shiites") and is_group_adjective("Takfiri")
    assert not is_group_adjective("Arabia")
    assert is_group_adjective("Arabic")  # a language, as the singular of a group is no entity
    # A name with an article is a name, even when it ends like a demonym.
    assert not looks_like_group_word("al-Meridian") and not looks_like_group_word("al-Masri")


def test_singular_group_adjectives_are_no_entities_whatever_the_model_said(
    gazetteer: Gazetteer,
) -> None:
    article = make_article(
        "adj",
        [
            "Takfiri terrorism spread as Takfiri fighters entered Dar Qamar.",
            "Arab states and Muslim clerics condemned it; Arabs and Muslims marched.",
            "The Kurdish-Arab alliance held the Kurdish-Arab front line.",
        ],
    )
    result = run(
        gazetteer,
        (
            article,
            [
                ("Takfiri", "ORG"),
                ("Takfiri", "ORG", 1),
                ("Arab", "NORP"),
                ("Muslim", "ORG"),
                ("Arabs", "NORP"),
                ("Muslims", "NORP"),
                ("Kurdish-Arab", "NORP"),
                ("Kurdish-Arab", "ORG", 1),
            ],
        ),
    )
    found = names(result)
    assert not {"Takfiri", "Arab", "Muslim", "Kurdish-Arab"} & set(found)
    assert found.get("Arabs") == "NORP" and found.get("Muslims") == "NORP"


# --- dates, furniture, names run together ------------------------------------------------------


def test_feasts_and_islamic_months_are_no_names() -> None:
    assert is_junk_name("Ramadan") and is_junk_name("Eid al-Adha") and is_junk_name("Ashura")
    text = "Shops closed on the eve of the feast marking the end of Ramadan an official said."
    assert spans(text, "Ramadan", "PERSON") == []


def test_a_share_button_and_an_editors_sign_off_are_no_names() -> None:
    button = "Published May 3 2016 SEND https://exam.ple/abc A bomb struck the market."
    assert spans(button, "SEND", "ORG") == []
    signed = "The army said the road was open again. KLM 14"
    assert spans(signed, "KLM", "ORG") == []
    # The same capitals in a sentence stay a name.
    assert spans("KLM said the flights would resume.", "KLM", "ORG") == [("KLM", "ORG")]


def test_capitals_closing_articles_are_a_sign_off_even_without_a_number(
    gazetteer: Gazetteer,
) -> None:
    first = make_article("s1", ["The army took the hill, the agency reported. QRT"])
    second = make_article("s2", ["The road was cut again, Vostrik reported. QRT 12"])
    result = run(gazetteer, (first, [("QRT", "ORG")]), (second, [("QRT", "ORG")]))
    assert "QRT" not in names(result)
    # An outlet named inside the text is kept, even where it also closes one.
    third = make_article("s3", ["QRT said the road was cut.", "More later. QRT"])
    result = run(gazetteer, (third, [("QRT", "ORG"), ("QRT", "ORG", 1)]))
    assert names(result).get("QRT") == "ORG"


def test_two_initialled_reporters_run_together_are_two_names() -> None:
    text = "Reporting by T. Nasser J. Haddad"
    found = spans(text, "T. Nasser J. Haddad", "PERSON")
    assert [surface for surface, _ in found] == ["T. Nasser", "J. Haddad"]


def test_an_article_and_a_title_alone_name_nothing() -> None:
    assert is_junk_name("al-Sheikh") and is_junk_name("Al-Imam")
    assert not is_junk_name("al-Qaryatain")


def test_two_places_with_their_own_articles_run_together_are_cut(gazetteer: Gazetteer) -> None:
    article = make_article(
        "list",
        [
            "Shells hit al-Zuhour al-Ramlah and al-Midan neighbourhoods.",
            "In al-Zuhour neighbourhood two were hurt.",
            "Later al-Zuhour was shelled again.",
        ],
    )
    result = run(
        gazetteer,
        (
            article,
            [
                ("al-Zuhour al-Ramlah", "PERSON"),
                ("al-Midan", "GPE"),
                ("al-Zuhour", "GPE", 1),
                ("al-Zuhour", "GPE", 2),
            ],
        ),
    )
    found = names(result)
    assert "al-Zuhour al-Ramlah" not in found
    assert found.get("al-Zuhour") == "GPE"
    assert entity_of(result, "list", "al-Zuhour").name == "al-Zuhour"


# --- places the model typed as people or groups ------------------------------------------------


def test_a_sheikh_written_where_a_place_stands_is_the_place() -> None:
    text = "Forty were wounded in the attack on the Sheikh Karrar area."
    assert spans(text, "Sheikh Karrar", "PERSON") == [("Sheikh Karrar", "GPE")]
    text = "Rebels said their attacks on Sheikh Karrar were a response."
    assert spans(text, "Sheikh Karrar", "PERSON") == [("Sheikh Karrar", "GPE")]
    # The model's span left out "Sheikh": the place's name is whole again.
    start = text.index("Karrar")
    found = clean_span(text, start, start + len("Karrar"), "PERSON")
    assert [(text[c.start : c.end], c.kind) for c in found] == [("Sheikh Karrar", "GPE")]
    # A sheikh who speaks keeps his title stripped and is a person.
    text = "Sheikh Karrar said the talks had failed."
    assert spans(text, "Sheikh Karrar", "PERSON") == [("Karrar", "PERSON")]


def test_a_bare_name_after_sheikh_joins_the_place_named_so_elsewhere(
    gazetteer: Gazetteer,
) -> None:
    article = make_article(
        "sk",
        [
            "Shells fell on al-Sheikh Karrar neighborhood.",
            "The Sheikh Karrar district was hit.",
            "Heavy Shelling Sheikh Karrar has been under fire since May.",
        ],
    )
    result = run(
        gazetteer,
        (
            article,
            [("Sheikh Karrar", "GPE"), ("Sheikh Karrar", "GPE", 1), ("Karrar", "PERSON", 2)],
        ),
    )
    place = entity_of(result, "sk", "Sheikh Karrar")
    assert place.kind == "GPE"
    assert "Karrar" not in names(result)
    assert sum(1 for lm in result.mentions if lm.entity_id == place.id) == 3


def test_strong_place_cues_outvote_the_models_person_label(gazetteer: Gazetteer) -> None:
    article = make_article(
        "camp",
        [
            "A bomb exploded near the Ubaydah refugee camp.",
            "Ubaydah told nobody.",
            "Officials said Ubaydah border crossing stayed shut.",
            "The market in the rebel-held district of Ubaydah was hit.",
            "Ubaydah has grown since the war.",
        ],
    )
    mentions = [("Ubaydah", "PERSON", i) for i in range(5)]
    result = run(gazetteer, (article, mentions))
    assert entity_of(result, "camp", "Ubaydah").kind == "GPE"


def test_neighbourhoods_in_a_list_and_names_with_an_article_are_places(
    gazetteer: Gazetteer,
) -> None:
    article = make_article(
        "hoods",
        [
            "Shells hit al-Qadiriyan and al-Sahbaa neighborhoods.",
            "Later shells fell on the neighborhoods of al-Qadiriyan and al-Nour.",
            "al-Qadiriyan neighborhood was shelled again.",
        ],
    )
    result = run(
        gazetteer,
        (
            article,
            [
                ("al-Qadiriyan", "ORG"),
                ("al-Qadiriyan", "ORG", 1),
                ("al-Qadiriyan", "PERSON", 2),
                ("al-Sahbaa", "ORG"),
            ],
        ),
    )
    assert entity_of(result, "hoods", "al-Qadiriyan").kind == "GPE"


def test_a_town_of_the_world_gazetteer_after_in_beats_the_models_org(
    gazetteer: Gazetteer,
) -> None:
    # "Qunduz" is geonames' other spelling of Kunduz; "in X" is strong evidence for a known town.
    sentences = [
        "Barrel bombs fell on Qunduz late on Monday.",
        "Gas was used in Qunduz, doctors said.",
        "A helicopter was shot down near Qunduz.",
        "Fighting went on in Qunduz.",
        "Qunduz residents fled.",
        "Qunduz officials met.",
    ]
    article = make_article("town", sentences)
    result = run(gazetteer, (article, [("Qunduz", "ORG", i) for i in range(6)]))
    qunduz = entity_of(result, "town", "Qunduz")
    assert qunduz.kind == "GPE"
    assert "Kunduz" in str(qunduz.evidence["kind"])


def test_arabic_group_word_spellings_make_a_group(gazetteer: Gazetteer) -> None:
    article = make_article("grp", ["Fifteen members of Jeish al-Rimah were killed."])
    result = run(gazetteer, (article, [("Jeish al-Rimah", "PERSON")]))
    assert entity_of(result, "grp", "Jeish al-Rimah").kind == "ORG"


def test_a_group_noun_after_a_name_makes_it_a_group(gazetteer: Gazetteer) -> None:
    article = make_article(
        "grp2",
        [
            "A member of the city-based Tawhidna opposition group told reporters.",
            "Tawhidna rebel group fighters held the line.",
            "Tawhidna said it would fight on.",
        ],
    )
    mentions = [("Tawhidna", "GPE"), ("Tawhidna", "GPE", 1), ("Tawhidna", "GPE", 2)]
    assert entity_of(run(gazetteer, (article, mentions)), "grp2", "Tawhidna").kind == "ORG"


def test_a_name_before_road_is_the_road(gazetteer: Gazetteer) -> None:
    article = make_article(
        "road",
        ["Rebels tried to cut the Varello road.", "The Varello road was closed again."],
    )
    mentions = [("Varello", "GPE"), ("Varello", "GPE", 1)]
    assert entity_of(run(gazetteer, (article, mentions)), "road", "Varello").kind == "FAC"


# --- news outlets the model typed as people ------------------------------------------------------


def test_news_outlet_cues_outvote_the_models_person_label(gazetteer: Gazetteer) -> None:
    article = make_article(
        "media",
        [
            "Nine people died, Vostrik reported.",
            "MOSCOW (Vostrik) The blast was heard across the city.",
            "Terrorist groups are not covered; Vostrik reported.",
            "A source told Vostrik that the road was cut.",
        ],
    )
    result = run(gazetteer, (article, [("Vostrik", "PERSON", i) for i in range(4)]))
    assert entity_of(result, "media", "Vostrik").kind == "ORG"


def test_a_name_defined_as_a_newspaper_is_an_organisation(gazetteer: Gazetteer) -> None:
    article = make_article(
        "paper",
        [
            "The commander told Sabah Al-Nour that the front had moved.",
            "Sabah Al-Nour is the region's leading daily newspaper, printed in six cities.",
            "Founded in London, Sabah Al-Nour has established itself as the leading publication.",
        ],
    )
    result = run(gazetteer, (article, [("Sabah Al-Nour", "PERSON", i) for i in range(3)]))
    assert entity_of(result, "paper", "Sabah Al-Nour").kind == "ORG"


# --- possessives without their apostrophe -------------------------------------------------------


def test_a_country_with_its_possessive_apostrophe_lost_is_the_country(
    gazetteer: Gazetteer,
) -> None:
    article = make_article(
        "poss",
        ["Turkey closed the border.", "Turkeys army moved in.", "Turkey said so."],
    )
    result = run(
        gazetteer,
        (article, [("Turkey", "GPE"), ("Turkeys", "NORP"), ("Turkey", "GPE", 1)]),
    )
    assert entity_of(result, "poss", "Turkeys").name == "Turkey"
    assert "Turkeys" not in names(result)


# --- the place table ----------------------------------------------------------------------------


def test_arabic_articles_and_feminine_endings_find_the_gazetteer_spelling(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = places.PlaceTable(
        {
            "al qurnayn": "Al Qurnayn\tcity\tIQ\t20000",
            "zawiyah": "Zawiyah\tcity\tLY\t90000",
        }
    )
    monkeypatch.setattr(places, "place_table", lambda: table)
    for written in ("al-Qurnayn", "Qurnayn", "Al Qurnayn"):
        assert places.place(written) is not None, written
    assert places.place("Zawiyeh").name == "Zawiyah"
    assert places.place("Zawiya").name == "Zawiyah"
    assert places.place("Zawiyat") is None


def test_the_place_table_is_built_once_then_opened_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls = []

    def collect() -> dict:
        calls.append(1)
        return {"tarnow": (1, 100, "Tarnow\tcity\tPL\t100")}

    monkeypatch.setattr(places, "_collect", collect)
    places.place_table.cache_clear()
    try:
        assert places.place_table().get("tarnow").name == "Tarnow"
        places.place_table.cache_clear()
        assert places.place_table().get("tarnow").country == "PL"
        assert calls == [1]
        # A damaged table is rebuilt, not trusted.
        (path,) = list(tmp_path.rglob("places-*.sqlite3"))
        path.write_bytes(b"not a database")
        places.place_table.cache_clear()
        assert places.place_table().get("tarnow") is not None
        assert calls == [1, 1]
    finally:
        places.place_table.cache_clear()
