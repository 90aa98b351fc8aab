"""The one way a row becomes an object of the CLI's ``--json`` contract.

A row names the attributes it shows (``JSON_FIELDS``, in the contract's order) and, where a
contract key is not the attribute's name, the key (``JSON_KEYS``); tuples become lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

#: Where a ``--json`` key is not the attribute's name: the contract says ``article`` for the
#: article's id and ``type`` for an entity's kind.
JSON_KEYS: Mapping[str, str] = {"article_id": "article", "kind": "type"}

#: The fields that place a row in an article's text, first in every such row's object.
PASSAGE_FIELDS: tuple[str, ...] = ("article_id", "title", "start", "end", "text")


class JsonRow:
    """A row with a ``--json`` object: the attributes named in ``JSON_FIELDS``, in that order,
    under their contract names (``JSON_KEYS``), tuples as lists."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = ()
    JSON_KEYS: ClassVar[Mapping[str, str]] = JSON_KEYS

    def to_json(self) -> dict[str, object]:
        """The row's object in ``--json`` output."""
        keys = self.JSON_KEYS
        return {keys.get(name, name): _json_value(getattr(self, name)) for name in self.JSON_FIELDS}


def _json_value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value
