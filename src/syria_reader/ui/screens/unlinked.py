"""The unlinked-mentions review: text naming a known entity that nothing tagged, one row each.

``a`` (or Enter) accepts the highlighted one as a mention, ``x`` rejects it, ``A`` and ``X``
do the same for every row left. Each decision is handed to ``decide`` (the app saves it as a
correction) and its rows leave the list at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets.option_list import Option

from syria_reader.ui.entity_style import kind_colour, marked_style
from syria_reader.ui.widgets.footer import ReaderFooter
from syria_reader.ui.widgets.option_list import ReaderOptionList
from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.index.unlinked import UnlinkedMention

#: ``decide(accepted, items)``: save the items as linked (True) or rejected (False).
Decide = Callable[[bool, list["UnlinkedMention"]], None]


def unlinked_prompt(item: UnlinkedMention) -> Content:
    """The entity it would be a mention of, then the sentence with the text marked."""
    sentence = item.context.replace("\n", " ")
    start, end = item.start - item.context_start, item.end - item.context_start
    content = Content(sentence)
    if 0 <= start < end <= len(sentence):
        content = content.stylize(marked_style(item.kind), start, end)
    head = Content.assemble(
        (item.entity_name, f"bold {kind_colour(item.kind)}"),
        ("  " + (item.title or item.article_id), "$foreground-muted"),
    )
    return Content.assemble(head, "\n", content)


class UnlinkedScreen(Screen[None]):
    """Review unlinked mentions: accept or reject them one by one, or all at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "close", "Back", id="unlinked-close"),
        Binding("a,enter", "accept", "Accept", tooltip="Link this one", id="unlinked-accept"),
        Binding(
            "x",
            "reject",
            "Reject",
            tooltip="Not a mention: never propose it again",
            id="unlinked-reject",
        ),
        Binding(
            "A", "accept_all", "Accept all", tooltip="Link every row left", id="unlinked-accept-all"
        ),
        Binding(
            "X",
            "reject_all",
            "Reject all",
            tooltip="Reject every row left",
            id="unlinked-reject-all",
        ),
    ]

    def __init__(self, title: str, items: list[UnlinkedMention], decide: Decide) -> None:
        super().__init__()
        self.review_title = title
        self.items = list(items)
        self.decide = decide

    def compose(self) -> ComposeResult:
        with Vertical(id="unlinked-pane"):
            yield Static(
                Content(
                    "Text that names a known entity but was not tagged. "
                    "a accepts, x rejects, A / X all of them."
                ),
                id="unlinked-summary",
            )
            yield ReaderOptionList(id="unlinked-list")
        yield ReaderFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#unlinked-pane").border_title = Content(self.review_title)
        self._fill(0)
        self.query_one(ReaderOptionList).focus()

    def _fill(self, highlight: int) -> None:
        option_list = self.query_one(ReaderOptionList)
        option_list.clear_options()
        if not self.items:
            option_list.add_option(
                Option(
                    Content.styled("Nothing left to review", "italic $foreground-muted"),
                    disabled=True,
                )
            )
        else:
            option_list.add_options(
                [Option(unlinked_prompt(item), id=f"u:{n}") for n, item in enumerate(self.items)]
            )
            option_list.highlighted = min(highlight, len(self.items) - 1)
        self.query_one("#unlinked-pane").border_subtitle = Content(
            plural(len(self.items), "unlinked mention")
        )

    def _highlighted(self) -> int | None:
        option = self.query_one(ReaderOptionList).highlighted_option
        option_id = option.id if option is not None else None
        if option_id is None or not option_id.startswith("u:"):
            return None
        return int(option_id[2:])

    def _decide(self, accepted: bool, rows: list[int]) -> None:
        if not rows:
            return
        chosen = [self.items[row] for row in rows]
        self.decide(accepted, chosen)
        first = min(rows)
        self.items = [item for n, item in enumerate(self.items) if n not in set(rows)]
        self._fill(first)

    def action_accept(self) -> None:
        """Link the highlighted text to its entity."""
        row = self._highlighted()
        self._decide(True, [row] if row is not None else [])

    def action_reject(self) -> None:
        """Say the highlighted text is not a mention."""
        row = self._highlighted()
        self._decide(False, [row] if row is not None else [])

    def action_accept_all(self) -> None:
        """Link every row left."""
        self._decide(True, list(range(len(self.items))))

    def action_reject_all(self) -> None:
        """Reject every row left."""
        self._decide(False, list(range(len(self.items))))

    def action_close(self) -> None:
        """Back to where the review was opened from."""
        self.dismiss(None)

    @on(ReaderOptionList.OptionSelected)
    def _selected(self, event: ReaderOptionList.OptionSelected) -> None:
        event.stop()
        self.action_accept()
