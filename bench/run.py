"""The benchmark: syria-reader at corpus scale, as ratios to baselines measured in the same run.

    python -m bench [--sizes 1000,10000,50000] [--spacy-sizes 1000] [--source DIR]
                    [--fakes DIR] [--work DIR] [--rebuild] [--only NAME,...] [--repeat N]
                    [--json FILE]

Corpora: the bundled seeds, the FA-KES folder (``--fakes``, skipped when absent) and corpora of
``--sizes`` articles generated from ``--source`` (``bench.generate``) under ``--work``
(default ``/tmp/syria-bench``, outside the repository). The seeds and FA-KES are indexed with
the configured spaCy model, the generated corpora with the rule-based extractor: spaCy takes
about three minutes per 1,000 articles here, the rules a tenth of that. The rules make linking
and writing look large beside extraction, so the generated corpora of ``--spacy-sizes`` are
also indexed with spaCy ("1k-spaCy"): the build target is set against bare spaCy. Every
process gets cache, data and config dirs under ``--work``: the user's are never touched.

An index is built (and its build measured) when it is missing or with ``--rebuild``; the
build's figures are kept beside it and reported again by later runs, marked with the date
they were taken, so a 50,000-article build is paid for once. What is measured:

- build: words per second, against bare extraction on the same texts (``nlp.pipe`` of the
  same model and components; for the rules, the rule extractor alone), on a sample of up
  to 300 files; ``--workers 2`` against 1 (on the 1,000-article corpus); peak RSS of the
  build process; index bytes per byte of corpus files;
- incremental: one file of the 10,000-article corpus changed, against its full build;
- warm start: first paint and first article, against a bare Textual app (a Static and a
  Footer) started the same way on a pseudo-terminal, and whether spaCy was imported;
- lookup: ``find_entities`` per keystroke (p50/p95, in process) while typing the names of
  the busiest entities, and the first keystroke (which loads the names);
- the busiest entity's mention list: time to its count, to the first screenful, to the last
  screenful, and reading every mention at once (``mentions_of``, what the reader did before);
- reader RSS after opening the corpus and its busiest list and going to the end of it,
  against the bare Textual app.

``--tiny`` runs everything on a few generated articles (what the test suite does, to keep
this from rotting). Timings are never asserted: machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import generate
from bench.bench_startup import BARE_APP, child_env, time_starts

RULES_MODEL = "no-such-model-rules"  # not installed: the index falls back to the rules
TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}
SCREENFUL = 40

RSS_CHILD = """
import asyncio, sys
BARE_APP = sys.argv[1]
from pathlib import Path

def rss_mb():
    status = Path("/proc/self/status").read_text()
    return {k: int(v.split()[0]) / 1024 for k, v in
            (line.split(":", 1) for line in status.splitlines()) if k in ("VmRSS", "VmHWM")}

async def reader(corpus, entity):
    from syria_reader.config import load_settings
    from syria_reader.ui.app import ReaderApp
    app = ReaderApp(Path(corpus), load_settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(100):
            await pilot.pause()
            if app.index is not None and app.article is not None:
                break
        app.open_mentions(entity)
        await pilot.pause()
        for key in ("end", "pageup", "home", "pagedown", "end"):
            await pilot.press(key)
            await pilot.pause()
        return rss_mb()

async def bare():
    exec(BARE_APP, globals())
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return rss_mb()

result = asyncio.run(reader(sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else bare())
print(result["VmRSS"], result["VmHWM"])
"""

SPACY_BASELINE = """
import json, sys, time
from pathlib import Path
from syria_reader.nlp.pipeline import _UNNEEDED
import spacy
nlp = spacy.load(sys.argv[1], exclude=_UNNEEDED)
if not any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer")):
    nlp.add_pipe("sentencizer", first=True)
texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in sys.argv[2:]]
started = time.perf_counter()
for doc in nlp.pipe(texts, batch_size=32):
    pass
print(json.dumps({"seconds": time.perf_counter() - started,
                  "words": sum(len(t.split()) for t in texts)}))
"""

RULES_BASELINE = """
import hashlib, json, sys, time
from pathlib import Path
from syria_reader.models import Article, Block
from syria_reader.nlp.gazetteer import load_gazetteer
from syria_reader.nlp.rules import RuleExtractor
texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in sys.argv[2:]]
articles = [
    Article(str(i), t.split("\\n", 1)[0], None, None, None, str(i), t,
            (Block("paragraph", 0, len(t)),), hashlib.sha256(t.encode()).hexdigest())
    for i, t in enumerate(texts)
]
extractor = RuleExtractor(load_gazetteer())
started = time.perf_counter()
for analysis in extractor.analyse(articles):
    pass
