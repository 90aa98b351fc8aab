"""How corrections compare names: case, accents, apostrophes and spacing do not matter."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The form two names are compared in: "Bashar  al-Assad" and "bashar al-assad" are one."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES).translate(_DASHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def slug(name: str) -> str:
    """A lowercase ASCII slug for the id of an entity a correction creates."""
    ascii_name = name_key(name).encode("ascii", "ignore").decode("ascii").replace("'", "")
    return _NON_ALNUM.sub("-", ascii_name).strip("-") or "x"


def clean_name(name: str) -> str:
    """A name as the user typed it, with its spacing tidied (what is stored and shown)."""
    return _SPACES.sub(" ", name).strip()
