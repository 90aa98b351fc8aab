"""The sidebar: tabs of the open article's entities (grouped by kind), dates and figures.

The tabs are mounted just after the reader's first frame: four lists in a ``TabbedContent``
are a sixth of the work before that frame, and they are empty until the index is open (the
app waits for ``ready()`` before filling them).
"""

from __future__ import annotations

import asyncio
from itertools import groupby
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import TabbedContent, TabPane, Tabs
from textual.widgets.option_list import Option

from syria_reader.ui.entity_style import kind_colour, kind_label, kind_order
from syria_reader.ui.keys import CURATION_BINDINGS
from syria_reader.ui.messages import CurationRequested, EntityChosen, PassageChosen
from syria_reader.ui.widgets.option_list import ReaderOptionList
from syria_reader.wording import span

if TYPE_CHECKING:
    from syria_reader.index.query import DateRow, EntityRow, FigureRow, QuoteRow

SpanRow = TypeVar("SpanRow", bound="DateRow | FigureRow | QuoteRow")
#: The sidebar's tabs in order, and the title each gives the sidebar's border.
TAB_TITLES = {
    "tab-entities": "Entities",
    "tab-dates": "Dates",
    "tab-figures": "Figures",
    "tab-quotes": "Quotes",
}
TABS = tuple(TAB_TITLES)
#: Each tab's title, pane id and list id.
_PANES = (
    ("Entities", "tab-entities", "entity-options"),
    ("Dates", "tab-dates", "date-options"),
    ("Figures", "tab-figures", "figure-options"),
    ("Quotes", "tab-quotes", "quote-options"),
)


def entity_prompt(
    entity: EntityRow, here: int, here_width: int = 1, corpus_width: int = 1
) -> Content:
    """Mentions in this article and in the corpus, right-aligned in columns of the given widths,
    then the entity's name in its kind's colour and a person's most frequent role, muted
    ("· the group's spokesman"; one line: the list cuts what does not fit with "…")."""
    role = (("  \u00b7 " + entity.roles[0], "italic $foreground-muted"),) if entity.roles else ()
    return Content.assemble(
        (f"{here:>{here_width}}", "bold"),
        " ",
        (f"{entity.mentions:>{corpus_width}}", "$foreground-muted"),
        "  ",
        (entity.name, kind_colour(entity.kind)),
        *role,
    )


def kind_heading(kind: str, count: int) -> Content:
    """The heading of one kind's group."""
    return Content.assemble(
        (kind_label(kind), f"bold {kind_colour(kind)}"), (f"  {count}", "$foreground-muted")
    )


def date_prompt(date: DateRow) -> Content:
    """The resolved date or range (or "unresolved"), then the words the article used."""
    resolved = span(date.iso, date.iso_end) if date.iso else "unresolved"
    return Content.assemble(
        (resolved, "bold" if date.iso else "italic $foreground-muted"), "  ", Content(date.text)
    )


