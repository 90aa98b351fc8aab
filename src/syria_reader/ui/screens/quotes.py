"""Quotes: what one entity said (or every quote), by article; Enter opens the article there."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets.option_list import Option

from syria_reader.index.listing import Table, quotes_table
from syria_reader.ui.entity_style import kind_colour
from syria_reader.ui.navigation import JumpTarget
from syria_reader.ui.screens.list_screen import ROW_CHARS, ListScreen, clipped, empty_option
from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.index.query import QuoteRow


def quote_prompt(
    quote: QuoteRow, with_speaker: bool = True, with_cue: bool = True, limit: int = ROW_CHARS
) -> Content:
    """The speaker (or "unknown") and the cue, then the quote itself (cut at ``limit``)."""
    parts: list[Content | tuple[str, str] | str] = []
    if with_speaker:
        if quote.speaker is not None:
            parts.append((quote.speaker.name, f"bold {kind_colour(quote.speaker.kind)}"))
        else:
            parts.append(("speaker unknown", "italic $foreground-muted"))
    if quote.cue and with_cue:
        parts.append(("  " if with_speaker else "", ""))
        parts.append((clipped(quote.cue, 60), "$foreground-muted"))
    head = Content.assemble(*parts) if parts else Content("")
    body = Content.assemble(
        ("“", "$foreground-muted"), clipped(quote.text, limit), ("”", "$foreground-muted")
    )
    return Content.assemble(head, "\n", body) if head.plain else body


class QuotesScreen(ListScreen):
    """Quotes grouped by article, newest articles last (corpus order)."""

    def __init__(self, title: str, quotes: list[QuoteRow], with_speaker: bool = True) -> None:
        super().__init__(title)
        self.quotes = quotes
        self.with_speaker = with_speaker

    def fill(self) -> list[Option]:
        options: list[Option] = []
        for _, group in groupby(enumerate(self.quotes), key=lambda pair: pair[1].article_id):
            rows = list(group)
            first = rows[0][1]
            heading = Content.assemble(
                Content(first.title or first.article_id).stylize("bold"),
                (f"  {first.date or ''}  {plural(len(rows), 'quote')}", "$foreground-muted"),
            )
            options.append(Option(heading, disabled=True))
            for row, quote in rows:
                target = JumpTarget(quote.article_id, quote.start, quote.end, None)
                options.append(
                    Option(
                        quote_prompt(quote, self.with_speaker),
                        id=self.add_target(f"q:{row}", target),
                    )
                )
        known = sum(1 for q in self.quotes if q.speaker is not None)
        self.summary(
            f"{plural(len(self.quotes), 'quote')}, {known} with a known speaker"
            if self.with_speaker
            else plural(len(self.quotes), "quote")
        )
        return options or [empty_option("No quotes found")]

    def table(self) -> Table:
        return quotes_table(self.list_title, self.quotes)
