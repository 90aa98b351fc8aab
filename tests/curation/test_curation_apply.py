"""Applying corrections to an index: each operation, conflicts, undo, scope and notes' ids."""

from __future__ import annotations

from syria_reader.curation.model import Correction, MentionRef
from syria_reader.index.curate import apply_file, preview, rejected_places
from syria_reader.index.query import Index

from .curation_kit import ARTICLES, ENTITIES, build_hand_index


def names(index: Index) -> dict[str, tuple[str, int]]:
    return {e.name: (e.kind, e.mentions) for e in index.entities()}


def find(index: Index, name: str):
    return next(e for e in index.entities() if e.name == name)


def test_no_corrections_leaves_the_linker_result(hand_index, corrections):
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        assert names(index)["Sergei Lavrov"] == ("PERSON", 2)
        assert index.corrections() == []


def test_merge_two_spellings_lists_both_and_keeps_ids(hand_index, corrections):
    with Index(hand_index) as index:
        absorbed = find(index, "Sergey Lavrov").id
    corrections.add(Correction("merge", names=("Sergei Lavrov", "Sergey Lavrov")))
    outcomes = apply_file(hand_index, corrections.path)
    assert [o.status for o in outcomes] == ["applied"]
    with Index(hand_index) as index:
        assert "Sergey Lavrov" not in names(index)
        merged = find(index, "Sergei Lavrov")
        assert merged.mentions == 3 and "Sergey Lavrov" in merged.aliases
        texts = {m.text for m in index.mentions_of(merged.id)}
        assert texts == {"Sergei Lavrov", "Lavrov", "Sergey Lavrov"}
        # The absorbed entity's id (a note may hold it) answers as the merged entity.
        assert index.entity(absorbed).id == merged.id
        assert absorbed in index.entity_ids(merged.id)
        assert len(index.mentions_of(absorbed)) == 3


def test_merge_as_a_new_name(hand_index, corrections):
    corrections.add(Correction("merge", names=("Sergey Lavrov", "Lavrov"), as_name="S. Lavrov"))
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        merged = find(index, "S. Lavrov")
        assert {"Sergei Lavrov", "Sergey Lavrov", "Lavrov"} <= set(merged.aliases)


def test_merge_into_a_hidden_entity_conflicts(hand_index, corrections):
    corrections.add(Correction("hide", name="Sergey Lavrov"))
    corrections.add(Correction("merge", names=("Sergei Lavrov", "Sergey Lavrov")))
    outcomes = apply_file(hand_index, corrections.path)
    assert outcomes[1].status == "conflict" and "hidden" in outcomes[1].detail
    with Index(hand_index) as index:
        assert names(index)["Sergei Lavrov"] == ("PERSON", 2)  # the merge did nothing
        assert "Sergey Lavrov" not in names(index)


def test_split_an_alias_out_and_the_note_keeps_to_the_name(hand_index, corrections):
    with Index(hand_index) as index:
        original = find(index, "Sergei Lavrov").id
    corrections.add(Correction("split", name="Sergei Lavrov", alias="Lavrov"))
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        kept, split = find(index, "Sergei Lavrov"), find(index, "Lavrov")
        assert kept.id == original and kept.mentions == 1 and "Lavrov" not in kept.aliases
        assert split.kind == "PERSON" and split.mentions == 1 and split.id != original
        assert {m.text for m in index.mentions_of(split.id)} == {"Lavrov"}


def test_split_the_canonical_name_conflicts(hand_index, corrections):
    corrections.add(Correction("split", name="Lavrov", alias="sergei lavrov"))
    (outcome,) = apply_file(hand_index, corrections.path)
    assert outcome.status == "conflict" and "canonical name" in outcome.detail


def test_rename_keeps_the_old_name_as_alias(hand_index, corrections):
    corrections.add(Correction("rename", name="Kerry", to="John F. Kerry"))
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        renamed = find(index, "John F. Kerry")
        assert "John Kerry" in renamed.aliases and renamed.mentions == 2
        assert index.find_entities("John F. Kerry")[0].entity.id == renamed.id


def test_rename_onto_an_existing_name_conflicts(hand_index, corrections):
    corrections.add(Correction("rename", name="Sergey Lavrov", to="Sergei Lavrov"))
    (outcome,) = apply_file(hand_index, corrections.path)
    assert outcome.status == "conflict" and "curate merge" in outcome.detail
    with Index(hand_index) as index:
        assert "Sergey Lavrov" in names(index)


