"""``syria-reader explain NAME``: why an entity has its kind, its aliases and its mentions.

It prints only what linking recorded when it decided (the index's ``evidence``): the rule
that gave the kind, the votes and cues, the place gazetteer's entry, the rule by which each
alias joined, and how many mentions each rule brought. Nothing is recomputed, so no spaCy
and no gazetteer is loaded.
"""

from __future__ import annotations

import argparse
from typing import Any

from syria_reader.commands.common import open_index, print_json
from syria_reader.commands.resolve import resolve_entity
from syria_reader.safe_text import one_line, printable
from syria_reader.wording import plural


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``explain`` to the ``syria-reader`` parser."""
    explain = subparsers.add_parser(
        "explain",
        parents=[common],
        help="why an entity has its kind, aliases and mentions",
        description="Find the entity NAME stands for (as `mentions` does) and print the "
        "reasons linking recorded for it: which rule gave its kind (votes, cues, gazetteer "
        "entry), why each alias joined it, and how many mentions each rule linked.",
    )
    explain.add_argument("name", nargs="+", metavar="NAME", help="a name, alias or part of one")
    explain.add_argument("--json", action="store_true", help="print the recorded evidence as JSON")
    explain.set_defaults(handler=run_explain)


def _votes(votes: Any) -> str:
    if not isinstance(votes, dict) or not votes:
        return ""
    ordered = sorted(votes.items(), key=lambda kv: (-float(kv[1]), str(kv[0])))
    return ", ".join(f"{printable(str(k))} {float(v):g}" for k, v in ordered)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def describe(evidence: dict[str, Any]) -> list[str]:
    """The lines ``explain`` prints for one entity's recorded evidence."""
    lines: list[str] = []
    kind: dict[str, Any] = _mapping(evidence.get("kind"))
    lines.append(f"kind: {one_line(str(kind.get('rule', 'not recorded')))}")
    if kind.get("name"):
        lines.append(f"  decided for the name '{one_line(str(kind['name']))}'")
    if _votes(kind.get("votes")):
        lines.append(f"  votes: {_votes(kind.get('votes'))}")
    for cue in kind.get("cues", []) if isinstance(kind.get("cues"), list) else []:
        lines.append(f"    {one_line(str(cue))}")
    if kind.get("place"):
        lines.append(f"  place gazetteer: {one_line(str(kind['place']))}")
    if _votes(kind.get("mention kinds")):
        lines.append(f"  mentions by kind: {_votes(kind.get('mention kinds'))}")
    aliases = _mapping(evidence.get("aliases"))
    if aliases:
        lines.append("aliases:")
        for alias, why in sorted(aliases.items()):
            lines.append(f"  {one_line(str(alias))}: {one_line(str(why))}")
    rules = _mapping(evidence.get("mentions"))
    if rules:
        lines.append("mentions by rule:")
        for why, count in sorted(rules.items(), key=lambda kv: (-int(kv[1]), str(kv[0]))):
            lines.append(f"  {int(count):>5}  {one_line(str(why))}")
    return lines


def run_explain(args: argparse.Namespace) -> int:
    """``syria-reader explain NAME``: the recorded reasons for the entity NAME stands for."""
    name = " ".join(args.name)
    with open_index(args) as index:
        entity = resolve_entity(index, name)
        evidence = index.evidence(entity.id)
    if args.json:
        print_json({"entity": entity.to_json(), "evidence": evidence})
        return 0
    print(
        f"{one_line(entity.name)} ({entity.kind}, {entity.id}): "
        f"{plural(entity.mentions, 'mention')} in {plural(entity.articles, 'article')}"
    )
    if entity.known_as:
        print(f"known as (gazetteer only, not in the text): {one_line(', '.join(entity.known_as))}")
    if entity.roles:
        print(f"roles: {one_line('; '.join(entity.roles))}")
    for line in describe(evidence):
        print(line)
    return 0
