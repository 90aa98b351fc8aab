"""Entity rules that must hold on any folder, one test per class of error seen on unseen news:
kinds from evidence (place gazetteer, name parts, vessel prefixes, head and context words),
linking that overrides a wrong kind, real names kept, spans cut where the name ends, aliases
(first names, both spellings of an acronym, definitions, translations), roles, and the merges
that must not happen. Invented people and sentences; analyses written by hand."""

from __future__ import annotations

import pytest
from nlp_helpers import hand_analysis as analysis
from nlp_helpers import make_article

from syria_reader.nlp.gazetteer import Gazetteer
from syria_reader.nlp.linking import LinkResult, link
from syria_reader.nlp.spans import UNTYPED, clean_span


def run(gazetteer: Gazetteer, *pairs) -> LinkResult:
    articles = [article for article, _ in pairs]
    return link(articles, [analysis(article, *mentions) for article, mentions in pairs], gazetteer)


def entity_of(result: LinkResult, article_id: str, text: str, occurrence: int = 0):
    """The entity of the ``occurrence``-th mention reading ``text`` in an article."""
    found = [
        lm for lm in result.mentions if lm.article_id == article_id and lm.mention.text == text
    ]
    entity_id = found[occurrence].entity_id
    return next(e for e in result.entities if e.id == entity_id)


def spans(text: str, label: str, start: int = 0, end: int | None = None) -> list[tuple[str, str]]:
    end = len(text) if end is None else end
    return [(text[s.start : s.end], s.kind) for s in clean_span(text, start, end, label)]


# --- kinds from evidence ---------------------------------------------------------------------


def test_a_town_the_model_called_an_organisation_is_a_place(gazetteer: Gazetteer) -> None:
    # "Herat" is in the world gazetteer; the one model vote said ORG.
    article = make_article("a", ["Ghazal Noori travelled from Herat to the capital by road."])
    result = run(gazetteer, (article, [("Ghazal Noori", "PERSON"), ("Herat", "ORG")]))
    herat = entity_of(result, "a", "Herat")
    assert herat.kind == "GPE"
    assert "place gazetteer" in str(herat.evidence["kind"])


def test_ships_are_vessels_and_their_bare_name_joins_them(gazetteer: Gazetteer) -> None:
    article = make_article(
        "ship",
        ["The destroyer USS Halvard docked at Souda Bay.", "Officers said Halvard would sail on."],
    )
    result = run(gazetteer, (article, [("USS Halvard", "PERSON"), ("Halvard", "GPE")]))
    ship = entity_of(result, "ship", "USS Halvard")
    assert ship.kind == "PRODUCT"
    assert entity_of(result, "ship", "Halvard").id == ship.id


def test_head_and_first_words_give_buildings_events_and_institutions(
    gazetteer: Gazetteer,
) -> None:
    article = make_article(
        "heads",
        [
            "The Harbour Museum of Flight reopened.",
            "Operation Granite Dawn began at night.",
            "Instituto Velarde protested.",
            "The Riverside Lantern Festival drew crowds.",
            "The Marlow Gazette reported it.",
        ],
    )
    result = run(
        gazetteer,
        (
            article,
            [
                ("Harbour Museum of Flight", "ORG"),
                ("Operation Granite Dawn", "ORG"),
                ("Instituto Velarde", "PERSON"),
                ("Riverside Lantern Festival", "FAC"),
                ("Marlow Gazette", "FAC"),
            ],
        ),
    )
    kinds = {e.name: e.kind for e in result.entities}
    assert kinds["Harbour Museum of Flight"] == "FAC"
    assert kinds["Operation Granite Dawn"] == "EVENT"
    assert kinds["Instituto Velarde"] == "ORG"
    assert kinds["Riverside Lantern Festival"] == "EVENT"
    assert kinds["Marlow Gazette"] == "ORG"


def test_initials_before_a_surname_make_a_person(gazetteer: Gazetteer) -> None:
    article = make_article("i", ["The study by K.C. Marlowe was cited twice."])
    result = run(gazetteer, (article, [("K.C. Marlowe", "ORG")]))
    assert entity_of(result, "i", "K.C. Marlowe").kind == "PERSON"


# --- linking overrides a wrong kind ---------------------------------------------------------


