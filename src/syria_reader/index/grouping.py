"""Mentions grouped by the sentence they stand in: one row per sentence, every mention marked.

The mention list (reader) and ``mentions`` (CLI) show a sentence once however many times it
names the entity ("Assad, his back to the wall, ... Assad's army"), with the count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from syria_reader.index.query import MentionRow


@dataclass(frozen=True)
class SentenceMentions:
    """The mentions of one entity inside one sentence, in order."""

    first_row: int  # position of the first of them in the list that was grouped
    mentions: tuple[MentionRow, ...]

    @property
    def first(self) -> MentionRow:
        """The first mention in the sentence (where opening the row jumps to)."""
        return self.mentions[0]

    @property
    def article_id(self) -> str:
        """The article the sentence is in."""
        return self.first.article_id

    @property
    def title(self) -> str:
        """That article's title."""
        return self.first.title

    @property
    def context(self) -> str:
        """The sentence."""
        return self.first.context

    @property
    def in_aside(self) -> bool:
        """Whether the sentence is in a caption or pull quote."""
        return self.first.in_aside

    @property
    def rows(self) -> range:
        """The positions of these mentions in the list that was grouped."""
        return range(self.first_row, self.first_row + len(self.mentions))

    def spans(self) -> list[tuple[int, int]]:
        """Where each mention sits inside ``context`` (offsets into the sentence), in order."""
        out: list[tuple[int, int]] = []
        length = len(self.context)
        for mention in self.mentions:
            start = mention.start - mention.context_start
            end = mention.end - mention.context_start
            if 0 <= start < end <= length and (not out or start >= out[-1][1]):
                out.append((start, end))
        return out


def group_by_sentence(mentions: Sequence[MentionRow]) -> list[SentenceMentions]:
    """Consecutive mentions of the same sentence as one group (the list is in article order)."""
    groups: list[SentenceMentions] = []
    run: list[MentionRow] = []
    first = 0
    for row, mention in enumerate(mentions):
        if run and (
            mention.article_id != run[0].article_id
            or mention.context_start != run[0].context_start
            or mention.context != run[0].context
        ):
            groups.append(SentenceMentions(first, tuple(run)))
            run, first = [], row
        run.append(mention)
    if run:
        groups.append(SentenceMentions(first, tuple(run)))
    return groups
