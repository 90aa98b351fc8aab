"""Small helpers for wording counts in messages."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 mention``, ``2 mentions``; irregular plurals are given (``match``, ``matches``)."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"
