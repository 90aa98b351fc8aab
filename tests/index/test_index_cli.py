"""The index commands: their JSON contracts, text output and errors (rule-based extractor)."""

from __future__ import annotations

import json

import pytest

from syria_reader import paths
from syria_reader.cli import main
from syria_reader.commands.common import CliError, print_json
from syria_reader.commands.index_commands import kinds_for


@pytest.fixture
def corpus(small_corpus):
    """The small corpus, with a config file that makes every command use the rule-based
    extractor."""
    config = paths.config_dir()
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text('model = "no-such-model"\n', encoding="utf-8")
    return small_corpus


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_json(capsys, *argv: str):
    status, out, _ = run(capsys, *argv, "--json")
    assert status == 0
    return json.loads(out)


ENTITY_KEYS = {
    "id": str,
    "name": str,
    "type": str,
    "aliases": list,
    "known_as": list,
    "roles": list,
    "mentions": int,
    "articles": int,
}


def check_entity(item: dict) -> None:
    assert set(item) == set(ENTITY_KEYS)
    for key, kind in ENTITY_KEYS.items():
        assert isinstance(item[key], kind), key
    assert all(isinstance(a, str) for a in item["aliases"] + item["known_as"] + item["roles"])
    assert not {a.casefold() for a in item["aliases"]} & {a.casefold() for a in item["known_as"]}
    assert item["mentions"] >= item["articles"] >= 1


def test_index_command_reports_what_it_did(corpus, capsys):
    status, out, err = run(capsys, "index", "--corpus", str(corpus))
    assert status == 0
    assert (
        "Indexed 3 articles" in out
        and "processed 3, reused 0, removed 0" in out
        and "extractor rules" in out
    )
    assert "no-such-model" in err  # the fallback warning
    status, out, _ = run(capsys, "index", "--corpus", str(corpus))
    assert status == 0 and "up to date" in out
    status, out, _ = run(capsys, "index", "--rebuild", "--workers", "2", "--corpus", str(corpus))
    assert status == 0 and "processed 3, reused 0" in out


def test_index_command_takes_the_config_s_workers_unless_told(corpus, capsys, monkeypatch):
    from syria_reader.index import parallel

    monkeypatch.setattr(parallel, "MIN_CHARS_PER_WORKER", 1)  # three small articles are "large"
    config = paths.config_dir() / "config.toml"
    config.write_text('model = "no-such-model"\nworkers = 2\n', encoding="utf-8")
    status, out, _ = run(capsys, "index", "--rebuild", "--corpus", str(corpus))
    assert status == 0 and "in 2 processes" in out
    status, out, _ = run(capsys, "index", "--rebuild", "--workers", "1", "--corpus", str(corpus))
    assert status == 0 and "processes" not in out


def test_index_command_rejects_bad_workers(corpus, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["index", "--workers", "0", "--corpus", str(corpus)])
    assert exit_info.value.code == 2


def test_entities_json_contract(corpus, capsys):
    data = run_json(capsys, "entities", "--corpus", str(corpus))
    assert isinstance(data, list) and data
    for item in data:
        check_entity(item)
    assert [e["mentions"] for e in data] == sorted((e["mentions"] for e in data), reverse=True)
    assert "Islamic State" in {e["name"] for e in data}
    assert len(run_json(capsys, "entities", "--limit", "2", "--corpus", str(corpus))) == 2


def test_entities_kind_accepts_friendly_names_in_any_case(corpus, capsys):
    places = run_json(capsys, "entities", "--kind", "Place", "--corpus", str(corpus))
    assert places and {e["type"] for e in places} <= {"GPE", "LOC", "FAC"}
    orgs = run_json(capsys, "entities", "--kind", "org", "--corpus", str(corpus))
    assert {e["type"] for e in orgs} == {"ORG"}
    both = run_json(capsys, "entities", "--kind", "ORG,gpe", "--corpus", str(corpus))
    assert {e["type"] for e in both} <= {"ORG", "GPE"} and len(both) >= len(orgs)
    status, out, err = run(capsys, "entities", "--kind", "planets", "--corpus", str(corpus))
    assert (
        status == 2
        and out == ""
        and "unknown kind 'planets'" in err
        and len(err.strip().splitlines()) == 1
    )