def format_value(value: float | None) -> str:
    """A figure's value: integers with thousands separators, else up to three decimals."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def figure_prompt(figure: FigureRow) -> Content:
    """Value and unit on the first line, the surface text dimmed beneath."""
    parts: list[str | tuple[str, str]] = []
    if figure.qualifier:
        parts.append((figure.qualifier + " ", "$foreground-muted"))
    value = format_value(figure.value)
    if figure.is_range:
        value = span(value, format_value(figure.value_end))
    parts.append((value, "bold"))
    if figure.unit:
        parts.append(" ")
        parts.append(figure.unit)
    return Content.assemble(*parts, "\n", (figure.text, "$foreground-muted"))


def _unique_spans(rows: list[SpanRow]) -> list[SpanRow]:
    """Rows in article order, one per (start, end) span (option ids must be unique)."""
    seen: dict[tuple[int, int], SpanRow] = {}
    for row in sorted(rows, key=lambda r: (r.start, r.end)):
        seen.setdefault((row.start, row.end), row)
    return list(seen.values())


def _empty(text: str) -> Option:
    return Option(Content.styled(text, "italic $foreground-muted"), disabled=True)


class EntitySidebar(Vertical):
    """Entities, Dates and Figures of the open article; choosing one posts a message up."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "right,l",
            "next_tab",
            "Next tab",
            tooltip="Entities, Dates, Figures, Quotes",
            id="sidebar-next-tab",
        ),
        Binding("left,h", "previous_tab", "Prev tab", show=False, id="sidebar-previous-tab"),
        *CURATION_BINDINGS,
        Binding("H", "curate('hide')", "Hide", tooltip="Hide this entity (junk)", id="curate-hide"),
    ]

    def compose(self) -> ComposeResult:
        return iter(())  # the tabs come after the first frame (``_mount_tabs``)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entities: list[tuple[EntityRow, int]] = []
        self._counts: dict[str, int] = {}
        self._ready = asyncio.Event()

    def on_mount(self) -> None:
        self.border_title = "Entities"
        self.border_subtitle = Content("here · corpus")
        self.call_after_refresh(self._mount_tabs)

    async def _mount_tabs(self) -> None:
        tabbed = TabbedContent(id="sidebar-tabs")
        for title, pane_id, list_id in _PANES:
            tabbed.compose_add_child(TabPane(title, ReaderOptionList(id=list_id), id=pane_id))
        await self.mount(tabbed)
        # Tabs switch with keys from the lists; keeping them out of the focus chain makes
        # tab/shift+tab move between the three panes.
        for tabs in self.query(Tabs):
            tabs.can_focus = False
        self._ready.set()

    @property
    def is_ready(self) -> bool:
        """Whether the tabs are mounted."""
        return self._ready.is_set()

    async def ready(self) -> None:
        """Wait until the tabs are mounted (just after the first frame)."""
        await self._ready.wait()

    def show(
        self, entities: list[tuple[EntityRow, int]], dates: list[DateRow], figures: list[FigureRow]
    ) -> None:
        """Fill the three tabs for one article."""
        self._entities = entities
        self._fill_entities()
        entity_list = self.query_one("#entity-options", ReaderOptionList)
        entity_list.action_first()
        date_list = self.query_one("#date-options", ReaderOptionList)
        date_list.clear_options()
        date_list.add_options(
            [Option(date_prompt(d), id=f"p:{d.start}:{d.end}") for d in _unique_spans(dates)]
            or [_empty("No dates found in this article")]
        )
        figure_list = self.query_one("#figure-options", ReaderOptionList)
        figure_list.clear_options()
        figure_list.add_options(
            [Option(figure_prompt(f), id=f"p:{f.start}:{f.end}") for f in _unique_spans(figures)]
            or [_empty("No figures found in this article")]
        )
        for option_list in (date_list, figure_list):
            option_list.action_first()
        self._counts = {
            "tab-entities": len(entities),
            "tab-dates": len(dates),
            "tab-figures": len(figures),
        }
        self._update_title()

    def show_quotes(self, quotes: list[QuoteRow]) -> None:
        """Fill the Quotes tab: who said what in the open article, in reading order."""
        from syria_reader.ui.screens.quotes import quote_prompt

        quote_list = self.query_one("#quote-options", ReaderOptionList)
        quote_list.clear_options()
        quote_list.add_options(
            [
                Option(quote_prompt(q, with_cue=False, limit=160), id=f"p:{q.start}:{q.end}")
                for q in _unique_spans(quotes)
            ]
            or [_empty("No quotes found in this article")]
        )
        quote_list.action_first()
        self._counts["tab-quotes"] = len(quotes)
        self._update_title()

    def _fill_entities(self) -> None:
        """Build the entity rows, grouped by kind, their counts in aligned columns."""
        entity_list = self.query_one("#entity-options", ReaderOptionList)
        entity_list.clear_options()
        here_width = max((len(str(here)) for _, here in self._entities), default=1)
        corpus_width = max((len(str(entity.mentions)) for entity, _ in self._entities), default=1)
        ordered = sorted(
            self._entities,
            key=lambda pair: (
                kind_order(pair[0].kind),
                pair[0].kind,
                -pair[1],
                pair[0].name.casefold(),
            ),
        )
        options: list[Option] = []
        for _, group in groupby(ordered, key=lambda pair: pair[0].kind):
            members = list(group)
            options.append(Option(kind_heading(members[0][0].kind, len(members)), disabled=True))
            options.extend(
                Option(entity_prompt(entity, here, here_width, corpus_width), id=f"e:{entity.id}")
                for entity, here in members
            )
        entity_list.add_options(options or [_empty("No entities found in this article")])

    def _update_title(self) -> None:
        if not self.is_ready:
            return
        active = self.query_one(TabbedContent).active or "tab-entities"
        title = TAB_TITLES.get(active, "Entities")
        count = self._counts.get(active)
        self.border_title = Content(f"{title} {count}" if count is not None else title)
        self.border_subtitle = Content("here · corpus") if active == "tab-entities" else None

    def focus_list(self) -> None:
        """Focus the list of the active tab."""
        if not self.is_ready:
            return
        pane = self.query_one(TabbedContent).active_pane
        if pane is not None:
            pane.query_one(ReaderOptionList).focus()

    def _switch(self, step: int) -> None:
        if not self.is_ready:
            return
        tabs = self.query_one(TabbedContent)
        position = TABS.index(tabs.active) if tabs.active in TABS else 0
        tabs.active = TABS[(position + step) % len(TABS)]
        self.call_after_refresh(self.focus_list)

    def action_next_tab(self) -> None:
        """Show the next tab."""
        self._switch(+1)

    def action_previous_tab(self) -> None:
        """Show the previous tab."""
        self._switch(-1)

    def highlighted_entity(self) -> str | None:
        """The id of the entity under the cursor in the Entities tab, if that tab is shown."""
        if not self.is_ready or self.query_one(TabbedContent).active != "tab-entities":
            return None
        option = self.query_one("#entity-options", ReaderOptionList).highlighted_option
        option_id = option.id if option is not None else None
        if option_id is None or not option_id.startswith("e:"):
            return None
        return option_id[2:]

    def entity_row(self) -> int | None:
        """Where the cursor is in the entity list (to put it back after the list is refilled)."""
        if not self.is_ready:
            return None
        return self.query_one("#entity-options", ReaderOptionList).highlighted

    def restore_entity_row(self, row: int) -> None:
        """Put the cursor back at ``row`` of the entity list, or the nearest entity to it."""
        option_list = self.query_one("#entity-options", ReaderOptionList)
        count = option_list.option_count
        for candidate in [*range(min(row, count - 1), count), *range(min(row, count) - 1, -1, -1)]:
            if not option_list.get_option_at_index(candidate).disabled:
                option_list.highlighted = candidate
                return

    def action_curate(self, action: str) -> None:
        """Correct the highlighted entity (the app asks what is needed, then saves)."""
        entity_id = self.highlighted_entity()
        if entity_id is None:
            self.notify("Highlight an entity in the Entities tab first", severity="warning")
            return
        self.post_message(CurationRequested(action, entity_id))

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._update_title()

    @on(ReaderOptionList.OptionSelected)
    def _chosen(self, event: ReaderOptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("e:"):
            self.post_message(EntityChosen(option_id[2:]))
        elif option_id.startswith("p:"):
            _, start, end = option_id.split(":")
            self.post_message(PassageChosen(int(start), int(end)))
