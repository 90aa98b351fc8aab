"""Curating entities from the reader: the dialogs each correction asks with, and the thread
work that saves it, applies it to the index and tells the app to reopen the index.

The app owns one ``Curator``. The dialogs run on the app's thread; saving, undoing and applying
run in thread workers that only post messages (``CorrectionsChanged``, ``UnlinkedFound``). A
correction is tried on the index first (``index.curate.preview``): one that conflicts with an
earlier one or finds nothing is not saved, and the user is told why.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from syria_reader.curation.model import Correction, MentionRef
from syria_reader.ui.entity_style import kind_label
from syria_reader.ui.keys import key_display
from syria_reader.ui.messages import CorrectionsChanged, UnlinkedFound
from syria_reader.ui.screens.curate_dialogs import ChoiceScreen, NamePromptScreen
from syria_reader.ui.screens.lookup import LookupScreen

if TYPE_CHECKING:
    from syria_reader.index.query import EntityRow
    from syria_reader.index.unlinked import UnlinkedMention
    from syria_reader.ui.app_base import ReaderBase


#: Outcomes of a trial that mean the correction is not saved.
REFUSED = ("conflict", "no match", "already")


class Curator:
    """The reader's curation: asks, saves, applies, reports; one per app."""

    def __init__(self, app: ReaderBase) -> None:
        self.app = app
        #: (mtime_ns, size) of the corrections file as last seen; taken by ``watch``.
        self._seen = (0, 0)

    def watch(self) -> None:
        """Remember the corrections file as it is now: ``check_file`` follows it from here.
        (Called after the first frame: finding the file imports the curation modules.)"""
        self._seen = _stat()

    # -- asking ------------------------------------------------------------------------------

    def request(self, action: str, entity_id: str, mention: tuple[str, int, str] | None) -> None:
        """Start the dialog of one curation action on an entity."""
        index = self.app.index
        entity = index.entity(entity_id) if index is not None else None
        if entity is None:
            self.app.notify("That entity is no longer in the index", severity="warning")
            return
        handler: dict[str, Callable[[EntityRow], None]] = {
            "merge": self._merge,
            "rename": self._rename,
            "kind": self._kind,
            "split": self._split,
            "alias": self._alias,
            "hide": self._hide,
            "unlinked": self.review_unlinked,
        }
        if action == "hide-mention" and mention is not None:
            self._hide_mention(entity, mention)
        elif action in handler:
            handler[action](entity)

    def _merge(self, entity: EntityRow) -> None:
        index = self.app.index
        assert index is not None

        def chosen(other_id: str | None) -> None:
            other = index.entity(other_id) if other_id else None
            if other is None:
                return
            if other.id == entity.id:
                self.app.notify("That is the same entity", severity="warning")
                return
            names = list(dict.fromkeys([entity.name, other.name]))

            def named(name: str | None) -> None:
                if name is not None:
                    self.save(Correction("merge", names=(entity.name, other.name), as_name=name))

            self.app.push_screen(
                ChoiceScreen(
                    f"Merge {entity.name} and {other.name}: the name to keep",
                    [(name, name) for name in names],
                    current=entity.name if entity.mentions >= other.mentions else other.name,
                ),
                named,
            )

        self.app.push_screen(
            LookupScreen(
                index.find_entities,
                lambda limit: index.entities(limit=limit),
                ready=index.lookup_ready,
            ),
            chosen,
        )

    def _rename(self, entity: EntityRow) -> None:
        def named(name: str | None) -> None:
            if name is not None and name != entity.name:
                self.save(Correction("rename", name=entity.name, to=name))

        self.app.push_screen(
            NamePromptScreen(
                f"Rename {entity.name}",
                entity.name,
                "The old name stays an alias. Enter saves, escape cancels",
            ),
            named,
        )

    def _kind(self, entity: EntityRow) -> None:
        def chosen(kind: str | None) -> None:
            if kind is not None and kind != entity.kind:
                self.save(Correction("kind", name=entity.name, kind=kind))

        from syria_reader.models import ENTITY_KINDS

        choices = [(f"{kind_label(kind)} ({kind})", kind) for kind in ENTITY_KINDS]
        self.app.push_screen(
            ChoiceScreen(f"What kind of thing is {entity.name}?", choices, entity.kind), chosen
        )

    def _split(self, entity: EntityRow) -> None:
        aliases = [a for a in entity.aliases if a != entity.name]
        if not aliases:
            self.app.notify(f"{entity.name} has no other names to split out", severity="warning")
            return

        def chosen(alias: str | None) -> None:
            if alias is not None:
                self.save(Correction("split", name=entity.name, alias=alias))

        self.app.push_screen(
            ChoiceScreen(
                f"Split out of {entity.name}: its mentions by this name become "
                "an entity of their own",
                [(alias, alias) for alias in aliases],
            ),
            chosen,
        )

    def _alias(self, entity: EntityRow) -> None:
        def named(alias: str | None) -> None:
            if alias is not None:
                self.save(Correction("alias", name=entity.name, alias=alias))

        self.app.push_screen(
            NamePromptScreen(
                f"Add a name for {entity.name}",
                "",
                "Where the articles use it, it becomes a mention. Enter saves, escape cancels",
            ),
            named,
        )

    def _hide(self, entity: EntityRow) -> None:
        self.save(Correction("hide", name=entity.name))

    def _hide_mention(self, entity: EntityRow, mention: tuple[str, int, str]) -> None:
        ref = MentionRef(*mention)
        self.save(Correction("hide-mention", name=entity.name, mentions=(ref,)))

    # -- the unlinked review -----------------------------------------------------------------

    def review_unlinked(self, entity: EntityRow | None = None) -> None:
        """Find the unlinked mentions (of one entity, or all) in a thread, then show them."""
        index = self.app.index
        if index is None:
            return
        corpus = Path(self.app.corpus)
        title = f"Unlinked mentions of {entity.name}" if entity else "Unlinked mentions"
        entity_id = entity.id if entity else None

        def find() -> None:
            from syria_reader.curation.files import load
            from syria_reader.index.curate import rejected_places

            rejected = rejected_places(load(), str(corpus.expanduser().resolve()))
            items = index.unlinked(entity_id, rejected)
            self.app.post_message(UnlinkedFound(title, list(items)))

        self._run(find, "Finding unlinked mentions")

    def decide_unlinked(self, accepted: bool, items: list[UnlinkedMention]) -> None:
        """Save accepted (linked) or rejected unlinked mentions, one correction per entity."""
        by_entity: dict[str, list[UnlinkedMention]] = {}
        for item in items:
            by_entity.setdefault(item.entity_name, []).append(item)
        corrections = [
            Correction(
                "link" if accepted else "reject",
                name=name,
                mentions=tuple(MentionRef(i.article_id, i.start, i.text) for i in group),
            )
            for name, group in by_entity.items()
        ]
        self.save_many(corrections)

    # -- saving, undo, redo (in threads) ------------------------------------------------------

    def _run(self, work: Callable[[], None], description: str) -> None:
        self.app.run_worker(
            work, thread=True, group="curate", exit_on_error=False, description=description
        )

    def save(self, correction: Correction) -> None:
        """Try a correction on the index, save it and apply it (in a thread)."""
        self.save_many([correction])

    def save_many(self, corrections: list[Correction]) -> None:
        """Save several corrections (the review's) and apply them once (in a thread)."""
        index = self.app.index
        if index is None or not corrections:
            return
        path = index.path

        def work() -> None:
            from syria_reader.curation.store import CorrectionsFile, CorrectionsFileError
            from syria_reader.index import curate

            outcome = curate.preview(path, corrections[0]) if len(corrections) == 1 else None
            if outcome is not None and outcome.status in REFUSED:
                self.app.post_message(
                    CorrectionsChanged(f"Not saved: {outcome.detail}", "warning", None)
                )
                return
            try:
                store = CorrectionsFile()
                for correction in corrections:
                    store.add(correction)
            except CorrectionsFileError as error:
                self.app.post_message(CorrectionsChanged(str(error), "error", None))
                return
            curate.ensure_applied(path)
            self._seen = _stat()
            if outcome is not None:
                text = f"{corrections[0].describe()}: {outcome.detail}"
            else:
                text = f"{len(corrections)} corrections saved"
            undo = key_display(self.app, "curate-undo", "u")
            self.app.post_message(
                CorrectionsChanged(f"{text} ({undo} undoes)", "information", path)
            )

        self._run(work, "Saving a correction")

    def undo(self, redo: bool = False) -> None:
        """Take back the last correction (or put back the last undone), in a thread."""
        index = self.app.index
        if index is None:
            return
        path = index.path

        def work() -> None:
            from syria_reader.curation.store import CorrectionsFile, CorrectionsFileError
            from syria_reader.index import curate

            store = CorrectionsFile()
            try:
                moved = store.redo() if redo else store.undo()
            except CorrectionsFileError as error:
                self.app.post_message(CorrectionsChanged(str(error), "error", None))
                return
            if moved is None:
                nothing = "Nothing to redo" if redo else "Nothing to undo"
                self.app.post_message(CorrectionsChanged(nothing, "warning", None))
                return
            curate.ensure_applied(path)
            self._seen = _stat()
            verb = "Redone" if redo else "Undone"
            self.app.post_message(
                CorrectionsChanged(f"{verb}: {moved.describe()}", "information", path)
            )

        self._run(work, "Redoing" if redo else "Undoing")

    def check_file(self) -> None:
        """If the corrections file changed (another reader, a hand edit), apply it (in a thread)."""
        seen = _stat()
        if seen == self._seen or self.app.index is None:
            return
        self._seen = seen
        path = self.app.index.path

        def work() -> None:
            from syria_reader.index import curate

            if curate.ensure_applied(path):
                self.app.post_message(
                    CorrectionsChanged(
                        "Corrections changed elsewhere: the index follows them", "information", path
                    )
                )

        self._run(work, "Applying changed corrections")


def _stat() -> tuple[int, int]:
    from syria_reader.curation.files import corrections_path

    try:
        status = os.stat(corrections_path())
    except OSError:
        return (0, 0)
    return (status.st_mtime_ns, status.st_size)