print(json.dumps({"seconds": time.perf_counter() - started,
                  "words": sum(len(t.split()) for t in texts)}))
"""


@dataclass
class Corpus:
    """One corpus of the benchmark and where its processes keep their files."""

    name: str
    path: Path
    rules: bool  # indexed with the rule-based extractor (else the configured spaCy model)
    xdg: Path
    size: int | None = None  # articles asked of the generator
    results: dict[str, Any] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        """The environment of every process run on this corpus."""
        env = dict(os.environ)
        for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            folder = self.xdg / name.lower()
            folder.mkdir(parents=True, exist_ok=True)
            env[name] = str(folder)
        config = self.xdg / "xdg_config_home" / "syria-reader"
        config.mkdir(parents=True, exist_ok=True)
        if self.rules:
            (config / "config.toml").write_text(f'model = "{RULES_MODEL}"\n', encoding="utf-8")
        src = str(Path(__file__).resolve().parents[1] / "src")
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (src, env.get("PYTHONPATH", ""), str(Path(__file__).parents[1])) if p
        )
        return env

    def files(self) -> list[Path]:
        """The corpus's article files, sorted."""
        return sorted(
            p for p in self.path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
        )


def run(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run a process: (wall seconds, stdout). Fails loudly on a bad exit."""
    started = time.perf_counter()
    process = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(
            f"failed ({process.returncode}): {' '.join(command)}\n{process.stderr[-3000:]}"
        )
    return elapsed, process.stdout


def peak_rss_run(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Like ``run``, with the peak RSS of that process alone (``wait4``)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    out, err = process.stdout.read(), process.stderr.read()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{err[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, out


def index_path(corpus: Corpus) -> Path:
    """Where the corpus's index lives (asked of the program itself, in the corpus's env)."""
    code = (
        "import sys; from pathlib import Path; from syria_reader.index.freshness import "
        "index_path_for; print(index_path_for(Path(sys.argv[1]).resolve()))"
    )
    _, out = run([sys.executable, "-c", code, str(corpus.path)], corpus.env())
    return Path(out.strip())


def status_of(corpus: Corpus) -> str:
    """ "current", "stale" or "missing"."""
    code = (
        "import sys; from pathlib import Path; from syria_reader.config import load_settings; "
        "from syria_reader.index.build import index_status; "
        "print(index_status(Path(sys.argv[1]).resolve(), load_settings()).state)"
    )
    return run([sys.executable, "-c", code, str(corpus.path)], corpus.env())[1].strip()


def build(corpus: Corpus, workers: int = 1, rebuild: bool = True) -> dict[str, Any]:
    """Build the corpus's index; wall time, peak RSS, words and sizes."""
    command = [sys.executable, "-m", "syria_reader", "index", "--corpus", str(corpus.path)]
    command += ["--workers", str(workers)] + (["--rebuild"] if rebuild else [])
    seconds, rss, _ = peak_rss_run(command, corpus.env())
    path = index_path(corpus)
    words = words_in(path)
    corpus_bytes = sum(p.stat().st_size for p in corpus.files())
    return {
        "seconds": seconds,
        "peak_rss_mb": rss,
        "words": words,
        "index_bytes": path.stat().st_size,
        "corpus_bytes": corpus_bytes,
        "workers": workers,
        "taken": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def words_in(path: Path) -> int:
    """Body words of every article in an index."""
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return int(db.execute("SELECT coalesce(sum(words), 0) FROM articles").fetchone()[0])


def baseline(corpus: Corpus, sample: int = 300) -> dict[str, float]:
    """Bare extraction on up to ``sample`` of the corpus's files: words per second."""
    from syria_reader.config import DEFAULT_MODEL

    files = corpus.files()
    step = max(1, len(files) // sample)
    chosen = [str(p) for p in files[::step][:sample]]
    code = RULES_BASELINE if corpus.rules else SPACY_BASELINE
    model = RULES_MODEL if corpus.rules else DEFAULT_MODEL
    _, out = run([sys.executable, "-c", code, model, *chosen], corpus.env())
    data = json.loads(out.strip().splitlines()[-1])
    return {"words_per_second": data["words"] / max(data["seconds"], 1e-9), "files": len(chosen)}


def incremental(corpus: Corpus) -> float:
    """Seconds to re-index after one file changed (the file is restored afterwards)."""
    target = corpus.files()[len(corpus.files()) // 2]
    original = target.read_bytes()
    try:
        target.write_bytes(original + b"\n\nAn added closing line about Damascus.\n")
        command = [sys.executable, "-m", "syria_reader", "index", "--corpus", str(corpus.path)]
        seconds, _ = run(command, corpus.env())
    finally:
        target.write_bytes(original)
    run(
        [sys.executable, "-m", "syria_reader", "index", "--corpus", str(corpus.path)],
        corpus.env(),
    )
    return seconds


def warm_start(corpus: Corpus, repeat: int) -> dict[str, Any]:
    """Median first paint and first article of the reader and of a bare app, interleaved."""
    env = child_env(corpus.env(), corpus.xdg / "pycache")
    return time_starts(corpus.path, env, repeat, (120, 40))


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds one call takes, and what it returned."""
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def queries(corpus: Corpus) -> dict[str, Any]:
    """Lookup per keystroke and the busiest entity's mention list, in this process."""
    from syria_reader.index.query import Index

    out: dict[str, Any] = {}
    with Index(index_path(corpus)) as index:
        busiest = index.entities(limit=8)
        if not busiest:
            return out
        entity = busiest[0]
        out["busiest"] = {"name": entity.name, "id": entity.id, "mentions": entity.mentions}
        count_s, pages = timed(lambda: index.mention_list(entity.id))
        count_s2, _ = timed(lambda: pages.mention_count)
        out["list_count_s"] = count_s + count_s2
        first_s, _ = timed(lambda: pages.rows(0, SCREENFUL))
        out["list_first_screen_s"] = first_s + count_s
        last_s, _ = timed(lambda: pages.rows(pages.row_count - SCREENFUL, pages.row_count))
        out["list_last_screen_s"] = last_s
        out["list_rows"] = pages.row_count
        out["all_mentions_s"], _ = timed(lambda: index.mentions_of(entity.id))
        typed = [e.name for e in busiest] + [e.name[::-1][:6] for e in busiest[:2]]
        first_key, _ = timed(lambda: index.find_entities(typed[0][:1]))
        out["lookup_first_key_s"] = first_key
        keystrokes: list[float] = []
        for name in typed:
            for end in range(1, len(name) + 1):
                started = time.perf_counter()
                index.find_entities(name[:end], 30)
                keystrokes.append(time.perf_counter() - started)
        out["lookup_p50_s"] = percentile(keystrokes, 0.5)
        out["lookup_p95_s"] = percentile(keystrokes, 0.95)
        out["lookup_keystrokes"] = len(keystrokes)
        out["entities"] = len(index.entities())
    return out


def reader_rss(corpus: Corpus, entity_id: str) -> dict[str, float]:
    """RSS of the reader after opening the busiest list and going to its end, and of a bare app."""
    env = corpus.env()
    _, out = run([sys.executable, "-c", RSS_CHILD, BARE_APP, str(corpus.path), entity_id], env)
    reader = float(out.split()[0])
    _, out = run([sys.executable, "-c", RSS_CHILD, BARE_APP], env)
    return {"reader_mb": reader, "bare_mb": float(out.split()[0])}


def corpora(args: argparse.Namespace) -> list[Corpus]:
    """The corpora to measure, generating the missing generated ones."""
    work = args.work
    found: list[Corpus] = []
    if args.tiny:
        source = args.source or paths_seeds()
        folder = work / "gen-tiny"
        if not folder.exists():
            generate.generate(source, 6, folder, words=150)
        return [Corpus("tiny", folder, True, work / "xdg-rules", 6)]
    found.append(Corpus("seeds", paths_seeds(), False, work / "xdg-spacy"))
    if args.fakes and args.fakes.is_dir():
        found.append(Corpus("FA-KES", args.fakes, False, work / "xdg-spacy"))
    source = args.source or (args.fakes if args.fakes and args.fakes.is_dir() else paths_seeds())
    for size in sorted({*args.sizes, *args.spacy_sizes}):
        folder = work / f"gen-{size}"
        if not folder.exists():
            print(f"generating {size} articles from {source} in {folder}...", flush=True)
            generate.generate(source, size, folder)
        name = f"{size // 1000}k" if size % 1000 == 0 else str(size)
        if size in args.sizes:
            found.append(Corpus(name, folder, True, work / "xdg-rules", size))
        if size in args.spacy_sizes:
            # Its own cache dir: the index file is named after the folder, shared with the rules.
            found.append(Corpus(f"{name}-spaCy", folder, False, work / "xdg-spacy-generated", size))
    if args.only:
        found = [c for c in found if c.name in args.only]
    return found


def paths_seeds() -> Path:
    """The bundled seeds."""
    from syria_reader import paths

    return paths.bundled_seeds()


def measure(corpus: Corpus, args: argparse.Namespace, records: Path) -> None:
    """Every figure for one corpus, into ``corpus.results``."""
    record = records / f"build-{corpus.name}.json"
    state = status_of(corpus)
    if args.rebuild or state != "current" or not record.exists():
        print(f"[{corpus.name}] building the index ({state})...", flush=True)
        result = build(corpus)
        record.write_text(json.dumps(result), encoding="utf-8")
    corpus.results["build"] = json.loads(record.read_text(encoding="utf-8"))
    print(f"[{corpus.name}] bare extraction baseline...", flush=True)
    corpus.results["baseline"] = baseline(corpus, sample=20 if args.tiny else 300)
    if args.tiny or corpus.size == 1000:
        key = records / f"workers-{corpus.name}.json"
        if args.rebuild or not key.exists() or args.tiny:
            print(f"[{corpus.name}] build with 2 workers and with 1...", flush=True)
            two = build(corpus, workers=2)
            one = build(corpus, workers=1)
            key.write_text(json.dumps({"two": two, "one": one}), encoding="utf-8")
        corpus.results["workers"] = json.loads(key.read_text(encoding="utf-8"))
    if args.tiny or corpus.size == 10000:
        print(f"[{corpus.name}] one file changed...", flush=True)
        corpus.results["incremental_s"] = incremental(corpus)
    print(f"[{corpus.name}] warm start...", flush=True)
    corpus.results["start"] = warm_start(corpus, 1 if args.tiny else args.repeat)
    print(f"[{corpus.name}] lookup and mention list...", flush=True)
    corpus.results["queries"] = queries(corpus)
    busiest = corpus.results["queries"].get("busiest")
    if busiest:
        print(f"[{corpus.name}] reader memory...", flush=True)
        corpus.results["rss"] = reader_rss(corpus, busiest["id"])


def _ms(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds * 1000:.1f} ms"


def build_ratio(results: dict[str, Any]) -> float:
    """Words per second of the whole build over those of bare extraction."""
    build = results["build"]
    return build["words"] / build["seconds"] / results["baseline"]["words_per_second"]


def table(found: list[Corpus]) -> str:
    """The results as one Markdown table: a row per figure, a column per corpus."""
    rows: list[tuple[str, list[str]]] = []

    def add(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        cells = []
        for c in found:
            try:
                cells.append(cell(c.results))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("")
        rows.append((label, cells))

    add(
        "articles / MB of files",
        lambda r: f"{len(r['files'])} / {r['build']['corpus_bytes'] / 1e6:.1f}",
    )
    add("extractor", lambda r: r["extractor"])
    add("build, s", lambda r: f"{r['build']['seconds']:.1f}")
    add(
        "build words/s (ratio to bare extraction)",
        lambda r: f"{r['build']['words'] / r['build']['seconds']:,.0f} ({build_ratio(r):.2f})",
    )
    add(
        "--workers 2 vs 1, s (ratio)",
        lambda r: (
            f"{r['workers']['two']['seconds']:.1f} vs {r['workers']['one']['seconds']:.1f}"
            f" ({r['workers']['two']['seconds'] / r['workers']['one']['seconds']:.2f})"
        ),
    )
    add("build peak RSS", lambda r: f"{r['build']['peak_rss_mb']:,.0f} MB")
    add(
        "index bytes / corpus bytes",
        lambda r: f"{r['build']['index_bytes'] / r['build']['corpus_bytes']:.2f}",
    )
    add(
        "one file changed, s (ratio to full build)",
        lambda r: f"{r['incremental_s']:.1f} ({r['incremental_s'] / r['build']['seconds']:.3f})",
    )
    add(
        "warm first paint (ratio to bare Textual)",
        lambda r: f"{_ms(r['start']['paint'])} ({r['start']['paint'] / r['start']['bare']:.2f})",
    )
    add(
        "warm first article (ratio to bare Textual)",
        lambda r: (
            f"{_ms(r['start']['content'])} ({r['start']['content'] / r['start']['bare']:.2f})"
        ),
    )
    add("spaCy imported on warm start", lambda r: "yes" if r["start"]["spacy_imported"] else "no")
    add("entities", lambda r: f"{r['queries']['entities']:,}")
    add(
        "lookup per keystroke p50 / p95",
        lambda r: f"{_ms(r['queries']['lookup_p50_s'])} / {_ms(r['queries']['lookup_p95_s'])}",
    )
    add("lookup, first keystroke", lambda r: _ms(r["queries"]["lookup_first_key_s"]))
    add(
        "busiest entity (mentions)",
        lambda r: f"{r['queries']['busiest']['name']} ({r['queries']['busiest']['mentions']:,})",
    )
    add("  its list: count", lambda r: _ms(r["queries"]["list_count_s"]))
    add("  its list: first screenful", lambda r: _ms(r["queries"]["list_first_screen_s"]))
    add("  its list: last screenful", lambda r: _ms(r["queries"]["list_last_screen_s"]))
    add("  every mention at once (before)", lambda r: _ms(r["queries"]["all_mentions_s"]))
    add(
        "reader RSS, busiest list at its end (bare app)",
        lambda r: f"{r['rss']['reader_mb']:.0f} MB ({r['rss']['bare_mb']:.0f} MB)",
    )
    header = "| | " + " | ".join(c.name for c in found) + " |"
    lines = [header, "|---" * (len(found) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Parse the options, measure every corpus, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="generated corpus sizes")
    parser.add_argument(
        "--spacy-sizes", default="1000", help="generated sizes also indexed with spaCy"
    )
    parser.add_argument("--source", type=Path, help="folder to generate from (default: FA-KES)")
    parser.add_argument(
        "--fakes", type=Path, default=Path("/work/shared/corpora/fakes"), help="FA-KES folder"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/syria-bench"))
    parser.add_argument("--rebuild", action="store_true", help="build every index again")
    parser.add_argument(
        "--only", help="comma-separated corpus names (seeds,FA-KES,1k,1k-spaCy,10k,50k)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="warm starts per corpus (5)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--tiny", action="store_true", help="a few generated articles only")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.spacy_sizes = [int(s) for s in args.spacy_sizes.split(",") if s.strip()]
    args.only = set(args.only.split(",")) if args.only else None
    args.work.mkdir(parents=True, exist_ok=True)
    records = args.work / "records"
    records.mkdir(exist_ok=True)
    found = corpora(args)
    for corpus in found:
        corpus.results["files"] = [str(p) for p in corpus.files()]
        corpus.results["extractor"] = "rules" if corpus.rules else "spaCy"
        measure(corpus, args, records)
    print()
    print(machine())
    print(table(found))
    if args.json:
        data = {c.name: {k: v for k, v in c.results.items() if k != "files"} for c in found}
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    if args.tiny:
        shutil.rmtree(args.work / "xdg-rules", ignore_errors=True)


def machine() -> str:
    """One line on the machine the figures were taken on."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores ({cpu}),"
        f" load {load:.1f}, Python {sys.version.split()[0]}"
    )
