"""The main screen: article list, article pane and entity sidebar, with the indexing panel.

Layout only: which panes show at which width (breakpoints plus the user's toggles) and which
pane has focus. The app owns what the panes display.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from syria_reader.ui.widgets.article_list import ArticleList
from syria_reader.ui.widgets.article_view import ArticleView
from syria_reader.ui.widgets.entity_sidebar import EntitySidebar
from syria_reader.ui.widgets.progress import IndexProgressPanel


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
        yield Footer(compact=True)

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
        whether it is now shown. An explicit toggle overrides the width-based default."""
        widget = self.query_one(f"#{pane}")
        shown = not widget.display
        self.set_class(shown, f"-{pane}-shown")
        self.set_class(not shown, f"-{pane}-hidden")
        if not shown and widget.has_focus_within:
            self.article_view.focus()
        return shown
