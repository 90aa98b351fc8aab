"""How the mention list of a busy entity is laid out in the index (``mention_pages``).

The writer lays out every list when it builds the index; applying corrections lays out again
the lists of the entities they touch. One function, so both agree with ``MentionList``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import groupby

#: Entities with at least this many mentions get their list laid out in ``mention_pages``;
#: the lists of the others are read whole (a few milliseconds).
PAGED_MENTIONS = 400


def mention_pages(
    rows: Sequence[tuple[int, int, int, int, int, int]],
) -> Iterator[tuple[int, int, int, int, int, int]]:
    """The ``mention_pages`` rows of the busy entities, from the mention rows (article, start,
    end, sentence, entity, in_aside) in insertion order.

    A list is in corpus order then by offset (the order of ``Index.mentions_of``); under each
    article's heading one row per run of mentions in the same sentence.
    """
    # Counted first, so only the busy entities' mentions are held (a corpus has millions).
    counts = Counter(row[4] for row in rows)
    busy = {entity for entity, count in counts.items() if count >= PAGED_MENTIONS}
    by_entity: dict[int, list[tuple[int, int, int, int]]] = {}
    for order, (article, start, _end, sentence, entity, _aside) in enumerate(rows):
        if entity in busy:
            by_entity.setdefault(entity, []).append((article, start, order, sentence))
    for entity, mentions in by_entity.items():
        mentions.sort()
        list_row = 0
        position = 0
        for article, group in groupby(mentions, key=lambda m: m[0]):
            members = list(group)
            sentences = sum(1 for i, m in enumerate(members) if i == 0 or m[3] != members[i - 1][3])
            yield entity, list_row, article, sentences, position, len(members)
            list_row += 1 + sentences
            position += len(members)