def test_kinds_for():
    assert kinds_for("person") == {"PERSON"}
    assert kinds_for("places") == {"GPE", "LOC", "FAC"}
    assert kinds_for("norp, Event") == {"NORP", "EVENT"}
    with pytest.raises(CliError):
        kinds_for(",")


def test_mentions_json_contract(corpus, capsys):
    from syria_reader.index.build import index_path_for
    from syria_reader.index.query import Index

    data = run_json(capsys, "mentions", "daesh", "--corpus", str(corpus))
    assert set(data) == {"entity", "mentions"}
    check_entity(data["entity"])
    assert data["entity"]["name"] == "Islamic State"
    assert data["mentions"]
    with Index(index_path_for(corpus)) as index:
        for m in data["mentions"]:
            assert set(m) == {"article", "title", "start", "end", "text", "context"}
            assert all(isinstance(m[k], int) for k in ("start", "end"))
            assert all(isinstance(m[k], str) for k in ("article", "title", "text", "context"))
            text = index.article(m["article"]).text
            assert text[m["start"] : m["end"]] == m["text"]
            assert m["text"] in m["context"] and m["context"] in text
    assert len({m["article"] for m in data["mentions"]}) == 2


def test_mentions_text_output_groups_by_article(corpus, capsys):
    status, out, _err = run(capsys, "mentions", "Islamic", "State", "--corpus", str(corpus))
    assert status == 0
    assert out.startswith("Islamic State (ORG): ")
    assert "«" in out and "»" in out  # the mention marked, not styled: stdout is not a terminal
    assert "\x1b" not in out
    assert "Aid convoy reaches eastern Aleppo" in out


def test_mentions_without_a_match_is_one_line_error(corpus, capsys):
    status, out, err = run(capsys, "mentions", "xqzvw", "--corpus", str(corpus))
    assert status == 1 and out == ""
    # The first command builds the index, and says so (however stderr is attached).
    assert err.strip().splitlines()[-1] == "syria-reader: no entity matches 'xqzvw'"


def test_a_weak_best_match_is_nothing_matched_with_close_names(corpus, capsys):
    # "Islamic Relief Fund" shares only words with the corpus's names: no entity is taken.
    status, out, err = run(capsys, "mentions", "Islamic", "Relief", "Fund", "--corpus", str(corpus))
    assert status == 1 and out == ""
    assert "nothing matched 'Islamic Relief Fund'; close names: Islamic State (ORG)" in err


def test_explain_takes_a_name_as_mentions_does(corpus, capsys):
    # A weak best match is no entity for `explain` either: it does not explain Islamic State.
    status, out, err = run(capsys, "explain", "Islamic", "Relief", "Fund", "--corpus", str(corpus))
    assert status == 1 and out == ""
    assert "nothing matched 'Islamic Relief Fund'; close names: Islamic State (ORG)" in err
    status, out, err = run(capsys, "explain", "xqzvw", "--corpus", str(corpus))
    assert status == 1 and out == ""
    assert err.strip().splitlines()[-1] == "syria-reader: no entity matches 'xqzvw'"


def folder_of(tmp_path, name: str, files: dict[str, str]):
    """A corpus of its own, beside the ``corpus`` fixture's (which ``write_corpus`` fills)."""
    root = tmp_path / name
    root.mkdir()
    for file_name, text in files.items():
        (root / file_name).write_text(text, encoding="utf-8")
    return root


