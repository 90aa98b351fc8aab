"""How entity kinds look in the reader: labels, order and theme colour variables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from syria_reader.wording import plural

if TYPE_CHECKING:
    from syria_reader.index.query import EntityRow

#: Theme variable holding the colour of each entity kind (spaCy labels).
KIND_VARIABLE: dict[str, str] = {
    "PERSON": "entity-person",
    "ORG": "entity-org",
    "GPE": "entity-place",
    "LOC": "entity-place",
    "FAC": "entity-place",
    "NORP": "entity-norp",
    "EVENT": "entity-event",
    "PRODUCT": "entity-other",
}

#: Section headings of the entity sidebar, in display order.
KIND_LABEL: dict[str, str] = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Places",
    "LOC": "Regions",
    "FAC": "Facilities",
    "NORP": "Nationalities & groups",
    "EVENT": "Events",
    "PRODUCT": "Vessels & products",
}

#: Short kind names for one-line displays (lookup, palette, mention list header).
KIND_SHORT: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "region",
    "FAC": "facility",
    "NORP": "group",
    "EVENT": "event",
    "PRODUCT": "product",
}

#: Fallback colours, used when a theme does not set an entity variable (readable on dark and light).
VARIABLE_DEFAULTS: dict[str, str] = {
    "entity-person": "#d19a66",
    "entity-org": "#c678dd",
    "entity-place": "#3fa9a0",
    "entity-norp": "#5c9bd6",
    "entity-event": "#b5a642",
    "entity-other": "#9a9a9a",
    "note-marker": "#e0af68",
}


def kind_order(kind: str) -> int:
    """Sort key putting kinds in the sidebar's order, unknown kinds last."""
    order = list(KIND_LABEL)
    return order.index(kind) if kind in order else len(order)


def kind_label(kind: str) -> str:
    """The sidebar heading of a kind."""
    return KIND_LABEL.get(kind, kind.title())


def kind_short(kind: str) -> str:
    """A one-word name of a kind."""
    return KIND_SHORT.get(kind, kind.lower())


def kind_colour(kind: str) -> str:
    """The ``$variable`` colour reference of a kind, for Content styles."""
    return "$" + KIND_VARIABLE.get(kind, "entity-other")


def mention_style(kind: str) -> str:
    """Style of an entity mention in running text."""
    return f"{kind_colour(kind)} bold"


def marked_style(kind: str | None) -> str:
    """Style of the mention or passage the reader jumped to."""
    if kind is None:
        return "bold reverse $accent"
    return f"bold reverse {kind_colour(kind)}"


def entity_details(entity: EntityRow) -> str:
    """An entity's kind and corpus-wide counts on one line (lookup results, palette help)."""
    return (
        f"{kind_short(entity.kind)} · {plural(entity.mentions, 'mention')} in "
        f"{plural(entity.articles, 'article')}"
    )