def test_kind_changes_the_entity_and_its_mentions(hand_index, corrections):
    corrections.add(Correction("kind", name="Moscow", kind="GPE"))
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        moscow = find(index, "Moscow")
        assert moscow.kind == "GPE"
        assert {m.kind for m in index.mentions_of(moscow.id)} == {"GPE"}
    corrections.undo()
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        moscow = find(index, "Moscow")
        assert moscow.kind == "ORG" and {m.kind for m in index.mentions_of(moscow.id)} == {"ORG"}


def test_hide_removes_the_entity_everywhere_and_undo_brings_it_back(hand_index, corrections):
    corrections.add(Correction("hide", name="click here"))
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        assert "Click Here" not in names(index)
        assert all(e.name != "Click Here" for e, _ in index.article_entities("a2"))
        assert all(m.text != "Click Here" for m in index.article_mentions("a2"))
        assert not index.find_entities("Click Here") or (
            index.find_entities("Click Here")[0].entity.name != "Click Here"
        )
    corrections.undo()
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        assert names(index)["Click Here"] == ("ORG", 1)
    corrections.redo()
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        assert "Click Here" not in names(index)


def test_hide_one_mention(hand_index, corrections):
    text = ARTICLES["a2"]
    at = text.index("Aleppo", text.index("Click"))
    corrections.add(
        Correction("hide-mention", name="Aleppo", mentions=(MentionRef("a2", at, "Aleppo"),))
    )
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        aleppo = find(index, "Aleppo")
        starts = [m.start for m in index.mentions_of(aleppo.id)]
        assert aleppo.mentions == len(starts) == text.count("Aleppo") - 1 and at not in starts


def test_alias_turns_its_occurrences_into_mentions(hand_index, corrections):
    corrections.add(Correction("alias", name="Sergei Lavrov", alias="truce"))
    (outcome,) = apply_file(hand_index, corrections.path)
    assert outcome.status == "applied" and outcome.changed == 2
    with Index(hand_index) as index:
        lavrov = find(index, "Sergei Lavrov")
        assert "truce" in lavrov.aliases
        assert [m.text for m in index.mentions_of(lavrov.id)].count("truce") == 2
        added = next(m for m in index.mentions_of(lavrov.id) if m.text == "truce")
        assert "truce" in added.context and added.context_start <= added.start


def test_an_alias_of_several_words_finds_them_only_together(hand_index, corrections):
    # The full-text index keeps no positions: articles with every word are only candidates.
    corrections.add(Correction("alias", name="Sergei Lavrov", alias="the truce"))
    corrections.add(Correction("alias", name="John Kerry", alias="Kerry Geneva"))
    phrase, apart = apply_file(hand_index, corrections.path)
    assert phrase.changed == 2 and apart.changed == 0
    with Index(hand_index) as index:
        texts = [m.text for m in index.mentions_of(find(index, "Sergei Lavrov").id)]
        assert texts.count("the truce") == 2


def test_unlinked_review_finds_the_missed_bare_surname_and_accepting_links_it(
    hand_index, corrections
):
    with Index(hand_index) as index:
        found = index.unlinked()
        assert [(u.article_id, u.text, u.entity_name) for u in found] == [
            ("a2", "Lavrov", "Sergei Lavrov")
        ]
        assert "spoke in Moscow" in found[0].context
    ref = MentionRef("a2", found[0].start, "Lavrov")
    corrections.add(Correction("link", name="Sergei Lavrov", mentions=(ref,)))
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        assert index.unlinked() == []
        assert find(index, "Sergei Lavrov").mentions == 3
        assert find(index, "Sergei Lavrov").articles == 2


def test_a_rejected_place_is_not_proposed_again(hand_index, corrections):
    with Index(hand_index) as index:
        (found,) = index.unlinked()
    ref = MentionRef("a2", found.start, found.text)
    corrections.add(Correction("reject", name="Sergei Lavrov", mentions=(ref,)))
    (outcome,) = apply_file(hand_index, corrections.path)
    assert outcome.status == "applied"
    rejected = rejected_places(corrections.load(), "/corpora/hand")
    with Index(hand_index) as index:
        assert index.unlinked(rejected=rejected) == []
        assert find(index, "Sergei Lavrov").mentions == 2


def test_a_correction_that_matches_nothing_is_reported_not_dropped(hand_index, corrections):
    corrections.add(Correction("hide", name="Nobody At All"))
    corrections.add(Correction("hide", name="Click Here"))
    outcomes = apply_file(hand_index, corrections.path)
    assert [o.status for o in outcomes] == ["no match", "applied"]
    with Index(hand_index) as index:
        rows = index.corrections()
        assert [r.status for r in rows] == ["no match", "applied"]
        assert "Nobody At All" in rows[0].detail
    assert len(corrections.load().corrections) == 2


