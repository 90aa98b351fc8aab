"""Huge files: a size limit above which a file is skipped with a message, and progress that
names the stage and the file while a long article is read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from syria_reader.config import Settings, load_settings
from syria_reader.index.build import build_index
from syria_reader.index.query import Index

PARAGRAPH = (
    "GENEVA - Foreign ministers from Russia and the United States met in Geneva on Thursday. "
    "Sergei Lavrov said the ceasefire in Syria would hold, and Lavrov met John Kerry again.\n\n"
)


def test_a_file_over_max_article_mb_is_skipped_with_a_message(small_corpus, rules_settings):
    (small_corpus / "dump.txt").write_text("Dump\n\n" + PARAGRAPH * 20, encoding="utf-8")
    settings = Settings(model=rules_settings.model, max_article_mb=0.002)  # 2,000 bytes
    report = build_index(small_corpus, settings)
    assert report.articles == 3 and report.skipped == 1
    (problem,) = [p for p in report.problems if "dump.txt" in p]
    assert "max_article_mb" in problem and problem.endswith("skipped")
    with Index(report.path) as index:
        assert "dump.txt" not in {a.path for a in index.articles()}
        assert problem in index.info().problems
    # Raised, the limit lets the file in: the index is stale and takes it.
    report = build_index(small_corpus, Settings(model=rules_settings.model, max_article_mb=1))
    assert report.articles == 4 and report.skipped == 0


def test_max_article_mb_is_read_from_the_config_and_a_bad_value_reported(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text("max_article_mb = 2.5\n", encoding="utf-8")
    assert load_settings(config).max_article_bytes == 2_500_000
    config.write_text('max_article_mb = "big"\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.max_article_mb == Settings().max_article_mb
    (problem,) = settings.problems
    assert str(config) in problem and "max_article_mb" in problem


def test_workers_are_read_from_the_config_and_a_bad_value_reported(tmp_path: Path):
    config = tmp_path / "config.toml"
    assert Settings().workers is None  # "auto"
    config.write_text("workers = 3\n", encoding="utf-8")
    assert load_settings(config).workers == 3
    config.write_text('workers = "auto"\n', encoding="utf-8")
    assert load_settings(config).workers is None and not load_settings(config).problems
    for bad in ("0", "true", '"many"', "2.5"):
        config.write_text(f"model = 'x'\nworkers = {bad}\n", encoding="utf-8")
        settings = load_settings(config)
        assert settings.workers is None
        (problem,) = settings.problems
        assert f"{config}, line 2" in problem and "'workers'" in problem


def test_progress_names_each_stage_and_the_file_being_read(write_corpus, rules_settings):
    corpus = write_corpus(
        {"long/report.txt": "A long report\n\n" + PARAGRAPH * 400, "short.txt": PARAGRAPH}
    )
    labels: list[str] = []
    build_index(corpus, rules_settings, on_progress=lambda done, total, label: labels.append(label))
    assert labels[0].startswith("reading and cleaning 2 files")
    assert any(label.startswith("extracting long/report.txt (") for label in labels)
    assert labels.index("linking") < labels.index("writing the index")
    steps = [label for label in labels if label.startswith("linking ")]
    assert steps[0] == "linking 1/8: finding the names in every article"
    assert steps[-1] == "linking 8/8: naming the entities" and len(steps) == 8
    assert labels.index(steps[-1]) < labels.index("writing the index")
    assert "extracted long/report.txt" in labels


def test_the_cli_reports_a_skipped_file_by_name(small_corpus, tmp_path: Path):
    config_home = tmp_path / "config-home"
    (config_home / "syria-reader").mkdir(parents=True)
    (config_home / "syria-reader" / "config.toml").write_text(
        'model = "no-such-model"\nmax_article_mb = 0.002\n', encoding="utf-8"
    )
    (small_corpus / "dump.txt").write_text("Dump\n\n" + PARAGRAPH * 20, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "syria_reader", "index", "--corpus", str(small_corpus)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CONFIG_HOME": str(config_home)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "dump.txt" in done.stdout + done.stderr
    assert "max_article_mb" in done.stdout + done.stderr
