"""Linking: every mention of one thing, in every article, assigned to one entity (no spaCy).

Runs over cached analyses at index time. In order:

1. Gazetteer overlay: aliases found in the text ("Daesh", "IS" as a capitalised span) replace
   the extractor's fragments of them and fix their kind.
2. Kind voting over the corpus (:mod:`.kinds`), plus surname evidence: one name, one kind.
3. Junk: single words that the corpus also writes in lowercase ("Civilians", "Analysis"),
   names seen only in headlines ("The Regime Strikes Back"), the user's ignore list.
4. Grouping: spelling variants ("Hezbollah"/"Hizbullah", "Deir Ezzor"/"Deir al-Zor", particles
   as in "Bashar Assad"/"Bashar al-Assad"), acronyms defined in the text ("Islamic
   Revolutionary Guards Corps (IRGC)") or matching the initials of exactly one name ("SAA"),
   and shorter forms of full names ("Javad Zarif" in "Mohammad Javad Zarif").
5. Surnames, mention by mention (:mod:`.surnames`): a bare "Khan" goes to the one full name
   ending in "Khan" in the same article, else to the only one in the corpus, else to the one
   that dominates the corpus ("Assad" is Bashar al-Assad unless the article names another
   Assad in full); when that is ambiguous it stays an entity of its own rather than being
   merged wrongly.
6. Propagation: a known name the extractor missed somewhere is found in the text and linked
   (a bare surname by the same article-by-article rule).

Entity ids are derived from kind and canonical name ("person:sergei-lavrov"), so they stay
the same from one run to the next.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from syria_reader.models import Analysis, Article, Entity, LinkedMention, RawMention
from syria_reader.nlp.corpus_mentions import (
    ArticleContext,
    CorpusMention,
    collect_mentions,
    find_missed,
    lowercase_words,
)
from syria_reader.nlp.gazetteer import Gazetteer, GazetteerEntry
from syria_reader.nlp.kinds import KindVotes, winner
from syria_reader.nlp.mentions import SentenceIndex
from syria_reader.nlp.names import (
    core_tokens,
    display_form,
    fold,
    initials,
    is_acronym,
    is_generic,
    name_key,
    skeleton,
    slug,
    spelling_variants,
    tokens,
)
from syria_reader.nlp.segments import BlockIndex
from syria_reader.nlp.spans import UNTYPED, is_junk_name
from syria_reader.nlp.surnames import SurnameOwners

_ACRONYM_DEFINITION = re.compile(r"^\s*\(\s*([A-Z][A-Za-z]{1,7})\s*\)")


@dataclass
class LinkResult:
    """The entities of a corpus and every mention linked to one of them."""

    entities: list[Entity]
    mentions: list[LinkedMention]


class _UnionFind:
    """Disjoint sets of nodes (union-find); a set with a gazetteer node has it as its root."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Gazetteer nodes stay roots, so a group keeps its gazetteer identity.
            if rb.startswith("gaz:") and not ra.startswith("gaz:"):
                ra, rb = rb, ra
            self.parent[rb] = ra


@dataclass
class _Group:
    """A group of mentions that will become one entity."""

    root: str
    mentions: list[CorpusMention] = field(default_factory=list)
    gazetteer: GazetteerEntry | None = None
    kind: str = ""
    name: str = ""


def _is_common_word(key: str, mentions: list[CorpusMention], lowercase: Counter[str]) -> bool:
    """A single word the corpus also writes in lowercase at least as often as capitalised
    mid-sentence."""
    if " " in key or is_acronym(mentions[0].text):
        return False
    mid_sentence = sum(1 for m in mentions if not m.sentence_initial and not m.in_headline)
    lower = lowercase.get(key, 0)
    return lower > 0 and lower >= mid_sentence


def _person_surnames(person_keys: set[str]) -> dict[str, set[str]]:
    """Last core token of every multiword person name -> the names ending in it."""
    surnames: dict[str, set[str]] = defaultdict(set)
    for key in person_keys:
        core = core_tokens(key)
        if len(core) >= 2:
            surnames[core[-1]].add(key)
    return surnames


def _acronym_fits(acronym: str, name: str) -> bool:
    """Whether an acronym stands for a name: its initials, or its capitals in order."""
    acronym = acronym.upper()
    if acronym in initials(name):
        return True
    capitals = "".join(c for c in fold(name) if c.isupper())
    return len(acronym) >= 2 and capitals == acronym


