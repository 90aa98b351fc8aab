"""Which bindings apply where: the contexts the help screen lists and the keymap may rebind.

Generated from the classes' own ``BINDINGS``, so help and keymap validation can never drift
from what the keys do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.screen import Screen

from syria_reader.ui.screens.help import HelpRow, HelpScreen, help_rows
from syria_reader.ui.screens.lookup import LookupScreen
from syria_reader.ui.screens.mentions import MentionsScreen
from syria_reader.ui.widgets.article_list import ArticleList
from syria_reader.ui.widgets.article_view import ArticleView
from syria_reader.ui.widgets.entity_sidebar import EntitySidebar
from syria_reader.ui.widgets.mention_list import MentionListView
from syria_reader.ui.widgets.option_list import ReaderOptionList

if TYPE_CHECKING:
    from textual.app import App

#: One context: its title, the classes whose bindings apply there, bindings added at run time.
Context = tuple[str, list[type], tuple[Binding, ...]]


def help_contexts(app: App[Any]) -> list[Context]:
    """The reader's binding contexts, in the order the help screen shows them."""
    from syria_reader.ui.screens.curate_dialogs import ChoiceScreen, NamePromptScreen
    from syria_reader.ui.screens.export import ExportScreen
    from syria_reader.ui.screens.list_screen import ListScreen
    from syria_reader.ui.screens.note_editor import ConfirmScreen, NoteEditorScreen
    from syria_reader.ui.screens.notes_screen import NotesScreen
    from syria_reader.ui.screens.related import RelatedScreen
    from syria_reader.ui.screens.search import SearchScreen
    from syria_reader.ui.screens.timeline import TimelineScreen
    from syria_reader.ui.screens.unlinked import UnlinkedScreen

    palette = Binding(
        app.COMMAND_PALETTE_BINDING,
        "command_palette",
        "Palette",
        tooltip="Commands, entities and articles",
        id="command-palette",
    )
    return [
        ("Everywhere", [type(app), Screen], (palette,)),
        ("Article list", [ArticleList], ()),
        ("Article", [ArticleView], ()),
        ("Sidebar", [EntitySidebar, ReaderOptionList], ()),
        ("Mention list", [MentionsScreen, MentionListView], ()),
        (
            "Quotes, timeline, related, search",
            [ListScreen, TimelineScreen, RelatedScreen, SearchScreen, ReaderOptionList],
            (),
        ),
        ("Export", [ExportScreen], ()),
        ("Entity lookup", [LookupScreen], ()),
        ("Notes and bookmarks", [NotesScreen], ()),
        ("Note editor", [NoteEditorScreen, ConfirmScreen], ()),
        ("Unlinked mentions", [UnlinkedScreen, ReaderOptionList], ()),
        ("Name and choice dialogs", [NamePromptScreen, ChoiceScreen], ()),
        ("Help", [HelpScreen], ()),
    ]


def binding_ids(contexts: list[Context]) -> set[str]:
    """Every binding id a keymap may use."""
    ids: set[str] = set()
    for _, owners, extra in contexts:
        for owner in owners:
            for klass in owner.__mro__:
                for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
                    if binding.id:
                        ids.add(binding.id)
        ids.update(binding.id for binding in extra if binding.id)
    return ids


def help_sections(app: App[Any], keymap: dict[str, str]) -> list[tuple[str, list[HelpRow]]]:
    """Sections of the help screen: each context's bindings with the keymap applied."""
    return [
        (title, help_rows(app, owners, keymap, extra))
        for title, owners, extra in help_contexts(app)
    ]
