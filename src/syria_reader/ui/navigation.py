"""Where the reader is and has been: places, jump targets, the back stack, next/previous mention.

Plain data and pure functions; the app decides when to push, pop and jump.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from syria_reader.index.query import MentionRow


@dataclass(frozen=True)
class Place:
    """A reading place to come back to: the article, the offset at the top, the focused pane, and
    (when the user jumped from a mention list) the list to reopen and its highlighted row."""

    article_id: str
    offset: int
    focus: str | None = None
    mentions_of: str | None = None
    mentions_row: int | None = None


@dataclass(frozen=True)
class JumpTarget:
    """A passage to open: an article and a run of its text, marked on arrival."""

    article_id: str
    start: int
    end: int
    kind: str | None = None  # entity kind of a mention, for the mark's colour
    list_row: int | None = None  # the mention list row it was chosen from


class History:
    """The back stack: most recent place last, bounded, without consecutive duplicates."""

    def __init__(self, limit: int = 200) -> None:
        self._places: list[Place] = []
        self._limit = limit

    def push(self, place: Place) -> None:
        """Remember a place to come back to."""
        if self._places and self._places[-1] == place:
            return
        self._places.append(place)
        del self._places[: -self._limit]

    def pop(self) -> Place | None:
        """The most recent place, removed from the stack; None when empty."""
        return self._places.pop() if self._places else None

    def __len__(self) -> int:
        return len(self._places)


def step_mention(
    mentions: list[MentionRow],
    article_order: dict[str, int],
    article_id: str,
    offset: int,
    direction: int,
    *,
    on_mention: bool,
) -> tuple[MentionRow | None, bool]:
    """The next (direction +1) or previous (-1) mention from a place, across articles.

    ``on_mention`` says the place is itself a mention of the entity, so it is skipped going
    forward. Returns the mention and whether the search wrapped round the corpus.
    """
    if not mentions:
        return None, False
    keys = [(article_order.get(m.article_id, len(article_order)), m.start) for m in mentions]
    order = sorted(range(len(mentions)), key=keys.__getitem__)
    ordered_keys = [keys[i] for i in order]
    here = (article_order.get(article_id, -1), offset)
    if direction > 0:
        position = (
            bisect.bisect_right(ordered_keys, here)
            if on_mention
            else bisect.bisect_left(ordered_keys, here)
        )
        if position >= len(order):
            return mentions[order[0]], True
        return mentions[order[position]], False
    position = bisect.bisect_left(ordered_keys, here) - 1
    if position < 0:
        return mentions[order[-1]], True
    return mentions[order[position]], False
