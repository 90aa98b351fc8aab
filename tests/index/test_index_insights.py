"""Quotes, timeline, related entities and the graph: the index tables, the commands, exports."""

from __future__ import annotations

import csv
import io
import json
import random
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from syria_reader import paths
from syria_reader.cli import main
from syria_reader.index.derived import log_likelihood, related_scores
from syria_reader.index.query import Index

ARTICLES = {
    "talks.txt": (
        "Kerry and Lavrov meet\n\n"
        "VIENNA, October 23 2015 - US Secretary of State John Kerry met Russian Foreign Minister "
        "Sergei Lavrov in Vienna on Friday to discuss the war in Syria.\n\n"
        '"The meeting was constructive and productive," Kerry said.\n\n'
        '"Our partners have some obsession with the figure of the Syrian president," '
        "Lavrov said.\n\n"
        "Russia began its air campaign in Syria on September 30, and the war began in 2011.\n"
    ),
    "aleppo.txt": (
        "Fighting in Aleppo\n\n"
        "ALEPPO, Syria, April 12 2016 - Kerry spoke to Lavrov about Aleppo on Tuesday. "
        '"We want the bombing of Aleppo to stop at once," Kerry told reporters. '
        "Turkey closed a crossing near Aleppo.\n"
    ),
    "border.txt": (
        "Turkey shuts a border crossing\n\n"
        "ANKARA, May 2 2016 - Turkey closed the Oncupinar crossing on Monday after shelling near "
        "Kilis. About 4,000 refugees waited in Syria. The United Nations sent food to Aleppo. "
        "Officials in Ankara said the crossing would open again. Kilis was shelled again.\n"
    ),
}


