"""``articles`` and ``show``: list a corpus's articles, print one cleaned article.

Both answer from the corpus's index when it is current (no cleaning, no NLP), and otherwise
read and clean the files themselves, so they never wait for an index build. Problems met
while reading (skipped files, fallback decodings, a broken corpus.toml) are printed to stderr
as warnings; the output itself goes to stdout.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Iterable

from syria_reader.commands.common import (
    CliError,
    add_command,
    corpus_root,
    json_option,
    nothing_found,
    print_json,
)
from syria_reader.models import ASIDE_KINDS, BODY_KINDS, Article
from syria_reader.safe_text import one_line, printable

#: How ``show --all`` marks what is not running text.
ASIDE_LABELS = {
    "caption": "[Caption]",
    "pullquote": "[Pull quote]",
    "footnote": "[Footnote]",
    "comment": "[Comment]",
}
COMMENTS_RULE = "── Reader comments (not part of the article) ──"


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``articles`` and ``show`` commands."""
    json_articles = json_option(
        "print a JSON list of {id, title, source, author, date, path, words, inferred, provenance}"
    )
    articles = add_command(
        subparsers,
        "articles",
        run_articles,
        parents=[common, json_articles],
        help="list the corpus's articles",
        description="List the articles of the corpus: id, date, source and title.",
    )
    articles.add_argument(
        "--source", metavar="NAME", help="only articles from this source (any case)"
    )
    articles.add_argument(
        "--since", metavar="DATE", help="only articles dated on or after DATE (2015, 2015-10...)"
    )
    articles.add_argument("--until", metavar="DATE", help="only articles dated on or before DATE")
    articles.add_argument(
        "--mentions",
        metavar="NAME",
        help="only articles that mention this entity (any of its names; builds the index)",
    )

    show = add_command(
        subparsers,
        "show",
        run_show,
        parents=[common],
        help="print one cleaned article",
        description=(
            "Print one cleaned article: a header (title, then source, author and date), then "
            "one paragraph per line, a blank line between paragraphs (wrapped to the terminal's "
            "width on a terminal). Captions, pull quotes and reader comments are left out "
            "unless --all is given."
        ),
    )
    show.add_argument(
        "id",
        metavar="ID",
        help="the article's id (see `syria-reader articles`), or a unique prefix",
    )
    show.add_argument(
        "--all",
        action="store_true",
        help="also print captions, pull quotes and reader comments, marked",
    )
    show.add_argument(
        "--body-only",
        action="store_true",
        help="no header: only the article's text (its title too when the text begins with it)",
    )


def _articles(args: argparse.Namespace) -> list[Article]:
    """The corpus's articles: from its index when that is current, else cleaned from the files."""
    from syria_reader.index.build import index_status
    from syria_reader.index.query import Index, IndexUnavailable

    root = corpus_root(args)
    status = index_status(root, args.settings)
    if status.state == "current":
        try:
            with Index(status.path) as index:
                problems = index.info().problems
                articles = [index.article(row.id) for row in index.articles()]
            _warn(problems)
            return [article for article in articles if article is not None]
        except IndexUnavailable:
            pass  # unreadable after all: the files themselves still are
    from syria_reader.corpus.load import load_corpus  # the cleaner is slow to import

    loaded = load_corpus(root, args.settings.max_article_bytes)
    _warn(loaded.problems)
    return loaded.articles


def _warn(problems: Iterable[str]) -> None:
    for problem in problems:
        print(f"syria-reader: warning: {problem}", file=sys.stderr)


def article_json(article: Article) -> dict[str, object]:
    """The object ``articles --json`` prints for one article."""
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "author": article.author,
        "date": article.date,
        "path": article.path,
        "words": article.words,
        # Fields the program read from the text by rule, not stated by anyone.
        "inferred": [
            name for name in ("title", "source", "author", "date") if article.inferred(name)
        ],
        "provenance": {
            name: {"how": o.how, "evidence": o.evidence, "inferred": o.inferred}
            for name, o in sorted(article.provenance.items())
        },
    }


def _filtered(args: argparse.Namespace, articles: list[Article]) -> list[Article]:
    """The articles ``--source``, ``--since``, ``--until`` and ``--mentions`` keep."""
    from syria_reader.index.article_filter import (
        ArticleFilter,
        FilterError,
        check_date,
        keeps,
        mentioning_articles,
    )

    try:
        since = check_date(args.since, "--since") if args.since else None
        until = check_date(args.until, "--until") if args.until else None
    except FilterError as error:
        raise CliError(str(error)) from error
    chosen = ArticleFilter(source=args.source, since=since, until=until)
    mentioning: set[str] | None = None
    if args.mentions:
        from syria_reader.commands.common import open_index

        with open_index(args) as index:
            matches = index.find_entities(args.mentions, limit=1)
            if not matches:
                raise CliError(f"no entity matches '{printable(args.mentions)}'")
            entity = matches[0].entity
            mentioning = mentioning_articles(index, entity.id)
        print(
            f"syria-reader: articles that mention {printable(entity.name)} ({entity.kind})",
            file=sys.stderr,
        )
        chosen = ArticleFilter(source=chosen.source, since=since, until=until, entity_id=entity.id)
    if not chosen.active:
        return articles
    return [a for a in articles if keeps(a, chosen, mentioning)]


