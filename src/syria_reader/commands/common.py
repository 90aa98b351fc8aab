"""What every subcommand shares: the ``--corpus`` option, errors, JSON output, opening the index."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from syria_reader import paths
from syria_reader.safe_text import json_text

if TYPE_CHECKING:
    from syria_reader.index.query import Index


class CliError(Exception):
    """A failure to report to the user as one line on stderr, with an exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


#: The exit status of a command that ran but found nothing (no match, an empty listing), the
#: same for every command, as grep does: 0 found something, 1 found nothing, 2 usage errors.
NOTHING_FOUND = 1


def nothing_found(message: str) -> int:
    """Say on stderr that nothing was found, and give the status to exit with."""
    print(f"syria-reader: {message}", file=sys.stderr)
    return NOTHING_FOUND


def corpus_argument(value: str) -> Path:
    """Parse ``--corpus``: a folder that must exist (an article file stands for its folder)."""
    path = Path(value).expanduser()
    if not path.exists():
        raise argparse.ArgumentTypeError(f"no such file or folder: {value}")
    try:
        return corpus_folder(path)
    except CliError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def corpus_folder(path: Path) -> Path:
    """The corpus folder a path names: a folder itself; for an article file, its folder (said
    on stderr); any other file (``corpus.toml``, a PDF...) is a CliError saying what to give."""
    from syria_reader.corpus.sources import ARTICLE_SUFFIXES
    from syria_reader.safe_text import printable

    if not path.is_file():
        return path
    folder = path.parent
    shown, shown_folder = printable(str(path)), printable(str(folder) or ".")
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        print(
            f"syria-reader: {shown} is an article file: opening its folder {shown_folder}",
            file=sys.stderr,
        )
        return folder
    what = "the folder's metadata" if path.name == "corpus.toml" else "not an article file"
    raise CliError(
        f"{shown} is a file ({what}); --corpus takes the folder of articles, e.g. {shown_folder}",
        status=2,
    )


def common_options() -> argparse.ArgumentParser:
    """A parent parser with the options every command takes."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument(
        "--corpus",
        metavar="PATH",
        type=corpus_argument,
        # Suppressed so `--corpus X` before the subcommand is not reset by the subparser.
        default=argparse.SUPPRESS,
        help="folder of articles (searched recursively; an article file opens its folder); "
        "default: the config's corpus, else the bundled seeds",
    )
    return parser


def json_option(help: str = "print a JSON list") -> argparse.ArgumentParser:
    """A parent parser with ``--json``, for the commands whose output scripts may read."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--json", action="store_true", help=help)
    return parser


#: What runs a subcommand: its parsed arguments in, the exit status out.
Handler = Callable[[argparse.Namespace], int]


def add_command(
    subparsers: argparse._SubParsersAction,
    name: str,
    handler: Handler,
    *,
    parents: Sequence[argparse.ArgumentParser],
    help: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """Add a subcommand with the options of ``parents`` that runs ``handler``; its own options
    are added to the parser returned."""
    parser = subparsers.add_parser(name, parents=list(parents), help=help, description=description)
    parser.set_defaults(handler=handler)
    return parser


def corpus_root(args: argparse.Namespace) -> Path:
    """The corpus a command works on: ``--corpus``, the config's corpus, or the bundled seeds."""
    return Path(args.corpus) if getattr(args, "corpus", None) else paths.bundled_seeds()


def print_json(data: Any) -> None:
    """Print data as indented UTF-8 JSON with every terminal-active character escaped."""
    sys.stdout.write(json_text(data) + "\n")


def open_index(args: argparse.Namespace) -> Index:
    """Open the corpus's index for reading, building or refreshing it first if needed."""
    from syria_reader.index.build import CacheUnwritable, ensure_index_anywhere
    from syria_reader.index.query import Index

    def warn(message: str) -> None:
        print(f"syria-reader: warning: {message}", file=sys.stderr)

    try:
        # The notice that a build is needed (and why) goes to stderr however it is attached;
        # the progress bar only to a terminal.
        index_path = ensure_index_anywhere(
            corpus_root(args),
            args.settings,
            warn=warn,
            progress=True,
            workers=args.settings.workers,
        )
    except CacheUnwritable as error:
        raise CliError(f"{error}; free some space or set XDG_CACHE_HOME") from None
    index = Index(index_path)
    for message in index.build_warnings():
        warn(message)
    return index