class _Linker:
    """One linking run over a corpus."""

    def __init__(
        self, articles: Sequence[Article], analyses: Sequence[Analysis], gazetteer: Gazetteer
    ) -> None:
        by_id = {a.article_id: a for a in analyses}
        self.articles = list(articles)
        self.gazetteer = gazetteer
        self.contexts = []
        ordered: list[Analysis | None] = []
        for article in self.articles:
            analysis = by_id.get(article.id)
            ordered.append(analysis)
            blocks = BlockIndex(article.blocks)
            sentences = list(analysis.sentences) if analysis is not None else []
            self.contexts.append(ArticleContext(article, blocks, SentenceIndex(sentences, blocks)))
        self.lowercase = lowercase_words(self.contexts)
        self.mentions = collect_mentions(self.contexts, ordered, gazetteer, self.lowercase)
        self.uf = _UnionFind()
        self.kind_of: dict[str, str] = {}  # node -> kind
        self.surnames = SurnameOwners()

    # -- 1b. possessives written without an apostrophe -----------------------------------------

    def unglue_possessives(self) -> None:
        """ "Syrias", "Assads": a possessive whose apostrophe was lost, when the bare name is known;
        "Syrias Aleppo", "Homs Hama": two known names the extractor read as one."""
        counts = Counter(m.key for m in self.mentions)
        self.mentions = [piece for m in self.mentions for piece in self._split_compound(m, counts)]
        for m in self.mentions:
            m.form = display_form(m.text)
            if (
                m.gazetteer is not None
                or len(m.key) < 5
                or not m.key.endswith("s")
                or m.key.endswith("ss")
            ):
                continue
            base = m.key[:-1]
            if counts.get(base, 0) >= counts[m.key]:
                m.key = base
                m.form = m.form[:-1]
                m.gazetteer = self.gazetteer.lookup(m.form)

    def _known(self, form: str, counts: Counter[str], whole: str) -> tuple[str, int] | None:
        """A part of a compound that is a name known on its own: (form, how often)."""
        for candidate in (form, form[:-1] if form.endswith("s") and len(form) > 4 else None):
            if not candidate:
                continue
            key = name_key(candidate)
            if key != whole and (
                counts.get(key, 0) > 0 or self.gazetteer.lookup(candidate) is not None
            ):
                return candidate, counts.get(key, 0) + (
                    5 if self.gazetteer.lookup(candidate) else 0
                )
        return None

    def _split_compound(self, m: CorpusMention, counts: Counter[str]) -> list[CorpusMention]:
        words = list(re.finditer(r"\S+", m.text))
        if m.gazetteer is not None or len(words) < 2 or len(words) > 4:
            return [m]
        for cut in range(1, len(words)):
            left_text = m.text[: words[cut - 1].end()]
            right_text = m.text[words[cut].start() :]
            left = self._known(left_text, counts, m.key)
            right = self._known(right_text, counts, m.key)
            if not left or not right or counts[m.key] >= min(left[1], right[1]):
                continue
            if self._known(m.text, counts, "") and self.gazetteer.lookup(m.text):
                return [m]
            pieces = []
            for (a, b), (form, _) in (
                ((0, words[cut - 1].end()), left),
                ((words[cut].start(), len(m.text)), right),
            ):
                piece = replace(
                    m, start=m.start + a, end=m.start + b, text=m.text[a:b], label=UNTYPED
                )
                piece.key = name_key(form)
                piece.form = display_form(form)
                piece.gazetteer = self.gazetteer.lookup(form)
                if piece.gazetteer is not None:
                    piece.label = piece.gazetteer.kind
                pieces.append(piece)
            return pieces
        return [m]

    # -- 2. kinds --------------------------------------------------------------------------------

    def vote_kinds(self) -> None:
        """Give every mention a node ("KIND:key", or "gaz:Name") from the corpus-wide vote."""
        votes = KindVotes()
        for m in self.mentions:
            if m.gazetteer is None:
                votes.add_mention(
                    m.key, m.form, m.label, self.contexts[m.article].article.text, m.start, m.end
                )
        first = {m.key: votes.kind(m.key) for m in self.mentions if m.gazetteer is None}
        persons = {
            key for key, kind in first.items() if kind == "PERSON" and len(core_tokens(key)) >= 2
        }
        surnames = _person_surnames(persons)
        for key in first:
            core = core_tokens(key)
            if len(core) == 1 and core[0] in surnames and key not in persons:
                votes.add(key, "PERSON", 2.0)  # "Lavrov" is the surname of "Sergei Lavrov"
        for m in self.mentions:
            if m.gazetteer is not None:
                m.node = f"gaz:{m.gazetteer.name}"
                self.kind_of[m.node] = m.gazetteer.kind
            else:
                kind = votes.kind(m.key)
                m.node = f"{kind or UNTYPED}:{m.key}"
                self.kind_of[m.node] = kind or UNTYPED

    # -- 3. junk -----------------------------------------------------------------------------------

    def drop_junk(self) -> None:
        """Drop names that are no names (step 3 of the module docstring) and ignored ones."""
        lowercase = self.lowercase
        by_key: dict[str, list[CorpusMention]] = defaultdict(list)
        for m in self.mentions:
            by_key[m.key].append(m)
        junk = set()
        for key, group in by_key.items():
            if group[0].gazetteer is not None:
                continue
            if (
                key in self.gazetteer.ignore
                or is_junk_name(group[0].form)
                or _is_common_word(key, group, lowercase)
            ):
                junk.add(key)
        self.mentions = [
            m for m in self.mentions if m.key not in junk and m.key not in self.gazetteer.ignore
        ]

    # -- 4. grouping -------------------------------------------------------------------------------

    def group_variants(self) -> None:
        """Union the nodes that are one name: spelling variants, acronyms, shorter forms."""
        nodes = sorted({m.node for m in self.mentions})
        for node in nodes:
            self.uf.find(node)
        # Gazetteer names and aliases take part, so "Hizbollah" joins the Hezbollah entry.
        gaz_names: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entry in self.gazetteer.entries:
            for alias in entry.names:
                gaz_names[entry.kind].append((f"gaz:{entry.name}", alias))
        by_kind: dict[str, list[str]] = defaultdict(list)
        for node in nodes:
            if not node.startswith("gaz:"):
                by_kind[self.kind_of[node]].append(node)
        for kind, members in by_kind.items():
            if kind in {UNTYPED, "PERSON"}:
                continue
            self._merge_spellings(kind, members, gaz_names.get(kind, []))
        self._merge_people(by_kind.get("PERSON", []))
        self._merge_acronyms()

    def _merge_spellings(self, kind: str, members: list[str], gaz: list[tuple[str, str]]) -> None:
        """Union names of one kind that are spelling variants of each other or of a gazetteer
        name."""
        buckets: dict[tuple[object, ...], list[tuple[str, str]]] = defaultdict(list)

        def bucket_keys(name: str) -> list[tuple[object, ...]]:
            core = core_tokens(name)
            if not core:
                return []
            if kind == "NORP" and len(core) == 1:
                core = [core[0].rstrip("s")]
            # Variants start alike and end alike (each pair of words shares its first letter
            # or its skeleton's), or are the same letters split differently: comparing only
            # within these buckets keeps the work near linear in the number of names.
            firsts = (("i", core[0][:1]), ("s", _skeleton_initial(core[0])))
            lasts = (("i", core[-1][:1]), ("s", skeleton(core[-1])[:1]))
            keys: list[tuple[object, ...]] = [
                (len(core), first, last) for first in firsts for last in lasts
            ]
            keys.append((len(core), "joined", "".join(core)))
            return keys

        for node, name in [(n, n.split(":", 1)[1]) for n in members] + gaz:
            for bucket in set(bucket_keys(name)):
                buckets[bucket].append((node, name))
        for entries in buckets.values():
            if len(entries) < 2:
                continue
            for i, (node_a, name_a) in enumerate(entries):
                for node_b, name_b in entries[i + 1 :]:
                    if node_a == node_b or (
                        node_a.startswith("gaz:") and node_b.startswith("gaz:")
                    ):
                        continue
                    if self.uf.find(node_a) == self.uf.find(node_b):
                        continue
                    if is_acronym(name_a) or is_acronym(name_b):
                        continue
                    if _same_name(kind, name_a, name_b):
                        self.uf.union(node_a, node_b)

    def _merge_people(self, members: list[str]) -> None:
        """Union full names of one person: particles, spelling variants, shorter forms."""
        full = [n for n in members if len(core_tokens(n.split(":", 1)[1])) >= 2]
        by_core: dict[tuple[str, ...], str] = {}
        for node in full:
            core = tuple(core_tokens(node.split(":", 1)[1]))
            if core in by_core:
                self.uf.union(by_core[core], node)
            else:
                by_core[core] = node
        cores = sorted(by_core.items(), key=lambda item: (-len(item[0]), item[0]))
        # Only pairs that could be variants are compared (the test below never holds for the
        # others), so the work grows with the corpus, not with its square: see _variant_buckets.
        candidates = _variant_candidates([core for core, _ in cores])
        for i, (core_a, node_a) in enumerate(cores):
            for j in candidates(i):
                core_b, node_b = cores[j]
                if len(core_a) == len(core_b) and core_a[-1][:1] == core_b[-1][:1]:
                    if spelling_variants(" ".join(core_a), " ".join(core_b)):
                        self.uf.union(node_a, node_b)
                elif core_a[0] == core_b[0] and spelling_variants(
                    "".join(core_a[1:]), "".join(core_b[1:])
                ):
                    self.uf.union(node_a, node_b)  # "Rami Abdel Rahman" = "Rami Abdulrahman"
        # A shorter full form ("Javad Zarif") joins the one longer form that contains it.
        by_surname: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for core, node in cores:
            by_surname[core[-1]].append((core, node))
        for core_b, node_b in cores:
            longer = {
                self.uf.find(node_a)
                for core_a, node_a in by_surname[core_b[-1]]
                if len(core_a) > len(core_b)
                and core_a[-1] == core_b[-1]
                and _subsequence(core_b, core_a)
            }
            if len(longer) == 1:
                self.uf.union(next(iter(longer)), node_b)

    def _merge_acronyms(self) -> None:
        """Acronyms defined in parentheses after a name, or matching one name's initials."""
        by_place = {(m.article, m.start): m for m in self.mentions}
        defined: set[str] = set()
        added: list[CorpusMention] = []
        for m in list(self.mentions):
            if len(m.text.split()) < 2:
                continue
            text = self.contexts[m.article].article.text
            match = _ACRONYM_DEFINITION.match(text[m.end : m.end + 14])
            if not match or not _acronym_fits(match.group(1), m.text):
                continue
            a_start = m.end + match.start(1)
            acronym = by_place.get((m.article, a_start))
            if acronym is None:
                acronym = replace(
                    m,
                    start=a_start,
                    end=a_start + len(match.group(1)),
                    text=match.group(1),
                    gazetteer=None,
                )
                acronym.key = name_key(acronym.text)
                acronym.form = acronym.text
                acronym.node = f"{self.kind_of[m.node]}:{acronym.key}"
                self.kind_of.setdefault(acronym.node, self.kind_of[m.node])
                added.append(acronym)
            if acronym.gazetteer is not None and m.gazetteer is not None:
                continue
            self.uf.union(m.node, acronym.node)
            defined.add(acronym.key)
        self.mentions.extend(added)
        # An acronym never defined in the text joins the one multiword name with its initials.
        multiword: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            if len(m.text.split()) >= 2 and self.kind_of.get(m.node) not in {"PERSON", UNTYPED}:
                for letters in initials(m.text):
                    multiword[letters].add(self.uf.find(m.node))
        for m in self.mentions:
            if m.gazetteer is not None or m.key in defined or not is_acronym(m.text):
                continue
            letters = fold(m.text).replace(".", "").upper()
            candidates = multiword.get(letters, set()) - {self.uf.find(m.node)}
            if len(candidates) == 1:
                self.uf.union(next(iter(candidates)), m.node)
                defined.add(m.key)

    # -- 5. surnames ---------------------------------------------------------------------------

    def resolve_surnames(self) -> None:
        """Set each mention's group; a bare surname goes to the person it means, if one."""
        for m in self.mentions:
            m.group = self.uf.find(m.node)
        full_names = []
        for m in self.mentions:
            if self.kind_of.get(m.node) == "PERSON" and m.gazetteer is None:
                core = core_tokens(m.form)
                if len(core) >= 2:
                    full_names.append((core[-1], m.group, m.article))
        self.surnames = SurnameOwners.build(full_names)
        for m in self.mentions:
            if self.kind_of.get(m.node) != "PERSON" or m.gazetteer is not None:
                continue
            core = core_tokens(m.form)
            if len(core) != 1:
                continue
            owner = self.surnames.owner(core[0], m.article)
            if owner is not None:
                m.group = owner
            # else: ambiguous ("Khan" with two Khans about): the surname stays its own entity.

    # -- 6. groups, names, propagation ---------------------------------------------------------

    def build_groups(self) -> dict[str, _Group]:
        """The typed groups by root; a group seen only in headlines is dropped unless the gazetteer
        knows it."""
        groups: dict[str, _Group] = {}
        for m in self.mentions:
            group = groups.setdefault(m.group, _Group(root=m.group))
            group.mentions.append(m)
            if m.gazetteer is not None:
                group.gazetteer = m.gazetteer
        for group in groups.values():
            if group.gazetteer is None and group.root.startswith("gaz:"):
                name = group.root[4:]
                group.gazetteer = next((e for e in self.gazetteer.entries if e.name == name), None)
            group.kind = self._group_kind(group)
        return {
            root: group
            for root, group in groups.items()
            if group.kind != UNTYPED
            and (group.gazetteer is not None or not all(m.in_headline for m in group.mentions))
        }

    def _group_kind(self, group: _Group) -> str:
        if group.gazetteer is not None:
            return group.gazetteer.kind
        tally: Counter[str] = Counter()
        for m in group.mentions:
            kind = self.kind_of.get(m.node, UNTYPED)
            if kind != UNTYPED:
                tally[kind] += 1
        return winner(dict(tally)) or UNTYPED

    def propagate(self, groups: dict[str, _Group]) -> None:
        """Find known names the extractor missed and link them."""
        lookup: dict[str, str | None] = {}
        for root, group in groups.items():
            if group.gazetteer is not None:
                continue  # the gazetteer overlay already found every alias
            forms = {m.form for m in group.mentions}
            for form in forms:
                surface = display_form(form)
                if len(surface) < 4 and not (is_acronym(surface) and len(surface) >= 3):
                    continue
                if not surface[:1].isupper() or is_generic(surface):
                    continue
                key = fold(surface)
                if group.kind == "PERSON" and len(core_tokens(surface)) == 1:
                    surname = core_tokens(surface)[0]
                    if self.surnames.is_ambiguous(surname):
                        continue  # a bare surname is propagated only where it means one person
                    if (
                        surname in self.surnames.dominant
                        and self.surnames.dominant[surname] != root
                    ):
                        # "Assad" said of Hafez in one article is still looked up as Bashar's
                        continue
                lookup[key] = root if lookup.get(key, root) == root else None  # two owners: skip
        if not lookup:
            return
        taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for m in self.mentions:
            taken[m.article].append((m.start, m.end))
        kinds = {root: group.kind for root, group in groups.items()}
        added = [
            found
            for found in find_missed(self.contexts, lookup, kinds, taken)
            if self._place_found(found, groups)
        ]
        for found in added:
            groups[found.group].mentions.append(found)
        self.mentions.extend(added)

    def _place_found(self, found: CorpusMention, groups: dict[str, _Group]) -> bool:
        """Give a found bare surname the person it means in its article (False: drop it)."""
        core = core_tokens(found.form)
        if (
            groups[found.group].kind != "PERSON"
            or len(core) != 1
            or core[0] not in self.surnames.candidates
        ):
            return True
        owner = self.surnames.owner(core[0], found.article)
        if owner is None or owner not in groups:
            return False  # the article names two people of that surname: no guess
        found.group = owner
        return True

    def name_groups(self, groups: dict[str, _Group]) -> list[Entity]:
        """One Entity per group, with its canonical name and an id unique in the corpus."""
        entities: list[Entity] = []
        used: Counter[str] = Counter()
        ordered = sorted(
            groups.values(), key=lambda g: (min((m.article, m.start) for m in g.mentions), g.root)
        )
        for group in ordered:
            forms: Counter[str] = Counter()
            spelled: dict[str, Counter[str]] = defaultdict(Counter)
            for m in group.mentions:
                form = m.form or display_form(m.text)
                forms[name_key(form)] += 1
                spelled[name_key(form)][form] += 1
            display = {key: spelled[key].most_common(1)[0][0] for key in forms}
            if group.gazetteer is not None:
                name = group.gazetteer.name
            else:
                name = display[
                    max(forms, key=lambda key: _name_rank(group.kind, display[key], forms[key]))
                ]
            aliases = [
                display[key]
                for key, _ in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))
                if key != name_key(name)
            ]
            if group.gazetteer is not None:
                seen = {name_key(a) for a in aliases} | {name_key(name)}
                aliases += [a for a in group.gazetteer.aliases if name_key(a) not in seen]
            base = f"{group.kind.lower()}:{slug(name)}"
            used[base] += 1
            entity_id = base if used[base] == 1 else f"{base}-{used[base]}"
            group.name = entity_id
            entities.append(
                Entity(
                    id=entity_id, name=name, kind=group.kind, aliases=list(dict.fromkeys(aliases))
                )
            )
        return entities


