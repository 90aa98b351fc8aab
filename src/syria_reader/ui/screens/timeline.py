"""The timeline: every resolved date in the corpus in date order, a histogram by month above it,
filtered to the sentences that name one entity with ``f``; Enter opens the date's sentence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from syria_reader.index.listing import Table, timeline_table
from syria_reader.ui.navigation import JumpTarget
from syria_reader.ui.screens.list_screen import ListScreen, Row, clipped, empty_option
from syria_reader.ui.widgets.histogram import MonthHistogram
from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.index.query import EntityRow, TimelineRow

#: Loads the timeline, of one entity (by id) or of all.
Loader = Callable[[str | None], list["TimelineRow"]]
#: Finds the entity a typed name stands for.
Finder = Callable[[str], "EntityRow | None"]


def entry_prompt(entry: TimelineRow) -> Content:
    """Date (and range end), precision, article title; the sentence under them with the date
    marked."""
    when = entry.date + (f" – {entry.until}" if entry.until else "")
    head = Content.assemble(
        (when, "bold"),
        (f"  {entry.precision}  ", "$foreground-muted"),
        Content(clipped(entry.title, 80)).stylize("italic"),
    )
    sentence = " ".join(entry.context.split()) if entry.context else entry.text
    body = Content(clipped(sentence, 300))
    at = sentence.find(" ".join(entry.text.split()))
    if 0 <= at < len(body.plain):
        body = body.stylize("bold underline", at, min(len(body.plain), at + len(entry.text)))
    return Content.assemble(head, "\n", body)


def _entry_option(entry: TimelineRow, option_id: str) -> Option:
    return Option(entry_prompt(entry), id=option_id)


class TimelineScreen(ListScreen):
    """Dates in order with a histogram; ``f`` filters by entity."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f",
            "filter",
            "Filter",
            tooltip="Timeline: only dates in sentences naming an entity (empty: all)",
            id="timeline-filter",
        ),
    ]

    def __init__(self, load: Loader, find: Finder, entity: EntityRow | None = None) -> None:
        super().__init__("Timeline")
        self._load = load
        self._find = find
        self.entity = entity
        self.entries: list[TimelineRow] = load(entity.id if entity else None)

    def compose_header(self) -> ComposeResult:
        yield MonthHistogram(id="timeline-histogram")
        yield Input(
            value=self.entity.name if self.entity else "",
            placeholder="Entity to filter by (Enter; empty for every date)",
            id="timeline-filter",
            compact=True,
        )
        yield Static(Content(""), id="list-summary")

    def setup(self) -> None:
        self.query_one("#timeline-filter", Input).display = self.entity is not None
        super().setup()
        self._retitle()

    def _retitle(self) -> None:
        title = f"Timeline · {self.entity.name}" if self.entity else "Timeline"
        self.list_title = title
        self.query_one("#list-pane").border_title = Content(title)

    def fill(self) -> list[Row]:
        options: list[Row] = []
        per_year = Counter(e.date[:4] for e in self.entries)
        year = None
        for row, entry in enumerate(self.entries):
            if entry.date[:4] != year:
                year = entry.date[:4]
                count = per_year[year]
                options.append(
                    Option(
                        Content.assemble(
                            (year, "bold $accent"), (f"  {count}", "$foreground-muted")
                        ),
                        disabled=True,
                    )
                )
            target = JumpTarget(entry.article_id, entry.start, entry.end, None)
            option_id = self.add_target(f"t:{row}", target)
            options.append(partial(_entry_option, entry, option_id))
        self.query_one(MonthHistogram).show([e.date for e in self.entries])
        first, last = (self.entries[0].date, self.entries[-1].date) if self.entries else ("", "")
        span = f" from {first} to {last}" if self.entries else ""
        where = f" in sentences naming {self.entity.name}" if self.entity else ""
        self.summary(f"{plural(len(self.entries), 'date')}{where}{span}")
        return options or [empty_option("No resolved dates")]

    def table(self) -> Table:
        return timeline_table(self.list_title, self.entries)

    def action_filter(self) -> None:
        """Show the entity filter and focus it."""
        field = self.query_one("#timeline-filter", Input)
        field.display = True
        field.focus()

    @on(Input.Submitted, "#timeline-filter")
    def _filter(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        entity = self._find(name) if name else None
        if name and entity is None:
            self.notify(f"No entity matches '{name}'", severity="warning", markup=False)
            return
        self.entity = entity
        event.input.value = entity.name if entity else ""
        event.input.display = entity is not None
        self.entries = self._load(entity.id if entity else None)
        self._retitle()
        self.refill()
        self.rows.focus()

    def action_close(self) -> None:
        """Escape in the filter goes back to the list; in the list, closes the timeline."""
        field = self.query_one("#timeline-filter", Input)
        if field.has_focus:
            field.display = self.entity is not None
            self.rows.focus()
            return
        super().action_close()
