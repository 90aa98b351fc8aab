"""Index build and warm-query speed, each as a ratio to a baseline measured in the same run.

    python bench/bench_index.py [--corpus PATH] [--workers N] [--model NAME] [--repeat N]

Everything runs in fresh processes with a temporary cache and config dir (the user's are not
touched; the corpus is copied to a temporary folder for the incremental run):

- cold build: ``syria-reader index`` on an empty cache, against a bare spaCy baseline: a
  process that imports spaCy, loads the same model and runs ``nlp.pipe`` (batch 32) over the
  same raw file texts. The build does more (cleaning, dates, figures, linking, SQLite), so a
  ratio near 1 means the extras are cheap.
- incremental build: one file edited, then ``syria-reader index`` again.
- warm queries: ``entities --json`` and ``mentions Lavrov --json`` on the current index,
  against a process that only runs ``import sqlite3`` (the floor of any Python command);
  ``syria-reader --version`` is timed too, to show how much is the command's own start-up.
  Median of ``--repeat`` runs.

Default corpus: the bundled seeds. Timings, not assertions: machines are noisy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SPACY_BASELINE = """
import sys, pathlib, spacy
nlp = spacy.load(sys.argv[1])
texts = []
for path in sorted(pathlib.Path(sys.argv[2]).rglob("*")):
    if path.suffix.lower() in {".txt", ".md", ".html", ".htm"} and path.is_file():
        texts.append(path.read_text(encoding="utf-8", errors="replace"))
for doc in nlp.pipe(texts, batch_size=32):
    pass
"""


def timed(command: list[str], env: dict[str, str], allowed: tuple[int, ...] = (0,)) -> float:
    """Wall time of one process, which must exit with an allowed status."""
    started = time.perf_counter()
    result = subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    elapsed = time.perf_counter() - started
    if result.returncode not in allowed:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr}")
    return elapsed


def median_of(
    command: list[str], env: dict[str, str], repeat: int, allowed: tuple[int, ...] = (0,)
) -> float:
    return statistics.median(timed(command, env, allowed) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, help="folder of articles (default: the bundled seeds)"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="processes for the build (default 1)"
    )
    parser.add_argument("--model", help="spaCy pipeline (default: the configured default)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per warm query (default 5)")
    args = parser.parse_args()

    from syria_reader import paths
    from syria_reader.config import DEFAULT_MODEL

    corpus = (args.corpus or paths.bundled_seeds()).resolve()
    model = args.model or DEFAULT_MODEL
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-index-") as scratch:
        root = Path(scratch)
        env = dict(os.environ)
        for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
            (root / name).mkdir()
            env[name] = str(root / name)
        config = root / "XDG_CONFIG_HOME" / "syria-reader"
        config.mkdir()
        (config / "config.toml").write_text(
            f"model = {model!r}\n".replace("'", '"'), encoding="utf-8"
        )
        copy = root / "corpus"
        shutil.copytree(corpus, copy)
        cli = [python, "-m", "syria_reader"]
        files = sum(
            1 for p in copy.rglob("*") if p.suffix.lower() in {".txt", ".md", ".html", ".htm"}
        )
        print(f"corpus {corpus} ({files} files), model {model}, workers {args.workers}")

        baseline = timed([python, "-c", SPACY_BASELINE, model, str(copy)], env)
        cold = timed([*cli, "index", "--workers", str(args.workers), "--corpus", str(copy)], env)
        print(
            f"cold build        {cold:7.2f} s   bare spaCy nlp.pipe {baseline:7.2f} s   ratio "
            f"{cold / baseline:5.2f}"
        )

        edited = next(p for p in sorted(copy.rglob("*")) if p.suffix.lower() in {".txt", ".md"})
        edited.write_text(
            edited.read_text(encoding="utf-8", errors="replace") + "\n\nAn added closing line.\n",
            encoding="utf-8",
        )
        incremental = timed(
            [*cli, "index", "--workers", str(args.workers), "--corpus", str(copy)], env
        )
        print(
            f"one file edited   {incremental:7.2f} s   ratio to bare spaCy "
            f"{incremental / baseline:5.2f}"
        )

        floor = median_of([python, "-c", "import sqlite3"], env, args.repeat)
        startup = median_of([*cli, "--version"], env, args.repeat)
        print(
            f"syria-reader --version {startup:6.3f} s (the command's own start-up, for reference)"
        )
        for label, query in (
            ("entities --json", ["entities", "--json"]),
            ("mentions Lavrov", ["mentions", "Lavrov", "--json"]),
        ):
            # "No such entity" (status 1) is still a full warm query.
            warm = median_of(
                [*cli, *query, "--corpus", str(copy)], env, args.repeat, allowed=(0, 1)
            )
            print(
                f"warm {label:<13}{warm:7.3f} s   python -c 'import sqlite3' {floor:6.3f} s   "
                f"ratio {warm / floor:5.2f}"
            )


if __name__ == "__main__":
    main()
