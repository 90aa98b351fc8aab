"""Small helpers for wording counts in messages."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 mention``, ``2 mentions``; irregular plurals are given (``match``, ``matches``)."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def span(first: str, last: str | None) -> str:
    """A range written with an en dash between its ends (``55`` U+2013 ``65``), or ``first``
    alone when the range is one value."""
    return first if last is None or last == first else f"{first}\u2013{last}"
