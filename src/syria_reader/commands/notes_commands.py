"""``syria-reader notes``: export, import, and the trash of deleted notes and bookmarks.

- ``notes export [--format md|json] [--output FILE [--force]]``: every note and bookmark,
  re-anchored against the corpus's current index (``--corpus``); to stdout, or written
  atomically to FILE, which is never overwritten unless ``--force``.
- ``notes import FILE.json``: merge an export back (no duplicates); a file that is not an export
  is a one-line error, bad entries are reported and skipped.
- ``notes trash`` / ``notes restore ID``: list deleted notes and bookmarks, bring one back.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from syria_reader.commands.common import CliError, add_command, nothing_found, open_index
from syria_reader.safe_text import one_line, printable
from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.notes.store import NotesStore


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``notes`` and its actions to the CLI."""
    notes = subparsers.add_parser(
        "notes",
        help="export or import bookmarks and notes",
        description="Bookmarks and notes are kept in the user data dir; export them, merge an "
        "export back.",
    )
    actions = notes.add_subparsers(dest="notes_action", metavar="ACTION", required=True)

    export = add_command(
        actions,
        "export",
        run_export,
        parents=[common],
        help="print or write every note and bookmark",
        description="Every note and bookmark, with whether its passage is still found in the "
        "article. "
        "The format defaults to the --output file's extension (.json or .md), else Markdown.",
    )
    export.add_argument(
        "--format", choices=("md", "json"), help="Markdown to read, JSON to re-import"
    )
    export.add_argument(
        "--output", "-o", metavar="FILE", type=Path, help="write to FILE instead of stdout"
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")

    merge = add_command(
        actions,
        "import",
        run_import,
        parents=[common],
        help="merge a JSON export back (no duplicates)",
        description="Merge notes and bookmarks from a JSON export; entries already here are "
        "skipped.",
    )
    merge.add_argument("file", metavar="FILE.json", type=Path)

    add_command(
        actions, "trash", run_trash, parents=[common], help="list deleted notes and bookmarks"
    )
    restore = add_command(
        actions,
        "restore",
        run_restore,
        parents=[common],
        help="bring a deleted note or bookmark back",
    )
    restore.add_argument("id", metavar="ID", help="its id, as listed by 'notes trash'")

    add_command(
        actions,
        "init",
        run_init,
        parents=[common],
        help="start a new notes store in an empty (0-byte) notes file",
        description="The notes store is never set up in an existing file without being asked: "
        "an empty file may be a store a failed copy emptied. This starts a new store in it.",
    )


def _open_store() -> NotesStore:
    from syria_reader.notes.store import NotesStore, NotesStoreError

    try:
        return NotesStore()
    except NotesStoreError as error:
        raise CliError(str(error)) from error


def _export_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = args.output.suffix.lower() if args.output else ""
    return "json" if suffix == ".json" else "md"


def run_export(args: argparse.Namespace) -> int:
    """Print or write every note and bookmark."""
    from syria_reader.notes.export import export_json, export_markdown

    output: Path | None = args.output
    if output is not None:
        if output.exists() and not args.force:
            raise CliError(f"{output}: already exists; use --force to replace it")
        if not output.parent.is_dir():
            raise CliError(f"{output}: no such folder: {output.parent}")
    fmt = _export_format(args)
    store = _open_store()
    try:
        index = None
        try:
            index = open_index(args)
        except CliError as error:
            print(
                f"syria-reader: warning: {error}; passages not checked against the articles",
                file=sys.stderr,
            )
        try:
            if fmt == "json":
                data = export_json(store, index)
                text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
                counts = len(data["notes"]), len(data["bookmarks"])
            else:
                text = export_markdown(store, index)
                counts = len(store.notes()), len(store.bookmarks())
        finally:
            if index is not None:
                index.close()
    finally:
        store.close()

    if output is None:
        sys.stdout.write(text)
        return 0
    write_atomically(output, text, replace=args.force)
    notes, bookmarks = counts
    print(
        f"syria-reader: wrote {plural(notes, 'note')} and {plural(bookmarks, 'bookmark')} to "
        f"{output}",
        file=sys.stderr,
    )
    return 0


def write_atomically(path: Path, text: str, replace: bool) -> None:
    """Write a whole file or nothing: a temporary file beside it, synced, then moved into place.

    Without ``replace``, an existing file is never overwritten, even one created meanwhile.
    """
    try:
        # Closed by `with handle:` below; opened outside it so that failing to create the file
        # and failing to write it are told apart.
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w",
            encoding="utf-8",
            dir=path.parent,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        )
    except OSError as error:
        raise CliError(f"{path}: cannot write: {error.strerror or error}") from error
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)  # fails if path exists: no overwrite, even in a race
            except FileExistsError:
                raise CliError(f"{path}: already exists; use --force to replace it") from None
            except OSError:
                # No hard links on this file system: check, then move.
                if path.exists():
                    raise CliError(f"{path}: already exists; use --force to replace it") from None
                os.replace(temporary, path)
    except OSError as error:
        raise CliError(f"{path}: cannot write: {error.strerror or error}") from error
    finally:
        temporary.unlink(missing_ok=True)