def _skeleton_initial(word: str) -> str:
    consonants = re.sub(r"[aeiouy]", "", word)
    return consonants[:1] or word[:1]


def _initial_keys(name: str) -> set[str]:
    """The first letter and the first consonant of a name's first core token.

    Two names can be spelling variants only if their first tokens share one of these (see
    ``names.spelling_variants``: tokens alike start alike, or share their skeleton's first
    letter beside an identical token; names with the same letters share their first letter).
    """
    words = core_tokens(name)
    if not words:
        return set()
    return {"i" + words[0][:1], "s" + skeleton(words[0])[:1]}


def _variant_candidates(cores: Sequence[tuple[str, ...]]) -> Callable[[int], list[int]]:
    """For person name cores, a function giving, for core ``i``, the later cores ``j > i`` (in
    order) that ``_merge_people`` could join to it; every other pair fails its tests.

    A pair is tested as same-length variants when the last words share an initial, else as
    one first name with variant rests; each test needs the first words to start alike.
    """
    buckets: dict[tuple[object, ...], list[int]] = defaultdict(list)
    keys_of: list[set[tuple[object, ...]]] = []
    for index, core in enumerate(cores):
        keys: set[tuple[object, ...]] = set()
        for initial in _initial_keys(" ".join(core)):
            keys.add(("same length", len(core), core[-1][:1], initial))
        for initial in _initial_keys("".join(core[1:])):
            keys.add(("same first name", core[0], initial))
        keys_of.append(keys)
        for key in keys:
            buckets[key].append(index)

    def later(i: int) -> list[int]:
        found: set[int] = set()
        for key in keys_of[i]:
            members = buckets[key]
            found.update(members[bisect.bisect_right(members, i) :])
        return sorted(found)

    return later


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    iterator = iter(long)
    return all(word in iterator for word in short)