def test_nothing_found_exits_1_in_every_command(tmp_path, corpus, capsys):
    empty = folder_of(tmp_path, "empty", {"empty.txt": "Plain words and no numbers.\n"})
    for argv in (
        ["search", "zzzyzx"],
        ["search", "zzzyzx", "--json"],
        ["mentions", "xqzvw"],
        ["mentions", "xqzvw", "--json"],
        ["entities", "--kind", "event"],
        ["dates"],
        ["figures", "--json"],
    ):
        where = empty if argv[0] in ("dates", "figures") else corpus
        status, out, err = run(capsys, *argv, "--corpus", str(where))
        assert status == 1, argv
        assert err.strip(), argv  # and says so
        if "--json" in argv and argv[0] != "mentions":
            assert json.loads(out) == [], argv
    status, _, err = run(capsys, "notes", "trash")
    assert status == 1 and "the trash is empty" in err
    for argv in (["search", "convoy"], ["mentions", "Aleppo"], ["dates"], ["entities"]):
        assert run(capsys, *argv, "--corpus", str(corpus))[0] == 0, argv


def test_dates_json_contract(corpus, capsys):
    data = run_json(capsys, "dates", "--corpus", str(corpus))
    assert data
    for item in data:
        assert set(item) == {
            "article",
            "title",
            "start",
            "end",
            "text",
            "iso",
            "iso_end",
            "precision",
            "sentence",
        }
        assert item["text"] in item["sentence"]
        assert (item["iso"] is None) == (item["iso_end"] is None)
        assert (
            isinstance(item["start"], int)
            and isinstance(item["end"], int)
            and isinstance(item["text"], str)
        )
        assert item["iso"] is None or isinstance(item["iso"], str)
        assert item["precision"] in (None, "day", "month", "year")


def test_figures_json_contract(corpus, capsys):
    data = run_json(capsys, "figures", "--corpus", str(corpus))
    assert data
    for item in data:
        assert set(item) == {
            "article",
            "title",
            "start",
            "end",
            "text",
            "value",
            "value_end",
            "unit",
            "qualifier",
            "sentence",
        }
        assert item["text"] in item["sentence"]
        assert item["value"] is None or isinstance(item["value"], (int, float))
        assert item["unit"] is None or isinstance(item["unit"], str)
        assert item["qualifier"] is None or isinstance(item["qualifier"], str)


def test_search_json_contract_and_odd_queries(corpus, capsys):
    data = run_json(capsys, "search", "convoy", "--corpus", str(corpus))
    assert [h["article"] for h in data] and all(
        set(h) == {"article", "title", "snippet", "start", "end", "match"} for h in data
    )
    hit = data[0]
    assert hit["snippet"][hit["match"][0] : hit["match"][1]].lower() == "convoy"
    for odd in ('"', "AND", "*", "[bold]", "al-Assad", "NOT NOT"):
        status, _out, err = run(capsys, "search", odd, "--corpus", str(corpus))
        assert status in (0, 1), odd  # found, or nothing found
        assert "Traceback" not in err
    assert (
        run_json(capsys, "search", "--limit", "1", "Syria", "--corpus", str(corpus)).__len__() == 1
    )


def test_search_text_output(corpus, capsys):
    status, out, err = run(capsys, "search", "ceasefire", "--corpus", str(corpus))
    assert status == 0 and "«ceasefire»" in out and "\x1b" not in out
    status, out, err = run(capsys, "search", "zzzyzx", "--corpus", str(corpus))
    assert status == 1 and out == "" and "nothing matches" in err  # nothing found: 1


@pytest.mark.parametrize("command", [["entities"], ["dates"], ["figures"], ["mentions", "Aleppo"]])
def test_text_output_has_no_escape_sequences_off_a_terminal(corpus, capsys, command):
    status, out, _ = run(capsys, *command, "--corpus", str(corpus))
    assert status == 0 and out.strip()
    assert not any(ord(c) < 32 and c != "\n" for c in out)


def test_json_output_escapes_terminal_active_characters(capsys):
    print_json({"name": "a\x1b[31mred\u202eevil\x9b", "plain": "Aleppo «»"})
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x9b" not in out
    assert json.loads(out) == {"name": "a\x1b[31mred\u202eevil\x9b", "plain": "Aleppo «»"}


