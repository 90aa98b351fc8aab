"""The ``curate`` commands: correct the entity index (merge, split, rename, kind, hide, alias),
review unlinked mentions, list the corrections, undo and redo.

Each correction is tried on the index before it is saved: one that would conflict with an
earlier correction, or that finds nothing here, is refused with the reason (``--force``
saves it anyway, for a correction meant for other corpora). Saved corrections go to the
corrections file in the user data dir, and the index is brought in line at once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from syria_reader.commands.common import (
    CliError,
    corpus_root,
    nothing_found,
    open_index,
    print_json,
)
from syria_reader.safe_text import one_line, printable
from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.curation.model import Correction
    from syria_reader.index.query import Index
    from syria_reader.index.unlinked import UnlinkedMention


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``curate`` and its subcommands to the ``syria-reader`` parser."""
    curate = subparsers.add_parser(
        "curate",
        parents=[common],
        help="correct the entity index: merge, split, rename, retype, hide, alias",
        description="Correct the entity index. Corrections are kept in entity-corrections.toml "
        "in the user data dir (edit it by hand if you like), keyed by names, and applied after "
        "every rebuild and to every corpus where those names occur.",
    )
    commands = curate.add_subparsers(dest="curate_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        return parser

    def saving(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--this-corpus",
            action="store_true",
            help="apply the correction to this corpus only (default: every corpus)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="save it even if it finds nothing or conflicts here",
        )

    merge = action("merge", "merge two or more entities into one")
    merge.add_argument("names", nargs="+", metavar="NAME", help="names or aliases of the entities")
    merge.add_argument("--as", dest="as_name", metavar="NAME", help="the merged entity's name")
    saving(merge)
    merge.set_defaults(handler=run_merge)

    split = action("split", "split an alias out of an entity into an entity of its own")
    split.add_argument("name", metavar="NAME")
    split.add_argument("alias", metavar="ALIAS")
    saving(split)
    split.set_defaults(handler=run_split)

    rename = action("rename", "give an entity another name (the old one stays an alias)")
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("new", metavar="NEW")
    saving(rename)
    rename.set_defaults(handler=run_rename)

    kind = action("kind", "change an entity's kind")
    kind.add_argument("name", metavar="NAME")
    kind.add_argument("kind", metavar="KIND", help="PERSON, ORG, GPE, LOC, NORP, FAC, EVENT")
    saving(kind)
    kind.set_defaults(handler=run_kind)

    hide = action("hide", "hide an entity (junk), or one mention of it")
    hide.add_argument("name", metavar="NAME")
    hide.add_argument(
        "--mention",
        metavar="ARTICLE:START",
        help="hide only the mention at this offset of this article (as `mentions` lists them)",
    )
    saving(hide)
    hide.set_defaults(handler=run_hide)

    alias = action("alias", "add an alias: its occurrences in the articles become mentions")
    alias.add_argument("name", metavar="NAME")
    alias.add_argument("alias", metavar="ALIAS")
    saving(alias)
    alias.set_defaults(handler=run_alias)

    unlinked = action(
        "unlinked", "review text that names a known entity but was not tagged as a mention"
    )
    unlinked.add_argument("name", nargs="*", metavar="NAME", help="only this entity's")
    unlinked.add_argument("--accept", metavar="N,M|all", help="link these (numbers as listed)")
    unlinked.add_argument("--reject", metavar="N,M|all", help="never propose these again")
    unlinked.add_argument("--json", action="store_true", help="print a JSON list")
    unlinked.add_argument("--this-corpus", action="store_true", help=argparse.SUPPRESS)
    unlinked.set_defaults(handler=run_unlinked)

    listing = action("list", "every correction, what it did here, and mistakes in the file")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list)

    undo = action("undo", "take back the last correction")
    undo.set_defaults(handler=run_undo)
    redo = action("redo", "put back the last correction undone")
    redo.set_defaults(handler=run_redo)


# -- saving one correction -------------------------------------------------------------------


def _index_path(args: argparse.Namespace) -> Path:
    from syria_reader.index.build import ensure_index

    return ensure_index(
        corpus_root(args),
        args.settings,
        progress=sys.stderr.isatty(),
        workers=args.settings.workers,
    )


def _scoped(args: argparse.Namespace, correction: Correction) -> Correction:
    from dataclasses import replace

    if getattr(args, "this_corpus", False):
        return replace(correction, corpus=str(corpus_root(args).expanduser().resolve()))
    return correction


def _suggest(index_path: Path, name: str) -> str:
    from syria_reader.index.query import Index

    with Index(index_path) as index:
        matches = index.find_entities(name, limit=3)
    if not matches:
        return ""
    names = ", ".join(f'"{printable(m.entity.name)}"' for m in matches)
    return f"; did you mean {names}?"


