"""Which names of a list could be spelling variants of each other, found without trying every
pair in Python.

``names.spelling_variants`` accepts two names only when their first words are at least
``MIN_SIMILARITY`` alike (Indel similarity, what its word test measures) or when their words
joined are the same letters. A large list of names is screened for that in C
(``rapidfuzz.process.cdist``), so the pairwise test runs on the few pairs that can pass: the
linker's buckets grow with the corpus, and their pairs with its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

#: Two words less alike than this are never spelling variants (``names._tokens_alike``).
MIN_SIMILARITY = 0.7
#: Below this many names every pair is simply tried.
SMALL = 48
_ROWS = 512  # rows of the similarity matrix computed at once (bounds its memory)


def candidate_pairs(
    firsts: Sequence[str], keys: Sequence[Sequence[Hashable]] = ()
) -> list[tuple[int, int]]:
    """Every pair ``(i, j)``, ``i < j``, in order, that could be variants: their ``firsts``
    (first words) at least ``MIN_SIMILARITY`` alike, or sharing one of their ``keys`` (other
    reasons to compare two names, such as the same letters joined). The others cannot be."""
    n = len(firsts)
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
    words = list(firsts)
    cutoff = MIN_SIMILARITY - 1e-6  # a superset: float rounding never drops a pair
    for top in range(0, n, _ROWS):
        scores = cdist(
            words[top : top + _ROWS],
            words,
            scorer=Indel.normalized_similarity,
            score_cutoff=cutoff,
            dtype=np.float32,
        )
        rows, columns = np.nonzero(scores)
        rows = rows + top
        later = columns > rows
        found.update(zip(rows[later].tolist(), columns[later].tolist(), strict=True))
    return sorted(found)
