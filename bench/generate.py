"""Generate a large corpus from any folder of articles, for measuring the reader at scale.

    python -m bench.generate SOURCE_FOLDER COUNT OUTPUT_FOLDER [--words 1300] [--seed N]

Each generated article is a title and paragraphs of sentences sampled from the source
folder's articles. Names are varied so that the entity vocabulary grows with the corpus, as
it does in real collections: capitalised words inside a sentence are replaced, with some
probability, by invented names drawn from a vocabulary whose size grows with the article
count (Heaps' law), with Zipf-distributed frequencies, so a few names are very common and
most are rare. The source's own names stay too, so its busiest entities stay the busiest.

Deterministic for a given source, count and seed. Writes plain ``.txt`` files, 1,000 to a
sub-folder. Nothing here reads the project's code: any folder of text works as a source.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md"}
#: Where a sentence ends: a full stop, question or exclamation mark, then a capital or a quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“A-Z])")
#: A capitalised word inside a sentence (after a lower-case word or a comma): a name, usually.
_INNER_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b")
_ONSETS: tuple[str, ...] = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "r", "s", "t", "v")
_ONSETS += ("z", "sh", "kh", "br", "dr", "gh", "j", "q", "w", "y", "th", "ch", "st")
_VOWELS = ("a", "e", "i", "o", "u", "aa", "ei", "ou", "ia")
_CODAS = ("", "", "n", "r", "l", "m", "s", "v", "d", "k", "t", "z", "sh")


def read_sentences(source: Path) -> list[str]:
    """Every sentence of every text file under ``source`` (one-line, stripped), in file order."""
    sentences: list[str] = []
    for path in sorted(source.rglob("*")):
        if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for paragraph in re.split(r"\n\s*\n", text):
            flat = " ".join(paragraph.split())
            for sentence in _SENTENCE_END.split(flat):
                words = sentence.split()
                if 4 <= len(words) <= 80:
                    sentences.append(sentence)
    if not sentences:
        raise SystemExit(f"{source}: no sentences found in .txt or .md files")
    return sentences


def invented_name(rng: random.Random) -> str:
    """A pronounceable name of two or three syllables: "Karavin", "Shoudrel"."""
    syllables = rng.choice((2, 2, 3))
    word = "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + (rng.choice(_CODAS) if i else "")
        for i in range(syllables)
    )
    return word.capitalize()


def vocabulary_size(articles: int) -> int:
    """How many invented names a corpus of this many articles draws on (Heaps' law)."""
    return max(50, int(40 * articles**0.65))


class NameSampler:
    """Invented names with Zipf frequencies: rank r is drawn in proportion to 1 / r ** 1.1."""

    def __init__(self, size: int, rng: random.Random) -> None:
        names: dict[str, None] = {}
        while len(names) < size:
            names[invented_name(rng)] = None
        self.names = list(names)
        weights = [1.0 / (rank**1.1) for rank in range(1, size + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.rng = rng

    def draw(self) -> str:
        """One name."""
        point = self.rng.random() * self.cumulative[-1]
        return self.names[bisect.bisect_left(self.cumulative, point)]


def vary_names(sentence: str, sampler: NameSampler, rng: random.Random, rate: float) -> str:
    """The sentence with some of its inner capitalised words replaced by invented names."""
    return _INNER_NAME.sub(
        lambda m: sampler.draw() if rng.random() < rate else m.group(0), sentence
    )


def articles(
    sentences: Sequence[str], count: int, words: int, seed: int, rate: float = 0.35
) -> Iterator[str]:
    """``count`` article texts: a title line, a blank line, paragraphs of about ``words`` words."""
    rng = random.Random(seed)
    sampler = NameSampler(vocabulary_size(count), rng)
    for _ in range(count):
        title = vary_names(rng.choice(sentences), sampler, rng, rate).rstrip(".")
        paragraphs: list[str] = []
        total = 0
        while total < words:
            paragraph = [
                vary_names(rng.choice(sentences), sampler, rng, rate)
                for _ in range(rng.randint(2, 6))
            ]
            total += sum(len(s.split()) for s in paragraph)
            paragraphs.append(" ".join(paragraph))
        yield title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(
    source: Path, count: int, output: Path, *, words: int = 1300, seed: int = 12
) -> list[Path]:
    """Write ``count`` articles under ``output`` (which must be empty or absent); their paths."""
    if output.exists() and any(output.iterdir()):
        raise SystemExit(f"{output}: not empty; remove it or choose another folder")
    sentences = read_sentences(source)
    written: list[Path] = []
    for number, text in enumerate(articles(sentences, count, words, seed + count)):
        folder = output / f"{number // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article-{number:06d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    """Command line: source folder, article count, output folder."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="folder of .txt/.md articles to sample from")
    parser.add_argument("count", type=int, help="how many articles to write")
    parser.add_argument("output", type=Path, help="empty or new folder to write them to")
    parser.add_argument("--words", type=int, default=1300, help="words per article (1300)")
    parser.add_argument("--seed", type=int, default=12, help="random seed (12)")
    args = parser.parse_args()
    paths = generate(args.source, args.count, args.output, words=args.words, seed=args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / 1e6:.1f} MB, in {args.output}")


if __name__ == "__main__":
    main()
