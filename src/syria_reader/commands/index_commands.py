"""The index commands: ``index``, ``entities``, ``mentions``, ``dates``, ``figures``, ``search``.

Every command but ``index`` opens the corpus's index through ``common.open_index``, which
builds or refreshes it first when needed; with a current index nothing here imports spaCy.
Text printed on a terminal is stripped of control characters wherever it came from, and
JSON output escapes them, so no article can send escape sequences to the terminal.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from syria_reader.commands.common import (
    CliError,
    add_command,
    corpus_root,
    json_option,
    nothing_found,
    open_index,
    print_json,
)
from syria_reader.commands.insight_commands import add_format_options, emit_table
from syria_reader.commands.resolve import resolve_entity
from syria_reader.models import ENTITY_KINDS
from syria_reader.safe_text import BOLD, EMPHASIS, PLAIN, one_line, printable
from syria_reader.wording import plural, span

if TYPE_CHECKING:
    from syria_reader.index.query import JsonRow, MentionRow

#: Friendly names for ``--kind``, each to the entity kinds it stands for.
KIND_NAMES: dict[str, tuple[str, ...]] = {
    "person": ("PERSON",),
    "people": ("PERSON",),
    "org": ("ORG",),
    "organisation": ("ORG",),
    "organization": ("ORG",),
    "group": ("ORG",),
    "place": ("GPE", "LOC", "FAC"),
    "places": ("GPE", "LOC", "FAC"),
    "location": ("LOC",),
    "country": ("GPE",),
    "city": ("GPE",),
    "nationality": ("NORP",),
    "facility": ("FAC",),
}


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the index commands to the ``syria-reader`` parser."""
    json_list = json_option()
    index = add_command(
        subparsers,
        "index",
        run_index,
        parents=[common],
        help="build or refresh the entity index",
        description="Build or refresh the corpus's entity index and report what was done. "
        "Only new or changed files are analysed again.",
    )
    index.add_argument("--rebuild", action="store_true", help="analyse every article again")
    index.add_argument(
        "--check",
        action="store_true",
        help="check the index file (every table, SQLite's quick_check) and whether it is "
        "current, and list its problems; builds nothing (exit 1 if it is damaged or missing)",
    )
    index.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="analyse, and find names for linking, in N processes when the corpus is large "
        "enough to gain from it (default: "
        'the config\'s workers, "auto" unless set: one per processor, at most 4)',
    )

    entities = add_command(
        subparsers,
        "entities",
        run_entities,
        parents=[common, json_list],
        help="list the people, organisations and places",
        description="List every linked entity, busiest first.",
    )
    entities.add_argument(
        "--kind",
        metavar="KIND",
        help="only these kinds, comma-separated: person, org, place (GPE, LOC and FAC), "
        "or a spaCy label (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT); any case",
    )
    entities.add_argument("--limit", type=_positive, metavar="N", help="at most N entities")

    mentions = add_command(
        subparsers,
        "mentions",
        run_mentions,
        parents=[common, json_option("print JSON")],
        help="every mention of one entity, with its sentence",
        description="Find the entity NAME stands for (any name or alias; typos and case do not "
        "matter) and list its mentions across the corpus, grouped by article.",
    )
    mentions.add_argument("name", nargs="+", metavar="NAME", help="a name, alias or part of one")
    mentions.add_argument(
        "--all", action="store_true", help="also mentions in captions and pull quotes"
    )
    add_format_options(mentions)

    add_command(
        subparsers,
        "dates",
        run_dates,
        parents=[common, json_list],
        help="every date the articles mention",
        description="List every date reference, resolved to ISO where possible.",
    )
    add_command(
        subparsers,
        "figures",
        run_figures,
        parents=[common, json_list],
        help="every figure the articles give",
        description="List every figure: number, what it counts or measures, and qualifier.",
    )

    search = add_command(
        subparsers,
        "search",
        run_search,
        parents=[common, json_list],
        help="full-text search",
        description="Full-text search over the articles. Words match their inflections; FTS5 "
        'syntax ("a phrase", OR, NOT, prefix*) works, anything else is read as plain words.',
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="words to find")
    search.add_argument(
        "--limit", type=_positive, default=20, metavar="N", help="at most N articles (20)"
    )
    add_format_options(search)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


# -- output ---------------------------------------------------------------------------------


