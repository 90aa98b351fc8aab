"""``meta``: see where an article's catalogue fields came from, correct them, export them.

``meta show ID`` prints each field with its evidence; ``meta set ID --date ... --source ...``
stores a correction in the user data dir (never in the corpus folder), applied on every
rebuild; ``meta export`` writes the corrections (or, with ``--all``, the whole catalogue) as a
``corpus.toml`` beside the texts, and never overwrites one that exists.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from syria_reader.commands.common import CliError, corpus_root, print_json
from syria_reader.models import CATALOGUE_FIELDS, Article
from syria_reader.safe_text import one_line, printable


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``meta`` command and its subcommands."""
    meta = subparsers.add_parser(
        "meta",
        parents=[common],
        help="see, correct or export articles' title, source, author and date",
        description="An article's catalogue fields with their evidence; your corrections "
        "(kept in the user data dir, applied on every index build); a corpus.toml from them.",
    )
    actions = meta.add_subparsers(dest="meta_action", metavar="ACTION", required=True)
    show = actions.add_parser(
        "show", parents=[common], help="each field of an article with its evidence"
    )
    show.add_argument("id", metavar="ID", help="the article's id, or a unique prefix")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=run_meta_show)

    set_ = actions.add_parser(
        "set",
        parents=[common],
        help="correct an article's fields (an empty value removes your correction)",
    )
    set_.add_argument("id", metavar="ID", help="the article's id, or a unique prefix")
    for name in CATALOGUE_FIELDS:
        set_.add_argument(f"--{name}", metavar=name.upper(), help=f"the article's {name}")
    set_.set_defaults(handler=run_meta_set)

    export = actions.add_parser(
        "export",
        parents=[common],
        help="write your corrections as a corpus.toml beside the texts",
    )
    export.add_argument(
        "--all",
        action="store_true",
        help="every article's current title, source, author and date, not only corrections",
    )
    export.add_argument(
        "--output",
        metavar="FILE",
        type=Path,
        help="write here instead of the corpus folder's corpus.toml ('-' for stdout)",
    )
    export.set_defaults(handler=run_meta_export)


def _article(args: argparse.Namespace) -> tuple[list[Article], Article]:
    from syria_reader.commands.corpus_commands import _articles, find_article

    articles = _articles(args)
    return articles, find_article(articles, args.id)


def run_meta_show(args: argparse.Namespace) -> int:
    """Print each catalogue field of one article with where it came from."""
    _, article = _article(args)
    if args.json:
        print_json(
            {
                "id": article.id,
                **{name: getattr(article, name) for name in CATALOGUE_FIELDS},
                "provenance": {
                    name: {"how": o.how, "evidence": o.evidence, "inferred": o.inferred}
                    for name, o in article.provenance.items()
                },
            }
        )
        return 0
    print(one_line(article.id))
    for name in CATALOGUE_FIELDS:
        value = getattr(article, name)
        origin = article.provenance.get(name)
        print(f"  {name:<7} {one_line(value) if value else '-'}")
        if origin is not None:
            mark = "inferred from the" if origin.inferred else "from"
            print(f"          {mark} {one_line(origin.how)}: {one_line(origin.evidence)}")
    return 0


def run_meta_set(args: argparse.Namespace) -> int:
    """Store a correction of one article's fields in the user data dir."""
    from syria_reader.corpus.corrections import CorrectionsError, set_correction
    from syria_reader.index.article_filter import FilterError, check_date

    fields = {name: getattr(args, name) for name in CATALOGUE_FIELDS}
    fields = {name: value for name, value in fields.items() if value is not None}
    if not fields:
        raise CliError("nothing to set: give --title, --source, --author or --date", status=2)
    if fields.get("date"):
        try:
            fields["date"] = check_date(fields["date"], "--date")
        except FilterError as error:
            raise CliError(str(error), status=2) from error
    _, article = _article(args)
    try:
        path = set_correction(corpus_root(args), article.id, fields)
    except CorrectionsError as error:
        raise CliError(str(error)) from error
    for name, value in fields.items():
        if value.strip():
            print(f"{article.id}: {name} set to {printable(value)}")
        else:
            print(f"{article.id}: your {name} correction removed")
    print(f"(kept in {path}; the index is brought up to date on its next use)", file=sys.stderr)
    return 0


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def export_toml(
    articles: list[Article], corrections: dict[str, dict[str, str]], every: bool
) -> str:
    """corpus.toml text for the corrections (or every article's fields with ``every``)."""
    by_file: dict[str, list[Article]] = {}
    for article in articles:
        by_file.setdefault(article.path, []).append(article)
    lines = [
        "# corpus.toml written by `syria-reader meta export`: what these files do not say",
        "# about themselves (see syria_reader.corpus.metadata for the format).",
    ]
    for path in sorted(by_file):
        members = by_file[path]
        tables: list[dict[str, str]] = []
        for article in members:
            if every:
                values = {n: getattr(article, n) for n in CATALOGUE_FIELDS if getattr(article, n)}
            else:
                values = dict(corrections.get(article.id, {}))
            tables.append(values)
        if not any(tables):
            continue
        lines.append("")
        if len(members) == 1:
            lines.append(f"[files.{_quote(path)}]")
            lines += [f"{k} = {_quote(v)}" for k, v in tables[0].items()]
            continue
        for values in tables:
            lines.append(f"[[files.{_quote(path)}.articles]]")
            lines += [f"{k} = {_quote(v)}" for k, v in values.items()]
    return "\n".join(lines) + "\n"


def run_meta_export(args: argparse.Namespace) -> int:
    """Write a corpus.toml from the corrections; never overwrite an existing file."""
    from syria_reader.corpus.corrections import CorrectionsError, load_corrections
    from syria_reader.corpus.metadata import metadata_file

    root = corpus_root(args)
    try:
        corrections = load_corrections(root)
    except CorrectionsError as error:
        raise CliError(str(error)) from error
    if not corrections and not args.all:
        raise CliError("no corrections to export (see `syria-reader meta set`; or use --all)")
    from syria_reader.commands.corpus_commands import _articles

    text = export_toml(_articles(args), corrections, args.all)
    if args.output is not None and str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    target = args.output or metadata_file(root)
    if target.exists():
        raise CliError(
            f"{target} exists and is not overwritten; merge by hand from "
            "`syria-reader meta export --output -`, or give another --output"
        )
    try:
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise CliError(f"{target}: not written ({error.strerror or error})") from error
    print(f"wrote {target}")
    return 0