def test_a_surname_voted_organisation_joins_the_person_named_in_full(
    gazetteer: Gazetteer,
) -> None:
    article = make_article(
        "w",
        [
            "Photographer Kirsten Wollaston opened the show.",
            "Wollaston said the prints were fragile. Wollaston lent twelve.",
        ],
    )
    result = run(
        gazetteer,
        (
            article,
            [("Kirsten Wollaston", "PERSON"), ("Wollaston", "ORG", 1), ("Wollaston", "ORG", 2)],
        ),
    )
    person = entity_of(result, "w", "Kirsten Wollaston")
    assert person.kind == "PERSON"
    assert entity_of(result, "w", "Wollaston").id == person.id
    assert "Wollaston" in person.aliases
    assert "surname" in person.evidence["aliases"]["Wollaston"]


def test_a_surname_after_a_place_preposition_stays_the_place(gazetteer: Gazetteer) -> None:
    article = make_article(
        "p", ["Maria Jordan spoke in Jordan on Sunday.", "Jordan said the talks went well."]
    )
    result = run(
        gazetteer,
        (article, [("Maria Jordan", "PERSON"), ("Jordan", "GPE", 1), ("Jordan", "PERSON", 2)]),
    )
    assert entity_of(result, "p", "Jordan", 0).kind == "GPE"
    assert entity_of(result, "p", "Jordan", 1).name == "Maria Jordan"


def test_a_full_name_in_the_article_beats_a_surname_shared_in_the_corpus(
    gazetteer: Gazetteer,
) -> None:
    one = make_article("one", ["Selim Tarabay met envoys.", "Tarabay left early."])
    two = make_article("two", ["Rania Tarabay wrote the report.", "Tarabay was thanked."])
    three = make_article("three", ["Selim Tarabay returned.", "Officials praised Selim Tarabay."])
    result = run(
        gazetteer,
        (one, [("Selim Tarabay", "PERSON"), ("Tarabay", "PERSON")]),
        (two, [("Rania Tarabay", "PERSON"), ("Tarabay", "PERSON")]),
        (three, [("Selim Tarabay", "PERSON"), ("Selim Tarabay", "PERSON", 1)]),
    )
    assert entity_of(result, "two", "Tarabay").name == "Rania Tarabay"
    assert entity_of(result, "one", "Tarabay").name == "Selim Tarabay"


# --- aliases -----------------------------------------------------------------------------------


def test_a_first_name_after_the_full_name_is_that_person(gazetteer: Gazetteer) -> None:
    article = make_article(
        "f", ["Daniel Okonkwo, 19, was arrested.", "Friends said Daniel had left the group."]
    )
    result = run(gazetteer, (article, [("Daniel Okonkwo", "PERSON"), ("Daniel", "PERSON")]))
    person = entity_of(result, "f", "Daniel Okonkwo")
    assert entity_of(result, "f", "Daniel").id == person.id
    assert person.aliases == ["Daniel"]


def test_a_full_person_name_is_not_split_at_a_known_first_name(gazetteer: Gazetteer) -> None:
    article = make_article(
        "s", ["Daniel Okonkwo spoke.", "Daniel and Okonkwo were named.", "Okonkwo agreed."]
    )
    result = run(
        gazetteer,
        (
            article,
            [
                ("Daniel Okonkwo", "PERSON"),
                ("Daniel", "PERSON", 1),
                ("Okonkwo", "PERSON", 1),
                ("Okonkwo", "PERSON", 2),
            ],
        ),
    )
    assert any(lm.mention.text == "Daniel Okonkwo" for lm in result.mentions)


def test_every_spelling_the_text_links_is_an_alias_and_gazetteer_ones_stay_apart(
    gazetteer: Gazetteer,
) -> None:
    article = make_article(
        "us", ["The United States and the US envoy met.", "U.S. officials agreed."]
    )
    result = run(gazetteer, (article, []))
    usa = next(e for e in result.entities if e.name == "United States")
    assert {"US", "U.S."} <= set(usa.aliases)
    assert "United States of America" in usa.known_as
    assert not set(usa.aliases) & set(usa.known_as)


