"""Sanitising: nothing from a file may act on the terminal or hide what the text says."""

from __future__ import annotations

import pytest

from syria_reader.corpus.sanitise import sanitise


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("red \x1b[31mALERT\x1b[0m done", "red ALERT done"),  # CSI colours
        ("\x1b[2J\x1b[Hcleared", "cleared"),  # clear screen, cursor home
        ("title\x1b]0;pwned\x07 text", "title text"),  # OSC window title, BEL-terminated
        (
            "see \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ here",
            "see link here",
        ),  # OSC 8 hyperlink
        (
            "a\x1b]0;unterminated title\nnext line",
            "a\nnext line",
        ),  # unterminated OSC stops at the line end
        ("\x1bPq#0;2;0;0;0\x1b\\sixel", "sixel"),  # DCS string
        ("x\x1b7saved\x1b8y", "xsavedy"),  # two-character ESC sequences
        (
            "8-bit \x9b31mCSI\x9b0m",
            "8-bit 31mCSI0m",
        ),  # C1 CSI: the introducer goes, the rest is inert
        ("osc \x9d0;title\x9c end", "osc 0;title end"),  # C1 OSC ... ST
        ("c1 \x85next", "c1 \nnext"),  # NEL is a line break
        ("bell\x07 back\x08space nul\x00 del\x7f", "bell backspace nul del"),
        ("user\u202eoverride\u202c text", "useroverride text"),  # bidi override
        ("iso\u2066late\u2069d", "isolated"),  # bidi isolates
        ("zero\u200bwidth\u200d joiner\ufeff bom\u2060", "zerowidth joiner bom"),
        ("soft\u00adhyphen", "softhyphen"),
        ("tag\U000e0041\U000e0042s", "tags"),
        ("dos\r\nline\rend", "dos\nline\nend"),
        ("para\u2029next", "para\n\nnext"),
        ("tabs\tstay\nand newlines", "tabs\tstay\nand newlines"),
        ("cafe\u0301", "café"),  # NFC
    ],
)
def test_sanitise_removes_controls_and_invisibles(raw: str, clean: str) -> None:
    assert sanitise(raw) == clean


def test_markup_stays_literal_text() -> None:
    text = "[bold]not bold[/bold] and [link=http://x]y[/link] and *stars*"
    assert sanitise(text) == text


def test_sanitise_is_idempotent_on_nested_escapes() -> None:
    raw = "\x1b\x1b[31m[\x1b]0;x\x07m\x9b\x1b\\"
    once = sanitise(raw)
    assert sanitise(once) == once
    assert "\x1b" not in once and "\x9b" not in once
