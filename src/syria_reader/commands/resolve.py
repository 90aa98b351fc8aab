"""What an entity name on the command line stands for: the best fuzzy match, if it is strong,
and the close names a user may have meant instead (said on stderr)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from syria_reader.commands.common import NOTHING_FOUND, CliError
from syria_reader.safe_text import printable

if TYPE_CHECKING:
    from syria_reader.index.query import EntityMatch, EntityRow, Index


#: Other candidates within this many points of the best are named on stderr.
CLOSE_SCORE = 5.0


def close_candidates(matches: Sequence[EntityMatch]) -> list[EntityMatch]:
    """The matches after the first that a user may have meant instead.

    After an exact name, only other exact or whole-word matches ("assad": Hafez al-Assad
    too); otherwise those scoring nearly as well as the best.
    """
    from syria_reader.index.fuzzy import EXACT_SCORE, WHOLE_WORD_SCORE

    if not matches:
        return []
    best = matches[0].score
    floor = WHOLE_WORD_SCORE if best >= EXACT_SCORE else best - CLOSE_SCORE
    return [m for m in matches[1:] if m.score >= floor]


def resolve_entity(index: Index, name: str) -> EntityRow:
    """The entity a name on the command line stands for (fuzzy, like ``mentions``)."""
    matches = index.find_entities(name, limit=6)
    if not matches:
        raise CliError(f"no entity matches '{printable(name)}'", status=NOTHING_FOUND)
    if not matches[0].strong:
        names = ", ".join(f"{printable(m.entity.name)} ({m.entity.kind})" for m in matches[:5])
        raise CliError(
            f"nothing matched '{printable(name)}'; close names: {names}", status=NOTHING_FOUND
        )
    best = matches[0]
    close = close_candidates(matches)
    if close:
        others = ", ".join(f"{printable(m.entity.name)} ({m.entity.kind})" for m in close)
        print(
            f"syria-reader: '{printable(name)}' is taken as {printable(best.entity.name)}; "
            f"also close: {others}",
            file=sys.stderr,
        )
    return best.entity
