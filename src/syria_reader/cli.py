"""The ``syria-reader`` command: with no subcommand it opens the reader, else it runs one command.

Each group of subcommands lives in its own module under ``commands/`` and registers itself
here; heavy imports (spaCy, Textual) happen inside the command that needs them, so
``--help`` and warm queries stay fast.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence

from syria_reader import __version__
from syria_reader.commands import (
    corpus_commands,
    curate_commands,
    explain_command,
    index_commands,
    insight_commands,
    meta_commands,
    notes_commands,
)
from syria_reader.commands.common import CliError, common_options, corpus_folder
from syria_reader.config import load_settings
from syria_reader.index.codec import reraise_interrupt
from syria_reader.safe_text import raw_output, safe_output


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, subcommands included."""
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="syria-reader",
        description=(
            "A keyboard-driven terminal reader for news sources with a linked entity sidebar. "
            "With no command, opens the reader on the corpus (default: the bundled seeds)."
        ),
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"syria-reader {__version__}")
    parser.add_argument("--theme", metavar="NAME", help="theme to open the reader with")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    corpus_commands.register(subparsers, common)
    index_commands.register(subparsers, common)
    explain_command.register(subparsers, common)
    insight_commands.register(subparsers, common)
    notes_commands.register(subparsers, common)
    curate_commands.register(subparsers, common)
    meta_commands.register(subparsers, common)
    return parser


def _run_reader(args: argparse.Namespace) -> int:
    from syria_reader.ui.app import run_reader

    with raw_output():  # Textual draws on the real streams; the reader keeps text safe itself
        return run_reader(corpus=args.corpus, theme=args.theme)


def _drop_damaged_index(args: argparse.Namespace, error: sqlite3.DatabaseError) -> bool:
    """Remove the corpus's index if it is damaged (it is disposable), saying so; whether it was."""
    from syria_reader.commands.common import corpus_root
    from syria_reader.index.check import index_problems
    from syria_reader.index.freshness import index_path_for

    if getattr(args, "handler", None) is None:
        return False
    try:
        path = index_path_for(corpus_root(args))
    except OSError:
        return False
    damage = index_problems(path, thorough=True)
    if not damage:
        return False
    print(
        f"syria-reader: warning: the index was damaged ({damage[0]}); rebuilding it",
        file=sys.stderr,
    )
    path.unlink(missing_ok=True)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status.

    Everything a command prints passes the one terminal-safety rule (``safe_text``).
    """
    with safe_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = load_settings()
    for problem in settings.problems:
        print(f"syria-reader: warning: {problem}", file=sys.stderr)
    args.settings = settings
    handler = getattr(args, "handler", _run_reader)
    try:
        if getattr(args, "corpus", None) is None:
            args.corpus = corpus_folder(settings.corpus) if settings.corpus else None
        try:
            return int(handler(args) or 0)
        except sqlite3.DatabaseError as error:
            reraise_interrupt()
            if not _drop_damaged_index(args, error):
                raise
            return int(handler(args) or 0)  # once more, on an index rebuilt from the files
    except sqlite3.DatabaseError as error:
        reraise_interrupt()
        print(
            f"syria-reader: the index could not be read ({error}); rebuild it with: "
            "syria-reader index --rebuild",
            file=sys.stderr,
        )
        return 1
    except CliError as error:
        print(f"syria-reader: {error}", file=sys.stderr)
        return error.status
    except KeyboardInterrupt:
        print("syria-reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error for the user.
        sys.stderr.close()
        return 0