def _same_name(kind: str, a: str, b: str) -> bool:
    """Whether two names of one kind are one name spelled two ways."""
    if kind == "NORP":
        ta, tb = core_tokens(a), core_tokens(b)
        if len(ta) == 1 and len(tb) == 1 and ta[0].rstrip("s") == tb[0].rstrip("s"):
            return True  # "Syrian" / "Syrians"
    return spelling_variants(a, b)


def _name_rank(kind: str, form: str, count: int) -> tuple:
    """How good a surface form is as an entity's canonical name (higher is better)."""
    words = tokens(form)
    core = core_tokens(form)
    if kind == "PERSON":
        return (len(core), len(words), count, len(form), form)
    return (not is_acronym(form), count, len(form), form)


def link(
    articles: Sequence[Article], analyses: Sequence[Analysis], gazetteer: Gazetteer
) -> LinkResult:
    """Link the mentions of every analysis into entities across the corpus.

    ``analyses`` are matched to ``articles`` by article id; an article without one still has
    its gazetteer names found. Mentions come back in article order, then text order, each
    with the kind of its entity.
    """
    linker = _Linker(articles, analyses, gazetteer)
    linker.unglue_possessives()
    linker.vote_kinds()
    linker.drop_junk()
    linker.group_variants()
    linker.resolve_surnames()
    groups = linker.build_groups()
    linker.propagate(groups)
    entities = linker.name_groups(groups)
    order = {a.id: i for i, a in enumerate(linker.articles)}
    linked: list[LinkedMention] = []
    for group in groups.values():
        for m in group.mentions:
            article = linker.articles[m.article]
            raw = RawMention(
                start=m.start,
                end=m.end,
                text=m.text,
                kind=group.kind,
                sentence_start=m.sentence[0],
                sentence_end=m.sentence[1],
                in_aside=m.in_aside,
            )
            linked.append(LinkedMention(article_id=article.id, mention=raw, entity_id=group.name))
    linked.sort(key=lambda lm: (order[lm.article_id], lm.mention.start))
    return LinkResult(entities=entities, mentions=linked)