def _styled() -> bool:
    """Whether stdout may carry ANSI styling: a terminal, and the user has not said no."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _flat(text: str) -> str:
    """Untrusted text on one line, keeping whether it starts or ends with a space."""
    return re.sub(r"\s+", " ", printable(text))


def _marked(before: str, match: str, after: str, styled: bool) -> str:
    """One line with ``match`` made to stand out: bold on a terminal, else in «guillemets»."""
    left, right = (EMPHASIS, PLAIN) if styled else ("«", "»")
    return _flat(before).lstrip() + left + _flat(match) + right + _flat(after).rstrip()


def _table(rows: Sequence[Sequence[str]], header: Sequence[str], right: Iterable[int] = ()) -> None:
    """Print aligned columns; the last column is cut to the terminal's width on a terminal."""
    right = set(right)
    cells = [[one_line(str(c)) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    for n, row in enumerate(cells):
        text = "  ".join(
            c.rjust(widths[i]) if i in right else (c.ljust(widths[i]) if i < len(row) - 1 else c)
            for i, c in enumerate(row)
        )
        if width is not None and len(text) > width:
            text = text[: width - 1] + "…"
        sys.stdout.write((_bold(text) if n == 0 else text) + "\n")


def _bold(text: str) -> str:
    """``text`` in bold when stdout may carry styling, else as it is."""
    return f"{BOLD}{text}{PLAIN}" if _styled() else text


def _heading(title: str, article_id: str) -> str:
    """The line naming an article above its rows: title and id."""
    return _bold(f"{one_line(title)}  [{one_line(article_id)}]")


# -- commands -------------------------------------------------------------------------------


def run_index(args: argparse.Namespace) -> int:
    """``syria-reader index``: build or refresh, then say what was done."""
    from syria_reader.index.build import CacheUnwritable, build_index
    from syria_reader.index.check import checked_problems

    corpus = corpus_root(args)
    if args.check:
        return _check_index(args)
    workers = args.workers if args.workers is not None else args.settings.workers
    try:
        report = build_index(
            corpus, args.settings, progress=True, rebuild=args.rebuild, workers=workers
        )
    except CacheUnwritable as error:
        raise CliError(
            f"{error}; the old index, if any, is kept. Free some space or set XDG_CACHE_HOME"
        ) from None
    if not report.built:
        damage = checked_problems(report.path, trust_stamp=False)
        if damage:
            print(
                f"syria-reader: warning: the index was damaged ({printable(damage[0])}); "
                "rebuilding it",
                file=sys.stderr,
            )
            report.path.unlink(missing_ok=True)
            report = build_index(corpus, args.settings, progress=True, workers=workers)
    for message in (*report.warnings, *report.problems):
        print(f"syria-reader: warning: {printable(message)}", file=sys.stderr)
    where = printable(str(corpus))
    if not report.built:
        print(
            f"The index of {where} is up to date: {report.articles} articles, extractor "
            f"{report.extractor}."
        )
    else:
        workers = f" in {report.workers} processes" if report.workers > 1 else ""
        print(f"Indexed {report.articles} articles of {where} in {report.seconds:.1f} s{workers}.")
        print(
            f"  processed {report.processed}, reused {report.reused}, removed {report.removed}; "
            f"files skipped {report.skipped}"
        )
        print(f"  extractor {report.extractor}")
    print(
        f"  {report.entities} entities, {report.mentions} mentions, {report.dates} dates, "
        f"{report.figures} figures"
    )
    print(f"  index {printable(str(report.path))}")
    return 0


def _check_index(args: argparse.Namespace) -> int:
    """``syria-reader index --check``: is the index sound and current, and what it reports."""
    from syria_reader.index.build import index_status
    from syria_reader.index.check import checked_problems
    from syria_reader.index.query import Index, IndexUnavailable

    status = index_status(corpus_root(args), args.settings)
    print(f"index {printable(str(status.path))}")
    damage = checked_problems(status.path, trust_stamp=False)
    if damage:
        print(f"  not usable: {printable(damage[0])}")
        print("  fix: syria-reader index --rebuild (or any command: a damaged index is rebuilt)")
        return 1
    print("  sound: every table present, SQLite quick_check ok")
    print(f"  {status.state}: {printable(status.reason)}")
    try:
        with Index(status.path) as index:
            problems = index.info().problems
    except IndexUnavailable as error:
        print(f"  not readable: {printable(str(error))}")
        return 1
    print(f"  {plural(len(problems), 'problem')} recorded by the last build")
    for problem in problems:
        print(f"  - {one_line(problem)}")
    return 0


def kinds_for(value: str) -> set[str]:
    """The entity kinds a ``--kind`` value names; raises CliError for an unknown one."""
    kinds: set[str] = set()
    for name in (part.strip() for part in value.split(",")):
        if not name:
            continue
        if name.upper() in ENTITY_KINDS:
            kinds.add(name.upper())
        elif name.lower() in KIND_NAMES:
            kinds.update(KIND_NAMES[name.lower()])
        else:
            known = ", ".join(sorted({*KIND_NAMES, *(k.lower() for k in ENTITY_KINDS)}))
            raise CliError(f"unknown kind '{printable(name)}' (known: {known})", status=2)
    if not kinds:
        raise CliError("--kind needs at least one kind", status=2)
    return kinds


def run_entities(args: argparse.Namespace) -> int:
    """``syria-reader entities``: every entity with its counts."""
    kinds = kinds_for(args.kind) if args.kind else None
    with open_index(args) as index:
        entities = [e for e in index.entities() if kinds is None or e.kind in kinds]
    if args.limit:
        entities = entities[: args.limit]
    if args.json:
        print_json([e.to_json() for e in entities])
    if not entities:
        return nothing_found("no entities" + (f" of kind {args.kind}" if args.kind else ""))
    if args.json:
        return 0
    rows = [
        (e.name, e.kind, str(e.mentions), str(e.articles), ", ".join(e.aliases)) for e in entities
    ]
    _table(rows, ("NAME", "TYPE", "MENTIONS", "ARTICLES", "ALIASES"), right=(2, 3))
    return 0


def run_mentions(args: argparse.Namespace) -> int:
    """``syria-reader mentions NAME``: resolve NAME to an entity and list its mentions."""
    name = " ".join(args.name)
    with open_index(args) as index:
        entity = resolve_entity(index, name)
        everywhere = index.mentions_of(entity.id)
    mentions = everywhere if args.all else [m for m in everywhere if not m.in_aside]
    asides = len(everywhere) - len(mentions)
    if args.json:
        print_json({"entity": entity.to_json(), "mentions": [m.to_json() for m in mentions]})
        return 0
    if args.format:
        from syria_reader.index.listing import mentions_table

        table = mentions_table(f"Mentions of {entity.name}", mentions)
        emit_table(table, args.format, args.output)
        return 0
    articles = len({m.article_id for m in mentions})
    header = (
        f"{one_line(entity.name)} ({entity.kind}): {plural(len(mentions), 'mention')} in "
        f"{plural(articles, 'article')}"
    )
    print(_bold(header))
    if entity.aliases:
        print(f"  also called: {one_line(', '.join(entity.aliases))}")
    if asides:
        print(f"  and {asides} in captions or pull quotes (--all lists them)")
    _print_mentions(mentions)
    return 0


def _print_mentions(mentions: Sequence[MentionRow]) -> None:
    """One line per sentence under its article's heading, every mention in it marked."""
    from syria_reader.index.grouping import group_by_sentence

    styled = _styled()
    current = None
    for group in group_by_sentence(mentions):
        if group.article_id != current:
            current = group.article_id
            print()
            print(_heading(group.title, group.article_id))
        count = len(group.mentions)
        column = f"{count}x" if count > 1 else ""
        aside = "[aside] " if group.in_aside else ""
        print(f"  {column:>3} {aside}{_marked_all(group.context, group.spans(), styled)}")


def _marked_all(text: str, spans: Sequence[tuple[int, int]], styled: bool) -> str:
    """``text`` on one line with every span made to stand out (see ``_marked``)."""
    left, right = (EMPHASIS, PLAIN) if styled else ("\u00ab", "\u00bb")
    pieces: list[str] = []
    at = 0
    for start, end in spans:
        pieces += [_flat(text[at:start]), left, _flat(text[start:end]), right]
        at = end
    pieces.append(_flat(text[at:]))
    return "".join(pieces).strip()


#: Characters of the sentence shown before and after a date or figure in the listings.
_WINDOW_BEFORE, _WINDOW_AFTER = 50, 70


def _in_sentence(row: Any, styled: bool) -> str:
    """The sentence around a date or figure row, the row's words marked, cut to a window."""
    sentence = row.sentence
    start, end = row.start - row.sentence_start, row.end - row.sentence_start
    if not sentence or not (0 <= start <= end <= len(sentence)):
        return _marked("", row.text, "", styled)
    lo = max(0, start - _WINDOW_BEFORE)
    hi = min(len(sentence), end + _WINDOW_AFTER)
    if lo > 0:
        space = sentence.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(sentence):
        space = sentence.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    before = ("\u2026" if lo > 0 else "") + sentence[lo:start]
    after = sentence[end:hi] + ("\u2026" if hi < len(sentence) else "")
    return _marked(before, sentence[start:end], after, styled)


def run_dates(args: argparse.Namespace) -> int:
    """``syria-reader dates``: every date reference."""
    with open_index(args) as index:
        dates = index.dates()
    styled = _styled()
    return _print_listing(
        args,
        dates,
        "no dates in the corpus",
        ("DATE", "PRECISION", "IN THE SENTENCE"),
        lambda d: (
            span(d.iso, d.iso_end) if d.iso else "?",
            d.precision or "",
            _in_sentence(d, styled),
        ),
    )


def run_figures(args: argparse.Namespace) -> int:
    """``syria-reader figures``: every figure."""
    with open_index(args) as index:
        figures = index.figures()
    styled = _styled()
    return _print_listing(
        args,
        figures,
        "no figures in the corpus",
        ("VALUE", "UNIT", "QUALIFIER", "IN THE SENTENCE"),
        lambda f: (
            span(_number(f.value), _number(f.value_end) if f.is_range else None),
            f.unit or "",
            f.qualifier or "",
            _in_sentence(f, styled),
        ),
    )


def _print_listing(
    args: argparse.Namespace,
    rows: Sequence[JsonRow],
    nothing: str,
    header: Sequence[str],
    cells: Any,
) -> int:
    """A listing command's output: the JSON list with ``--json`` (an empty list too), else a
    table per article; the status says whether there was anything (``nothing`` if not)."""
    if args.json:
        print_json([row.to_json() for row in rows])
    if not rows:
        return nothing_found(nothing)
    if not args.json:
        _grouped(rows, header, cells)
    return 0


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def _grouped(rows: Sequence[Any], header: Sequence[str], cells: Any) -> None:
    """Rows with ``article_id`` and ``title``, as one aligned table per article.

    The last cell of a row is printed as it is (already made safe, maybe styled).
    """
    by_article: dict[str, list[Any]] = {}
    for row in rows:
        by_article.setdefault(row.article_id, []).append(row)
    widths = [len(h) for h in header]
    for row in rows:
        for i, cell in enumerate(cells(row)[:-1]):
            widths[i] = max(widths[i], len(one_line(str(cell))))

    def line(values: Sequence[str]) -> str:
        return "  " + "  ".join(
            v.ljust(widths[i]) if i < len(values) - 1 else v for i, v in enumerate(values)
        )

    if rows:
        print(_bold(line(header)))
    for article_id, group in by_article.items():
        print()
        print(_heading(group[0].title, article_id))
        for row in group:
            values = cells(row)
            print(line([*(one_line(str(c)) for c in values[:-1]), values[-1]]))


def run_search(args: argparse.Namespace) -> int:
    """``syria-reader search QUERY``: full-text search with snippets."""
    query = " ".join(args.query)
    with open_index(args) as index:
        hits = index.search(query, limit=args.limit)
    if args.json:
        print_json([h.to_json() for h in hits])
    elif args.format:
        from syria_reader.index.listing import search_table

        emit_table(search_table(f"Search: {query}", hits), args.format, args.output)
    if not hits:
        return nothing_found(f"nothing matches '{printable(query)}'")
    if args.json or args.format:
        return 0
    styled = _styled()
    for n, hit in enumerate(hits):
        if n:
            print()
        at = f" @{hit.start}" if hit.start is not None else ""
        print(_heading(hit.title, hit.article_id) + at)
        if hit.match is not None:
            s, e = hit.match
            print("  " + _marked(hit.snippet[:s], hit.snippet[s:e], hit.snippet[e:], styled))
        else:
            print("  " + one_line(hit.snippet))
    return 0
