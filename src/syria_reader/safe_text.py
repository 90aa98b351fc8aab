"""Untrusted text made safe to show: nothing in it can move the cursor, change colours, or
hide or reorder what is shown.

Articles are sanitised once, when they are loaded (``corpus.sanitise``); these helpers guard
everything shown later, wherever it came from: paths, names, snippets, notes.

The one rule at the output boundary: :func:`terminal_text` writes every control, escape, bidi
or invisible character as ``\\uXXXX`` (newline and tab pass). :func:`safe_output` puts
:class:`SafeStream` in front of stdout and stderr for a whole command, so whatever a command
prints (tables, warnings, errors, JSON, argparse's messages, a traceback) passes the rule, and
a new command cannot forget it. The escapes are valid inside JSON strings too. Only
:func:`write_control` (the progress bar's own redraw codes) goes around it.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, TextIO

# Zero-width characters and direction marks, line and paragraph separators, bidi embeddings,
# overrides and isolates, the BOM, and the noncharacters U+FDD0-U+FDEF (three of which are
# the style marks below: never taken from untrusted text).
_INVISIBLE = "\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufdd0-\ufdef"

#: Style marks a command may put around its own words (bold, bold and underlined, plain
#: again); the output boundary turns them into terminal codes. Untrusted text never carries
#: them: :func:`printable` and :func:`one_line` remove them.
BOLD, EMPHASIS, PLAIN = "\ufdd0", "\ufdd1", "\ufdd2"
_STYLE_CODES = {BOLD: "\x1b[1m", EMPHASIS: "\x1b[1;4m", PLAIN: "\x1b[0m"}
#: C0 and C1 controls (ESC among them), DEL, and the invisible characters above.
UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
# What json.dumps leaves raw: it escapes C0 controls itself (and emits newlines for indenting).
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_INVISIBLE}]")


def printable(text: str) -> str:
    """``text`` with every control, escape, bidi or invisible character replaced by a space."""
    return UNSAFE.sub(" ", text)


def printable_lines(text: str) -> str:
    """``text`` printable line by line: its line breaks kept, the rest as :func:`printable`."""
    return "\n".join(printable(line) for line in text.split("\n"))


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` printable, on one line, runs of space collapsed; cut with "…" past ``limit``."""
    flat = " ".join(printable(text).split())
    if limit is None or len(flat) <= limit:
        return flat
    return flat[: limit - 1].rstrip() + "…"


def json_text(data: Any) -> str:
    """Indented UTF-8 JSON with every character a terminal would act on escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# What reaches the terminal: every unsafe character but newline, tab and the style marks.
_UNSAFE_ON_TERMINAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + _INVISIBLE.replace(BOLD + "-", "\ufdd3-") + "]"
)
_MARKS = re.compile(f"[{BOLD}{EMPHASIS}{PLAIN}]")


def terminal_text(text: str) -> str:
    """``text`` with every character a terminal would act on written as ``\\uXXXX``, and the
    style marks made terminal codes."""
    escaped = _UNSAFE_ON_TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _MARKS.sub(lambda m: _STYLE_CODES[m.group()], escaped)


class SafeStream(io.TextIOBase):
    """A text stream that writes through :func:`terminal_text` to the stream it wraps."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        """Write ``text`` with its unsafe characters escaped; returns ``len(text)``."""
        self.inner.write(terminal_text(text))
        return len(text)

    def flush(self) -> None:
        """Flush the wrapped stream."""
        self.inner.flush()

    def isatty(self) -> bool:
        """Whether the wrapped stream is a terminal."""
        return self.inner.isatty()

    def fileno(self) -> int:
        """The wrapped stream's file descriptor."""
        return self.inner.fileno()

    def writable(self) -> bool:
        """Always: this is an output stream."""
        return True

    def close(self) -> None:
        """Close the wrapped stream too (asked for explicitly, not when this is collected)."""
        super().close()
        self.inner.close()

    def __del__(self) -> None:
        """Collected: leave the wrapped stream open."""

    @property
    def buffer(self) -> _SafeBuffer:
        """Bytes written here are read as UTF-8 and pass the same rule."""
        return _SafeBuffer(self)

    @property
    def encoding(self) -> str:  # type: ignore[override]  # TextIOWrapper's is a plain attribute
        """The wrapped stream's encoding."""
        return getattr(self.inner, "encoding", "utf-8")


class _SafeBuffer(io.RawIOBase):
    """The binary side of a :class:`SafeStream` (a command writing encoded bytes)."""

    def __init__(self, stream: SafeStream) -> None:
        super().__init__()
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def writable(self) -> bool:
        """Always: this is an output stream."""
        return True

    def write(self, data: Any) -> int:
        """Decode and write through the text stream's rule; returns the bytes taken."""
        chunk = bytes(data)
        self._stream.write(self._decoder.decode(chunk))
        return len(chunk)

    def flush(self) -> None:
        """Flush the text stream."""
        self._stream.flush()


def write_control(stream: TextIO, codes: str) -> None:
    """Write our own terminal codes (a progress bar's redraw) past the output rule."""
    target = stream.inner if isinstance(stream, SafeStream) else stream
    target.write(codes)


@contextmanager
def safe_output() -> Iterator[None]:
    """Send everything written to stdout and stderr meanwhile through :func:`terminal_text`."""
    saved = sys.stdout, sys.stderr
    sys.stdout = SafeStream(saved[0])
    sys.stderr = SafeStream(saved[1])
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):  # closed, or a pipe its reader closed early
                stream.flush()
        sys.stdout, sys.stderr = saved


@contextmanager
def raw_output() -> Iterator[None]:
    """The real stdout and stderr back for a while (the reader: Textual draws on them)."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (s.inner if isinstance(s, SafeStream) else s for s in saved)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