def test_acronym_defined_after_a_possessive(gazetteer: Gazetteer) -> None:
    article = make_article(
        "eu", ["Officers of the Halden Command's (HALCOM) staff met.", "HALCOM denied it."]
    )
    result = run(
        gazetteer, (article, [("Halden Command", "ORG"), ("HALCOM", "ORG"), ("HALCOM", "ORG", 1)])
    )
    assert entity_of(result, "eu", "HALCOM", 1).name == "Halden Command"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Levant Relief Board, also known as the Mercy Board, sent food.",
        "The Levant Relief Board, formerly the Mercy Board, sent food.",
        "The Levant Relief Board (Mercy Board) sent food.",
    ],
)
def test_names_given_again_join(gazetteer: Gazetteer, sentence: str) -> None:
    article = make_article("aka", [sentence])
    result = run(gazetteer, (article, [("Levant Relief Board", "ORG"), ("Mercy Board", "ORG")]))
    assert entity_of(result, "aka", "Mercy Board").name == "Levant Relief Board"


def test_a_name_given_to_two_people_joins_neither(gazetteer: Gazetteer) -> None:
    first = make_article("a", ["Karim Haddad, known as Abu Salim, was killed in the raid."])
    second = make_article("b", ["Tarek Mansour, known as Abu Salim, was killed on Friday."])
    third = make_article("c", ["Omar Saleh, known as Abu Layla, was arrested."])
    result = run(
        gazetteer,
        (first, [("Karim Haddad", "PERSON"), ("Abu Salim", "PERSON")]),
        (second, [("Tarek Mansour", "PERSON"), ("Abu Salim", "PERSON")]),
        (third, [("Omar Saleh", "PERSON"), ("Abu Layla", "PERSON")]),
    )
    karim, tarek = entity_of(result, "a", "Karim Haddad"), entity_of(result, "b", "Tarek Mansour")
    assert karim.id != tarek.id
    assert entity_of(result, "a", "Abu Salim").id not in {karim.id, tarek.id}
    assert entity_of(result, "c", "Abu Layla").id == entity_of(result, "c", "Omar Saleh").id


def test_another_name_never_chains_two_kinds_through_an_untyped_name(
    gazetteer: Gazetteer,
) -> None:
    front = make_article("f", ["The Levant Relief Board, known as Zarqa Bayt, sent food."])
    person = make_article("p", ["Fighters of Zarqa Bayt, known as Karim Haddad, left."])
    result = run(
        gazetteer,
        (front, [("Levant Relief Board", "ORG"), ("Zarqa Bayt", UNTYPED)]),
        (person, [("Zarqa Bayt", UNTYPED), ("Karim Haddad", "PERSON")]),
    )
    board = entity_of(result, "f", "Levant Relief Board")
    assert entity_of(result, "f", "Zarqa Bayt").id == board.id
    assert entity_of(result, "p", "Karim Haddad").id != board.id


def test_a_gazetteer_entry_takes_variants_of_its_own_names_not_of_their_variants(
    gazetteer: Gazetteer,
) -> None:
    first = make_article("a", ["Troops from Brittain landed."])
    second = make_article("b", ["Troops from Brittain and Brettann landed."])
    result = run(
        gazetteer,
        (first, [("Brittain", "GPE")]),
        (second, [("Brittain", "GPE"), ("Brettann", "GPE")]),
    )
    assert entity_of(result, "a", "Brittain").name == "United Kingdom"
    assert entity_of(result, "b", "Brettann").name != "United Kingdom"


def test_a_translation_in_parentheses_the_model_missed_joins(gazetteer: Gazetteer) -> None:
    article = make_article("tr", ["Pilgrims filled the Masjid an-Nur (Light Mosque) at dawn."])
    result = run(gazetteer, (article, [("Masjid an-Nur", "FAC")]))
    mosque = entity_of(result, "tr", "Masjid an-Nur")
    assert "Light Mosque" in mosque.aliases


def test_a_place_in_parentheses_is_where_not_another_name(gazetteer: Gazetteer) -> None:
    article = make_article("where", ["Shelling hit Kafr Zeita (Hama) overnight."])
    result = run(gazetteer, (article, [("Kafr Zeita", "GPE"), ("Hama", "GPE")]))
    assert entity_of(result, "where", "Hama").name != entity_of(result, "where", "Kafr Zeita").name


def test_state_of_and_shorter_forms(gazetteer: Gazetteer) -> None:
    article = make_article(
        "st",
        [
            "The State of Texas sued. Texas lost.",
            "The Halden Foundation for the Arts paid. The Halden Foundation said so.",
        ],
    )
    result = run(
        gazetteer,
        (
            article,
            [
                ("State of Texas", "GPE"),
                ("Texas", "GPE", 1),
                ("Halden Foundation for the Arts", "ORG"),
                ("Halden Foundation", "ORG", 1),
            ],
        ),
    )
    assert entity_of(result, "st", "State of Texas").id == entity_of(result, "st", "Texas").id
    assert entity_of(result, "st", "Halden Foundation").name == "Halden Foundation for the Arts"


