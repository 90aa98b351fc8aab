"""The article filter: narrow the article list by source, date range, entity, notes.

A modal over the reader. Sources are listed with their article counts; dates are typed as
ISO prefixes (2015, 2015-10, 2015-10-12); the entity is found by any of its names as the
lookup finds it; a checkbox keeps only the articles with a note or a bookmark. The count of
articles the filter keeps is shown as it changes. Enter applies, ctrl+r clears, escape
cancels. Every name shown comes from the articles, so it is literal ``Content``, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from syria_reader.index.article_filter import (
    ArticleFilter,
    FilterError,
    check_date,
    count_kept,
    facet_source_counts,
)
from syria_reader.index.article_pages import ArticleCatalogue
from syria_reader.index.query import Index

ALL_SOURCES = "\x00all"  # the option id of "every source" (no source has this name)


class ArticleFilterScreen(ModalScreen[ArticleFilter | None]):
    """Choose what the article list shows; dismisses with the filter, or None if cancelled."""

    DEFAULT_CSS = """
    ArticleFilterScreen { align: center middle; }
    ArticleFilterScreen > #filter-dialog {
        width: 76; max-width: 95%; height: auto; max-height: 95%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    ArticleFilterScreen #filter-sources { height: auto; max-height: 10; }
    ArticleFilterScreen .filter-row { height: auto; }
    ArticleFilterScreen .filter-row Input { width: 1fr; }
    ArticleFilterScreen Label { margin-top: 1; }
    ArticleFilterScreen #filter-count { color: $accent; text-style: bold; margin-top: 0; }
    ArticleFilterScreen #filter-error { color: $error; margin-top: 0; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="filter-cancel"),
        Binding("enter", "apply", "Apply", priority=True, id="filter-apply"),
        Binding("ctrl+r", "clear", "Clear all", id="filter-clear"),
    ]

    def __init__(
        self,
        index: Index,
        catalogue: ArticleCatalogue,
        current: ArticleFilter,
        marked: set[str],
    ) -> None:
        super().__init__()
        self.index = index
        self.catalogue = catalogue
        # The articles' (source, date) groups, read once: each change is counted over them,
        # not over every article (see ``count_kept``).
        self.facets = catalogue.facets()
        self.current = current
        self.marked = marked
        self._marked_rowids = list(catalogue.corpus_order(marked).values())
        self._mentioning: tuple[str, list[int]] | None = None  # (entity id, its articles)

    def _articles_of(self, entity_id: str) -> list[int]:
        """The rowids of the articles mentioning the entity (kept while it stays chosen)."""
        if self._mentioning is None or self._mentioning[0] != entity_id:
            self._mentioning = (entity_id, self.catalogue.entity_rowids(entity_id))
        return self._mentioning[1]

    def compose(self) -> ComposeResult:
        counts, unsourced = facet_source_counts(self.facets)
        with VerticalScroll(id="filter-dialog"):
            # The count and any error first: always on screen, even in 24 rows.
            yield Label(Content(""), id="filter-count")
            yield Label(Content(""), id="filter-error")
            yield Label(Content("Source"))
            options = [Option(Content(f"Every source ({len(self.facets)})"), id=ALL_SOURCES)]
            options += [Option(Content(f"{name} ({n})"), id=name) for name, n in counts]
            if unsourced:
                options.append(Option(Content(f"(no source: {unsourced})"), disabled=True))
            yield OptionList(*options, id="filter-sources")
            yield Label(
                Content("Dated from … to … (2015, 2015-10 or 2015-10-12; either may be empty)")
            )
            with Horizontal(classes="filter-row"):
                yield Input(self.current.since or "", placeholder="since", id="filter-since")
                yield Input(self.current.until or "", placeholder="until", id="filter-until")
            yield Label(Content("Mentions (any name of a person, place or group)"))
            yield Input(
                self.current.entity_name or "", placeholder="e.g. Lavrov", id="filter-entity"
            )
            yield Checkbox(
                Content(f"Only articles with a note or bookmark ({len(self.marked)})"),
                self.current.marked_only,
                id="filter-marked",
            )
        yield Footer()

    def on_mount(self) -> None:
        sources = self.query_one("#filter-sources", OptionList)
        wanted = self.current.source or ALL_SOURCES
        try:
            sources.highlighted = sources.get_option_index(wanted)
        except Exception:
            sources.highlighted = 0
        sources.focus()
        self._update()

    def _chosen(self) -> ArticleFilter:
        """The filter as the fields now say (raises FilterError for a malformed date)."""
        sources = self.query_one("#filter-sources", OptionList)
        option = (
            sources.get_option_at_index(sources.highlighted)
            if sources.highlighted is not None
            else None
        )
        source = option.id if option is not None and option.id != ALL_SOURCES else None
        since_text = self.query_one("#filter-since", Input).value.strip()
        until_text = self.query_one("#filter-until", Input).value.strip()
        since = check_date(since_text, "from") if since_text else None
        until = check_date(until_text, "to") if until_text else None
        name = self.query_one("#filter-entity", Input).value.strip()
        entity_id = entity_name = None
        if name:
            matches = self.index.find_entities(name, limit=1)
            if not matches:
                raise FilterError(f"no entity matches {name!r}")
            entity_id, entity_name = matches[0].entity.id, matches[0].entity.name
        return ArticleFilter(
            source=source,
            since=since,
            until=until,
            entity_id=entity_id,
            entity_name=entity_name,
            marked_only=self.query_one("#filter-marked", Checkbox).value,
        )

    def _update(self) -> ArticleFilter | None:
        error = self.query_one("#filter-error", Label)
        count = self.query_one("#filter-count", Label)
        try:
            chosen = self._chosen()
        except FilterError as problem:
            error.update(Content(str(problem)))
            error.display = True
            count.update(Content("(not applied while a field is wrong)"))
            return None
        error.update(Content(""))
        error.display = False
        mentioning = self._articles_of(chosen.entity_id) if chosen.entity_id else None
        kept = count_kept(self.facets, chosen, mentioning, self._marked_rowids)
        described = f" ({chosen.describe()})" if chosen.active else ""
        count.update(Content(f"{kept} of {len(self.facets)} articles{described}"))
        return chosen

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(OptionList.OptionHighlighted)
    def _changed(self) -> None:
        self._update()

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        """Apply the filter (not while a field is malformed)."""
        chosen = self._update()
        if chosen is not None:
            self.dismiss(chosen)

    def action_clear(self) -> None:
        """Show every article."""
        self.dismiss(ArticleFilter())

    def action_cancel(self) -> None:
        """Keep the filter as it was."""
        self.dismiss(None)
