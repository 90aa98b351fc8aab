"""The mention list: every mention of one entity in every article, grouped by article.

Each row is one sentence with every mention of the entity in it marked, and their count when
there are several; Enter dismisses the screen with the passage (the first of them) to open.
The list is virtual (``widgets.mention_list``): only the rows on screen are read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from syria_reader.ui.entity_style import kind_colour, kind_short
from syria_reader.ui.keys import CURATION_BINDINGS
from syria_reader.ui.messages import CurationRequested, InsightRequested
from syria_reader.ui.navigation import JumpTarget
from syria_reader.ui.widgets.footer import ReaderFooter
from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.index.grouping import SentenceMentions
    from syria_reader.index.mention_list import MentionList
    from syria_reader.index.query import EntityRow
    from syria_reader.ui.widgets.mention_list import MentionListView


def entity_summary(entity: EntityRow) -> Content:
    """Name, kind and corpus-wide counts, then the other names it goes by."""
    line = Content.assemble(
        (entity.name, f"bold {kind_colour(entity.kind)}"),
        "  ",
        (kind_short(entity.kind), "italic"),
        (
            f" · {plural(entity.mentions, 'mention')} in {plural(entity.articles, 'article')}",
            "$foreground-muted",
        ),
    )
    others = [alias for alias in entity.aliases if alias != entity.name]
    if others:
        line = Content.assemble(
            line, "\n", ("also: ", "$foreground-muted"), Content(", ".join(others))
        )
    return line


class MentionsScreen(Screen[JumpTarget | None]):
    """Every mention of an entity; Enter opens one, escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,backspace",
            "close",
            "Back",
            tooltip="Close the mention list",
            id="mentions-close",
        ),
        Binding(
            "enter",
            "open_mention",
            "Open",
            tooltip="Open the article at this mention",
            id="mentions-open",
        ),
        Binding(
            "right_curly_bracket,J",
            "next_article",
            "Next article",
            show=False,
            id="mentions-next-article",
        ),
        Binding(
            "left_curly_bracket,K",
            "previous_article",
            "Prev article",
            show=False,
            id="mentions-previous-article",
        ),
        Binding(
            "Q",
            "insight('quotes')",
            "Quotes",
            tooltip="What this entity said",
            id="mentions-quotes",
        ),
        Binding(
            "R",
            "insight('related')",
            "Related",
            tooltip="Entities named in the same sentences, and the sentences",
            id="mentions-related",
        ),
        Binding(
            "t",
            "insight('timeline')",
            "Timeline",
            tooltip="Dates in the sentences that name this entity",
            id="mentions-timeline",
        ),
        Binding(
            "x",
            "insight('export-mentions')",
            "Export",
            tooltip="Save the mention list as CSV or Markdown",
            id="mentions-export",
        ),
        *CURATION_BINDINGS,
        Binding(
            "D",
            "curate('hide-mention')",
            "Hide",
            tooltip="Not a mention of this entity: hide it",
            id="curate-hide-mention",
        ),
        Binding(
            "H",
            "curate('hide')",
            "Hide entity",
            show=False,
            tooltip="Hide this entity (junk)",
            id="curate-hide-entity",
        ),
    ]

    def __init__(
        self,
        entity: EntityRow,
        mentions: MentionList,
        notes: list[Content] | None = None,
        highlight: int | None = None,
    ) -> None:
        """``highlight``: the position of the mention to start on (as in ``highlighted_row``)."""
        super().__init__()
        self.entity = entity
        self.mentions = mentions
        self.notes = notes or []
        self._highlight = highlight

    def compose(self) -> ComposeResult:
        # Imported here, with the index modules it reads: the reader's start does not need them.
        from syria_reader.ui.widgets.mention_list import MentionListView

        notes: list[Content] = []
        if self.notes:
            notes.append(Content.styled(f"Notes on {self.entity.name}", "bold $accent"))
            notes.extend(self.notes)
        with Vertical(id="mentions-pane"):
            yield Static(entity_summary(self.entity), id="mentions-summary")
            yield MentionListView(
                self.mentions, notes, cursor_position=self._highlight, id="mentions-list"
            )
        yield ReaderFooter(compact=True)

    def on_mount(self) -> None:
        pane = self.query_one("#mentions-pane")
        pane.border_title = Content(f"Mentions of {self.entity.name}")
        pane.border_subtitle = Content(
            f"{plural(self.mentions.mention_count, 'mention')}"
            f" in {plural(self.mentions.sentence_count, 'sentence')}"
        )
        self.list_view.focus()

    @property
    def list_view(self) -> MentionListView:
        """The list widget."""
        return cast("MentionListView", self.query_one("#mentions-list"))

    @property
    def highlighted_row(self) -> int | None:
        """The position of the first mention of the sentence under the cursor."""
        row = self.list_view.highlighted
        return row.first_row if row is not None else None

    def action_curate(self, action: str) -> None:
        """Correct this entity, or (hide-mention) the highlighted mention of it."""
        mention = None
        if action == "hide-mention":
            row = self.list_view.highlighted
            if row is None:
                return
            chosen = row.first
            mention = (chosen.article_id, chosen.start, chosen.text)
        self.post_message(CurationRequested(action, self.entity.id, mention))

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)

    def action_insight(self, view: str) -> None:
        """Switch to this entity's quotes, related entities or timeline, or export the list."""
        self.post_message(InsightRequested(view, self.entity.id))

    def action_open_mention(self) -> None:
        """Open the highlighted mention."""
        row = self.list_view.highlighted
        if row is not None:
            self._open(row)

    def _open(self, row: SentenceMentions) -> None:
        mention = row.first
        self.dismiss(
            JumpTarget(
                mention.article_id, mention.start, mention.end, mention.kind, list_row=row.first_row
            )
        )

    def _step_article(self, direction: int) -> None:
        view = self.list_view
        target = self.mentions.article_row(view.cursor, direction)
        if target is not None:
            view.move_to(target)

    def action_next_article(self) -> None:
        """Highlight the first mention in the next article."""
        self._step_article(+1)

    def action_previous_article(self) -> None:
        """Highlight the first mention in the previous article."""
        self._step_article(-1)

    def on_mention_list_view_selected(self, event: MentionListView.Selected) -> None:
        """Open the sentence chosen in the list."""
        event.stop()
        self._open(event.row)
