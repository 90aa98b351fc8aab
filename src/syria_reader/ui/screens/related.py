"""Related entities: who is named in the same sentences as one entity, strongest first, and
beside them the sentences that name both ("Lavrov with Kerry"); Enter opens a sentence."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from syria_reader.index.listing import Table, related_table, sentences_table
from syria_reader.ui.entity_style import kind_colour, kind_short
from syria_reader.ui.navigation import JumpTarget
from syria_reader.ui.screens.list_screen import ListScreen, clipped, empty_option
from syria_reader.ui.widgets.footer import ReaderFooter
from syria_reader.ui.widgets.option_list import ReaderOptionList
from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.index.query import EntityRow, RelatedRow, SentenceRow

#: The sentences naming both of two entities (by id).
Together = Callable[[str, str], list["SentenceRow"]]


def related_prompt(row: RelatedRow, width: int) -> Content:
    """Name in its kind's colour, then kind, score and sentences together."""
    return Content.assemble(
        (row.entity.name, f"bold {kind_colour(row.entity.kind)}"),
        "\n",
        (
            f"{kind_short(row.entity.kind)} · score {row.score:.1f} · "
            f"{plural(row.together, 'sentence')} together",
            "$foreground-muted",
        ),
    )


def sentence_prompt(sentence: SentenceRow, names: tuple[str, ...]) -> Content:
    """The article title over the sentence."""
    body = Content(clipped(sentence.text, 400))
    for name in names:
        at = body.plain.find(name)
        if at >= 0:
            body = body.stylize("bold", at, at + len(name))
    return Content.assemble(Content(clipped(sentence.title, 80)).stylize("italic"), "\n", body)


class RelatedScreen(ListScreen):
    """Related entities on the left; the shared sentences of the highlighted one on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "tab,shift+tab",
            "switch_list",
            "Switch",
            tooltip="Related: move between the entities and the sentences naming both",
            id="related-switch",
        ),
    ]

    def __init__(self, entity: EntityRow, related: list[RelatedRow], together: Together) -> None:
        super().__init__(f"Related to {entity.name}")
        self.entity = entity
        self.related = related
        self._together = together
        self.other: RelatedRow | None = None
        self.sentences: list[SentenceRow] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="related-panes"):
            with Vertical(id="related-pane", classes="list-pane"):
                yield ReaderOptionList(id="related-rows")
            with Vertical(id="list-pane", classes="list-pane"):
                yield Static(Content(""), id="list-summary")
                yield ReaderOptionList(id="list-rows")
        yield ReaderFooter(compact=True)

    def setup(self) -> None:
        """Fill the entities and show the first one's sentences."""
        self.query_one("#list-pane").border_title = Content(self.list_title)
        pane = self.query_one("#related-pane")
        pane.border_title = Content(f"Named with {self.entity.name}")
        pane.border_subtitle = Content(plural(len(self.related), "entity", "entities"))
        entities = self.query_one("#related-rows", ReaderOptionList)
        entities.add_options(
            [Option(related_prompt(r, 30), id=f"r:{i}") for i, r in enumerate(self.related)]
            or [empty_option("Named in no sentence with another entity")]
        )
        if self.related:
            entities.highlighted = 0
            self._show(self.related[0])
        else:
            self.refill()
        entities.focus()

    def _show(self, other: RelatedRow) -> None:
        self.other = other
        self.sentences = self._together(self.entity.id, other.entity.id)
        self.list_title = f"{self.entity.name} with {other.entity.name}"
        self.query_one("#list-pane").border_title = Content(self.list_title)
        self.refill()

    def fill(self) -> list[Option]:
        if self.other is None:
            return [empty_option("Choose an entity on the left")]
        names = (self.entity.name, self.other.entity.name, *self.entity.aliases)
        names += self.other.entity.aliases
        self.summary(plural(len(self.sentences), "sentence") + " name both")
        return [
            Option(
                sentence_prompt(s, names),
                id=self.add_target(f"s:{i}", JumpTarget(s.article_id, s.start, s.end, None)),
            )
            for i, s in enumerate(self.sentences)
        ] or [empty_option("No sentence names both")]

    def table(self) -> Table:
        """The list with focus: the related entities, or the sentences naming both."""
        if self.query_one("#related-rows", ReaderOptionList).has_focus:
            return related_table(f"Related to {self.entity.name}", self.related)
        return sentences_table(self.list_title, self.sentences)

    @on(ReaderOptionList.OptionHighlighted, "#related-rows")
    def _highlighted(self, event: ReaderOptionList.OptionHighlighted) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("r:"):
            row = self.related[int(option_id[2:])]
            if row is not self.other:
                self._show(row)

    @on(ReaderOptionList.OptionSelected, "#related-rows")
    def _entity_selected(self, event: ReaderOptionList.OptionSelected) -> None:
        event.stop()
        self.rows.focus()

    def action_open_row(self) -> None:
        """Enter on an entity moves to its sentences; on a sentence, opens it."""
        if self.query_one("#related-rows", ReaderOptionList).has_focus:
            self.rows.focus()
            return
        super().action_open_row()

    def action_switch_list(self) -> None:
        """Move between the two lists."""
        entities = self.query_one("#related-rows", ReaderOptionList)
        (self.rows if entities.has_focus else entities).focus()
