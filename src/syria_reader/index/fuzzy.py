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
import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

#: Matches scoring below this are not returned.
MIN_SCORE = 65.0
#: The score of an exact name, and of a whole word or words at the end of one (a surname).
EXACT_SCORE = 100.0
WHOLE_WORD_SCORE = 97.0
#: Queries shorter than this match by prefix, word and skeleton only: fuzzy scores of one
#: or two letters against long names are noise ("us" is not "Russia").
MIN_FUZZY_LENGTH = 4
_NON_WORD = re.compile(r"[^0-9a-z]+")
_VOWELS = set("aeiouy")


def normalise(text: str) -> str:
    """Lower case, accents and punctuation dropped, words separated by one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", plain).strip()


def skeleton(word: str) -> str:
    """A word's first letter and its consonants, doubled letters collapsed: "hezbollah" ->
    "hzblh"."""
    collapsed = re.sub(r"(.)\1+", r"\1", word.replace(" ", ""))
    if not collapsed:
        return ""
    return collapsed[0] + "".join(c for c in collapsed[1:] if c not in _VOWELS)


@dataclass(frozen=True)
class _Name:
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
        for entity, entity_names in enumerate(names):
            for original in dict.fromkeys(entity_names):
                norm = normalise(original)
                if not norm:
                    continue
                words = norm.split()
                tails = tuple(" ".join(words[i:]) for i in range(1, len(words)))
                skeletons = tuple(dict.fromkeys([skeleton(norm), *(skeleton(w) for w in words)]))
                self._names.append(_Name(entity, original, norm, tails, skeletons))
        self._norms = [name.norm for name in self._names]
        # Sorted keys for prefix search: every name with a structural score is found by
        # bisecting these, so a keystroke costs what its matches cost, not the corpus's size.
        self._by_norm = _SortedKeys((name.norm, i) for i, name in enumerate(self._names))
        self._by_tail = _SortedKeys(
            (tail, i) for i, name in enumerate(self._names) for tail in name.tails
        )
        self._by_skeleton = _SortedKeys(
            (s, i) for i, name in enumerate(self._names) for s in name.skeletons if s
        )
        # Names in the order short queries rank them: shorter first (a prefix scores more in a
        # shorter name), then busier; _group says which names tie on both.
        order = sorted(
            range(len(self._names)),
            key=lambda i: (len(self._norms[i]), -self.weights[self._names[i].entity], i),
        )
        self._rank = [0] * len(order)
        self._group = [0] * len(order)
        group, previous = 0, None
        for position, i in enumerate(order):
            tie = (len(self._norms[i]), self.weights[self._names[i].entity])
            group += tie != previous
            previous = tie
            self._rank[i] = position
            self._group[i] = group
        self._pairs: dict[str, list[int]] = {}
        self._pair_counts: list[int] = []
        for i, norm in enumerate(self._norms):
            own = _letter_pairs(norm)
            self._pair_counts.append(len(own))
            for pair in own:
                self._pairs.setdefault(pair, []).append(i)

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
        fuzzy: dict[int, float] = {}
        if len(q) >= MIN_FUZZY_LENGTH:
            pool = self._fuzzy_pool(q)
            fuzzy = {
                pool[position]: score * 0.85
                for _, score, position in process.extract(
                    q,
                    [self._norms[i] for i in pool],
                    scorer=fuzz.WRatio,
                    processor=None,
                    limit=None,
                    score_cutoff=MIN_SCORE / 0.85,
                )
            }
        # Every name that can score: a structural match starts with the query (its name, a
        # tail, a skeleton), or rapidfuzz found it; all others score 0.
        candidates = set(fuzzy)
        candidates.update(self._by_norm.prefixed(q))
        candidates.update(self._by_tail.prefixed(q))
        if q_skeleton:
            candidates.update(self._by_skeleton.prefixed(q_skeleton))
        best: dict[int, tuple[float, str]] = {}
        for index in sorted(candidates):
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
        prefixed = self._by_norm.prefixed_list(q)
        # The best of them by length then weight (what their scores and ties follow), and
        # every name tied with the last one taken: no other can make the cut.
        wanted = 4 * limit
        while True:
            chosen = heapq.nsmallest(wanted + 1, prefixed, key=self._rank.__getitem__)
            if len(chosen) <= wanted or (
                self._group[chosen[wanted - 1]] != self._group[chosen[wanted]]
            ):
                chosen = chosen[:wanted]
                break
            wanted *= 2
        if len({names[i].entity for i in chosen}) < limit:
            return None
        top = set(chosen)
        top.update(self._by_tail.exactly(q))
        weights = self.weights

        def rank(index: int) -> tuple[float, int, int]:
            name = names[index]
            if name.norm == q:
                score = EXACT_SCORE
            elif q in name.tails:
                score = WHOLE_WORD_SCORE
            else:
                score = 92.0 + 4.0 * len(q) / len(name.norm)
            return (-score, -weights[name.entity], index)

        best: dict[int, tuple[float, str]] = {}
        boundary: tuple[float, int] | None = None
        for key in sorted(rank(i) for i in top):
            if boundary is not None and key[:2] > boundary:
                break  # worse than the last entity that can make the cut
            name = names[key[2]]
            if name.entity not in best:
                best[name.entity] = (-key[0], name.original)
                if len(best) == limit:
                    boundary = key[:2]
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], -weights[item[0]], item[1][1]))
        return [(entity, matched, round(score, 1)) for entity, (score, matched) in ranked[:limit]]

    def _fuzzy_pool(self, q: str) -> list[int]:
        """The names rapidfuzz compares with the query: those sharing half its letter pairs
        (two at least; a shorter name all of its own but one), and shorter than eight times
        it (WRatio scores longer ones below the cut-off). Comparing every name costs ~5 us
        each: 0.4 s a keystroke at 80,000 names. A typo that keeps fewer pairs ("lavorv") is
        still found by its consonants (see ``skeleton``)."""
        pairs = _letter_pairs(q)
        counts: Counter[int] = Counter()
        for pair in pairs:
            counts.update(self._pairs.get(pair, ()))
        longest = 8 * len(q)
        norms, sizes, ours = self._norms, self._pair_counts, len(pairs)
        # A name with fewer pairs than the query must share all of them but one: a short
        # name inside a long query ("Geneva" in "Geneva Convention Office") is what WRatio's
        # partial match finds. Otherwise half the query's.
        half = _needed(ours)
        return sorted(
            i
            for i, n in counts.items()
            if len(norms[i]) < longest
            and n >= (half if sizes[i] >= ours else max(1, min(2, sizes[i]), sizes[i] - 1))
        )

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


def _letter_pairs(text: str) -> set[str]:
    """The distinct pairs of adjacent characters of a text."""
    return {text[i : i + 2] for i in range(len(text) - 1)}


class _SortedKeys:
    """(key, name index) pairs sorted by key, for finding every key with a given prefix."""

    def __init__(self, pairs: Iterable[tuple[str, int]]) -> None:
        ordered = sorted(pairs)
        self._keys = [key for key, _ in ordered]
        self._indices = [index for _, index in ordered]

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
