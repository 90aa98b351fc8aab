"""Applying corrections to an index, as a ratio to reading its entity table in the same run.

    python bench/bench_curate.py [--corpus PATH] [--corrections N] [--repeat N]

The corpus's index is built first if it is missing (in the user's cache, as any command
would), then copied to a temporary folder: the benchmark never changes the user's index or
corrections. From that index it makes ``--corrections`` corrections of every kind (merges of
entities sharing a last word, splits, renames, kind changes, hidden entities and mentions,
aliases, accepted unlinked mentions), picked from the index itself, and times:

- baseline: opening the index and reading every entity with its aliases (``Index.entities``),
  what the reader does to fill the lookup;
- apply: resetting the index to the linker's result and replaying every correction
  (``index.curate.apply_file``), what a curation key in the reader costs before the index is
  reopened; and ``apply`` of an empty file (the reset alone).

Median of ``--repeat`` runs each. Timings, not assertions: machines are noisy.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` runs of ``work``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def make_corrections(index_path: Path, count: int) -> list:
    """About ``count`` corrections of every kind, chosen from what the index holds."""
    from syria_reader.curation.model import Correction, MentionRef
    from syria_reader.index.query import Index

    with Index(index_path) as index:
        entities = index.entities()
        unlinked = index.unlinked()
        per_kind = max(1, count // 8)
        made: list[Correction] = []
        by_last: dict[tuple[str, str], list[str]] = {}
        for entity in entities:
            words = entity.name.split()
            if len(words) >= 1:
                by_last.setdefault((entity.kind, words[-1]), []).append(entity.name)
        pairs = [names[:2] for names in by_last.values() if len(names) >= 2]
        made += [Correction("merge", names=tuple(pair)) for pair in pairs[:per_kind]]
        with_aliases = [e for e in entities if e.aliases and e.mentions > 1]
        made += [
            Correction("split", name=e.name, alias=e.aliases[0]) for e in with_aliases[:per_kind]
        ]
        rare = [e for e in entities if e.mentions == 1]
        made += [Correction("hide", name=e.name) for e in rare[:per_kind]]
        made += [
            Correction("rename", name=e.name, to=e.name + " (renamed)")
            for e in rare[per_kind : 2 * per_kind]
        ]
        made += [
            Correction("kind", name=e.name, kind="ORG" if e.kind != "ORG" else "GPE")
            for e in rare[2 * per_kind : 3 * per_kind]
        ]
        busy = [e for e in entities if e.mentions > 3][:per_kind]
        for entity in busy:
            first = index.mentions_of(entity.id)[0]
            ref = MentionRef(first.article_id, first.start, first.text)
            made.append(Correction("hide-mention", name=entity.name, mentions=(ref,)))
        made += [
            Correction("alias", name=e.name, alias=e.name.split()[-1])
            for e in entities
            if e.kind == "PERSON" and len(e.name.split()) > 1
        ][:per_kind]
        for item in unlinked[:per_kind]:
            ref = MentionRef(item.article_id, item.start, item.text)
            made.append(Correction("link", name=item.entity_name, mentions=(ref,)))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="folder of articles (default: the seeds)")
    parser.add_argument(
        "--corrections", type=int, default=80, help="corrections to apply (default 80)"
    )
    parser.add_argument("--repeat", type=int, default=7, help="runs of each timing (default 7)")
    args = parser.parse_args()

    from syria_reader import paths
    from syria_reader.config import load_settings
    from syria_reader.curation.store import CorrectionsFile
    from syria_reader.index.build import ensure_index
    from syria_reader.index.curate import apply_file
    from syria_reader.index.query import Index

    corpus = (args.corpus or paths.bundled_seeds()).resolve()
    source = ensure_index(corpus, load_settings(), progress=sys.stderr.isatty())
    with tempfile.TemporaryDirectory(prefix="bench-curate-") as folder:
        index_path = Path(folder) / "index.sqlite3"
        shutil.copyfile(source, index_path)
        empty = Path(folder) / "empty.toml"
        empty.write_text("", encoding="utf-8")
        apply_file(index_path, empty)  # start from the linker's result, whatever the user has
        corrections = CorrectionsFile(Path(folder) / "corrections.toml")
        made = make_corrections(index_path, args.corrections)
        for correction in made:
            corrections.add(correction)

        def read_entities() -> None:
            with Index(index_path) as index:
                index.entities()

        baseline = median_seconds(read_entities, args.repeat)
        reset = median_seconds(lambda: apply_file(index_path, empty), args.repeat)
        applied = median_seconds(lambda: apply_file(index_path, corrections.path), args.repeat)
        outcomes = apply_file(index_path, corrections.path)
        with Index(index_path) as index:
            info, entities = index.info(), len(index.entities())

    statuses: dict[str, int] = {}
    for outcome in outcomes:
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
    print(f"corpus: {corpus} ({info.articles} articles, {entities} entities after corrections)")
    print(f"corrections: {len(made)} ({summary})")
    print(f"baseline, read the entity table: {baseline * 1000:8.1f} ms")
    print(f"apply, no corrections (reset):   {reset * 1000:8.1f} ms  ratio {reset / baseline:5.1f}")
    print(
        f"apply, {len(made):3d} corrections:         {applied * 1000:8.1f} ms  "
        f"ratio {applied / baseline:5.1f}"
    )


if __name__ == "__main__":
    main()