@pytest.fixture
def corpus(write_corpus) -> Path:
    """Two articles with quotes, dates and co-mentions; the rule-based extractor indexes them."""
    config = paths.config_dir()
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text('model = "no-such-model"\n', encoding="utf-8")
    return write_corpus(dict(ARTICLES))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_json(capsys, *argv: str):
    status, out, err = run(capsys, *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def test_quotes_json_has_the_contract_shape(corpus, capsys):
    data = run_json(capsys, "quotes", "kerry", "--corpus", str(corpus))
    assert data["entity"]["name"] == "John Kerry"
    assert len(data["quotes"]) == 2
    for quote in data["quotes"]:
        assert {"article", "title", "date", "start", "end", "text", "speaker", "cue"} <= set(quote)
        assert quote["speaker"]["name"] == "John Kerry"
    texts = {q["text"] for q in data["quotes"]}
    assert "The meeting was constructive and productive" in texts
    everyone = run_json(capsys, "quotes", "--corpus", str(corpus))
    assert everyone["entity"] is None
    assert len(everyone["quotes"]) == 3
    assert {q["speaker"]["name"] for q in everyone["quotes"]} == {"John Kerry", "Sergei Lavrov"}


def test_quotes_text_output(corpus, capsys):
    status, out, _ = run(capsys, "quotes", "lavrov", "--corpus", str(corpus))
    assert status == 0
    assert "Sergei Lavrov (PERSON): 1 quote" in out
    assert "Our partners have some obsession" in out and "(Lavrov said)" in out


def test_timeline_in_date_order_with_filters(corpus, capsys):
    entries = run_json(capsys, "timeline", "--corpus", str(corpus))
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    assert entries[0]["date"] == "2011" and entries[0]["precision"] == "year"
    first = entries[0]
    assert set(first) >= {"date", "end", "precision", "text", "article", "title", "context"}
    assert "the war began in 2011" in first["context"]
    september = run_json(
        capsys, "timeline", "--since", "2015-09", "--until", "2015-09", "--corpus", str(corpus)
    )
    assert [e["date"] for e in september] == ["2015-09-30"]
    # A year-precision date is still "since" a month inside it.
    assert "2011" in [
        e["date"]
        for e in run_json(capsys, "timeline", "--since", "2011-06", "--corpus", str(corpus))
    ]
    aleppo = run_json(capsys, "timeline", "--entity", "aleppo", "--corpus", str(corpus))
    assert aleppo and all(e["article"] == "aleppo" for e in aleppo)


def test_timeline_rejects_a_bad_date(corpus, capsys):
    with pytest.raises(SystemExit):
        main(["timeline", "--since", "last week", "--corpus", str(corpus)])
    assert "not a date" in capsys.readouterr().err


def test_related_and_the_sentences_together(corpus, capsys):
    data = run_json(capsys, "related", "lavrov", "--corpus", str(corpus))
    assert data["entity"]["name"] == "Sergei Lavrov"
    names = [r["name"] for r in data["related"]]
    assert names[0] == "John Kerry"
    kerry = next(r for r in data["related"] if r["name"] == "John Kerry")
    assert set(kerry) >= {"name", "kind", "score", "together"}
    assert kerry["together"] == 3  # the headline, and two sentences
    both = run_json(capsys, "related", "lavrov", "--with", "kerry", "--corpus", str(corpus))
    assert [s["article"] for s in both["sentences"]] == ["aleppo", "talks", "talks"]
    assert all("Lavrov" in s["text"] and "Kerry" in s["text"] for s in both["sentences"])


def test_log_likelihood_does_not_just_favour_the_frequent():
    # A and B always together (2 of 10 sentences); A and C together once, C everywhere.
    sentences = [frozenset({1, 2, 3}), frozenset({1, 2, 3})] + [frozenset({3})] * 8
    scores = {(a.entity, a.other): a.score for a in related_scores(sentences)}
    assert scores[(1, 2)] > 0
    assert (1, 3) not in scores or scores[(1, 3)] < scores[(1, 2)]
    assert log_likelihood(1, 5, 5, 10) < 0  # meet less than chance: not related


def test_related_scores_every_positive_pair_both_ways_in_key_order():
    # Checked against the plain definition: every pair of one sentence, scored once per pair
    # (smaller rowid first), kept both ways when positive, sorted as the table's key.
    rng = random.Random(7)
    sentences = [frozenset(rng.sample(range(1, 40), rng.randint(1, 5))) for _ in range(300)]
    sentences.append(frozenset({2**31, 5}))  # the largest rowid a pair key holds
    seen = Counter(e for s in sentences for e in s)
    pairs = Counter(p for s in sentences for p in combinations(sorted(s), 2))
    expected = []
    for (x, y), together in pairs.items():
        score = log_likelihood(together, seen[x], seen[y], len(sentences))
        if score > 0:
            expected += [(x, y, together, score), (y, x, together, score)]
    got = [(a.entity, a.other, a.together, a.score) for a in related_scores(sentences)]
    assert got == sorted(expected)
    assert len(got) > 100
    with pytest.raises(ValueError, match="does not fit"):
        list(related_scores([frozenset({1, 2**32})]))


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "csv"])
def test_graph_formats(corpus, capsys, tmp_path, fmt):
    import networkx as nx

    target = tmp_path / f"graph.{fmt}"
    status, _, err = run(
        capsys, "graph", "--format", fmt, "--output", str(target), "--corpus", str(corpus)
    )
    assert status == 0 and "Wrote" in err
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
        pairs = {frozenset((r["source_name"], r["target_name"])) for r in rows}
        assert frozenset(("John Kerry", "Sergei Lavrov")) in pairs
        return
    graph = nx.read_gexf(target) if fmt == "gexf" else nx.read_graphml(target)
    labels = {node: data["label"] for node, data in graph.nodes(data=True)}
    kerry = next(n for n, label in labels.items() if label == "John Kerry")
    lavrov = next(n for n, label in labels.items() if label == "Sergei Lavrov")
    assert graph.has_edge(kerry, lavrov)
    assert int(graph.edges[kerry, lavrov]["weight"]) == 3


def test_graph_min_drops_weak_pairs(corpus, capsys):
    status, out, _ = run(capsys, "graph", "--format", "csv", "--min", "2", "--corpus", str(corpus))
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(int(r["together"]) >= 2 for r in rows)