def save(args: argparse.Namespace, correction: Correction) -> int:
    """Try a correction on the index, save it, apply it, and say what it did."""
    from syria_reader.curation.store import CorrectionsFile, CorrectionsFileError
    from syria_reader.index import curate

    index_path = _index_path(args)
    correction = _scoped(args, correction)
    outcome = curate.preview(index_path, correction)
    if outcome.status in ("conflict", "no match", "already") and not args.force:
        hint = ""
        if outcome.status == "no match":
            for name in correction.subjects:
                hint = hint or _suggest(index_path, name)
        raise CliError(
            f"{outcome.status}: {printable(outcome.detail)}{hint} (nothing was saved"
            + ("; --force saves it anyway)" if outcome.status == "no match" else ")")
        )
    store = CorrectionsFile()
    try:
        parsed = store.add(correction)
    except CorrectionsFileError as error:
        raise CliError(str(error)) from error
    curate.ensure_applied(index_path)
    print(f"{printable(correction.describe())}: {printable(outcome.detail)}.")
    print(
        f"  saved as correction {len(parsed.corrections)} in {printable(str(store.path))}; "
        "`syria-reader curate undo` takes it back"
    )
    return 0


def run_merge(args: argparse.Namespace) -> int:
    """``curate merge NAME NAME... [--as NAME]``."""
    from syria_reader.curation.model import Correction
    from syria_reader.curation.names import clean_name

    names = tuple(clean_name(n) for n in args.names if clean_name(n))
    if len({n.casefold() for n in names}) < 2:
        raise CliError("a merge needs at least two different names", status=2)
    as_name = clean_name(args.as_name) if args.as_name else None
    return save(args, Correction("merge", names=names, as_name=as_name or None))


def _named(value: str, what: str) -> str:
    from syria_reader.curation.names import clean_name

    cleaned = clean_name(value)
    if not cleaned:
        raise CliError(f"{what} cannot be empty", status=2)
    return cleaned


def run_split(args: argparse.Namespace) -> int:
    """``curate split NAME ALIAS``."""
    from syria_reader.curation.model import Correction

    return save(
        args,
        Correction("split", name=_named(args.name, "NAME"), alias=_named(args.alias, "ALIAS")),
    )


def run_rename(args: argparse.Namespace) -> int:
    """``curate rename NAME NEW``."""
    from syria_reader.curation.model import Correction

    return save(
        args, Correction("rename", name=_named(args.name, "NAME"), to=_named(args.new, "NEW"))
    )


def run_kind(args: argparse.Namespace) -> int:
    """``curate kind NAME KIND``."""
    from syria_reader.curation.model import Correction, parse_kind

    label = parse_kind(args.kind)
    if label is None:
        raise CliError(
            f"unknown kind '{printable(args.kind)}' (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, "
            "or person, org, place, location, nationality, facility, event)",
            status=2,
        )
    return save(args, Correction("kind", name=_named(args.name, "NAME"), kind=label))


def run_hide(args: argparse.Namespace) -> int:
    """``curate hide NAME [--mention ARTICLE:START]``."""
    from syria_reader.curation.model import Correction, MentionRef

    name = _named(args.name, "NAME")
    if args.mention is None:
        return save(args, Correction("hide", name=name))
    article, _, start_text = args.mention.rpartition(":")
    if not article or not start_text.isdigit():
        raise CliError("--mention takes ARTICLE:START, e.g. 001_4089cd0367db9c7b:1766", status=2)
    start = int(start_text)
    with open_index(args) as index:
        entity = next((m.entity for m in index.find_entities(name, limit=1) if m.strong), None)
        mentions = index.mentions_of(entity.id) if entity is not None else []
    here = next((m for m in mentions if m.article_id == article and m.start == start), None)
    if here is None:
        raise CliError(
            f"no mention of '{printable(name)}' starts at {start} in {printable(article)} "
            "(`syria-reader mentions NAME` lists them with their offsets)"
        )
    return save(
        args,
        Correction("hide-mention", name=name, mentions=(MentionRef(article, start, here.text),)),
    )


def run_alias(args: argparse.Namespace) -> int:
    """``curate alias NAME ALIAS``."""
    from syria_reader.curation.model import Correction

    return save(
        args,
        Correction("alias", name=_named(args.name, "NAME"), alias=_named(args.alias, "ALIAS")),
    )


# -- the unlinked review ---------------------------------------------------------------------


def _numbers(value: str, count: int) -> list[int]:
    """``"all"``, or numbers and ranges ``"1,3-5"`` as listed, to 0-based positions."""
    if value.strip().lower() == "all":
        return list(range(count))
    chosen: list[int] = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        low, _, high = part.partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            raise CliError(f"not a number or range: '{printable(part)}'", status=2)
        first, last = int(low), int(high or low)
        if not 1 <= first <= last <= count:
            raise CliError(f"{part}: the list has {plural(count, 'entry', 'entries')}", status=2)
        chosen.extend(range(first - 1, last))
    return sorted(set(chosen))


def review_corrections(chosen: list[UnlinkedMention], op: str) -> list[Correction]:
    """One ``link`` or ``reject`` correction per entity for the chosen unlinked mentions."""
    from syria_reader.curation.model import Correction, MentionRef

    by_entity: dict[str, list[UnlinkedMention]] = {}
    for item in chosen:
        by_entity.setdefault(item.entity_name, []).append(item)
    return [
        Correction(
            op, name=name, mentions=tuple(MentionRef(i.article_id, i.start, i.text) for i in items)
        )
        for name, items in by_entity.items()
    ]


