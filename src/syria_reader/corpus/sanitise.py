"""Make untrusted article text safe to show in a terminal, forever after.

``sanitise`` removes everything that could act on a terminal or hide what the text says:
ANSI escape sequences (CSI, OSC, DCS and the other string sequences, and two-character ESC
sequences), the remaining C0 and C1 control characters (8-bit CSI and OSC included) but
newline and tab, bidirectional overrides and isolates, and zero-width and other invisible
characters. Line endings become ``\\n``; the result is NFC-normalised. Nothing else changes:
``[bold]`` stays the six characters it is, since article text never reaches Rich as markup.
"""

from __future__ import annotations

import re
import unicodedata

# 7-bit escape sequences. String sequences (OSC, DCS, SOS, PM, APC) run to their terminator
# (BEL or ST); an unterminated one is cut at the end of its line, as a terminal would
# swallow it.
_ESC_STRING = re.compile(r"\x1b[\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?")
_ESC_CSI = re.compile(r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?")
_ESC_OTHER = re.compile(r"\x1b[\x20-\x2f]*[\x30-\x7e]?")
# C1 controls (U+0080-U+009F, the 8-bit CSI and OSC among them) are removed one by one: in
# real files they are nearly always mojibake ("â€\x9d" for a closing quote), so the text after
# them is kept; without its introducer it is inert.

#: Characters turned into line breaks before anything else (NEL, line and paragraph separators).
_LINE_BREAKS = {"\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}

_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u17b4\u17b5"  # Khmer invisible vowels
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidi isolates
    "\u206a-\u206f"  # deprecated format characters
    "\ufeff"  # zero-width no-break space (BOM)
    "\ufff9-\ufffb"  # interlinear annotation
    "\U000e0000-\U000e007f"  # tag characters
)
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")


def sanitise(text: str) -> str:
    """Return ``text`` without control or escape sequences or invisible characters, NFC.

    Newlines and tabs survive; ``\\r\\n`` and lone ``\\r`` become ``\\n``. The function is
    idempotent: sanitising sanitised text changes nothing.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, replacement in _LINE_BREAKS.items():
        text = text.replace(char, replacement)
    text = _ESC_STRING.sub("", text)
    text = _ESC_CSI.sub("", text)
    text = _ESC_OTHER.sub("", text)
    text = _CONTROLS.sub("", text)
    # Normalise last: removals can bring a letter next to a combining mark, and NFC never
    # produces a character removed above.
    return unicodedata.normalize("NFC", text)
