"""Fuzzy lookup of entity names: what a reader types ("lavorv", "daesh", "hizb", "assad")
against every name and alias of the corpus.

Scores run from 0 to 100, from best to worst kind of match: an exact name or alias (100),
a whole trailing word or words of one ("assad" in "Bashar al-Assad", 97), a prefix of a
name (92-96), a prefix of a later word (88-92), the same consonant skeleton in a word, which
catches transliterations and swapped letters ("hizb" ~ "Hezbollah", "lavorv" ~ "Lavrov",
80-86), then rapidfuzz's WRatio scaled below all of those. Ties go to the entity with more
mentions.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

#: Matches scoring below this are not returned.
MIN_SCORE = 65.0
#: The score of an exact name, and of a whole word or words at the end of one (a surname).
EXACT_SCORE = 100.0
WHOLE_WORD_SCORE = 97.0
#: Queries shorter than this match by prefix, word and skeleton only: fuzzy scores of one
#: or two letters against long names are noise ("us" is not "Russia").
MIN_FUZZY_LENGTH = 4
#: rapidfuzz's best score as the matcher scales it: a structural match above it beats them all.
FUZZY_CEILING = 85.0
#: At most this many names go to rapidfuzz for one keystroke, those sharing the most letter
#: pairs with the query (ties: the busier). Its cost per name (~3 us) would otherwise grow
#: with the corpus's vocabulary; the names it leaves out share fewest pairs, the least alike.
FUZZY_POOL = 600
#: Short queries take their best prefix matches from lists ranked ahead of time for every
#: name prefix up to this length ("s" starts tens of thousands of names).
RANKED_PREFIX = 4
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NO_VOWELS = str.maketrans("", "", "aeiouy")
_REPEATS = re.compile(r"(.)\1+")


def normalise(text: str) -> str:
    """Lower case, accents and punctuation dropped, words separated by one space."""
    if text.isascii():  # most names: no accents to drop, and casefold() is lower()
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", plain).strip()


def skeleton(word: str) -> str:
    """A word's first letter and its consonants, doubled letters collapsed: "hezbollah" ->
    "hzblh"."""
    collapsed = _REPEATS.sub(_first_letter, word.replace(" ", ""))
    if not collapsed:
        return ""
    return collapsed[0] + collapsed[1:].translate(_NO_VOWELS)


def _first_letter(repeat: re.Match[str]) -> str:
    # A function, not the template r"\1": re expands a template at every match, slowly.
    return repeat.group(1)


class _Name(NamedTuple):  # a tuple: hundreds of thousands are made when the names load
    entity: int  # position of the entity in the matcher's list
    original: str
    norm: str
    tails: tuple[str, ...]  # the name without its first word, without its first two words...
    skeletons: tuple[str, ...]  # of the whole name and of each word


class NameMatcher:
    """Every name and alias of a set of entities, ready for ``match``."""

    def __init__(self, names: Sequence[Sequence[str]], weights: Sequence[int]) -> None:
        """``names[i]`` are the names of entity ``i`` (canonical first); ``weights[i]`` its
        mentions."""
        self.weights = list(weights)
        self._names: list[_Name] = []
        # Names share most of their words ("al", "front", a family name): each word's skeleton
        # is worked out once (skeletons were a fifth of the build at 430,000 names).
        word_skeleton = functools.cache(skeleton)
        for entity, entity_names in enumerate(names):
            for original in dict.fromkeys(entity_names):
                norm = normalise(original)
                if not norm:
                    continue
                words = norm.split()
                tails = tuple(" ".join(words[i:]) for i in range(1, len(words)))
                skeletons = tuple(
                    dict.fromkeys(
                        [word_skeleton(norm) if len(words) == 1 else skeleton(norm)]
                        + [word_skeleton(w) for w in words]
                    )
                )
                self._names.append(_Name(entity, original, norm, tails, skeletons))
        self._norms = [name.norm for name in self._names]
        # Sorted keys for prefix search: every name with a structural score is found by
        # bisecting these, so a keystroke costs what its matches cost, not the corpus's size.
        self._by_norm = _SortedKeys((name.norm, i) for i, name in enumerate(self._names))
        # Under each tail, the busier names first (what a whole trailing word's ties follow).
        heaviest = sorted(
            range(len(self._names)), key=lambda i: -self.weights[self._names[i].entity]
        )  # stable: ties in name order
        self._by_tail = _SortedKeys((tail, i) for i in heaviest for tail in self._names[i].tails)
        self._by_skeleton = _SortedKeys(
            (s, i) for i, name in enumerate(self._names) for s in name.skeletons if s
        )
        # Names in the order short queries rank them: shorter first (a prefix scores more in a
        # shorter name), then busier, then by the name as the answer's ties are ordered.
        order = sorted(
            range(len(self._names)),
            key=lambda i: (
                len(self._norms[i]),
                -self.weights[self._names[i].entity],
                self._names[i].original,
                i,
            ),
        )
        self._rank = [0] * len(order)
        for position, i in enumerate(order):
            self._rank[i] = position
        self._ranked: dict[str, list[int]] = {}
        for i in order:
            norm = self._norms[i]
            for size in range(1, min(RANKED_PREFIX, len(norm)) + 1):
                self._ranked.setdefault(norm[:size], []).append(i)
        # Arrays, so a keystroke counts shared pairs over every name in a few vector operations.
        self._pairs, self._pair_counts = _pair_postings(self._norms)
        # What a name with fewer pairs than the query must share: all of its own but one.
        sizes = self._pair_counts
        self._short_needed = np.maximum(np.minimum(2, sizes), sizes - 1).clip(1)
        self._lengths = np.array([len(norm) for norm in self._norms], dtype=np.int32)
        self._name_weights = np.array(
            [self.weights[name.entity] for name in self._names], dtype=np.int64
        )

    def match(self, query: str, limit: int = 20) -> list[tuple[int, str, float]]:
        """The best ``(entity, matched name, score)`` per entity, best first, at most ``limit``."""
        q = normalise(query)
        if not q or limit <= 0:
            return []
        q_skeleton = skeleton(q)
        if len(q_skeleton) < 3:
            q_skeleton = ""  # two letters of skeleton match far too much
        quick = self._prefix_only(q, limit)
        if quick is not None:
            return quick
        # Every name that can score: a structural match starts with the query (its name, a
        # tail, a skeleton), or rapidfuzz finds it; all others score 0.
        candidates = set(self._by_norm.prefixed(q))
        candidates.update(self._by_tail.prefixed(q))
        if q_skeleton:
            candidates.update(self._by_skeleton.prefixed(q_skeleton))
        best: dict[int, tuple[float, str]] = {}
        for index in sorted(candidates):
            name = self._names[index]
            score = self._structural(q, q_skeleton, name)
            if score >= MIN_SCORE and score > best.get(name.entity, (-1.0, ""))[0]:
                best[name.entity] = (score, name.original)
        # rapidfuzz scores at most FUZZY_CEILING: when that many entities already score more,
        # it cannot change the answer.
        if len(q) >= MIN_FUZZY_LENGTH and (
            sum(1 for score, _ in best.values() if score > FUZZY_CEILING) < limit
        ):
            pool = self._fuzzy_pool(q)
            found = process.extract(
                q,
                [self._norms[i] for i in pool],
                scorer=fuzz.WRatio,
                processor=None,
                limit=None,
                score_cutoff=MIN_SCORE / 0.85,
            )
            # Scored again with the structural matches, in name order: the first of an
            # entity's names reaching its best score is the one shown.
            fuzzy = {pool[position]: score * 0.85 for _, score, position in found}
            best = {}
            for index in sorted(candidates | fuzzy.keys()):
                name = self._names[index]
                score = max(self._structural(q, q_skeleton, name), fuzzy.get(index, 0.0))
                if score >= MIN_SCORE and score > best.get(name.entity, (-1.0, ""))[0]:
                    best[name.entity] = (score, name.original)
        ranked = sorted(
            best.items(), key=lambda item: (-item[1][0], -self.weights[item[0]], item[1][1])
        )
        return [(entity, matched, round(score, 1)) for entity, (score, matched) in ranked[:limit]]

    def _prefix_only(self, q: str, limit: int) -> list[tuple[int, str, float]] | None:
        """The answer when names starting with the query alone fill it, else None.

        An exact name (100), a whole trailing word (97) or a name starting with the query
        (above 92) beats every other kind of match (92 and below); when at least ``limit``
        entities have one, the others need not be scored, which keeps short queries ("a",
        "as") cheap on a corpus with 100,000 names.
        """
        names = self._names
        ranked = self._ranked.get(q, []) if len(q) <= RANKED_PREFIX else None
        if ranked is None:
            ranked = sorted(self._by_norm.prefixed_list(q), key=self._rank.__getitem__)
        # The best of them by length, weight and name (what their scores and the answer's
        # ties follow): no other can make the cut. Ties on length and weight were once taken
        # whole, tens of thousands of names for one letter in a large vocabulary.
        chosen = ranked[: 4 * limit]
        if len({names[i].entity for i in chosen}) < limit:
            return None
        weights = self.weights
        # The names in the order of their (score, weight, index), without sorting them all:
        # the exact names (shortest, so first in ``chosen``), those with the query as a whole
        # trailing word, then the other prefixed names, whose score falls with their length
        # as ``chosen`` is ordered.
        whole_words = list(self._by_tail.exactly(q))  # by weight, then index: rank's order
        whole = set(whole_words)
        exact = [i for i in chosen if names[i].norm == q]
        rest = (i for i in chosen if i not in whole and names[i].norm != q)

        def rank(index: int) -> tuple[float, int, int]:
            name = names[index]
            if name.norm == q:
                score = EXACT_SCORE
            elif index in whole:
                score = WHOLE_WORD_SCORE
            else:
                score = 92.0 + 4.0 * len(q) / len(name.norm)
            return (-score, -weights[name.entity], index)

        best: dict[int, tuple[float, str]] = {}
        shown: dict[int, int] = {}  # the name each entity of ``best`` shows
        boundary: tuple[float, int] | None = None
        for key in map(rank, itertools.chain(exact, whole_words, rest)):
            if boundary is not None and key[:2] > boundary:
                break  # worse than the last entity that can make the cut
            name = names[key[2]]
            if name.entity not in best:
                best[name.entity] = (-key[0], name.original)
                shown[name.entity] = key[2]
                if len(best) == limit:
                    boundary = key[:2]
            elif best[name.entity][0] == -key[0] and key[2] < shown[name.entity]:
                # Of an entity's names scoring alike, the first (as scoring every name shows).
                best[name.entity] = (-key[0], name.original)
                shown[name.entity] = key[2]
        ordered = sorted(
            best.items(), key=lambda item: (-item[1][0], -weights[item[0]], item[1][1])
        )
        return [(entity, matched, round(score, 1)) for entity, (score, matched) in ordered[:limit]]

    def _fuzzy_pool(self, q: str) -> list[int]:
        """The names rapidfuzz compares with the query, in name order: those sharing half its
        letter pairs (two at least; a shorter name all of its own but one), and shorter than
        eight times it (WRatio scores longer ones below the cut-off); of those the
        ``FUZZY_POOL`` sharing most. A typo that keeps fewer pairs ("lavorv") is still found
        by its consonants (see ``skeleton``)."""
        pairs = _letter_pairs(q)
        postings = [self._pairs[pair] for pair in pairs if pair in self._pairs]
        if not postings:
            return []
        shared = np.bincount(np.concatenate(postings), minlength=len(self._norms))
        sizes, ours = self._pair_counts, len(pairs)
        # A name with fewer pairs than the query must share all of them but one: a short
        # name inside a long query ("Geneva" in "Geneva Convention Office") is what WRatio's
        # partial match finds. Otherwise half the query's.
        needed = np.where(sizes >= ours, _needed(ours), self._short_needed)
        pool = np.flatnonzero((shared >= needed) & (self._lengths < 8 * len(q)))
        if len(pool) > FUZZY_POOL:
            # Most pairs shared first, then the busier name, then name order.
            order = np.lexsort((pool, -self._name_weights[pool], -shared[pool]))
            pool = np.sort(pool[order[:FUZZY_POOL]])
        return [int(i) for i in pool]

    @staticmethod
    def _structural(q: str, q_skeleton: str, name: _Name) -> float:
        norm = name.norm
        if norm == q:
            return EXACT_SCORE
        if q in name.tails:
            return WHOLE_WORD_SCORE
        if norm.startswith(q):
            return 92.0 + 4.0 * len(q) / len(norm)
        for tail in name.tails:
            if tail.startswith(q):
                return 88.0 + 4.0 * len(q) / len(tail)
        if q_skeleton:
            for s in name.skeletons:
                if s == q_skeleton:
                    return 86.0
            for s in name.skeletons:
                if s.startswith(q_skeleton):
                    return 80.0 + 4.0 * len(q_skeleton) / len(s)
        return 0.0


def _needed(pairs: int) -> int:
    """Letter pairs two names must share, for the shorter having ``pairs``: half, two at least."""
    return max(1, min(2, pairs), (pairs + 1) // 2)


def _pair_postings(norms: Sequence[str]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """For each pair of adjacent characters, the names that have it (their indices in
    ``norms``, ascending), and how many distinct pairs each name has: what ``_letter_pairs``
    gives name by name, worked out for all names at once (a loop over 500,000 names and
    their pairs took seconds of the first lookup)."""
    lengths = np.fromiter(map(len, norms), dtype=np.int64, count=len(norms))
    codes = np.frombuffer("".join(norms).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    owner = np.repeat(np.arange(len(norms), dtype=np.int64), lengths)
    within = owner[1:] == owner[:-1]  # two adjacent characters of one name
    pair = ((codes[:-1] << 21) | codes[1:])[within]
    name = owner[:-1][within]
    order = np.argsort(pair, kind="stable")  # by pair, then name (already ascending)
    pair, name = pair[order], name[order]
    distinct = np.ones(len(pair), dtype=bool)
    distinct[1:] = (pair[1:] != pair[:-1]) | (name[1:] != name[:-1])
    pair, name = pair[distinct], name[distinct]
    counts = np.bincount(name, minlength=len(norms)).astype(np.int32)
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    rows = np.split(name.astype(np.int32), starts[1:])
    keys = [chr(int(code) >> 21) + chr(int(code) & 0x1FFFFF) for code in pair[starts]]
    return dict(zip(keys, rows, strict=True)), counts


def _letter_pairs(text: str) -> set[str]:
    """The distinct pairs of adjacent characters of a text."""
    return {text[i : i + 2] for i in range(len(text) - 1)}


class _SortedKeys:
    """(key, name index) pairs sorted by key, for finding every key with a given prefix."""

    def __init__(self, pairs: Iterable[tuple[str, int]]) -> None:
        """``pairs`` in the order indices under one key are to keep (the sort is stable)."""
        given = list(pairs)
        keys = [key for key, _ in given]
        # Sorted by the key alone: comparing (key, index) tuples took twice as long.
        ordered = sorted(range(len(given)), key=keys.__getitem__)
        self._keys = [keys[i] for i in ordered]
        self._indices = [given[i][1] for i in ordered]

    def exactly(self, key: str) -> Iterator[int]:
        """The name indices whose key is ``key``."""
        start = bisect.bisect_left(self._keys, key)
        stop = bisect.bisect_right(self._keys, key, start)
        return iter(self._indices[start:stop])

    def prefixed(self, prefix: str) -> Iterator[int]:
        """The name indices whose key starts with ``prefix``."""
        return iter(self.prefixed_list(prefix))

    def prefixed_list(self, prefix: str) -> list[int]:
        """The name indices whose key starts with ``prefix``, as a list."""
        start = bisect.bisect_left(self._keys, prefix)
        stop = bisect.bisect_left(self._keys, prefix + "\U0010ffff", start)
        return self._indices[start:stop]
