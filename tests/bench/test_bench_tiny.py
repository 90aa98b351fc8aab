"""The benchmark runs end to end on a few generated articles, so it cannot rot (no timings
checked)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench import generate
from bench.run import corpora, main


def test_generator_varies_names_and_is_deterministic(tmp_path: Path, write_corpus) -> None:
    source = write_corpus(
        {
            "a.txt": "Talks in Geneva\n\nSergei Lavrov met John Kerry in Geneva on Monday. "
            "The talks on Syria ended without a deal, officials in Moscow said.\n",
            "b.txt": "Aid reaches Aleppo\n\nA convoy reached Aleppo on Tuesday, the United "
            "Nations said. Fighting near Homs delayed it by a day.\n",
        }
    )
    first = generate.generate(source, 30, tmp_path / "one", words=60)
    second = generate.generate(source, 30, tmp_path / "two", words=60)
    assert len(first) == 30
    texts = [p.read_text(encoding="utf-8") for p in first]
    assert texts == [p.read_text(encoding="utf-8") for p in second]
    assert all(len(t.split()) >= 60 for t in texts)
    words = {w for t in texts for w in t.split()}
    assert any(w.startswith(("Lavrov", "Geneva", "Aleppo")) for w in words)
    source_words = {w for p in source.iterdir() for w in p.read_text().split()}
    invented = {w for w in words - source_words if w[:1].isupper()}
    assert len(invented) >= 10, "names are varied beyond the source's"


def test_tiny_benchmark_prints_the_table(tmp_path: Path, capsys) -> None:
    out = tmp_path / "figures.json"
    main(["--tiny", "--work", str(tmp_path / "work"), "--json", str(out)])
    printed = capsys.readouterr().out
    assert "| build words/s (ratio to bare extraction) |" in printed
    assert "its list: first screenful" in printed
    figures = json.loads(out.read_text(encoding="utf-8"))["tiny"]
    assert figures["start"]["spacy_imported"] is False
    assert figures["queries"]["busiest"]["mentions"] > 0
    assert figures["build"]["index_bytes"] > 0 and figures["incremental_s"] > 0
    assert figures["rss"]["reader_mb"] > 0


def test_spacy_sizes_index_a_generated_corpus_with_spacy_apart_from_the_rules(
    tmp_path: Path, write_corpus
) -> None:
    source = write_corpus({"a.txt": "Aid reaches Aleppo\n\nA convoy reached Aleppo on Tuesday.\n"})
    args = argparse.Namespace(
        tiny=False,
        work=tmp_path,
        fakes=None,
        source=source,
        sizes=[4, 8],
        spacy_sizes=[8],
        only=None,
    )
    found = {c.name: c for c in corpora(args)}
    assert set(found) == {"seeds", "4", "8", "8-spaCy"}
    assert found["8"].path == found["8-spaCy"].path
    assert found["8"].rules and not found["8-spaCy"].rules
    # One folder, two indexes: each extractor's in a cache dir of its own.
    assert found["8"].xdg != found["8-spaCy"].xdg
    found["8-spaCy"].env()
    assert not list(found["8-spaCy"].xdg.rglob("config.toml"))
    found["8"].env()
    assert "no-such-model" in next(found["8"].xdg.rglob("config.toml")).read_text()
