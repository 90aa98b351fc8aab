"""Untrusted text made safe to show: nothing in it can move the cursor, change colours, or
hide or reorder what is shown.

Articles are sanitised once, when they are loaded (``corpus.sanitise``); these helpers guard
everything shown later, wherever it came from: paths, names, snippets, notes.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Zero-width characters and direction marks, line and paragraph separators, bidi embeddings,
# overrides and isolates, and the BOM.
_INVISIBLE = "\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
#: C0 and C1 controls (ESC among them), DEL, and the invisible characters above.
UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
# What json.dumps leaves raw: it escapes C0 controls itself (and emits newlines for indenting).
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_INVISIBLE}]")


def printable(text: str) -> str:
    """``text`` with every control, escape, bidi or invisible character replaced by a space."""
    return UNSAFE.sub(" ", text)


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
