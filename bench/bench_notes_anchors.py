"""Re-anchoring accuracy and speed on real articles: ``python bench/bench_notes_anchors.py
[FOLDER]``.

Each .txt file of FOLDER (default: /work/shared/corpora/fakes) becomes an article of two-sentence
paragraphs. For a random paragraph and a random short phrase (3-4 words) of each, the article
is edited five ways (unchanged, paragraph inserted before, two words changed inside the passage,
passage moved to the end, passage deleted) and the anchor is resolved. A result is right when
it lands on the passage (within 3 characters at both ends) or, for a deleted passage, when it
is an orphan. Prints accuracy per edit and per-resolve times.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from pathlib import Path

from syria_reader.models import Article
from syria_reader.notes.anchors import capture, resolve

EDITS = ("unchanged", "inserted", "changed", "moved", "deleted")


def article_of(paragraphs: list[str]) -> Article:
    return Article(
        "bench#0",
        paragraphs[0][:60],
        None,
        None,
        None,
        "bench.txt",
        "\n\n".join(paragraphs),
        (),
        "0" * 64,
    )


def paragraphs_of(raw: str) -> list[str]:
    sentences = [s.strip() for s in re.split(r"(?<=[.!?\"])\s+", raw) if len(s.strip()) > 20]
    return [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]


def edited(
    paragraphs: list[str], i: int, how: str, rng: random.Random
) -> tuple[list[str], str | None]:
    """The edited paragraphs and the passage's new text (None: deleted)."""
    p = paragraphs[i]
    if how == "unchanged":
        return paragraphs, p
    if how == "inserted":
        return [
            *paragraphs[:i],
            "An editor's note was inserted in a later version of this report.",
            *paragraphs[i:],
        ], p
    if how == "changed":
        words = p.split(" ")
        for position in rng.sample(range(len(words)), min(2, len(words))):
            words[position] = "redacted"
        changed = " ".join(words)
        return [*paragraphs[:i], changed, *paragraphs[i + 1 :]], changed
    if how == "moved":
        return paragraphs[:i] + paragraphs[i + 1 :] + [p], p
    return paragraphs[:i] + paragraphs[i + 1 :], None


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/fakes")
    rng = random.Random(7)
    right = {(kind, how): 0 for kind in ("paragraph", "phrase") for how in EDITS}
    total = dict.fromkeys(right, 0)
    times: dict[str, list[float]] = {}
    for path in sorted(folder.glob("*.txt")):
        paragraphs = paragraphs_of(path.read_text(encoding="utf-8", errors="replace"))
        if len(paragraphs) < 4:
            continue
        i = rng.randrange(1, len(paragraphs) - 1)
        original = article_of(paragraphs)
        start = original.text.index(paragraphs[i])
        words = [m.span() for m in re.finditer(r"\S+", paragraphs[i])]
        first = rng.randrange(0, max(1, len(words) - 4))
        phrase = (start + words[first][0], start + words[min(first + 3, len(words) - 1)][1])
        anchors = {
            "paragraph": capture(original, start, start + len(paragraphs[i])),
            "phrase": capture(original, *phrase),
        }
        for how in EDITS:
            new_paragraphs, passage = edited(paragraphs, i, how, rng)
            article = article_of(new_paragraphs)
            for kind, anchor in anchors.items():
                if kind == "phrase" and how == "changed":
                    # the changed words may or may not fall in the phrase: no single right answer
                    continue
                began = time.perf_counter()
                result = resolve(anchor, article)
                times.setdefault(result.status, []).append(time.perf_counter() - began)
                total[kind, how] += 1
                if passage is None:
                    right[kind, how] += result.status == "orphan" or (
                        kind == "phrase"
                        and result.start is not None
                        and article.text[result.start : result.end] == anchor.quote
                    )
                    continue
                where = article.text.index(passage) if kind == "paragraph" else None
                if where is None:
                    # a phrase: right when it lands on the same words after the same context
                    ok = (
                        result.start is not None
                        and article.text[result.start : result.end] == anchor.quote
                    )
                else:
                    ok = (
                        result.start is not None
                        and result.end is not None
                        and abs(result.start - where) <= 3
                        and abs(result.end - (where + len(passage))) <= 3
                    )
                right[kind, how] += ok
    print(f"{'anchor':10} {'edit':10} right/total")
    for key in right:
        if total[key]:
            print(
                f"{key[0]:10} {key[1]:10} {right[key]}/{total[key]} "
                f"({100 * right[key] / total[key]:.1f}%)"
            )
    print("\nresolve time by outcome (ms): median / p95 / max")
    for status, values in sorted(times.items()):
        values.sort()
        print(
            f"{status:7} n={len(values):4}  {1000 * statistics.median(values):.3f} / "
            f"{1000 * values[int(0.95 * (len(values) - 1))]:.3f} / {1000 * values[-1]:.3f}"
        )


if __name__ == "__main__":
    main()
