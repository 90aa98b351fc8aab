"""The lookup's indexes (sorted names, letter pairs, the prefix-only answer) find what scoring
every name would: the same matches above what rapidfuzz alone can give (85), in the same
order, on a few thousand invented names. Below that, rapidfuzz only sees names sharing half
the query's letter pairs."""

from __future__ import annotations

import random

from rapidfuzz import fuzz, process

from syria_reader.index.fuzzy import (
    FUZZY_POOL,
    MIN_FUZZY_LENGTH,
    MIN_SCORE,
    NameMatcher,
    normalise,
    skeleton,
)

#: rapidfuzz's best (100) scaled as the matcher scales it: anything above is structural.
FUZZY_CEILING = 85.0
SYLLABLES = ["ka", "ra", "vin", "sho", "u", "drel", "mo", "ha", "med", "al", "as", "sad", "ze"]


def _names(count: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = [
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))).capitalize()
            for _ in range(rng.randint(1, 3))
        ]
        out.append([" ".join(words)] + ([words[-1]] if len(words) > 1 else []))
    return out


def _every_name(matcher: NameMatcher, query: str, limit: int) -> list[tuple[int, str, float]]:
    """The answer by scoring every name (what ``match`` did before its indexes)."""
    q = normalise(query)
    q_skeleton = skeleton(q) if len(skeleton(q)) >= 3 else ""
    fuzzy = {}
    if len(q) >= MIN_FUZZY_LENGTH:
        fuzzy = {
            i: s * 0.85
            for _, s, i in process.extract(
                q,
                matcher._norms,
                scorer=fuzz.WRatio,
                processor=None,
                limit=None,
                score_cutoff=MIN_SCORE / 0.85,
            )
        }
    best: dict[int, tuple[float, str]] = {}
    for index, name in enumerate(matcher._names):
        score = max(matcher._structural(q, q_skeleton, name), fuzzy.get(index, 0.0))
        if score >= MIN_SCORE and score > best.get(name.entity, (-1.0, ""))[0]:
            best[name.entity] = (score, name.original)
    ranked = sorted(best.items(), key=lambda i: (-i[1][0], -matcher.weights[i[0]], i[1][1]))
    return [(e, m, round(s, 1)) for e, (s, m) in ranked[:limit]]


def test_indexed_lookup_matches_scoring_every_name() -> None:
    rng = random.Random(7)
    names = _names(3000, seed=1)
    matcher = NameMatcher(names, [rng.randint(1, 500) for _ in names])
    queries = ["k", "ka", "as", "sad", "kar", "asad", "vinsho", "Shodrel", "medal", "zz", "hamo"]
    queries += [names[i][0][: rng.randint(1, 12)] for i in rng.sample(range(len(names)), 40)]
    for query in queries:
        for limit in (5, 30):
            fast = matcher.match(query, limit)
            slow = _every_name(matcher, query, limit)
            strong = [r for r in slow if r[2] > FUZZY_CEILING]
            assert fast[: len(strong)] == strong, query


def test_rapidfuzz_sees_a_bounded_pool_that_keeps_the_closest_names() -> None:
    # Thousands of names share half the letter pairs of a long query; rapidfuzz is given only
    # the FUZZY_POOL sharing most, and a one-letter typo still finds its name first.
    names = _names(30000, seed=3)
    matcher = NameMatcher(names, [1] * len(names))
    target = next(i for i, n in enumerate(names) if len(normalise(n[0])) >= 10)
    wanted = normalise(names[target][0])
    typo = wanted[:5] + ("x" if wanted[5] != "x" else "y") + wanted[6:]
    pairs = {typo[i : i + 2] for i in range(len(typo) - 1)}
    sharing = sum(
        1
        for norm in matcher._norms
        if len(pairs & {norm[i : i + 2] for i in range(len(norm) - 1)}) >= (len(pairs) + 1) // 2
    )
    assert sharing > FUZZY_POOL
    pool = matcher._fuzzy_pool(typo)
    assert len(pool) == FUZZY_POOL and pool == sorted(pool)
    assert list(matcher._norms).index(wanted) in pool
    assert matcher.match(typo, 5)[0][0] == target


def test_short_queries_over_many_names_tied_on_length_and_weight() -> None:
    # Thousands of names of one length and weight start with the same letter: the answer is
    # the alphabetically first of them (the ties' order), found without scoring the tie.
    rng = random.Random(11)
    letters = "abdeghiklmnorsuz"
    names = sorted({"K" + "".join(rng.choice(letters) for _ in range(4)) for _ in range(4000)})
    rng.shuffle(names)
    entities = [[name] for name in names] + [["Kabul Province", "Kabul"], ["Karim"]]
    matcher = NameMatcher(entities, [1] * len(names) + [1, 1])
    for query in ["k", "ka", "kab", "Kz", "kabu"]:
        for limit in (5, 30):
            slow = _every_name(matcher, query, limit)
            strong = [r for r in slow if r[2] > FUZZY_CEILING]
            assert matcher.match(query, limit)[: len(strong)] == strong, query


def test_the_indexes_hold_what_each_name_gives_in_their_order() -> None:
    # Built for all names at once (sorting keys alone, pairs counted in arrays): the same
    # entries as name by name, ties under a tail busiest first, then in name order.
    rng = random.Random(5)
    names = [*_names(2000, seed=9), ["Ünal Özdemir", "Özdemir"], ["Aa"], ["b"]]
    weights = [rng.randint(1, 5) for _ in names]
    matcher = NameMatcher(names, weights)
    entries = list(enumerate(matcher._names))
    by_pair: dict[str, list[int]] = {}
    for i, name in entries:
        for pair in sorted({name.norm[k : k + 2] for k in range(len(name.norm) - 1)}):
            by_pair.setdefault(pair, []).append(i)
    codes, starts = matcher._pair_codes.tolist(), matcher._pair_starts.tolist()
    stored = {
        chr(code >> 21) + chr(code & 0x1FFFFF): matcher._pair_names[a:b].tolist()
        for code, a, b in zip(codes, starts, starts[1:], strict=False)
    }
    assert stored == by_pair
    assert codes == sorted(codes) and len(starts) == len(codes) + 1
    assert matcher._pair_counts.tolist() == [
        len({n.norm[k : k + 2] for k in range(len(n.norm) - 1)}) for _, n in entries
    ]
    tails = sorted(((tail, -weights[name.entity], i) for i, name in entries for tail in name.tails))
    assert list(matcher._by_tail._keys) == [tail for tail, _, _ in tails]
    assert matcher._by_tail._indices.tolist() == [i for _, _, i in tails]
    norms = sorted((name.norm, i) for i, name in entries)
    assert matcher._by_norm._indices.tolist() == [i for _, i in norms]
    assert skeleton("hezbollah") == "hzblh" and skeleton("aaliyah") == "alh"
    assert normalise("Ünal ÖZDEMIR-al") == "unal ozdemir al" == normalise("unal  Ozdemir al")
