"""The main screen: article list, article pane and entity sidebar, with the indexing panel.

Layout only: which panes show at which width (breakpoints plus the user's toggles) and which
pane has focus. The app owns what the panes display.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen

from syria_reader.ui.widgets.article_list import ArticleList
from syria_reader.ui.widgets.article_view import ArticleView
from syria_reader.ui.widgets.entity_sidebar import EntitySidebar
from syria_reader.ui.widgets.footer import ReaderFooter
from syria_reader.ui.widgets.progress import IndexProgressPanel

#: The narrowest screen that holds all three panes (their min-widths in reader.tcss).
THREE_PANES_WIDTH = 28 + 40 + 30


class MainScreen(Screen[None]):
    """Three panes side by side; the article list folds away below 120 columns, the sidebar below
    70."""

    # Textual types this `ClassVar[...] | None` on Screen, which mypy reads as an instance
    # attribute, so a ClassVar here would be an error; it is never mutated.
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (120, "-wide")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield IndexProgressPanel(id="progress")
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield ArticleView(id="article")
            yield EntitySidebar(id="sidebar")
        yield ReaderFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(IndexProgressPanel).display = False

    @property
    def article_list(self) -> ArticleList:
        """The article list pane."""
        return self.query_one(ArticleList)

    @property
    def article_view(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    @property
    def sidebar(self) -> EntitySidebar:
        """The entity sidebar."""
        return self.query_one(EntitySidebar)

    @property
    def progress(self) -> IndexProgressPanel:
        """The indexing panel."""
        return self.query_one(IndexProgressPanel)

    def on_resize(self) -> None:
        """Crossing a width breakpoint drops the user's pane toggles: each width has its default."""
        size_class = next(
            (name for name in ("-tiny", "-narrow", "-wide") if self.has_class(name)), None
        )
        if getattr(self, "_size_class", size_class) != size_class:
            self.reset_panes()
        self._size_class = size_class

    def reset_panes(self) -> None:
        """Back to the width's default panes."""
        for pane in ("articles", "sidebar"):
            self.remove_class(f"-{pane}-shown", f"-{pane}-hidden")

    def toggle_pane(self, pane: str) -> bool:
        """Show or hide the article list (``"articles"``) or the sidebar (``"sidebar"``); returns
        whether it is now shown. An explicit toggle overrides the width-based default; a pane
        shown where the three do not fit pushes the other side pane off."""
        widget = self.query_one(f"#{pane}")
        shown = not widget.display
        self.set_class(shown, f"-{pane}-shown")
        self.set_class(not shown, f"-{pane}-hidden")
        other = "sidebar" if pane == "articles" else "articles"
        if shown and self.query_one(f"#{other}").display and not self.fits_three_panes():
            self._hide(other)
        if not shown and widget.has_focus_within:
            self.article_view.focus()
        return shown

    def _hide(self, pane: str) -> None:
        widget = self.query_one(f"#{pane}")
        self.remove_class(f"-{pane}-shown")
        self.add_class(f"-{pane}-hidden")
        if widget.has_focus_within:
            self.article_view.focus()

    def fits_three_panes(self) -> bool:
        """Whether the article list, the article and the sidebar fit side by side at their
        minimum widths (reader.tcss: 28 + 40 + the sidebar's 30)."""
        return self.size.width >= THREE_PANES_WIDTH
