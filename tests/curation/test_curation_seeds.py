"""The curate commands on the seeds (real model, index built once per session): the issue's
done-when checks, through the CLI, and that corrections outlive ``index --rebuild``."""

from __future__ import annotations

import json

from syria_reader.cli import main
from syria_reader.curation.files import corrections_path
from syria_reader.index.query import Index


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_json(capsys, *argv: str):
    status, out, err = run(capsys, *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def entity_names(capsys) -> set[str]:
    return {e["name"] for e in run_json(capsys, "entities")}


def test_merge_and_hide_hold_after_a_rebuild(seeds_index_cached, capsys):
    before = entity_names(capsys)
    assert {"Russia", "Russians", "Albuquerque"} <= before
    status, out, err = run(capsys, "curate", "merge", "Russia", "Russians")
    assert status == 0, err
    assert "joined" in out and "curate undo" in out
    status, _, err = run(capsys, "curate", "hide", "Albuquerque")
    assert status == 0, err

    def check() -> None:
        data = run_json(capsys, "mentions", "Russians")
        assert data["entity"]["name"] == "Russia"
        texts = {m["text"] for m in data["mentions"]}
        assert "Russians" in texts
        assert any(t.startswith("Russia") and t != "Russians" for t in texts)
        names = entity_names(capsys)
        assert "Albuquerque" not in names and "Russians" not in names
        assert all(
            e["name"] != "Albuquerque" for e in run_json(capsys, "entities", "--kind", "person")
        )

    check()
    status, _, err = run(capsys, "index", "--rebuild")
    assert status == 0, err
    check()
    status, out, _ = run(capsys, "curate", "list")
    assert status == 0 and out.count("applied:") == 2


def test_undo_and_redo_from_the_command_line(seeds_index_cached, capsys):
    assert run(capsys, "curate", "hide", "Albuquerque")[0] == 0
    status, out, _ = run(capsys, "curate", "undo")
    assert status == 0 and 'Undone: hide "Albuquerque"' in out
    assert "Albuquerque" in entity_names(capsys)
    status, out, _ = run(capsys, "curate", "redo")
    assert status == 0 and "Redone" in out
    assert "Albuquerque" not in entity_names(capsys)
    run(capsys, "curate", "undo")
    status, out, _ = run(capsys, "curate", "undo")
    assert status == 0 and "Nothing to undo" in out


def test_conflicts_are_refused_and_nothing_is_saved(seeds_index_cached, capsys):
    assert run(capsys, "curate", "hide", "Albuquerque")[0] == 0
    saved = corrections_path().read_bytes()
    refusals = [
        (("curate", "merge", "Vienna", "Albuquerque"), "hidden"),
        (("curate", "split", "Bashar al-Assad", "Bashar al-Assad"), "canonical name"),
        (("curate", "rename", "Sergei Lavrov", "John Kerry"), "curate merge"),
        (("curate", "hide", "Nobody We Know Of"), "no match"),
        (("curate", "kind", "Moscow", "planet"), "unknown kind"),
    ]
    for argv, why in refusals:
        status, _, err = run(capsys, *argv)
        assert status != 0 and why in err, (argv, err)
    assert corrections_path().read_bytes() == saved


def test_a_correction_for_other_corpora_is_listed_as_matching_nothing(seeds_index_cached, capsys):
    status, _, err = run(capsys, "curate", "rename", "Zorgon Front", "Zorgon", "--force")
    assert status == 0, err
    data = run_json(capsys, "curate", "list")
    assert [c["status"] for c in data["corrections"]] == ["no match"]
    status, out, _ = run(capsys, "curate", "list")
    assert "NO MATCH" in out and "Zorgon Front" in out


def test_a_bad_hand_edit_is_reported_with_its_line(seeds_index_cached, capsys):
    path = corrections_path()
    path.write_text(
        '[[correction]]\nop = "hide"\nname = "Albuquerque"\n\n'
        '[[correction]]\nop = "kind"\nname = "Moscow"\nkind = "planet"\n',
        encoding="utf-8",
    )
    status, _, err = run(capsys, "curate", "list")
    assert status == 0 and "line 8" in err and 'key "kind"' in err
    assert "Albuquerque" not in entity_names(capsys)


def test_the_unlinked_review_finds_a_bare_surname_the_extractor_missed(
    seeds_index_cached, forget_mention, capsys
):
    # The linker tags every bare surname of the seeds it knows; drop one as a weaker
    # extractor would have missed it.
    article, start = forget_mention(seeds_index_cached, "Lavrov")
    found = run_json(capsys, "curate", "unlinked", "Sergei", "Lavrov")
    assert [(f["article"], f["start"], f["text"], f["name"]) for f in found] == [
        (article, start, "Lavrov", "Sergei Lavrov")
    ]
    with Index(seeds_index_cached) as index:
        text = index.article(article).text
        assert text[start : start + len("Lavrov")] == "Lavrov"
        assert "Lavrov" in found[0]["context"] and found[0]["context"] in text
    status, out, err = run(capsys, "curate", "unlinked", "--accept", "all")
    assert status == 0, err
    status, out, err = run(capsys, "curate", "unlinked", "--json")
    assert status == 1 and json.loads(out) == []
    data = run_json(capsys, "mentions", "Lavrov")
    assert (article, start) in {(m["article"], m["start"]) for m in data["mentions"]}
    assert run(capsys, "curate", "undo")[0] == 0
    assert len(run_json(capsys, "curate", "unlinked")) == 1