def test_close_candidates_after_an_exact_name_are_whole_word_matches_only():
    from syria_reader.commands.resolve import close_candidates
    from syria_reader.index.query import EntityMatch, EntityRow

    def match(name: str, score: float) -> EntityMatch:
        return EntityMatch(EntityRow(name.lower(), name, "PERSON", (), 1, 1), name, score)

    exact = [
        match("Bashar al-Assad", 100.0),
        match("Hafez al-Assad", 97.0),
        match("Assad Hospital", 95.0),
    ]
    assert [m.entity.name for m in close_candidates(exact)] == ["Hafez al-Assad"]
    fuzzy = [match("Sergei Lavrov", 86.0), match("Lavrentiy Beria", 82.0), match("Lavra", 70.0)]
    assert [m.entity.name for m in close_candidates(fuzzy)] == ["Lavrentiy Beria"]
    assert close_candidates([]) == [] and close_candidates(exact[:1]) == []


RANGES = {
    "talks.txt": (
        "Leaders meet in Moscow\n\n"
        "MOSCOW, November 30 2015 - Vladimir Putin and Francois Hollande held talks in Moscow on "
        "26-27 November. The Syrian army is now 55-65 km from Raqqa, officials said.\n"
    ),
}


def test_dates_and_figures_keep_both_ends_of_a_range(tmp_path, corpus, capsys):
    ranges = folder_of(tmp_path, "ranges", RANGES)
    dates = run_json(capsys, "dates", "--corpus", str(ranges))
    talks = next(d for d in dates if d["text"] == "26-27 November")
    assert (talks["iso"], talks["iso_end"], talks["precision"]) == (
        "2015-11-26",
        "2015-11-27",
        "day",
    )
    single = next(d for d in dates if d["text"].startswith("November 30"))
    assert single["iso_end"] == single["iso"] == "2015-11-30"
    figures = run_json(capsys, "figures", "--corpus", str(ranges))
    distance = next(f for f in figures if f["text"].startswith("55-65"))
    assert (distance["value"], distance["value_end"], distance["unit"]) == (55, 65, "km")


def test_dates_and_figures_text_shows_the_sentence_not_offsets(tmp_path, corpus, capsys):
    ranges = folder_of(tmp_path, "ranges", RANGES)
    status, out, _ = run(capsys, "dates", "--corpus", str(ranges))
    assert status == 0
    row = next(line for line in out.splitlines() if "«26-27 November»" in line)
    assert row.split()[0] == "2015-11-26\u20132015-11-27"
    assert "held talks in Moscow on «26-27 November»." in row
    assert "Leaders meet in Moscow" in out  # the article's heading
    status, out, _ = run(capsys, "figures", "--corpus", str(ranges))
    row = next(line for line in out.splitlines() if "«55-65 km»" in line)
    assert row.split()[:2] == ["55\u201365", "km"]
    assert "The Syrian army is now «55-65 km» from Raqqa" in row
    for listing in ("dates", "figures"):
        _, out, _ = run(capsys, listing, "--corpus", str(ranges))
        header = out.splitlines()[0]
        assert "AT" not in header.split() and "IN THE SENTENCE" in header


def test_mentions_text_shows_each_sentence_once_with_every_mention(tmp_path, corpus, capsys):
    twice = folder_of(
        tmp_path,
        "twice",
        {
            "vienna.txt": (
                "Talks in Vienna\n\n"
                "VIENNA, October 30 2015 - John Kerry met Sergei Lavrov, and Kerry said little. "
                "Later, Kerry flew home.\n"
            )
        },
    )
    status, out, _ = run(capsys, "mentions", "John Kerry", "--corpus", str(twice))
    assert status == 0
    lines = [line for line in out.splitlines() if "«" in line]
    assert len(lines) == 2, out
    assert lines[0].split()[0] == "2x"
    assert "«John Kerry» met Sergei Lavrov, and «Kerry» said little." in lines[0]
    assert "Later, «Kerry» flew home." in lines[1]
    assert not any(part.isdigit() for part in lines[1].split()[:1])  # no offset column
