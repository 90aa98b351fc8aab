"""Entity lookup per keystroke on one index, its vocabulary optionally grown: CPU time.

    python -m bench.bench_lookup INDEX [--grow 3.8] [--seed 1]

Types, a letter at a time, the names of the index's eight busiest entities and the first six
letters of two of them reversed (what ``bench.run`` types), and reports p50 / p95 of the CPU
time (``time.thread_time``) each keystroke's ``NameMatcher.match(text, 30)`` takes: other
processes on a loaded machine do not inflate it. ``--grow F`` adds invented entities (one to
three words, mostly invented names as ``bench.generate`` makes them, some words of the index's
own names, one to three mentions each) until the names number F times the index's: a corpus
several times larger has that vocabulary, and this shows the lookup's cost at that size
without building it. It also reports what the index stores of the matcher (``index.stored_names``)
and how long reading that back takes, the first keystroke's cost. Timings, not assertions.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from bench.generate import invented_name


def grown(
    names: list[tuple[str, ...]], weights: list[int], factor: float, seed: int
) -> tuple[list[tuple[str, ...]], list[int]]:
    """The names and weights with invented entities added up to ``factor`` times the names."""
    rng = random.Random(seed)
    words = sorted({word for entity in names for name in entity for word in name.split()})
    wanted = int(sum(len(entity) for entity in names) * factor)
    names, weights = list(names), list(weights)
    total = sum(len(entity) for entity in names)
    while total < wanted:
        parts = [
            invented_name(rng) if rng.random() < 0.75 or not words else rng.choice(words)
            for _ in range(rng.choice((1, 2, 2, 3)))
        ]
        entity = (" ".join(parts),) + ((parts[-1],) if len(parts) > 1 else ())
        names.append(entity)
        weights.append(rng.randint(1, 3))
        total += len(entity)
    return names, weights


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    """Build the matcher, type the busiest names, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--grow", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    from syria_reader.index import stored_names
    from syria_reader.index.fuzzy import NameMatcher
    from syria_reader.index.query import Index

    with Index(options.index) as index:
        everyone = index.entities()
    names = [(e.name, *e.aliases, *e.known_as) for e in everyone]
    weights = [e.mentions for e in everyone]
    if options.grow > 1:
        names, weights = grown(names, weights, options.grow, options.seed)
    started = time.thread_time()
    matcher = NameMatcher(names, weights)
    built = time.thread_time() - started
    stored = {part: stored_names.encode(part, data) for part, data in matcher.parts().items()}
    started = time.thread_time()
    read = NameMatcher.from_parts(
        {part: stored_names.decode(part, data) for part, data in stored.items()}
    )
    read_back = time.thread_time() - started
    assert read is not None
    busiest = [e.name for e in everyone[:8]]
    typed = busiest + [name[::-1][:6] for name in busiest[:2]]
    cpu: list[float] = []
    slowest: list[tuple[float, str]] = []
    for name in typed:
        for end in range(1, len(name) + 1):
            started = time.thread_time()
            matcher.match(name[:end], 30)
            spent = time.thread_time() - started
            cpu.append(spent)
            slowest.append((spent, name[:end]))
    print(f"{options.index.name}: {len(everyone)} entities, {len(matcher._names)} names")
    print(
        f"matcher built in {built:.2f} s CPU; stored in the index as"
        f" {sum(map(len, stored.values())) / 1e6:.1f} MB, read back in {read_back:.2f} s CPU;"
        f" {len(cpu)} keystrokes"
    )
    print(
        f"CPU per keystroke: p50 {percentile(cpu, 0.5) * 1000:.2f} ms,"
        f" p95 {percentile(cpu, 0.95) * 1000:.2f} ms, max {max(cpu) * 1000:.2f} ms"
    )
    print("slowest:", ", ".join(f"{text!r} {s * 1000:.1f}" for s, text in sorted(slowest)[-6:]))


if __name__ == "__main__":
    main()
