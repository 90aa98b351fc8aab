"""Who said what, when, and with whom: ``quotes``, ``timeline``, ``related``, ``graph``.

Each reads what the index derived at build time (quotes, the timeline, co-mention scores)
through the query module; ``--json`` is the scripts' contract, ``--format csv|md`` writes the
same list as a table (see ``index.listing``), to ``--output FILE`` or stdout.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from syria_reader.commands.common import (
    NOTHING_FOUND,
    CliError,
    add_command,
    json_option,
    nothing_found,
    open_index,
    print_json,
)
from syria_reader.commands.resolve import resolve_entity
from syria_reader.index.listing import FORMATS, Table, render
from syria_reader.safe_text import one_line, printable
from syria_reader.wording import plural

if TYPE_CHECKING:
    pass

_ISO_PREFIX = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def add_format_options(parser: argparse.ArgumentParser) -> None:
    """``--format csv|md`` and ``--output FILE``, for a command that lists rows."""
    parser.add_argument(
        "--format", choices=FORMATS, help="print the list as a CSV or Markdown table"
    )
    parser.add_argument(
        "--output", metavar="FILE", type=Path, help="write the table to FILE instead of stdout"
    )


def emit_table(table: Table, fmt: str, output: Path | None) -> None:
    """Print a table in ``fmt``, or write it to ``output`` (never over an existing file)."""
    text = render(table, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with output.expanduser().open("x", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except FileExistsError:
        raise CliError(f"{printable(str(output))} exists; choose another --output") from None
    except OSError as error:
        raise CliError(f"cannot write {printable(str(output))}: {error.strerror}") from None
    print(f"Wrote {plural(len(table.rows), 'row')} to {printable(str(output))}", file=sys.stderr)


def iso_prefix(value: str) -> str:
    """Parse ``--since``/``--until``: YYYY, YYYY-MM or YYYY-MM-DD."""
    if not _ISO_PREFIX.match(value):
        raise argparse.ArgumentTypeError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value}")
    return value


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the commands to the ``syria-reader`` parser."""
    json_object, json_list = json_option("print JSON"), json_option()
    quotes = add_command(
        subparsers,
        "quotes",
        run_quotes,
        parents=[common, json_object],
        help="quotations and who said them",
        description="List the quotations of one speaker (any name or alias), or every "
        "quotation with its speaker; 'unknown' where the text does not say who.",
    )
    quotes.add_argument("name", nargs="*", metavar="NAME", help="a speaker's name (default: all)")
    add_format_options(quotes)

    timeline = add_command(
        subparsers,
        "timeline",
        run_timeline,
        parents=[common, json_list],
        help="every resolved date, in date order",
        description="Every date the articles mention, resolved, in date order, with its "
        "sentence and precision (day, month, year, range).",
    )
    timeline.add_argument(
        "--entity", metavar="NAME", help="only dates in sentences that name this entity"
    )
    timeline.add_argument("--since", type=iso_prefix, metavar="D", help="from D (YYYY[-MM[-DD]])")
    timeline.add_argument("--until", type=iso_prefix, metavar="D", help="to D (YYYY[-MM[-DD]])")
    add_format_options(timeline)

    related = add_command(
        subparsers,
        "related",
        run_related,
        parents=[common, json_object],
        help="entities named in the same sentences as one",
        description="Entities named in the same sentences as NAME, ranked by log-likelihood "
        "(how much more often they meet than chance would have them, not just how often); "
        "with --with OTHER, the sentences that name both.",
    )
    related.add_argument("name", nargs="+", metavar="NAME", help="a name, alias or part of one")
    related.add_argument("--with", dest="other", metavar="OTHER", help="the sentences naming both")
    related.add_argument(
        "--limit", type=int, default=25, metavar="N", help="at most N entities (25)"
    )
    add_format_options(related)

    graph = add_command(
        subparsers,
        "graph",
        run_graph,
        parents=[common],
        help="the co-mention network, for Gephi or a spreadsheet",
        description="Write the network of entities named in the same sentences: GEXF or "
        "GraphML (Gephi, Cytoscape) or CSV (one row per pair).",
    )
    graph.add_argument(
        "--min",
        dest="minimum",
        type=int,
        default=1,
        metavar="N",
        help="only pairs named together in at least N sentences (1)",
    )
    graph.add_argument("--format", choices=("gexf", "graphml", "csv"), required=True)
    graph.add_argument("--output", metavar="FILE", type=Path, help="write to FILE, not stdout")