@pytest.mark.parametrize(
    "argv",
    [
        ("mentions", "kerry"),
        ("quotes", "kerry"),
        ("timeline",),
        ("related", "lavrov"),
        ("search", "bombing"),
    ],
)
def test_lists_export_as_csv_and_markdown(corpus, capsys, argv):
    status, out, _ = run(capsys, *argv, "--format", "csv", "--corpus", str(corpus))
    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) >= 2 and len({len(r) for r in rows}) == 1
    status, out, _ = run(capsys, *argv, "--format", "md", "--corpus", str(corpus))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("# ") and lines[2].startswith("| ") and lines[3].startswith("|")
    assert len(lines) >= 5


def test_export_never_overwrites_a_file(corpus, capsys, tmp_path):
    target = tmp_path / "mine.csv"
    target.write_text("my own work\n", encoding="utf-8")
    status, _, err = run(
        capsys, "quotes", "--format", "csv", "--output", str(target), "--corpus", str(corpus)
    )
    assert status == 1 and "exists" in err
    assert target.read_text(encoding="utf-8") == "my own work\n"


def test_export_cells_are_safe(tmp_path):
    from syria_reader.index.listing import Table, to_csv, to_markdown

    table = Table("t", ("a", "b"), [("=HYPERLINK(1)", "x | y\nz")])
    assert "'=HYPERLINK(1)" in to_csv(table)
    assert "x \\| y" in to_markdown(table)


# -- on the seeds, with the real model ------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(seeds_index: Path):
    with Index(seeds_index) as index:
        yield index


def _speaker(index: Index, name: str) -> str:
    return index.find_entities(name, limit=1)[0].entity.id


def test_seeds_quotes_of_lavrov_kerry_and_putin(seeds):
    expected = {
        "Lavrov": [
            "Our partners have some obsession",
            "the fate of the president of Syria",
            "What is now happening in Aleppo",
        ],
        "Kerry": [
            "The meeting was constructive",
            "explore whether there is",
            "Dozens of countries",
        ],
        "Putin": [
            "It is impossible to fight IS",
            "In this regard I think",
            "We intensified airstrikes",
        ],
    }
    for name, openings in expected.items():
        quotes = seeds.quotes(speaker_id=_speaker(seeds, name))
        assert len(quotes) == len(openings), name
        for opening in openings:
            assert any(q.text.startswith(opening) for q in quotes), (name, opening)


def test_seeds_timeline_and_related(seeds):
    timeline = seeds.timeline()
    assert timeline[0].date.startswith("2011") and timeline[-1].date.startswith("2016")
    assert "2015-09-30" in {t.date for t in timeline}
    related = [r.entity.name for r in seeds.related(_speaker(seeds, "Lavrov"), limit=5)]
    assert "John Kerry" in related


def test_nothing_found_exits_1_with_the_reason(corpus, capsys):
    status, out, err = run(capsys, "quotes", "turkey", "--corpus", str(corpus))
    assert status == 1 and "no quotes of Turkey found" in err
    status, out, err = run(capsys, "timeline", "--since", "2020", "--json", "--corpus", str(corpus))
    assert status == 1 and json.loads(out) == [] and "no resolved dates" in err
    status, out, err = run(capsys, "related", "lavrov", "--with", "turkey", "--corpus", str(corpus))
    assert status == 1 and "no sentence names both" in err


def test_a_new_quote_finder_makes_the_index_stale_and_reuses_the_analyses(
    write_corpus, monkeypatch
):
    from syria_reader.config import Settings
    from syria_reader.index import derived
    from syria_reader.index.build import build_index, index_status

    corpus = write_corpus(dict(ARTICLES))
    settings = Settings(model="no-such-model")
    first = build_index(corpus, settings)
    assert index_status(corpus, settings).state == "current"
    monkeypatch.setattr(derived, "DERIVED_VERSION", derived.DERIVED_VERSION + "-next")
    status = index_status(corpus, settings)
    assert status.state == "stale" and "quote finder" in status.reason
    again = build_index(corpus, settings)
    assert again.built and again.processed == 0 and again.reused == first.articles
