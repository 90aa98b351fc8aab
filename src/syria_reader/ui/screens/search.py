"""Full-text search in the reader: type words, Enter lists the articles with a snippet at the
first match; n/N (or the arrows) step through the hits, Enter opens the article at one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from syria_reader.index.listing import Table, search_table
from syria_reader.ui.navigation import JumpTarget
from syria_reader.ui.screens.list_screen import ListScreen, clipped, empty_option
from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.index.query import SearchHit

#: Runs a full-text query.
Searcher = Callable[[str], list["SearchHit"]]
#: How many articles a search lists.
LIMIT = 100


def hit_prompt(hit: SearchHit) -> Content:
    """The article title, then the snippet with the match marked."""
    snippet = Content(hit.snippet.replace("\n", " "))
    if hit.match is not None:
        start, end = hit.match
        snippet = snippet.stylize("bold reverse", start, end)
    return Content.assemble(Content(clipped(hit.title, 90)).stylize("bold"), "\n", snippet)


class SearchScreen(ListScreen):
    """A query field over the hits; the field has focus first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n", "step(1)", "Next hit", tooltip="Search: highlight the next hit", id="search-next"
        ),
        Binding(
            "N",
            "step(-1)",
            "Prev hit",
            tooltip="Search: highlight the previous hit",
            id="search-previous",
        ),
        Binding(
            "slash,f",
            "edit_query",
            "Query",
            tooltip="Search: change the words",
            id="search-edit-query",
        ),
    ]

    def __init__(self, search: Searcher, query: str = "") -> None:
        super().__init__("Search the articles")
        self._search = search
        self.query_text = query
        self.hits: list[SearchHit] = []

    def compose_header(self) -> ComposeResult:
        yield Input(
            value=self.query_text,
            placeholder='Words to find ("a phrase", OR, NOT, prefix*); Enter searches',
            id="search-input",
            compact=True,
        )
        yield Static(Content(""), id="list-summary")

    def setup(self) -> None:
        super().setup()
        self.query_one("#search-input", Input).focus()

    def fill(self) -> list[Option]:
        if not self.query_text.strip():
            self.summary("Type words and press Enter")
            return []
        self.summary(
            f"{plural(len(self.hits), 'article')} "
            f"match{'es' if len(self.hits) == 1 else ''} “{self.query_text}”"
            + (f" (the best {LIMIT})" if len(self.hits) >= LIMIT else "")
        )
        return [
            Option(
                hit_prompt(hit),
                id=self.add_target(
                    f"h:{i}",
                    JumpTarget(hit.article_id, hit.start or 0, hit.end or 0, None),
                ),
            )
            for i, hit in enumerate(self.hits)
        ] or [empty_option("Nothing matches")]

    def table(self) -> Table:
        return search_table(f"Search: {self.query_text}", self.hits)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_text = event.value
        self.hits = self._search(event.value) if event.value.strip() else []
        self.refill()
        if self.hits:
            self.rows.focus()

    def action_step(self, step: int) -> None:
        """Move the highlight to the next or previous hit, wrapping round."""
        rows = self.rows
        ids = [i for i, option in enumerate(rows.options) if option.id in self.targets]
        if not ids:
            return
        current = rows.highlighted if rows.highlighted is not None else -1
        if step > 0:
            following = [i for i in ids if i > current]
            rows.highlighted = following[0] if following else ids[0]
        else:
            before = [i for i in ids if i < current]
            rows.highlighted = before[-1] if before else ids[-1]
        rows.focus()

    def action_edit_query(self) -> None:
        """Focus the query field."""
        self.query_one("#search-input", Input).focus()

    def action_close(self) -> None:
        """Escape in a field with results goes to the results; otherwise closes the search."""
        field = self.query_one("#search-input", Input)
        if field.has_focus and self.hits:
            self.rows.focus()
            return
        super().action_close()