def unlinked_for(index: Index, corpus: Path, entity_id: str | None) -> list[UnlinkedMention]:
    """The unlinked mentions of the corpus (of one entity), without those the user rejected."""
    from syria_reader.curation.files import load
    from syria_reader.index.curate import rejected_places

    rejected = rejected_places(load(), str(corpus.expanduser().resolve()))
    return index.unlinked(entity_id, rejected)


def run_unlinked(args: argparse.Namespace) -> int:
    """``curate unlinked [NAME] [--accept ...] [--reject ...]``."""
    from syria_reader.curation.store import CorrectionsFile, CorrectionsFileError
    from syria_reader.index import curate

    if args.accept and args.reject:
        raise CliError("--accept and --reject: one at a time", status=2)
    name = " ".join(args.name)
    with open_index(args) as index:
        entity_id = None
        if name:
            match = next(iter(index.find_entities(name, limit=1)), None)
            if match is None or not match.strong:
                return nothing_found(f"no entity matches '{printable(name)}'")
            entity_id = match.entity.id
        found = unlinked_for(index, corpus_root(args), entity_id)
        index_path = index.path
    choice = args.accept or args.reject
    if choice is None:
        if args.json:
            print_json([f.to_json() for f in found])
        else:
            _print_unlinked(found)
        return 0 if found else nothing_found("no unlinked mentions")
    chosen = [found[i] for i in _numbers(choice, len(found))]
    store = CorrectionsFile()
    op = "link" if args.accept else "reject"
    try:
        for correction in review_corrections(chosen, op):
            store.add(_scoped(args, correction))
    except CorrectionsFileError as error:
        raise CliError(str(error)) from error
    curate.ensure_applied(index_path)
    verb = "Linked" if op == "link" else "Rejected"
    print(f"{verb} {plural(len(chosen), 'place')}; `syria-reader curate undo` takes it back.")
    return 0


def _print_unlinked(found: list[UnlinkedMention]) -> None:
    if not found:
        return
    print(
        f"{plural(len(found), 'unlinked mention')} (text that names a known entity "
        "but was not tagged):"
    )
    current = None
    for number, item in enumerate(found, start=1):
        if item.article_id != current:
            current = item.article_id
            print()
            print(f"{one_line(item.title)}  [{one_line(item.article_id)}]")
        offset = item.start - item.context_start
        context = item.context
        before, word, after = (
            context[:offset],
            context[offset : offset + item.end - item.start],
            context[offset + item.end - item.start :],
        )
        line = one_line(before)[-60:] + " «" + one_line(word) + "» " + one_line(after)[:60]
        print(f"  {number:>4}  {one_line(item.entity_name)} ({item.kind}) @{item.start}: {line}")
    print()
    print("Accept: syria-reader curate unlinked --accept 1,3-5 (or all); reject: --reject N")


# -- list, undo, redo -----------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    """``curate list``: every correction, with what it did to this corpus's index."""
    from syria_reader.curation.files import corrections_path, load

    parsed = load()
    with open_index(args) as index:
        rows = index.corrections()
    path = corrections_path()
    if args.json:
        print_json(
            {
                "file": str(path),
                "corrections": [r.to_json() for r in rows],
                "problems": [
                    {"line": p.line, "key": p.key, "message": p.message, "skipped": p.skipped}
                    for p in parsed.problems
                ],
                "undone": [c.describe() for c in parsed.undone],
            }
        )
        return 0 if rows else nothing_found(f"no corrections in {printable(str(path))}")
    if rows:
        print(
            f"Corrections in {printable(str(path))}, "
            f"as applied to {printable(str(corpus_root(args)))}:"
        )
    for row in rows:
        status = row.status.upper() if row.status in ("no match", "conflict") else row.status
        print(f"  {row.position:>3}  line {row.line:<4} {one_line(row.description)}")
        print(f"       {status}: {one_line(row.detail)}")
    for problem in parsed.problems:
        print(f"syria-reader: {printable(str(path))}: {printable(str(problem))}", file=sys.stderr)
    if parsed.undone:
        print(
            f"  {plural(len(parsed.undone), 'undone correction')}"
            " (`curate redo` puts the last back)"
        )
    if not rows:
        return nothing_found(f"no corrections in {printable(str(path))}")
    return 0


def _moved(args: argparse.Namespace, redo: bool) -> int:
    from syria_reader.curation.store import CorrectionsFile, CorrectionsFileError
    from syria_reader.index import curate

    store = CorrectionsFile()
    try:
        moved = store.redo() if redo else store.undo()
    except CorrectionsFileError as error:
        raise CliError(str(error)) from error
    if moved is None:
        print("Nothing to redo." if redo else "Nothing to undo.")
        return 0
    curate.ensure_applied(_index_path(args))
    print(("Redone: " if redo else "Undone: ") + printable(moved.describe()))
    return 0


def run_undo(args: argparse.Namespace) -> int:
    """``curate undo``."""
    return _moved(args, redo=False)


def run_redo(args: argparse.Namespace) -> int:
    """``curate redo``."""
    return _moved(args, redo=True)
