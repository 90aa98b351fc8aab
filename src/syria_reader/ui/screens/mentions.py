"""The mention list: every mention of one entity in every article, grouped by article.

Each row is one sentence with every mention of the entity in it marked, and their count when
there are several; Enter dismisses the screen with the passage (the first of them) to open.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from syria_reader.index.grouping import SentenceMentions, group_by_sentence
from syria_reader.ui.entity_style import kind_colour, kind_short, marked_style
from syria_reader.ui.navigation import JumpTarget
from syria_reader.ui.widgets.option_list import ReaderOptionList
from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.index.query import EntityRow, MentionRow


#: The label set before a sentence from a caption or pull quote, apart from its words.
ASIDE_LABEL = "[aside]"


def sentence_prompt(group: SentenceMentions) -> Content:
    """The sentence on one line with every mention in it marked, after a count column
    (``2x`` when it names the entity more than once); asides carry a bracketed label."""
    sentence = group.context.replace("\n", " ")
    content = Content(sentence)
    for start, end in group.spans():
        content = content.stylize(marked_style(group.first.kind), start, end)
    count = len(group.mentions)
    column = f"{count}\u00d7" if count > 1 else ""
    parts: list[Content | tuple[str, str] | str] = [(f"{column:>3} ", "bold $foreground-muted")]
    if group.in_aside:
        parts.extend([(ASIDE_LABEL, "$foreground-muted"), " "])
    parts.append(content)
    return Content.assemble(*parts)


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

    BINDINGS = [
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
    ]

    def __init__(
        self,
        entity: EntityRow,
        mentions: list[MentionRow],
        notes: list[Content] | None = None,
        highlight: int | None = None,
    ) -> None:
        super().__init__()
        self.entity = entity
        self.mentions = mentions
        self.notes = notes or []
        self._highlight = highlight
        self.groups = group_by_sentence(mentions)
        self._row_of_option: dict[str, int] = {}
        self._option_of_row: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="mentions-pane"):
            yield Static(entity_summary(self.entity), id="mentions-summary")
            yield ReaderOptionList(id="mentions-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        pane = self.query_one("#mentions-pane")
        pane.border_title = Content(f"Mentions of {self.entity.name}")
        option_list = self.query_one(ReaderOptionList)
        options: list[Option | None] = []
        if self.notes:
            options.append(
                Option(
                    Content.styled(f"Notes on {self.entity.name}", "bold $accent"), disabled=True
                )
            )
            options.extend(Option(note, disabled=True) for note in self.notes)
            options.append(None)
        for _, article_groups in groupby(self.groups, key=lambda group: group.article_id):
            sentences = list(article_groups)
            first = sentences[0].first
            count = sum(len(group.mentions) for group in sentences)
            heading = Content.assemble(
                Content(first.title or first.article_id).stylize("bold"),
                (f"  {plural(count, 'mention')}", "$foreground-muted"),
            )
            options.append(Option(heading, disabled=True))
            for group in sentences:
                option_id = f"m:{group.first_row}"
                self._row_of_option[option_id] = group.first_row
                for row in group.rows:
                    self._option_of_row[row] = option_id
                options.append(Option(sentence_prompt(group), id=option_id))
        if not self.mentions:
            options.append(
                Option(
                    Content.styled("No mentions in the corpus", "italic $foreground-muted"),
                    disabled=True,
                )
            )
        option_list.add_options(options)
        if self.mentions:
            row = (
                self._highlight
                if self._highlight is not None and 0 <= self._highlight < len(self.mentions)
                else 0
            )
            option_list.highlighted = option_list.get_option_index(self._option_of_row[row])
        pane.border_subtitle = Content(
            f"{plural(len(self.mentions), 'mention')} in {plural(len(self.groups), 'sentence')}"
        )
        option_list.focus()

    @property
    def highlighted_row(self) -> int | None:
        """The first mention row of the sentence under the highlight."""
        option = self.query_one(ReaderOptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self._row_of_option.get(option.id)

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)

    def action_open_mention(self) -> None:
        """Open the highlighted mention."""
        row = self.highlighted_row
        if row is not None:
            self._open(row)

    def _open(self, row: int) -> None:
        mention = self.mentions[row]
        self.dismiss(
            JumpTarget(mention.article_id, mention.start, mention.end, mention.kind, list_row=row)
        )

    def _step_article(self, direction: int) -> None:
        row = self.highlighted_row
        if row is None or not self.mentions:
            return
        current = self.mentions[row].article_id
        indices = range(row + 1, len(self.mentions)) if direction > 0 else range(row - 1, -1, -1)
        for index in indices:
            mention = self.mentions[index]
            if mention.article_id != current:
                if direction < 0:  # go to the first mention of that article
                    while index > 0 and self.mentions[index - 1].article_id == mention.article_id:
                        index -= 1
                option_list = self.query_one(ReaderOptionList)
                option_list.highlighted = option_list.get_option_index(self._option_of_row[index])
                return

    def action_next_article(self) -> None:
        """Highlight the first mention in the next article."""
        self._step_article(+1)

    def action_previous_article(self) -> None:
        """Highlight the first mention in the previous article."""
        self._step_article(-1)

    @on(ReaderOptionList.OptionSelected)
    def _selected(self, event: ReaderOptionList.OptionSelected) -> None:
        event.stop()
        row = self._row_of_option.get(event.option.id or "")
        if row is not None:
            self._open(row)