# --- what must not merge ---------------------------------------------------------------------


def test_a_nationality_inside_a_name_does_not_swallow_the_adjective(gazetteer: Gazetteer) -> None:
    article = make_article(
        "m", ["Abu Hamza al-Masri was jailed.", "The Egyptian court ruled. Egyptians protested."]
    )
    result = run(
        gazetteer,
        (article, [("Abu Hamza al-Masri", "PERSON"), ("Egyptians", "NORP"), ("Egyptian", "NORP")]),
    )
    person = entity_of(result, "m", "Abu Hamza al-Masri")
    assert "Egyptians" not in person.aliases and "Egyptian" not in person.aliases


def test_an_ancient_region_and_a_modern_city_of_one_stem_stay_apart(gazetteer: Gazetteer) -> None:
    article = make_article("r", ["Assyria was an empire. Syria is a state. Assyrian art survives."])
    result = run(gazetteer, (article, [("Assyria", "GPE"), ("Syria", "GPE")]))
    assert entity_of(result, "r", "Assyria").id != entity_of(result, "r", "Syria").id


def test_attributive_nationality_adjectives_name_nothing(gazetteer: Gazetteer) -> None:
    article = make_article("n", ["The Ruritanian team won. Ruritanians cheered."])
    result = run(gazetteer, (article, [("Ruritanian", "NORP"), ("Ruritanians", "NORP")]))
    names = {e.name for e in result.entities}
    assert "Ruritanians" in names and "Ruritanian" not in names


# --- roles -------------------------------------------------------------------------------------


def test_roles_from_appositions_are_roles_not_aliases(gazetteer: Gazetteer) -> None:
    article = make_article(
        "role",
        [
            "Karim Haddad, the group's spokesman, denied it.",
            "They met the defence minister, Nadia Sarraf, on Monday.",
        ],
    )
    result = run(gazetteer, (article, [("Karim Haddad", "PERSON"), ("Nadia Sarraf", "PERSON")]))
    karim = entity_of(result, "role", "Karim Haddad")
    nadia = entity_of(result, "role", "Nadia Sarraf")
    assert karim.roles == ["the group's spokesman"] and nadia.roles == ["the defence minister"]
    assert not karim.aliases and not nadia.aliases


# --- spans: where a name ends ------------------------------------------------------------------


def test_caption_credit_words_are_not_part_of_the_name() -> None:
    text = "Student Amal Rahim Image: Twitter"
    assert spans(text, "PERSON", 8, len("Student Amal Rahim Image")) == [("Amal Rahim", "PERSON")]


def test_an_organisation_and_the_person_after_it_are_two_names() -> None:
    assert spans("the Refugee Council Omar Haddad", "ORG") == [
        ("Refugee Council", "ORG"),
        ("Omar Haddad", UNTYPED),
    ]
    assert spans("New People's Party's Regina Lau", "ORG") == [
        ("New People's Party", "ORG"),
        ("Regina Lau", UNTYPED),
    ]


def test_leading_prepositions_months_and_unit_symbols_are_dropped() -> None:
    assert spans("Near Palmyra", "PERSON") == [("Palmyra", UNTYPED)]
    assert spans("March the Halden Trust", "ORG") == [("Halden Trust", UNTYPED)]
    assert spans("a 500 KB file", "ORG", 6, 8) == []
    assert spans("the KB archive", "ORG", 4, 6) == [("KB", "ORG")]


def test_hyphenated_names_are_not_cut_and_adjectives_are_not_glued() -> None:
    text = "Wong Kwok-hing of the FTU"
    assert spans(text, "PERSON", 0, len("Wong Kwok")) == [("Wong Kwok-hing", "PERSON")]
    assert spans("Iran-backed", "GPE", 0, 4) == [("Iran", "GPE")]


def test_names_with_digits_and_ordinals_are_kept_model_codes_are_not() -> None:
    assert spans("the 6th Fleet", "ORG") == [("6th Fleet", "ORG")]
    assert spans("the 82nd Airborne Division", "ORG") == [("82nd Airborne Division", "ORG")]
    assert spans("Movimento 5 Stelle", "ORG") == [("Movimento 5 Stelle", "ORG")]
    assert spans("Su-24", "PRODUCT") == [] and spans("2015", "ORG") == []


