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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from syria_reader.index.packed import PackedStrings, ints

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


class _Name(NamedTuple):
    entity: int  # position of the entity in the matcher's list
    original: str
    norm: str
    tails: tuple[str, ...]  # the name without its first word, without its first two words...
    skeletons: tuple[str, ...]  # of the whole name and of each word


#: Names share most of their words ("al", "front", a family name): each word's skeleton is
#: worked out once.
_word_skeleton = functools.lru_cache(maxsize=1 << 17)(skeleton)

#: The layout of :meth:`NameMatcher.parts`; parts of another are not read.
PARTS_FORMAT = b"1"


def _tail_starts(norm: str) -> list[int]:
    """Where each tail of a normalised name starts (its words are separated by one space)."""
    return [i + 1 for i, c in enumerate(norm) if c == " "]


def _name_skeletons(norm: str) -> tuple[str, ...]:
    words = norm.split()
    return tuple(
        dict.fromkeys(
            [_word_skeleton(norm) if len(words) == 1 else skeleton(norm)]
            + [_word_skeleton(w) for w in words]
        )
    )


class _Names:
    """Name ``i`` of the matcher with its tails and skeletons, worked out when first read."""

    def __init__(self, entity: memoryview, originals: PackedStrings, norms: PackedStrings) -> None:
        self._entity = entity
        self._originals = originals
        self._norms = norms
        self._made: dict[int, _Name] = {}

    def __len__(self) -> int:
        return len(self._norms)

    def __iter__(self) -> Iterator[_Name]:
        return (self[i] for i in range(len(self)))

    def __getitem__(self, index: int) -> _Name:
        name = self._made.get(index)
        if name is None:
            norm = self._norms[index]
            name = _Name(
                self._entity[index],
                self._originals[index],
                norm,
                tuple(norm[start:] for start in _tail_starts(norm)),
                _name_skeletons(norm),
            )
            self._made[index] = name
        return name