def run_import(args: argparse.Namespace) -> int:
    """Merge a JSON export into the store; exit status 1 if some entries were bad."""
    from syria_reader.notes.importer import ImportFormatError, import_json
    from syria_reader.notes.store import NotesStoreError

    path: Path = args.file
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CliError(f"{path}: cannot read: {error.strerror or error}") from error
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise CliError(f"{path}: not UTF-8 text (byte {error.start})") from error
    except json.JSONDecodeError as error:
        raise CliError(
            f"{path}: not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from error
    store = _open_store()
    try:
        report = import_json(store, data)
    except ImportFormatError as error:
        raise CliError(f"{path}: {error}") from error
    except NotesStoreError as error:
        raise CliError(str(error)) from error
    finally:
        store.close()
    for problem in report.problems:
        print(f"syria-reader: warning: {path}: {problem}", file=sys.stderr)
    print(
        f"imported {report.added} from {path}: {report.skipped_duplicates} already here, "
        f"{len(report.problems)} bad entries skipped"
    )
    return 1 if report.problems else 0


def run_trash(args: argparse.Namespace) -> int:
    """List deleted notes and bookmarks, most recent first."""
    from syria_reader.notes.store import Note

    store = _open_store()
    try:
        items = store.trash()
    finally:
        store.close()
    if not items:
        return nothing_found("the trash is empty")
    for entry in items:
        item = entry.item
        what = item.text if isinstance(item, Note) else (item.anchor.quote if item.anchor else "")
        print(f"{item.id}  {entry.deleted}  {entry.kind:8}  {one_line(what, 70)}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Bring a deleted note or bookmark back from the trash."""
    store = _open_store()
    try:
        item = store.restore(args.id)
    except KeyError:
        raise CliError(
            f"no deleted note or bookmark has the id {args.id!r} (see 'syria-reader notes trash')"
        ) from None
    except ValueError as error:
        raise CliError(str(error)) from error
    finally:
        store.close()
    print(f"restored {type(item).__name__.lower()} {item.id}")
    return 0


def run_init(args: argparse.Namespace) -> int:
    """``notes init``: set up a new store where the notes file is empty (or missing)."""
    from syria_reader.notes.store import NotesStore, NotesStoreError, default_path

    path = default_path()
    if path.exists() and path.stat().st_size > 0:
        raise CliError(f"{printable(str(path))} is not empty: nothing done")
    try:
        NotesStore(path, reuse_empty=True).close()
    except NotesStoreError as error:
        raise CliError(str(error)) from None
    print(f"A new notes store is ready in {printable(str(path))}.")
    return 0