def test_corrections_apply_in_order(hand_index, corrections):
    corrections.add(Correction("rename", name="Sergey Lavrov", to="Sergei V. Lavrov"))
    corrections.add(Correction("merge", names=("Sergei Lavrov", "Sergei V. Lavrov")))
    outcomes = apply_file(hand_index, corrections.path)
    assert [o.status for o in outcomes] == ["applied", "applied"]
    with Index(hand_index) as index:
        assert find(index, "Sergei Lavrov").mentions == 3


def test_preview_changes_nothing(hand_index, corrections):
    outcome = preview(hand_index, Correction("hide", name="Aleppo"), corrections.path)
    assert outcome.status == "applied"
    with Index(hand_index) as index:
        assert "Aleppo" in names(index)


def test_corrections_apply_to_a_second_corpus_unless_limited(tmp_path, corrections):
    corrections.add(Correction("merge", names=("Sergei Lavrov", "Sergey Lavrov")))
    corrections.add(Correction("hide", name="Aleppo", corpus="/corpora/first"))
    first = build_hand_index(
        tmp_path / "first.sqlite3",
        ARTICLES,
        ENTITIES,
        corpus="/corpora/first",
        corrections=corrections.path,
    )
    other = {"b1": "Another corpus\n\nSergey Lavrov visited Aleppo. Sergei Lavrov left."}
    second = build_hand_index(
        tmp_path / "second.sqlite3",
        other,
        ENTITIES,
        corpus="/corpora/second",
        corrections=corrections.path,
    )
    with Index(first) as index:
        assert "Aleppo" not in names(index) and "Sergey Lavrov" not in names(index)
    with Index(second) as index:
        assert names(index)["Sergei Lavrov"] == ("PERSON", 2)
        assert "Aleppo" in names(index)
        assert [r.status for r in index.corrections()] == ["applied", "other corpus"]


def test_reapplying_after_edits_starts_from_the_linker_result(hand_index, corrections):
    corrections.add(Correction("merge", names=("Sergei Lavrov", "Sergey Lavrov")))
    corrections.add(Correction("alias", name="Aleppo", alias="convoy"))
    apply_file(hand_index, corrections.path)
    corrections.undo()
    corrections.undo()
    apply_file(hand_index, corrections.path)
    fresh = build_hand_index(
        hand_index.with_name("fresh.sqlite3"),
        ARTICLES,
        ENTITIES,
        untagged={("a2", ARTICLES["a2"].index("Lavrov"))},
    )
    with Index(hand_index) as index, Index(fresh) as clean:
        assert [e.to_json() for e in index.entities()] == [e.to_json() for e in clean.entities()]
        for entity in clean.entities():
            assert index.mentions_of(entity.id) == clean.mentions_of(entity.id)


def test_notes_on_an_entity_follow_a_rename(hand_index, corrections):
    with Index(hand_index) as index:
        kerry = find(index, "John Kerry").id
    corrections.add(Correction("rename", name="John Kerry", to="J. Kerry"))
    apply_file(hand_index, corrections.path)
    with Index(hand_index) as index:
        assert index.entity(kerry).name == "J. Kerry"


def test_a_surname_the_articles_also_write_in_lower_case_is_not_proposed(tmp_path):
    articles = {
        "c1": "Aid arrives\n\nThe group Humanitarian Aid sent trucks. Later, Aid workers left.",
        "c2": "More aid\n\nThey asked for aid. Humanitarian Aid said so. Aid was late.",
    }
    entities = [("Humanitarian Aid", "PERSON", ["Humanitarian Aid"])]
    path = build_hand_index(tmp_path / "aid.sqlite3", articles, entities)
    with Index(path) as index:
        assert index.unlinked() == []
    cased = {key: text.replace("aid", "help") for key, text in articles.items()}
    path = build_hand_index(tmp_path / "cased.sqlite3", cased, entities)
    with Index(path) as index:
        assert [u.text for u in index.unlinked()] == ["Aid", "Aid", "Aid"]


def test_rename_and_undo_keep_spellings_that_differ_only_in_case(tmp_path, corrections):
    articles = {"g1": "GENEVA talks\n\nDiplomats met in Geneva. GENEVA was quiet."}
    index_path = build_hand_index(
        tmp_path / "case.sqlite3", articles, [("Geneva", "GPE", ["Geneva", "GENEVA"])]
    )
    corrections.add(Correction("rename", name="Geneva", to="Genève"))
    apply_file(index_path, corrections.path)
    with Index(index_path) as index:
        assert set(find(index, "Genève").aliases) == {"Geneva", "GENEVA"}
    corrections.undo()
    apply_file(index_path, corrections.path)
    with Index(index_path) as index:
        assert list(find(index, "Geneva").aliases) == ["GENEVA"]  # as the linker listed it
