"""Turn the lines of a text file into paragraphs: unwrap hard-wrapped text, rejoin split words.

Text comes in two shapes. Web copies hold one paragraph per line; every line is a block.
Text taken from a PDF or a mail is hard-wrapped: lines of a column's width, words hyphenated
at line ends, and (from PDFs) blank lines wherever a column or page broke, even inside a
sentence ("the belea-" / blank / "guered regime"). For wrapped text each line break is
judged on its own evidence:

- a hyphen at the end of a line before a lower-case word: a split word or a compound, as
  :mod:`syria_reader.corpus.hyphenation` decides, blank lines between or not;
- a lower-case start after a line that does not end a sentence: the sentence goes on;
- PDF text often ends every wrapped line with a space and every paragraph without one;
  where most lines do, that is the signal;
- a line indented when the page's lines are not starts a new text frame (a caption, a pull
  quote, the next article), as does a line much wider than the page's column;
- else a short line ending a sentence ends its paragraph.

A drop capital split from its word ("I" / blank / "n one of") is rejoined ("In one of") in
either shape, and the block records that it began with one: a drop capital marks the start
of an article.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from syria_reader.corpus.hyphenation import (
    document_vocabulary,
    first_piece,
    keeps_hyphen,
    last_piece,
)

#: A sentence (or quoted sentence) ends here: final punctuation, then closing quotes/brackets.
_TERMINAL = re.compile(r"[.!?…](?:[\"'”’»)\]]*)$")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")  # a letter, then the hyphen, at the end of a line


@dataclass(frozen=True)
class RawBlock:
    """A paragraph-sized run of text, with what its layout says about it."""

    text: str
    lines: int  # how many source lines it was made of
    frame: bool = False  # starts with an indented line in a page whose lines are not indented
    wide: bool = False  # has a line much wider than the page's column (another frame)
    dropcap: bool = False  # began with a drop capital split from its word


@dataclass(frozen=True)
class _Line:
    text: str
    indented: bool
    trailing_space: bool
    blanks_before: int


@dataclass(frozen=True)
class _Style:
    wrapped: bool
    trailing_space: bool
    frames: bool
    width: float


def ends_sentence(text: str) -> bool:
    """Whether text ends with sentence-final punctuation (closing quotes allowed after it)."""
    return bool(_TERMINAL.search(text))


def normalise_spaces(text: str) -> str:
    """Collapse runs of spaces, tabs and other Unicode spaces into one space; strip the ends."""
    return _SPACES.sub(" ", text).strip()


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    blanks = 0
    for raw in text.split("\n"):
        stripped = normalise_spaces(raw)
        if not stripped:
            blanks += 1
            continue
        lines.append(
            _Line(
                text=stripped,
                indented=raw[:1].isspace(),
                trailing_space=raw[-1:].isspace(),
                blanks_before=blanks if lines else 0,
            )
        )
        blanks = 0
    return lines


def _style(lines: list[_Line]) -> _Style:
    pairs = [(a, b) for a, b in itertools.pairwise(lines) if b.blanks_before == 0]
    if len(pairs) < 3:
        return _Style(False, False, False, 0.0)
    short = sum(len(line.text) <= 100 for line in lines) / len(lines)
    open_ended = sum(not ends_sentence(a.text) for a, _ in pairs) / len(pairs)
    wrapped = short >= 0.75 and open_ended >= 0.5
    if not wrapped:
        return _Style(False, False, False, 0.0)
    plain = [a for a, _ in pairs if not a.text.endswith("-")]
    trailing = bool(plain) and sum(a.trailing_space for a in plain) / len(plain) >= 0.6
    frames = sum(line.indented for line in lines) / len(lines) < 0.3
    width = statistics.median(len(a.text) for a, _ in pairs)
    return _Style(True, trailing, frames, float(width))


def _is_dropcap(letter: _Line, following: _Line, first: bool) -> bool:
    """A capital letter alone on its line, split from the rest of its word on the next."""
    if len(letter.text) != 1 or not letter.text.isalpha() or not letter.text.isupper():
        return False
    if not following.text[:1].islower():
        return False
    if not (first or following.blanks_before or letter.indented or letter.trailing_space):
        return False
    if letter.text in "AI":  # words on their own: "A" + "new" is not "Anew"
        # wordfreq loads its word lists on import (a tenth of a second and more): only here.
        from wordfreq import zipf_frequency

        rest = first_piece(following.text)
        return zipf_frequency((letter.text + rest).lower(), "en") >= zipf_frequency(
            rest.lower(), "en"
        )
    return True


def paragraphs(text: str) -> list[RawBlock]:
    """Split text into paragraph blocks, unwrapping lines and rejoining split words."""
    lines = _lines(text)
    if not lines:
        return []
    style = _style(lines)
    hyphenated, words = document_vocabulary(text) if style.wrapped else (frozenset(), frozenset())
    blocks: list[RawBlock] = []
    current: list[str] = []  # pieces of the block being built
    count = 0
    frame = wide = dropcap = False

    def flush() -> None:
        nonlocal current, count, frame, wide, dropcap
        if current:
            blocks.append(RawBlock("".join(current), count, frame, wide, dropcap))
        current, count, frame, wide, dropcap = [], 0, False, False, False

    def is_wide(line: _Line) -> bool:
        return style.wrapped and len(line.text) > 1.4 * style.width + 10

    dropcaps = {
        index
        for index, (letter, following) in enumerate(itertools.pairwise(lines))
        if _is_dropcap(letter, following, first=index == 0)
    }
    for index, line in enumerate(lines):
        if index == 0 or index in dropcaps:
            joint = "break"
        elif index - 1 in dropcaps:
            joint = "glue"
        else:
            joint = _joint(lines[index - 1], line, style)
        if joint == "break":
            flush()
            frame = style.frames and line.indented
            dropcap = index in dropcaps
            current = [line.text]
        elif joint == "glue":
            current.append(line.text)
        elif joint == "hyphen":
            left = last_piece(current[-1][:-1])
            right = first_piece(line.text)
            if keeps_hyphen(left, right, hyphenated, words):
                current.append(line.text)
            else:
                current[-1] = current[-1][:-1]
                current.append(line.text)
        else:
            current.append(" " + line.text)
        count += 1
        wide = wide or is_wide(line)
    flush()
    return blocks


def _joint(a: _Line, b: _Line, style: _Style) -> str:
    """How line ``a`` continues into line ``b``: "break", "space", "hyphen" (or "glue")."""
    if not style.wrapped:
        return "break"
    starts_lower = b.text[:1].islower()
    if starts_lower and _HYPHEN_END.search(a.text) and b.blanks_before <= 2:
        return "hyphen"
    if starts_lower and not ends_sentence(a.text) and b.blanks_before <= 2:
        return "space"
    if style.frames and b.indented:
        return "break"
    if len(b.text) > 1.4 * style.width + 10 and len(a.text) <= 1.4 * style.width + 10:
        return "break"  # a line from a wider frame: a caption under a photo, say
    if style.trailing_space:
        if not a.trailing_space:
            return "break"
        if b.blanks_before == 0:
            return "space"
        return "break" if ends_sentence(a.text) else "space"
    if b.blanks_before:
        return "break"
    if (ends_sentence(a.text) or a.text.endswith(":")) and len(a.text) < 0.7 * style.width:
        return "break"
    return "space"
