"""Which names of a list could be spelling variants of each other, found without trying every
pair in Python.

``names.spelling_variants`` accepts two names of as many words only when each pair of their
words is at least ``MIN_SIMILARITY`` alike (Indel similarity, what its word test measures) or
when their words joined are the same letters. A large list of names is screened for that in C
(``rapidfuzz.process.cdist`` on the first words, then ``cpdist`` on the other words of the
pairs left), so the pairwise test runs on the few pairs that can pass: the linker's buckets
grow with the corpus, and their pairs with its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterator, Sequence

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist, cpdist

#: Two words less alike than this are never spelling variants (``names._tokens_alike``).
MIN_SIMILARITY = 0.7
#: Below this many names every pair is simply tried.
SMALL = 48
_ROWS = 512  # rows of the similarity matrix computed at once (bounds its memory)
_CUTOFF = MIN_SIMILARITY - 1e-6  # a superset: float rounding never drops a pair


def candidate_pairs(
    cores: Sequence[Sequence[str]], keys: Sequence[Sequence[Hashable]] = ()
) -> list[tuple[int, int]]:
    """Every pair ``(i, j)``, ``i < j``, in order, that could be variants: names (``cores``,
    their words) of as many words whose words are, position by position, at least
    ``MIN_SIMILARITY`` alike, or sharing one of their ``keys`` (other reasons to compare two
    names, such as the same letters joined). The others cannot be."""
    n = len(cores)
    if n < SMALL:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    found: set[tuple[int, int]] = set()
    by_key: dict[Hashable, list[int]] = defaultdict(list)
    for index, own in enumerate(keys):
        for key in own:
            by_key[key].append(index)
    for members in by_key.values():
        for a, i in enumerate(members):
            found.update((i, j) for j in members[a + 1 :] if j != i)
    found.update(alike_pairs(cores))
    return sorted(found)


def alike_pairs(cores: Sequence[Sequence[str]]) -> Iterator[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of names of as many words whose words are, position by
    position, at least ``MIN_SIMILARITY`` alike (in no particular order)."""
    by_length: dict[int, list[int]] = defaultdict(list)
    for index, core in enumerate(cores):
        if core:
            by_length[len(core)].append(index)
    for length, members in by_length.items():
        indexes = np.array(members)
        columns_of = [[cores[i][position] for i in members] for position in range(length)]
        for rows, columns in _similar(columns_of[0]):
            for words in columns_of[1:]:
                if not len(rows):
                    break
                scores = cpdist(
                    [words[r] for r in rows.tolist()],
                    [words[c] for c in columns.tolist()],
                    scorer=Indel.normalized_similarity,
                    score_cutoff=_CUTOFF,
                    dtype=np.float32,
                )
                kept = np.nonzero(scores)[0]
                rows, columns = rows[kept], columns[kept]
            # Members are in list order, so a row before its column is an earlier name.
            yield from zip(indexes[rows].tolist(), indexes[columns].tolist(), strict=True)


def _similar(words: Sequence[str]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The pairs of positions ``row < column`` of ``words`` at least ``MIN_SIMILARITY``
    alike, a block of rows at a time."""
    listed = list(words)
    for top in range(0, len(listed), _ROWS):
        scores = cdist(
            listed[top : top + _ROWS],
            listed,
            scorer=Indel.normalized_similarity,
            score_cutoff=_CUTOFF,
            dtype=np.float32,
        )
        rows, columns = np.nonzero(scores)
        rows = rows + top
        later = columns > rows
        yield rows[later], columns[later]
