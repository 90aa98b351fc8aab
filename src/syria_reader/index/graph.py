"""The co-mention network of an index as a graph file: GEXF and GraphML (for Gephi), or CSV.

Nodes are entities (name, kind, mentions), edges join entities named in the same sentences
(``weight``: how many sentences; ``score``: the log-likelihood the related lists rank by).
networkx is imported here only, when a graph is asked for.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from syria_reader.index.query import Index

GRAPH_FORMATS = ("gexf", "graphml", "csv")


def comention_graph(index: Index, minimum: int = 1) -> nx.Graph[str]:
    """A networkx ``Graph`` of the entities named together in at least ``minimum`` sentences."""
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    edges = index.comention_edges(minimum)
    wanted = {a for a, *_ in edges} | {b for _, b, *_ in edges}
    for entity in index.entities():
        if entity.id in wanted:
            graph.add_node(
                entity.id,
                label=entity.name,
                kind=entity.kind,
                mentions=entity.mentions,
                articles=entity.articles,
            )
    for a, b, together, score in edges:
        graph.add_edge(a, b, weight=together, score=round(score, 4))
    return graph


def graph_bytes(graph: nx.Graph[str], fmt: str) -> bytes:
    """The graph written in ``fmt``: "gexf", "graphml" or "csv" (one row per edge)."""
    import networkx as nx

    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            (
                *("source", "source_name", "source_kind"),
                *("target", "target_name", "target_kind"),
                *("together", "score"),
            )
        )
        nodes = graph.nodes
        for a, b, data in sorted(graph.edges(data=True), key=lambda e: -e[2]["score"]):
            writer.writerow(
                (
                    *(a, nodes[a]["label"], nodes[a]["kind"]),
                    *(b, nodes[b]["label"], nodes[b]["kind"]),
                    *(data["weight"], data["score"]),
                )
            )
        return out.getvalue().encode("utf-8")
    buffer = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(graph, buffer)
    elif fmt == "graphml":
        nx.write_graphml(graph, buffer)
    else:
        raise ValueError(f"unknown graph format {fmt!r} (known: {', '.join(GRAPH_FORMATS)})")
    return buffer.getvalue()
