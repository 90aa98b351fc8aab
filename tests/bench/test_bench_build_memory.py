"""``bench.build_memory`` prints a build's memory stage by stage."""

from __future__ import annotations

from bench.build_memory import main, stage_of


def test_every_stage_of_the_build_is_listed_with_its_memory(two_articles, capsys) -> None:
    corpus = two_articles
    assert main([str(corpus), "--interval", "0.001"]) == 0
    out = capsys.readouterr().out
    assert "2 articles" in out
    stages = [line.split("MB", 2)[-1].strip() for line in out.splitlines() if line.count("MB") == 2]
    assert stages[0] == "starting"
    assert "extracting" in stages and stages.count("extracting") == 1
    assert next(s for s in stages if s.startswith("linking ")).startswith("linking 1/8")
    assert stages[-1] == "writing the index"
    for line in out.splitlines():
        if line.count("MB") == 2:
            then, most = (float(part.split()[-1]) for part in line.split("MB")[:2])
            assert 0 < then <= most
    assert out.splitlines()[-1].startswith("peak RSS ")


def test_each_article_s_extraction_is_one_stage() -> None:
    assert stage_of("extracted a.txt") == stage_of("extracting b.txt (40%)") == "extracting"
    assert stage_of("linking 2/8: separating possessives from names").startswith("linking")