class NameMatcher:
    """Every name and alias of a set of entities, ready for ``match``.

    Built from the names (``NameMatcher(names, weights)``) or read back from the bytes of
    :meth:`parts` (``NameMatcher.from_parts``), which an index stores so that its first lookup
    does not build it again: both answer alike.
    """

    def __init__(self, names: Sequence[Sequence[str]], weights: Sequence[int]) -> None:
        """``names[i]`` are the names of entity ``i`` (canonical first); ``weights[i]`` its
        mentions."""
        self._load(_build_parts(names, weights))

    @classmethod
    def from_parts(cls, parts: Mapping[str, bytes]) -> NameMatcher | None:
        """The matcher whose :meth:`parts` these are; None if they are of another format."""
        if parts.get("format") != PARTS_FORMAT:
            return None
        matcher = cls.__new__(cls)
        matcher._load(parts)
        return matcher

    def parts(self) -> dict[str, bytes]:
        """Everything the matcher answers from, as named buffers."""
        return dict(self._parts)

    def _load(self, parts: Mapping[str, bytes]) -> None:
        self._parts = dict(parts)
        self.weights: list[int] = np.frombuffer(parts["weights"], dtype=np.int64).tolist()
        originals = PackedStrings(parts["original"], parts["original_offsets"])
        norms = PackedStrings(parts["norm"], parts["norm_offsets"])
        entity = ints(parts["entity"], "i")
        self._norms = norms
        self._names = _Names(entity, originals, norms)
        # Sorted keys for prefix search: every name with a structural score is found by
        # bisecting these, so a keystroke costs what its matches cost, not the corpus's size.
        by_norm = ints(parts["by_norm"], "i")
        self._by_norm = _SortedKeys(_NormsAt(norms, by_norm), by_norm)
        # Under each tail, the busier names first (what a whole trailing word's ties follow).
        tail_names = ints(parts["tail_name"], "i")
        self._by_tail = _SortedKeys(
            _TailsAt(norms, tail_names, ints(parts["tail_start"], "i")), tail_names
        )
        self._by_skeleton = _SortedKeys(
            PackedStrings(parts["skeleton"], parts["skeleton_offsets"]),
            ints(parts["skeleton_name"], "i"),
        )
        # Each name's place in the order short queries rank them: shorter first (a prefix
        # scores more in a shorter name), then busier, then by the name as the answer's ties
        # are ordered.
        self._rank = ints(parts["rank"], "i")
        # Under each prefix of up to RANKED_PREFIX characters, its names in rank order.
        self._ranked_prefixes = PackedStrings(parts["ranked_prefix"], parts["ranked_offsets"])
        self._ranked_starts = ints(parts["ranked_start"], "q")
        self._ranked_names = ints(parts["ranked_names"], "i")
        # Arrays, so a keystroke counts shared pairs over every name in a few vector operations.
        self._pair_codes = np.frombuffer(parts["pair_code"], dtype=np.int64)
        self._pair_starts = np.frombuffer(parts["pair_start"], dtype=np.int64)
        self._pair_names = np.frombuffer(parts["pair_name"], dtype=np.int32)
        self._pair_counts = np.frombuffer(parts["pair_count"], dtype=np.int32)
        # What a name with fewer pairs than the query must share: all of its own but one.
        sizes = self._pair_counts
        self._short_needed = np.maximum(np.minimum(2, sizes), sizes - 1).clip(1)
        self._lengths = norms.byte_lengths()  # normalised names are ASCII
        self._name_weights = np.asarray(self.weights, dtype=np.int64)[
            np.frombuffer(parts["entity"], dtype=np.int32)
        ]

    def _ranked_prefix(self, prefix: str, count: int) -> list[int]:
        """The first ``count`` names starting with ``prefix`` (at most ``RANKED_PREFIX``
        characters) in rank order."""
        prefixes = self._ranked_prefixes
        at = bisect.bisect_left(prefixes, prefix)
        if at == len(prefixes) or prefixes[at] != prefix:
            return []
        start, stop = self._ranked_starts[at], self._ranked_starts[at + 1]
        return self._ranked_names[start : min(stop, start + count)].tolist()

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
        # The best of them by length, weight and name (what their scores and the answer's
        # ties follow): no other can make the cut. Ties on length and weight were once taken
        # whole, tens of thousands of names for one letter in a large vocabulary.
        if len(q) <= RANKED_PREFIX:
            chosen = self._ranked_prefix(q, 4 * limit)
        else:
            chosen = sorted(self._by_norm.prefixed(q), key=self._rank.__getitem__)[: 4 * limit]
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
        codes = np.array(sorted((ord(p[0]) << 21) | ord(p[1]) for p in pairs), dtype=np.int64)
        at = np.searchsorted(self._pair_codes, codes)
        found = at[at < len(self._pair_codes)]
        found = found[self._pair_codes[found] == codes[at < len(self._pair_codes)]]
        if not len(found):
            return []
        postings = [
            self._pair_names[self._pair_starts[k] : self._pair_starts[k + 1]] for k in found
        ]
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