def run_articles(args: argparse.Namespace) -> int:
    """List the articles as a table, or as JSON with ``--json``."""
    every = _articles(args)
    articles = _filtered(args, every)
    if args.json:
        print_json([article_json(article) for article in articles])
    if not articles:
        if every:
            return nothing_found(f"none of the {len(every)} articles matches the filter")
        return nothing_found(f"no articles in {printable(str(corpus_root(args)))}")
    if args.json:
        return 0
    rows = [(a.id, _date_cell(a), a.source or "-", a.title) for a in articles]
    headers = ("ID", "DATE", "SOURCE", "TITLE")
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(3)]
    widths[2] = min(widths[2], 30)
    limit = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    for row in [headers, *rows]:
        source = row[2] if len(row[2]) <= widths[2] else row[2][: widths[2] - 1] + "…"
        line = f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {source:<{widths[2]}}  {row[3]}"
        if limit and len(line) > limit:
            line = line[: max(limit - 1, 0)] + "…"
        print(line)
    if sys.stdout.isatty() and any(a.date and a.inferred("date") for a in articles):
        print("~ date inferred from the text (its evidence: syria-reader articles --json)")
    return 0


def _date_cell(article: Article) -> str:
    """The date column: "-" when unknown, "~" before a date inferred from the text."""
    if not article.date:
        return "-"
    return f"~{article.date}" if article.inferred("date") else article.date


def find_article(articles: list[Article], wanted: str) -> Article:
    """The article with id ``wanted``, else the one a prefix names; else a CliError with hints.

    A prefix names an article when it is the only id starting with it, or when every id
    starting with it extends that article's id (a file's first article before its ".2").
    """
    by_id = {article.id: article for article in articles}
    if wanted in by_id:
        return by_id[wanted]
    prefixed = [article for article in articles if article.id.startswith(wanted)]
    if len(prefixed) == 1:
        return prefixed[0]
    shortest = min(prefixed, key=lambda article: len(article.id), default=None)
    if shortest and all(article.id.startswith(shortest.id) for article in prefixed):
        return shortest  # "000" is the file's first article, not its ".2"
    if prefixed:
        names = ", ".join(article.id for article in prefixed[:6])
        raise CliError(f"'{wanted}' matches several articles: {names}")
    from rapidfuzz import fuzz, process

    close = process.extract(wanted, list(by_id), scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    hint = f"; did you mean {', '.join(name for name, _, _ in close)}?" if close else ""
    raise CliError(f"no article with id '{wanted}'{hint} (see `syria-reader articles`)")


def byline(article: Article) -> str:
    """Source, author and date on one line ("The Arab Weekly · by Jane Smith · 2015-10-30"),
    or a note that the article gives none of them."""
    date = article.date or ""
    origin = article.provenance.get("date")
    if date and origin is not None and origin.inferred:
        date = f"{date} (inferred from the {origin.how})"
    parts = [
        article.source or "",
        f"by {article.author}" if article.author else "",
        date,
    ]
    return " \u00b7 ".join(part for part in parts if part) or "(no source, author or date)"


def render_article(
    article: Article,
    *,
    include_all: bool = False,
    width: int | None = None,
    header: bool = False,
) -> str:
    """The text ``show`` prints: with ``header``, the title and byline first (and the text's
    own title block left out), then paragraphs one per line (wrapped to ``width`` if given)."""
    lines: list[str] = []
    if header:
        lines.append(f"{one_line(article.title) or '(untitled)'}\n{one_line(byline(article))}")
    comments_started = False
    for block in article.blocks:
        text = article.block_text(block)
        if header and block.kind == "title":
            continue
        if block.kind in BODY_KINDS:
            pass
        elif not include_all:
            continue
        elif block.kind in ASIDE_KINDS:
            text = f"{ASIDE_LABELS[block.kind]} {text}"
        else:
            if not comments_started:
                lines.append(COMMENTS_RULE)
                comments_started = True
            text = f"{ASIDE_LABELS['comment']} {text}"
        if width:
            text = "\n".join(
                textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
            )
        lines.append(text)
    return "\n\n".join(lines)


def run_show(args: argparse.Namespace) -> int:
    """Print one article's body (and with ``--all`` its asides and comments)."""
    article = find_article(_articles(args), args.id)
    width = shutil.get_terminal_size().columns - 1 if sys.stdout.isatty() else None
    text = render_article(article, include_all=args.all, width=width, header=not args.body_only)
    print(text)
    return 0