def run_quotes(args: argparse.Namespace) -> int:
    """``syria-reader quotes [NAME]``."""
    from syria_reader.index.listing import quotes_table

    name = " ".join(args.name)
    with open_index(args) as index:
        entity = resolve_entity(index, name) if name else None
        quotes = index.quotes(speaker_id=entity.id if entity else None)
    title = f"Quotes of {entity.name}" if entity else "Quotes"
    if args.json:
        print_json(
            {
                "entity": entity.to_json() if entity else None,
                "quotes": [q.to_json() for q in quotes],
            }
        )
    elif args.format:
        emit_table(quotes_table(title, quotes), args.format, args.output)
    if not quotes:
        who = f" of {printable(entity.name)}" if entity else ""
        return nothing_found(f"no quotes{who} found")
    if args.json or args.format:
        return 0
    if entity is not None:
        print(f"{one_line(entity.name)} ({entity.kind}): {plural(len(quotes), 'quote')}")
    current = None
    for q in quotes:
        if q.article_id != current:
            current = q.article_id
            print()
            date = f" {q.date}" if q.date else ""
            print(f"{one_line(q.title)}  [{one_line(q.article_id)}]{date}")
        speaker = q.speaker.name if q.speaker else "unknown"
        cue = f"  ({one_line(q.cue)})" if q.cue else ""
        print(f"  {q.start:>6}  {one_line(speaker)}: “{one_line(q.text)}”{cue}")
    return 0


def run_timeline(args: argparse.Namespace) -> int:
    """``syria-reader timeline``."""
    from syria_reader.index.listing import timeline_table

    with open_index(args) as index:
        entity = resolve_entity(index, args.entity) if args.entity else None
        entries = index.timeline(
            entity_id=entity.id if entity else None, since=args.since, until=args.until
        )
    title = "Timeline" + (f" of {entity.name}" if entity else "")
    if args.json:
        print_json([t.to_json() for t in entries])
    elif args.format:
        emit_table(timeline_table(title, entries), args.format, args.output)
    if not entries:
        return nothing_found(
            "no resolved dates" + (" there" if entity or args.since or args.until else "")
        )
    if args.json or args.format:
        return 0
    width = max(len(t.date + (f"..{t.until}" if t.until else "")) for t in entries)
    for t in entries:
        when = t.date + (f"..{t.until}" if t.until else "")
        context = one_line(t.context or t.text, 100)
        print(f"{when:<{width}}  {t.precision:<9} {one_line(t.article_id)}  {context}")
    return 0


def run_related(args: argparse.Namespace) -> int:
    """``syria-reader related NAME [--with OTHER]``."""
    from syria_reader.index.listing import related_table, sentences_table

    name = " ".join(args.name)
    with open_index(args) as index:
        entity = resolve_entity(index, name)
        if args.other:
            other = resolve_entity(index, args.other)
            sentences = index.together(entity.id, other.id)
        else:
            other = None
            related = index.related(entity.id, limit=max(1, args.limit))
    if other is not None:
        if not sentences and not args.json and not args.format:
            return nothing_found(
                f"no sentence names both {printable(entity.name)} and {printable(other.name)}"
            )
        if args.json:
            print_json(
                {
                    "entity": entity.to_json(),
                    "with": other.to_json(),
                    "sentences": [s.to_json() for s in sentences],
                }
            )
        elif args.format:
            title = f"{entity.name} with {other.name}"
            emit_table(sentences_table(title, sentences), args.format, args.output)
        else:
            print(
                f"{one_line(entity.name)} with {one_line(other.name)}: "
                f"{plural(len(sentences), 'sentence')}"
            )
            for s in sentences:
                print(f"  {one_line(s.article_id)} @{s.start}  {one_line(s.text)}")
        return 0 if sentences else NOTHING_FOUND
    if args.json:
        print_json({"entity": entity.to_json(), "related": [r.to_json() for r in related]})
    elif args.format:
        emit_table(related_table(f"Related to {entity.name}", related), args.format, args.output)
    if not related:
        return nothing_found(
            f"no entity is named with {printable(entity.name)} more than by chance"
        )
    if args.json or args.format:
        return 0
    print(f"Related to {one_line(entity.name)} ({entity.kind}): named in the same sentences")
    width = max((len(one_line(r.entity.name)) for r in related), default=4)
    for r in related:
        print(
            f"  {one_line(r.entity.name):<{width}}  {r.entity.kind:<6} {r.score:>8.2f}  "
            f"{plural(r.together, 'sentence')}"
        )
    return 0


def run_graph(args: argparse.Namespace) -> int:
    """``syria-reader graph --format gexf|graphml|csv``."""
    from syria_reader.index.graph import comention_graph, graph_bytes

    with open_index(args) as index:
        graph = comention_graph(index, max(1, args.minimum))
    data = graph_bytes(graph, args.format)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        with args.output.expanduser().open("xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise CliError(f"{printable(str(args.output))} exists; choose another --output") from None
    except OSError as error:
        raise CliError(f"cannot write {printable(str(args.output))}: {error.strerror}") from None
    print(
        f"Wrote {graph.number_of_nodes()} entities and {graph.number_of_edges()} pairs to "
        f"{printable(str(args.output))}",
        file=sys.stderr,
    )
    return 0
