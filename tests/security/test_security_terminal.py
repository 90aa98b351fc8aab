"""One terminal-safety rule at the output boundary: every command, run over a corpus whose file
names and notes hold every class of control character, prints none of them raw."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from syria_reader import cli
from syria_reader.index.build import build_index
from syria_reader.index.query import Index
from syria_reader.notes.anchors import capture
from syria_reader.notes.store import NotesStore
from syria_reader.safe_text import (
    BOLD,
    EMPHASIS,
    PLAIN,
    json_text,
    one_line,
    printable,
    terminal_text,
)

#: One of each class: ESC (an OSC title change, a CSI screen clear), BEL, C1 CSI, DEL,
#: a bidi override and an isolate, a zero-width space, carriage return and backspace.
HOSTILE = ["\x1b]0;owned\x07", "\x1b[2J", "\x07", "\x9b31m", "\x7f", "\u202e", "\u2066", "\u200b"]
HOSTILE += ["\r", "\x08"]
#: What must never reach a terminal raw (newline and tab are fine).
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
_OUR_STYLES = re.compile(r"\x1b\[(?:1|1;4|0)m")

ARTICLE = (
    "Talks in Geneva{h}\n\n"
    "GENEVA, March 3 2016 - Sergei Lavrov{h} met John Kerry in Geneva on Thursday to shore up "
    "the ceasefire in Syria. Daesh fighters were not covered by the truce, officials said. "
    "Nearly 1,000 air strikes hit Raqqa last month.\n"
)


def _hostile_corpus(root: Path) -> Path:
    corpus = root / "hostile"
    corpus.mkdir()
    for n, bad in enumerate(HOSTILE):
        (corpus / f"a{n}{bad}name.txt").write_text(ARTICLE.format(h=bad), encoding="utf-8")
    (corpus / "binary\x1b[31m.txt").write_bytes(b"\x00\x01\x02" * 100)  # a warning naming it
    return corpus


@pytest.fixture
def hostile(tmp_path: Path, isolated_user_dirs: Path) -> dict[str, object]:
    """A built hostile corpus with a hostile note and bookmark, and an export file."""
    config = isolated_user_dirs / "xdg_config_home" / "syria-reader"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('model = "no-such-model"\n', encoding="utf-8")
    corpus = _hostile_corpus(tmp_path)
    from syria_reader.config import load_settings

    report = build_index(corpus, load_settings())
    with Index(report.path) as index:
        ids = [row.id for row in index.articles()]
        article = index.article(ids[0])
    assert article is not None
    with NotesStore() as store:
        note = store.add_note(capture(article, 0, 20), "Check " + "".join(HOSTILE) + " this")
        store.add_bookmark(capture(article, 30, 60))
        store.delete_note(store.add_note(capture(article, 10, 30), "gone\x1b[2J").id)
        export = {"notes": [], "bookmarks": []}
    export_file = tmp_path / "export\x1b[31m.json"
    export_file.write_text(json.dumps(export), encoding="utf-8")
    return {"corpus": corpus, "ids": ids, "note": note.id, "export": export_file}


def _commands() -> set[str]:
    """Every command and notes action the CLI offers."""
    parser = cli.build_parser()
    commands: set[str] = set()
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        for name, sub in action.choices.items():
            nested = [a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"]
            if nested:
                commands |= {f"{name} {inner}" for inner in nested[0].choices}
            else:
                commands.add(name)
    return commands


def _invocations(h: dict[str, object]) -> dict[str, list[list[str]]]:
    ids = h["ids"]
    assert isinstance(ids, list)
    return {
        "articles": [
            [],
            ["--json"],
            ["--source", "x\x1b[2J"],
            ["--mentions", "nobody\x1b]0;x\x07"],
            ["--since", "2015\x07"],
        ],
        "meta show": [[ids[0]], [ids[1], "--json"], ["nothing\x1b[2J"]],
        "meta set": [
            [ids[0], "--source", "Eye\x1b]0;owned\x07", "--author", "A\u202eB"],
            [ids[1], "--date", "2015\x9b31m"],
        ],
        "meta export": [["--output", "-"], ["--all", "--output", "-"]],
        "show": [[ids[0]], [ids[1], "--all"], ["a1"], ["nothing\x1b[2J"]],
        "index": [[], ["--rebuild"]],
        "entities": [[], ["--json"]],
        "mentions": [["Lavrov"], ["Lavrov", "--json", "--all"], ["nobody\x1b]0;x\x07"]],
        "explain": [["Lavrov"], ["Lavrov", "--json"], ["nobody\x1b]0;x\x07"]],
        "dates": [[], ["--json"]],
        "figures": [[], ["--json"]],
        "search": [["Geneva"], ["Geneva", "--json"], ["\x1b[2J"]],
        "quotes": [[], ["--json"], ["Lavrov", "--format", "md"]],
        "timeline": [[], ["--json"], ["--format", "csv"]],
        "related": [["Lavrov"], ["Lavrov", "--json"], ["nobody\x1b[2J"]],
        "graph": [["--format", "gexf"], ["--format", "graphml"], ["--format", "csv"]],
        "notes export": [[], ["--format", "json"], ["--format", "md"]],
        "notes import": [[str(h["export"])], [str(h["export"]) + "\x07missing"]],
        "notes trash": [[]],
        "notes restore": [["no-such\x9bid"]],
        "notes init": [[]],
        "curate merge": [["Lavrov\x1b[2J", "Kerry"], ["Sergei Lavrov", "Kerry", "--as", "X\x07"]],
        "curate split": [["Sergei Lavrov", "Lavrov\x9b"], ["Sergei Lavrov", "Lavrov"]],
        "curate rename": [["John Kerry", "J\x1b]0;x\x07 Kerry"]],
        "curate kind": [["Geneva", "place"], ["Geneva", "\x1b[2J"]],
        "curate hide": [["Daesh\u202e"], ["Geneva", "--mention", "a1\x1b:3"]],
        "curate alias": [["Geneva", "Gen\u200beva\x07"]],
        "curate unlinked": [[], ["--json"], ["--accept", "all"], ["nobody\x1b[2J"]],
        "curate list": [[], ["--json"]],
        "curate undo": [[]],
        "curate redo": [[]],
    }


def test_every_command_is_run_by_this_test(hostile) -> None:
    assert set(_invocations(hostile)) == _commands()


def test_no_command_prints_a_raw_control_character(
    hostile, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = str(hostile["corpus"])
    for command, runs in _invocations(hostile).items():
        for extra in runs:
            argv = [*command.split(), "--corpus", corpus, *extra]
            with contextlib.suppress(SystemExit):  # argparse's errors pass the same boundary
                cli.main(argv)
            out, err = capsys.readouterr()
            for name, stream in (("stdout", out), ("stderr", err)):
                bad = RAW_CONTROL.search(stream)
                assert bad is None, f"{argv!r} {name}: raw {bad.group()!r} in {stream[:400]!r}"


def test_the_real_process_streams_carry_no_raw_control_byte(hostile) -> None:
    corpus = str(hostile["corpus"])
    for argv in (["articles"], ["show", "a1"], ["notes", "export", "--format", "json"]):
        done = subprocess.run(
            [sys.executable, "-m", "syria_reader", *argv, "--corpus", corpus],
            capture_output=True,
            check=False,
        )
        for stream in (done.stdout, done.stderr):
            text = stream.decode("utf-8")
            assert RAW_CONTROL.search(text) is None, (argv, text[:400])
        assert b"\\u001b" in done.stdout + done.stderr  # the names are shown, escaped


# -- properties of the rule ----------------------------------------------------------------------

_any_text = st.text(st.characters(codec="utf-8"), max_size=80)
_nasty = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from([*"".join(HOSTILE), BOLD, EMPHASIS, PLAIN, "\ufdd7", "\n", "\t"]),
    ),
    max_size=80,
)


@given(_nasty)
def test_terminal_text_leaves_no_control_but_our_own_styles(text: str) -> None:
    out = terminal_text(text)
    assert RAW_CONTROL.search(_OUR_STYLES.sub("", out)) is None


@given(_nasty)
def test_untrusted_text_made_printable_carries_no_style_mark(text: str) -> None:
    for safe in (printable(text), one_line(text)):
        assert not any(mark in safe for mark in (BOLD, EMPHASIS, PLAIN))
        assert terminal_text(safe) == safe  # nothing left to escape
        assert RAW_CONTROL.search(safe) is None


@given(_any_text)
def test_safe_text_passes_the_rule_unchanged(text: str) -> None:
    safe = printable(text)
    assert terminal_text(safe) == safe
    assert terminal_text("a\nb\tc" + safe) == "a\nb\tc" + safe


@given(st.recursive(_nasty, lambda inner: st.lists(inner) | st.dictionaries(_nasty, inner)))
def test_json_escapes_every_control_and_round_trips(data: object) -> None:
    text = json_text(data)
    assert RAW_CONTROL.search(text.replace("\n", "")) is None
    assert json.loads(text) == data
    assert terminal_text(text) == text  # JSON passes the boundary untouched
