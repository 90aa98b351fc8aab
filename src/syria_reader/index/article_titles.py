"""Article titles searched as the command palette searches them, without a pass per keystroke.

The palette's fuzzy matcher (Textual's) takes a title when the query's letters occur in it in
order, ignoring case, and scores it; scoring every title of 50,000 on each keystroke costs
seconds. ``ArticleTitles`` reads the titles once (lower-cased, joined by NUL, which no cleaned
text holds) and finds the titles the matcher can take with compiled regular expressions over
that one string: the titles holding the query first, then those holding its letters
scattered. At most ``limit`` titles are returned, so a keystroke stops once it has them.
"""

from __future__ import annotations

import bisect
import itertools
import re
import sqlite3
from array import array

_SEPARATOR = "\x00"


class ArticleTitles:
    """Every article's title (or id, when it has none), lower-cased, for ``search``."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.rowids: array[int] = array("q")
        lowered: list[str] = []
        for rowid, article_id, title in db.execute(
            "SELECT rowid, id, title FROM articles ORDER BY rowid"
        ):
            self.rowids.append(rowid)
            lowered.append((title or article_id).lower().replace(_SEPARATOR, " "))
        self._text = _SEPARATOR.join(lowered)
        self._starts: array[int] = array("q")
        position = 0
        for title in lowered:
            self._starts.append(position)
            position += len(title) + 1

    def search(self, query: str, limit: int) -> list[int]:
        """The rowids of up to ``limit`` titles holding the query's letters in order: those
        holding the query itself first (of the first ``4 * limit`` of them, those holding it as
        whole words first), then those holding its letters scattered, in corpus order."""
        q = query.lower().replace(_SEPARATOR, "")
        if not q or limit <= 0:
            return []
        found = self._lines(re.compile(re.escape(q)), 4 * limit, {})
        words = [re.escape(word) for word in q.split()]
        if words:
            whole = re.compile(r"\b" + r"\W+".join(words) + r"\b")
            found.sort(key=lambda line: whole.search(self._title(line)) is None)
        kept = dict.fromkeys(found[:limit])
        if len(kept) < limit:
            # Each letter then anything up to the next one, within the title: no backtracking
            # can find an earlier letter, so a title that fails costs one pass over it.
            scattered = "".join(
                re.escape(letter) + f"[^{re.escape(after)}{_SEPARATOR}]*"
                for letter, after in itertools.pairwise(q)
            )
            pattern = re.compile(scattered + re.escape(q[-1]))
            kept.update(dict.fromkeys(self._lines(pattern, limit - len(kept), kept)))
        return [self.rowids[line] for line in kept]

    def _title(self, line: int) -> str:
        """The lower-cased title at this position."""
        end = self._starts[line + 1] - 1 if line + 1 < len(self._starts) else len(self._text)
        return self._text[self._starts[line] : end]

    def _lines(self, pattern: re.Pattern[str], wanted: int, skip: dict[int, None]) -> list[int]:
        """The first ``wanted`` titles (by position) the pattern matches, not in ``skip``."""
        lines: list[int] = []
        text, starts = self._text, self._starts
        position = 0
        while len(lines) < wanted:
            match = pattern.search(text, position)
            if match is None:
                break
            line = bisect.bisect_right(starts, match.start()) - 1
            if line not in skip:
                lines.append(line)
            # On to the next title: one match per title is enough.
            position = starts[line + 1] if line + 1 < len(starts) else len(text)
        return lines