def _pair_postings(norms: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For each pair of adjacent characters (its code, ascending), the names that have it
    (their indices in ``norms``, ascending, from ``starts[k]`` to ``starts[k + 1]`` of
    ``names``), and how many distinct pairs each name has: what ``_letter_pairs`` gives name by
    name, worked out for all names at once (a loop over 500,000 names and their pairs took
    seconds)."""
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
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]]) if len(pair) else np.zeros(0, int)
    bounds = np.append(starts, len(pair)).astype(np.int64)
    return pair[starts].astype(np.int64), bounds, name.astype(np.int32), counts


def _letter_pairs(text: str) -> set[str]:
    """The distinct pairs of adjacent characters of a text."""
    return {text[i : i + 2] for i in range(len(text) - 1)}


class _NormsAt:
    """The names' normalised forms in the order of ``indices`` (sorted keys that are names)."""

    def __init__(self, norms: PackedStrings, indices: memoryview) -> None:
        self._norms = norms
        self._indices = indices

    def __len__(self) -> int:
        return len(self._indices)

    def __getitem__(self, position: int) -> str:
        return self._norms[self._indices[position]]


class _TailsAt:
    """Tails of names, tail ``k`` being name ``names[k]`` from character ``starts[k]``."""

    def __init__(self, norms: PackedStrings, names: memoryview, starts: memoryview) -> None:
        self._norms = norms
        self._names = names
        self._starts = starts

    def __len__(self) -> int:
        return len(self._names)

    def __getitem__(self, position: int) -> str:
        return self._norms[self._names[position]][self._starts[position] :]


class _SortedKeys:
    """Keys in sorted order with the name index of each, for finding every key with a given
    prefix by bisection."""

    def __init__(self, keys: PackedStrings | _NormsAt | _TailsAt, indices: memoryview) -> None:
        self._keys = keys
        self._indices = indices

    def exactly(self, key: str) -> list[int]:
        """The name indices whose key is ``key``."""
        start = bisect.bisect_left(self._keys, key)
        stop = bisect.bisect_right(self._keys, key, start)
        return self._indices[start:stop].tolist()

    def prefixed(self, prefix: str) -> list[int]:
        """The name indices whose key starts with ``prefix``."""
        start = bisect.bisect_left(self._keys, prefix)
        stop = bisect.bisect_left(self._keys, prefix + "\U0010ffff", start)
        return self._indices[start:stop].tolist()


def _stably_sorted(keys: Sequence[str]) -> list[int]:
    """Positions of ``keys`` in key order, equal keys in their given order (sorting the keys
    alone: comparing (key, index) tuples took twice as long)."""
    return sorted(range(len(keys)), key=keys.__getitem__)


def _int32(values: Iterable[int]) -> bytes:
    return np.fromiter(values, dtype=np.int32).tobytes()


def _build_parts(names: Sequence[Sequence[str]], weights: Sequence[int]) -> dict[str, bytes]:
    """What :meth:`NameMatcher.parts` holds, worked out from the entities' names."""
    entity_of: list[int] = []
    originals: list[str] = []
    norms: list[str] = []
    for entity, entity_names in enumerate(names):
        for original in dict.fromkeys(entity_names):
            norm = normalise(original)
            if norm:
                entity_of.append(entity)
                originals.append(original)
                norms.append(norm)
    weight_of = [weights[entity] for entity in entity_of]
    parts: dict[str, bytes] = {"format": PARTS_FORMAT}
    parts["weights"] = np.asarray(list(weights), dtype=np.int64).tobytes()
    parts["entity"] = _int32(entity_of)
    parts["original"], parts["original_offsets"] = PackedStrings.pack(originals)
    parts["norm"], parts["norm_offsets"] = PackedStrings.pack(norms)
    parts["by_norm"] = _int32(_stably_sorted(norms))
    # Tails under one key keep the busier names first, then name order.
    heaviest = sorted(range(len(norms)), key=lambda i: -weight_of[i])
    tails = [(i, start) for i in heaviest for start in _tail_starts(norms[i])]
    tail_order = _stably_sorted([norms[i][start:] for i, start in tails])
    parts["tail_name"] = _int32(tails[k][0] for k in tail_order)
    parts["tail_start"] = _int32(tails[k][1] for k in tail_order)
    skeletons = [(s, i) for i, norm in enumerate(norms) for s in _name_skeletons(norm) if s]
    skeleton_order = _stably_sorted([s for s, _ in skeletons])
    parts["skeleton"], parts["skeleton_offsets"] = PackedStrings.pack(
        [skeletons[k][0] for k in skeleton_order]
    )
    parts["skeleton_name"] = _int32(skeletons[k][1] for k in skeleton_order)
    order = sorted(
        range(len(norms)),
        key=lambda i: (len(norms[i]), -weight_of[i], originals[i], i),
    )
    rank = [0] * len(order)
    for position, i in enumerate(order):
        rank[i] = position
    parts["rank"] = _int32(rank)
    ranked: dict[str, list[int]] = {}
    for i in order:
        norm = norms[i]
        for size in range(1, min(RANKED_PREFIX, len(norm)) + 1):
            ranked.setdefault(norm[:size], []).append(i)
    prefixes = sorted(ranked)
    parts["ranked_prefix"], parts["ranked_offsets"] = PackedStrings.pack(prefixes)
    sizes = np.fromiter((len(ranked[p]) for p in prefixes), dtype=np.int64, count=len(prefixes))
    parts["ranked_start"] = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64).tobytes()
    parts["ranked_names"] = _int32(i for p in prefixes for i in ranked[p])
    codes, starts, members, counts = _pair_postings(norms)
    parts["pair_code"] = codes.tobytes()
    parts["pair_start"] = starts.tobytes()
    parts["pair_name"] = members.tobytes()
    parts["pair_count"] = counts.tobytes()
    return parts
