"""``bench.bench_link`` times linking step by step on a built index's cached analyses."""

from __future__ import annotations

import pytest

from bench.bench_link import main
from syria_reader.config import load_settings
from syria_reader.index.build import build_index


def test_every_step_is_timed_and_the_output_digest_is_stable(two_articles, capsys) -> None:
    corpus = two_articles
    build_index(corpus, load_settings())
    assert main([str(corpus), "--repeat", "2", "--digest"]) == 0
    out = capsys.readouterr().out
    assert "2 articles, 2 cached analyses" in out
    steps = [line for line in out.splitlines() if "linking " in line]
    assert len(steps) == 16 and steps[0].endswith("linking 1/8: finding the names in every article")
    digests = {line.split()[-1] for line in out.splitlines() if "output sha256" in line}
    assert len(digests) == 1


def test_an_unbuilt_corpus_is_refused(write_corpus, capsys) -> None:
    corpus = write_corpus({"a.txt": "Talks in Geneva\n\nLavrov met Kerry.\n"})
    with pytest.raises(SystemExit) as stop:
        main([str(corpus)])
    assert stop.value.code == 2
    assert "build it first" in capsys.readouterr().err
