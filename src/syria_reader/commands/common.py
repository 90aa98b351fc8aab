"""What every subcommand shares: the ``--corpus`` option, errors, JSON output, opening the index."""

from __future__ import annotations

import argparse
import sys
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


def corpus_argument(value: str) -> Path:
    """Parse ``--corpus``: a file or folder that must exist."""
    path = Path(value).expanduser()
    if not path.exists():
        raise argparse.ArgumentTypeError(f"no such file or folder: {value}")
    return path


def common_options() -> argparse.ArgumentParser:
    """A parent parser with the options every command takes."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument(
        "--corpus",
        metavar="PATH",
        type=corpus_argument,
        # Suppressed so `--corpus X` before the subcommand is not reset by the subparser.
        default=argparse.SUPPRESS,
        help="folder (searched recursively) or file of articles; default: the config's corpus, "
        "else the bundled seeds",
    )
    return parser


def corpus_root(args: argparse.Namespace) -> Path:
    """The corpus a command works on: ``--corpus``, the config's corpus, or the bundled seeds."""
    return Path(args.corpus) if getattr(args, "corpus", None) else paths.bundled_seeds()


def print_json(data: Any) -> None:
    """Print data as indented UTF-8 JSON with every terminal-active character escaped."""
    sys.stdout.write(json_text(data) + "\n")


def open_index(args: argparse.Namespace) -> Index:
    """Open the corpus's index for reading, building or refreshing it first if needed."""
    from syria_reader.index.build import ensure_index
    from syria_reader.index.query import Index

    index_path = ensure_index(corpus_root(args), args.settings, progress=sys.stderr.isatty())
    return Index(index_path)