def test_single_words_and_the_coalition_are_names() -> None:
    assert spans("Twitter", "ORG") == [("Twitter", "ORG")]
    assert spans("Share Facebook Twitter", "ORG") == []
    text = "jets of the Coalition struck"
    assert spans(text, "ORG", 8, 21) == [("Coalition", "ORG")]
    assert spans("James To", "PERSON") == [("James To", "PERSON")]
    assert spans("Pan-democrat Lam Cheuk-ting", "PERSON") == [("Lam Cheuk-ting", "PERSON")]


def test_accented_names_are_listed_as_written(gazetteer: Gazetteer) -> None:
    article = make_article("acc", ["Minister Gérald Darmanin said no. Darmanin left."])
    result = run(gazetteer, (article, [("Gérald Darmanin", "PERSON"), ("Darmanin", "PERSON")]))
    assert entity_of(result, "acc", "Gérald Darmanin").name == "Gérald Darmanin"


# --- found again, split, kept ------------------------------------------------------------------


def test_a_long_name_ending_in_a_person_named_alone_is_two_names(gazetteer: Gazetteer) -> None:
    article = make_article(
        "tail",
        ["A student at Halden Technical College Amal Rahim spoke.", "Rahim said she was proud."],
    )
    result = run(
        gazetteer,
        (article, [("Halden Technical College Amal Rahim", "ORG"), ("Rahim", "PERSON")]),
    )
    person = entity_of(result, "tail", "Amal Rahim")
    assert person.kind == "PERSON" and entity_of(result, "tail", "Rahim").id == person.id
    assert entity_of(result, "tail", "Halden Technical College").kind == "ORG"


def test_a_well_known_place_the_model_missed_is_found(gazetteer: Gazetteer) -> None:
    article = make_article(
        "place",
        ["Tasmania was left out of the Australia survey.", "Ruth Ng lives in Toronto now."],
    )
    result = run(gazetteer, (article, [("Ruth Ng", "PERSON")]))
    kinds = {e.name: e.kind for e in result.entities}
    assert kinds.get("Tasmania") == "GPE" and kinds.get("Toronto") == "GPE"


def test_a_city_that_is_also_a_first_name_needs_a_place_preposition(gazetteer: Gazetteer) -> None:
    article = make_article("mary", ["Mary and her son left early.", "Ruth Ng stayed."])
    result = run(gazetteer, (article, [("Ruth Ng", "PERSON")]))
    assert "Mary" not in {e.name for e in result.entities}


def test_the_first_word_of_an_organisation_is_a_name_despite_lowercase_uses(
    gazetteer: Gazetteer,
) -> None:
    article = make_article(
        "lab",
        ["The Labour Party met.", "Labour said child labour must end. Labour won."],
    )
    result = run(
        gazetteer,
        (article, [("Labour Party", "ORG"), ("Labour", "ORG", 1), ("Labour", "ORG", 2)]),
    )
    assert "Labour" in {e.name for e in result.entities} | {
        a for e in result.entities for a in e.aliases
    }


def test_shouted_common_words_are_not_names(gazetteer: Gazetteer) -> None:
    article = make_article(
        "caps", ["SEND your views.", "Readers send letters; we send replies; they send more."]
    )
    result = run(gazetteer, (article, [("SEND", "ORG")]))
    assert not result.entities


def test_two_known_names_glued_by_a_lost_apostrophe_are_split(gazetteer: Gazetteer) -> None:
    article = make_article(
        "glue", ["Jets struck Syrias Aleppo again.", "Aleppo was hit.", "Aleppo burned."]
    )
    result = run(gazetteer, (article, [("Syrias Aleppo", "PERSON")]))
    names = {e.name for e in result.entities}
    assert "Syrias Aleppo" not in names and {"Syria", "Aleppo"} <= names


def test_logos_doubled_and_opening_adverbs_are_cut() -> None:
    assert spans("Halden Post Halden Post", "ORG") == [("Halden Post", "ORG")]
    assert spans("Once Halden", "GPE") == [("Halden", UNTYPED)]
    assert spans("Monitor AFP At", "ORG") == [("Monitor AFP", "ORG")]
