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

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache, partial
from operator import attrgetter
from typing import Protocol

from syria_reader.models import (
    AnalysesInOrder,
    Analysis,
    Article,
    Entity,
    LinkedMention,
    LinkedMentions,
)
from syria_reader.nlp.corpus_mentions import (
    CorpusMention,
    article_context,
    collect_mentions,
    find_missed,
    find_places,
    lowercase_words,
)
from syria_reader.nlp.gazetteer import Gazetteer, GazetteerEntry
from syria_reader.nlp.kinds import (
    PLACE_PREPOSITION,
    KindVotes,
    head_kind,
    place_before,
    vessel_name,
    winner,
)
from syria_reader.nlp.names import (
    clear_memos,
    core_tokens,
    core_variants,
    display_form,
    fold,
    initials,
    is_acronym,
    is_generic,
    is_group_adjective,
    looks_like_group_word,
    name_key,
    skeleton,
    slug,
    spelling_variants,
    tokens,
)
from syria_reader.nlp.places import country_names, place
from syria_reader.nlp.roles import ranked_roles, roles_near
from syria_reader.nlp.spans import ORG_HEADS, UNTYPED, is_definite_head, is_junk_name
from syria_reader.nlp.surnames import SurnameOwners
from syria_reader.nlp.variant_pairs import candidate_pairs

#: A title that also opens Arabic place names, right before a name ("al-Sheikh Maqsoud").
_PLACE_TITLE = re.compile(r"(?:\b[Aa]l-)?\b(?:Sheikh|Sheik|Shaikh|Shaykh)[ \t]+$")
_STATE_OF = re.compile(r"^(?:state|republic|kingdom|commonwealth|province|emirate) of (.+)$")
_BRACKETED = re.compile(
    r"((?:[A-Z][\w'\u2019-]*)(?:\s+(?:(?:of|the|for|and|al|el)\s+)*[A-Z][\w'\u2019-]*)*)\s*\)"
)
_PLACE_CUE = re.compile(r"\b(?:in|near|from|to|at|outside|across|of)\s+$", re.I)
_VERBS_IN_S = frozenset(
    {"says", "reports", "writes", "claims", "states", "notes", "adds", "warns", "is", "was", "has"}
)
_CHURCH_OF = re.compile(r"^church of (.+)$")
_DOMAIN = re.compile(r"^([a-z0-9][a-z0-9 &-]*?)\.(?:com|org|net|gov|ca|co\.uk|org\.uk|info)$")
_OUTLET = re.compile(r"^(\S+) (?:News|Online|TV|Television|Radio)$")
_PUBLICATION = re.compile(r"^(.+) (?:magazine|newspaper|journal)$")
_QUALIFIED = re.compile(r"^(.+?) (?:for|of) .+$")
_ACRONYM_DEFINITION = re.compile(r"^(?:'s)?\s*\(\s*([A-Z][A-Za-z0-9]{1,7})\s*\)")
#: What may stand between a name and another name of the same thing right after it.
_ALSO_NAMED = re.compile(
    r"(?:'s)?(?:\s*\(\s*(?:the\s+)?"
    r"|,?\s+(?:\(?(?:also|formerly|previously|better|widely|locally)\s+)?(?:known\s+as|called|named)\s+(?:the\s+)?"
    r"|,?\s+(?:formerly|born|a\.k\.a\.?|aka)\s+(?:the\s+)?)",
    re.I,
)


class Collector(Protocol):
    """Linking's first step, :func:`collect_mentions`, done partly elsewhere (in worker
    processes, say): the same mentions, however they were found."""

    def begin(self, articles: Sequence[Article], lowercase: Counter[str]) -> None:
        """Told the corpus, and how often it writes each word in lowercase, before any article."""

    def mentions(self, index: int, here: Callable[[], list[CorpusMention]]) -> list[CorpusMention]:
        """The mentions of article ``index`` (asked in the articles' order): found elsewhere,
        or by calling ``here``, which collects them in this process."""


@dataclass
class LinkResult:
    """The entities of a corpus and every mention linked to one of them."""

    entities: list[Entity]
    mentions: Sequence[LinkedMention]  # a LinkedMentions from link()


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
    mid-sentence; in capitals ("SEND"), a word of four letters or more the corpus writes in
    lowercase three times or more."""
    if " " in key:
        return False
    if is_acronym(mentions[0].text):
        return len(key) >= 4 and lowercase.get(key, 0) >= 3
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
    """Whether an acronym stands for a name: its initials, its capitals in order, or the
    first letters of each of its words ("EUCOM": EUropean COMmand)."""
    acronym = acronym.upper()
    if acronym in initials(name):
        return True
    capitals = "".join(c for c in fold(name) if c.isupper())
    if len(acronym) >= 2 and capitals == acronym:
        return True
    words = [w.upper() for w in re.split(r"[\s\-]+", fold(name)) if w and w[0].isupper()]
    return len(words) >= 2 and len(acronym) >= 4 and _prefix_chunks(acronym, words)


def _prefix_chunks(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` is a non-empty prefix of each word in turn, nothing left over."""
    if not words:
        return not acronym
    return any(
        words[0].startswith(acronym[:n]) and _prefix_chunks(acronym[n:], words[1:])
        for n in range(1, min(len(acronym), len(words[0])) + 1)
    )


class _Linker:
    """One linking run over a corpus."""

    def __init__(
        self,
        articles: Sequence[Article],
        analyses: Iterable[Analysis],
        gazetteer: Gazetteer,
        collector: Collector | None = None,
    ) -> None:
        self.articles = list(articles)
        self.gazetteer = gazetteer
        # The same surfaces are looked up again and again (once per mention and per step).
        self.lookup: Callable[[str], GazetteerEntry | None] = lru_cache(maxsize=None)(
            gazetteer.lookup
        )
        self.lowercase = lowercase_words(self.articles)
        self.contexts = []
        self.mentions: list[CorpusMention] = []
        # One analysis at a time: each is read, its names collected and then let go.
        in_order = AnalysesInOrder(analyses)
        if collector is not None:
            collector.begin(self.articles, self.lowercase)
        for index, article in enumerate(self.articles):
            analysis = in_order.take(article.id)
            context = article_context(article, analysis)
            self.contexts.append(context)
            here = partial(
                collect_mentions, index, context, analysis, gazetteer, self.lowercase, self.lookup
            )
            self.mentions.extend(collector.mentions(index, here) if collector else here())
        self.uf = _UnionFind()
        self.kind_of: dict[str, str] = {}  # node -> kind
        self.surnames = SurnameOwners()
        self.evidence: dict[str, dict[str, object]] = {}  # node -> why it has its kind
        self.union_why: dict[str, str] = {}  # node -> why it joined another node
        self.first_names: dict[tuple[int, str], set[str]] = {}  # (article, first name) -> people
        self._part_keys: dict[str, str] = {}  # folded name part -> "surname" / "first name"

    # -- 1b. possessives written without an apostrophe -----------------------------------------

    def unglue_possessives(self) -> None:
        """ "Syrias", "Assads": a possessive whose apostrophe was lost, when the bare name is known;
        "Syrias Aleppo", "Homs Hama": two known names the extractor read as one."""
        counts = Counter(m.key for m in self.mentions)
        self._known_memo: dict[tuple[str, str], tuple[str, int] | None] = {}
        self.mentions = [piece for m in self.mentions for piece in self._split_compound(m, counts)]
        self._known_memo.clear()  # a pair of strings per compound: not held through linking
        self.mentions = [piece for m in self.mentions for piece in self._split_person_tail(m)]
        form_of = cache(display_form)  # one string per surface, as in collect_mentions
        for m in self.mentions:
            m.form = form_of(m.text)
            if (
                m.gazetteer is not None
                # "Syrians" is a plural, not a lost apostrophe; "Turkeys" is Turkey's
                or (m.label == "NORP" and not self._gazetteer_place(m.form[:-1]))
                or len(m.key) < 5
                or not m.key.endswith("s")
                or m.key.endswith("ss")
            ):
                continue
            base = m.key[:-1]
            if counts.get(base, 0) >= counts[m.key]:
                m.key = base
                m.form = m.form[:-1]
                m.gazetteer = self.lookup(m.form)

    def _gazetteer_place(self, key: str) -> bool:
        entry = self.lookup(key)
        return entry is not None and entry.kind in {"GPE", "LOC"}

    def _in_gazetteer(self, form: str) -> bool:
        """Whether a form, or the form less a possessive "s" ("Syrias"), is an alias."""
        return self.lookup(form) is not None or (
            form.endswith("s") and self.lookup(form[:-1]) is not None
        )

    def _split_person_tail(self, m: CorpusMention) -> list[CorpusMention]:
        """ "University of Texas Arlington Amneh Jafari": a long name ending in a person named
        by that surname alone elsewhere in the article is two names (a role was left out)."""
        if not hasattr(self, "_alone"):
            self._alone = {
                (x.article, x.key)
                for x in self.mentions
                if x.label == "PERSON" and " " not in x.text and x.gazetteer is None
            }
        words = list(re.finditer(r"\S+", m.text))
        if m.gazetteer is not None or m.label == "PERSON" or len(words) < 4:
            return [m]
        first, last = words[-2], words[-1]
        if not all(re.fullmatch(r"[A-Z][a-z]+(?:-[A-Za-z]+)?", w.group(0)) for w in (first, last)):
            return [m]
        if (m.article, name_key(last.group(0))) not in self._alone:
            return [m]
        head = m.text[: words[-3].end()]
        pieces = []
        for a, b, label in ((0, len(head), m.label), (first.start(), len(m.text), "PERSON")):
            piece = replace(m, start=m.start + a, end=m.start + b, text=m.text[a:b], label=label)
            piece.key = name_key(piece.text)
            piece.form = display_form(piece.text)
            pieces.append(piece)
        return pieces

    def _known(self, form: str, counts: Counter[str], whole: str) -> tuple[str, int] | None:
        """A part of a compound that is a name known on its own: (form, how often)."""
        # ``counts`` stays the same for a whole pass of unglue_possessives, which resets this.
        memo = self._known_memo
        if (form, whole) not in memo:
            memo[(form, whole)] = self._known_uncached(form, counts, whole)
        return memo[(form, whole)]

    def _known_uncached(
        self, form: str, counts: Counter[str], whole: str
    ) -> tuple[str, int] | None:
        for candidate in (form, form[:-1] if form.endswith("s") and len(form) > 4 else None):
            if not candidate:
                continue
            key = name_key(candidate)
            if key != whole and (counts.get(key, 0) > 0 or self.lookup(candidate) is not None):
                return candidate, counts.get(key, 0) + (5 if self.lookup(candidate) else 0)
        return None

    def _split_compound(self, m: CorpusMention, counts: Counter[str]) -> list[CorpusMention]:
        words = list(re.finditer(r"\S+", m.text))
        if m.gazetteer is not None or len(words) < 2 or len(words) > 4:
            return [m]
        if len(words) == 2 and all(_with_article(w.group(0)) for w in words):
            # "al-Hamadaniyeh al-Ramouseh": each word has its own article, and the first is
            # a name of its own more often than the pair: two places in a list, commas lost.
            left = self._known(words[0].group(0), counts, m.key)
            if left is not None and left[1] > counts[m.key]:
                return self._cut(m, [(0, words[0].end()), (words[1].start(), len(m.text))])
        for cut in range(1, len(words)):
            left_text = m.text[: words[cut - 1].end()]
            right_text = m.text[words[cut].start() :]
            left = self._known(left_text, counts, m.key)
            right = self._known(right_text, counts, m.key)
            if not left or not right or counts[m.key] >= min(left[1], right[1]):
                continue
            if m.label == "PERSON" and not (
                self._in_gazetteer(left[0]) and self._in_gazetteer(right[0])
            ):
                return [m]  # "Daniel Montalvo" is one person, even where "Daniel" stands alone
            if self._known(m.text, counts, "") and self.lookup(m.text):
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
                piece.gazetteer = self.lookup(form)
                if piece.gazetteer is not None:
                    piece.label = piece.gazetteer.kind
                pieces.append(piece)
            return pieces
        return [m]

    def _cut(self, m: CorpusMention, pieces: list[tuple[int, int]]) -> list[CorpusMention]:
        """``m`` cut into untyped mentions at ``pieces`` (offsets into its text)."""
        cut = []
        for a, b in pieces:
            piece = replace(m, start=m.start + a, end=m.start + b, text=m.text[a:b], label=UNTYPED)
            piece.key = name_key(piece.text)
            piece.form = display_form(piece.text)
            piece.gazetteer = self.gazetteer.lookup(piece.text)
            if piece.gazetteer is not None:
                piece.label = piece.gazetteer.kind
            cut.append(piece)
        return cut

    # -- 2. kinds --------------------------------------------------------------------------------

    def vote_kinds(self) -> None:
        """Give every mention a node ("KIND:key", or "gaz:Name") from the corpus-wide vote.

        The votes: each mention's label and context cues (:mod:`.kinds`), the place gazetteer
        (once per name), and surname evidence; every node keeps the record ``explain`` prints.
        """
        votes = KindVotes()
        for m in self.mentions:
            if m.gazetteer is None:
                votes.add_mention(
                    m.key, m.form, m.label, self.contexts[m.article].article.text, m.start, m.end
                )
        keys = {m.key: m.form for m in self.mentions if m.gazetteer is None}
        places = {}
        for key, form in keys.items():
            # "English", "Kurdish": a demonym or language is no town, whatever geonames lists
            shaped = looks_like_group_word(form) and " " not in form
            entry = place(form) if not is_acronym(form) else None
            if entry is not None and shaped and entry.feature != "country":
                entry = None
            if entry is not None:
                places[key] = entry.describe()
                votes.add(key, "GPE", entry.weight, f"place gazetteer: {entry.describe()}")
                # "in X" is weak evidence alone, strong for a name the world gazetteer lists.
                cued = votes.count(key, PLACE_PREPOSITION, "GPE")
                if cued:
                    votes.add(key, "GPE", 1.25 * cued, "place preposition before a gazetteer place")
        first = {key: votes.kind(key) for key in keys}
        persons = {
            key for key, kind in first.items() if kind == "PERSON" and len(core_tokens(key)) >= 2
        }
        surnames = _person_surnames(persons)
        alone = {
            key for key, kind in first.items() if kind == "PERSON" and len(core_tokens(key)) == 1
        }
        for key in first:
            core = core_tokens(key)
            if len(core) == 1 and core[0] in surnames and key not in persons:
                # "Lavrov" is the surname of "Sergei Lavrov"
                votes.add(key, "PERSON", 2.0, "surname of a person named in full")
            elif (
                2 <= len(core) <= 3
                and core[-1] in alone
                and first[key] != "PERSON"
                and head_kind(keys[key]) is None
                and not is_acronym(keys[key])
            ):
                # "Thibaut Courtois" voted ORG, "Courtois" alone a person
                votes.add(key, "PERSON", 1.5, "its last word is used alone as a person's name")
        # One node string per name, shared by its mentions (a corpus repeats its names).
        gazetteer_node: dict[str, str] = {}
        node_of_key: dict[str, str] = {}
        for m in self.mentions:
            if m.gazetteer is not None:
                m.node = gazetteer_node.setdefault(m.gazetteer.name, f"gaz:{m.gazetteer.name}")
                self.kind_of[m.node] = m.gazetteer.kind
                self.evidence.setdefault(
                    m.node, {"rule": f"alias gazetteer entry '{m.gazetteer.name}'"}
                )
            else:
                if m.key not in node_of_key:
                    kind = votes.kind(m.key) or UNTYPED  # no more votes come in this loop
                    node_of_key[m.key] = f"{kind}:{m.key}"
                    self.kind_of[node_of_key[m.key]] = kind
                m.node = node_of_key[m.key]
                if m.node not in self.evidence:
                    record: dict[str, object] = {
                        "rule": "weighted vote",
                        "votes": {k: round(v, 2) for k, v in votes.total(m.key).items()},
                        "cues": votes.reasons(m.key),
                    }
                    if m.key in places:
                        record["place"] = places[m.key]
                    self.evidence[m.node] = record
        self._join_titled_places()

    def _join_titled_places(self) -> None:
        """ "Sheikh Maqsoud has been shelled": a bare name after "Sheikh" voted a person joins
        the place named "Sheikh X" elsewhere in the corpus, the title made part of it again."""
        places = {
            m.key: m.node
            for m in self.mentions
            if m.gazetteer is None and self.kind_of.get(m.node) in {"GPE", "LOC", "FAC"}
        }
        if not places:
            return
        found = []
        for m in self.mentions:
            if m.gazetteer is not None or " " in m.form or self.kind_of.get(m.node) != "PERSON":
                continue
            text = self.contexts[m.article].article.text
            title = _PLACE_TITLE.search(text, max(0, m.start - 14), m.start)
            if title is not None and (node := places.get(name_key(text[title.start() : m.end]))):
                found.append((m, title.start(), node))
        # Only the articles of those names are searched for a mention over the title.
        in_article: dict[int, list[CorpusMention]] = {m.article: [] for m, _, _ in found}
        for o in self.mentions:
            if o.article in in_article:
                in_article[o.article].append(o)
        for m, title_start, node in found:
            text = self.contexts[m.article].article.text
            whole = text[title_start : m.end]
            if any(
                o.start < m.start and o.end > title_start
                for o in in_article[m.article]
                if o is not m
            ):
                continue
            m.start, m.text, m.node = title_start, whole, node
            m.key, m.form = name_key(whole), display_form(whole)
            m.rule = "the name after a title that opens the place's name elsewhere"

    # -- 3. junk -----------------------------------------------------------------------------------

    def drop_junk(self) -> None:
        """Drop names that are no names (step 3 of the module docstring) and ignored ones."""
        lowercase = self.lowercase
        by_key: dict[str, list[CorpusMention]] = defaultdict(list)
        for m in self.mentions:
            by_key[m.key].append(m)
        # Surnames of people named in full are names even where the corpus also writes the
        # word in lowercase ("Tom Cruise" ... "the Cruise video" beside "a cruise ship").
        surnames = {
            core_tokens(m.form)[-1]
            for m in self.mentions
            if self.kind_of.get(m.node) == "PERSON" and len(core_tokens(m.form)) >= 2
        }
        # "Labour" beside "Labour Party": the first word of an organisation's name is a name.
        surnames |= {
            tokens(m.form)[0]
            for m in self.mentions
            if self.kind_of.get(m.node) == "ORG"
            and len(m.form.split()) == 2
            and m.form.split()[1].lower() in ORG_HEADS
        }
        junk = set()
        for key, group in by_key.items():
            if group[0].gazetteer is not None:
                continue
            if is_definite_head(group[0].form) and key not in self.gazetteer.ignore:
                continue  # "the Coalition": the span cleaner kept it for its "the"
            if (
                key in self.gazetteer.ignore
                or is_junk_name(group[0].form)
                or all(self._signs_off(m) for m in group)
                or (key not in surnames and _is_common_word(key, group, lowercase))
            ):
                junk.add(key)
        self.mentions = [
            m
            for m in self.mentions
            if m.key not in junk
            and m.key not in self.gazetteer.ignore
            and not self._attributive_nationality(m)
        ]

    def _signs_off(self, m: CorpusMention) -> bool:
        """Capitals closing an article, alone or before a number ("... reported. SSH 11"): an
        editor's sign-off, not a name (an outlet named in the text has other mentions)."""
        text = self.contexts[m.article].article.text
        rest = text[m.end :].strip()
        return (
            is_acronym(m.text)
            and len(rest) <= 6
            and (not rest or rest.isdigit())
            and bool(re.search(r"[.!?\"\u201d]\s*$", text[max(0, m.start - 4) : m.start]))
        )

    def _attributive_nationality(self, m: CorpusMention, label: str | None = None) -> bool:
        """A nationality adjective before a noun ("the Afghan team", "Greek court", "US-Russian
        talks", "Takfiri groups") modifies; it names nothing. Group nouns ("Afghans", "the
        Rohingya") and gazetteer names stay."""
        label = label or m.label
        if m.gazetteer is not None or " " in m.text:
            return False
        parts = m.text.split("-")
        if is_group_adjective(m.text) and not m.text.endswith("s"):
            return True  # "Arab", "Takfiri", "Muslim": an adjective or one member, whatever label
        if len(parts) > 1 and all(looks_like_group_word(p) and not p.endswith("s") for p in parts):
            return True  # "Kurdish-Arab", "Syrian-Turkish": a compound adjective
        if label not in {"NORP", "ORG", "GPE", UNTYPED}:
            return False
        last = parts[-1]
        if m.text.endswith("s") or not looks_like_group_word(last):
            return False
        after = self.contexts[m.article].article.text[m.end : m.end + 30]
        if "-" in m.text and label in {"NORP", "GPE", UNTYPED}:
            return bool(re.match(r"[ \t]+[a-z]", after))  # "US-Russian talks"
        if label == "NORP" and "-" not in m.text:
            # A singular nationality word is an adjective ("Russian jets") or one person ("a
            # Russian"), never the group; only the plural ("Russians") names the group.
            return True
        if label != "NORP" and "-" not in m.text and not last.endswith(("i", "ish", "ian")):
            return False  # "Hasakah" is no adjective; "Takfiri", "Kurdish" are
        after = self.contexts[m.article].article.text[m.end : m.end + 30]
        if label == "NORP":
            return bool(re.match(r"[ \t]+[A-Za-z]", after))
        # Other labels: only before a plural noun ("Takfiri groups"), never a verb ("the
        # Guardian cited", "Guardian says").
        noun = re.match(r"[ \t]+([a-z]+s)\b", after)
        if noun is None:
            return False
        return not noun.group(1).endswith("ss") and noun.group(1) not in _VERBS_IN_S

    def _join(self, a: str, b: str, why: str) -> None:
        """Union two nodes, remembering why ``b`` joined ``a``."""
        self.uf.union(a, b)
        self.union_why.setdefault(b, f"{why} '{a.split(':', 1)[1]}'")

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
        self._merge_name_shapes()
        self._merge_also_named()

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

        acronym: dict[str, bool] = {}
        for node, name in [(n, n.split(":", 1)[1]) for n in members] + gaz:
            if name not in acronym:
                acronym[name] = is_acronym(name)
            for bucket in set(bucket_keys(name)):
                buckets[bucket].append((node, name))
        # Pairs with a gazetteer name first, the others after: an entry takes a spelling only
        # from one of its own names, never from a variant of a variant (variants of variants
        # drift: "Britain", "Brittain", "Brettann"; at scale, chains of them).
        for with_gazetteer in (True, False):
            for bucket_entries in buckets.values():
                self._merge_bucket(kind, bucket_entries, acronym, with_gazetteer)

    def _merge_bucket(
        self,
        kind: str,
        bucket_entries: list[tuple[str, str]],
        acronym: dict[str, bool],
        with_gazetteer: bool,
    ) -> None:
        """Union the spelling variants of one bucket: the pairs with a gazetteer name, or the
        pairs of two other names, neither of them joined to a gazetteer entry already."""
        # An acronym is never a spelling variant; of the other pairs, only those that could be
        # (variant_pairs) are tested, in the order every pair would be.
        entries = [entry for entry in bucket_entries if not acronym[entry[1]]]
        if len(entries) < 2 or (
            with_gazetteer and not any(node.startswith("gaz:") for node, _ in entries)
        ):
            return
        cores = [core_tokens(name) for _, name in entries]
        keys = [
            [("joined", "".join(core))]
            + ([("norp", core[0].rstrip("s"))] if kind == "NORP" and len(core) == 1 else [])
            for core in cores
        ]
        for i, j in candidate_pairs(cores, keys):
            node_a, node_b = entries[i][0], entries[j][0]
            gazetteer_a, gazetteer_b = node_a.startswith("gaz:"), node_b.startswith("gaz:")
            if node_a == node_b or (gazetteer_a and gazetteer_b):
                continue
            if with_gazetteer != (gazetteer_a or gazetteer_b):
                continue
            root_a, root_b = self.uf.find(node_a), self.uf.find(node_b)
            if root_a == root_b or (
                not with_gazetteer and (root_a.startswith("gaz:") or root_b.startswith("gaz:"))
            ):
                continue
            if _same_name(kind, cores[i], cores[j]):
                self._join(node_a, node_b, "spelling variant of")

    def _merge_people(self, members: list[str]) -> None:
        """Union full names of one person: particles, spelling variants, shorter forms."""
        single: dict[tuple[str, ...], str] = {}
        for node in members:
            core = tuple(core_tokens(node.split(":", 1)[1]))
            if len(core) == 1:  # "Al Maleh" = "al-Maleh": one name, the particle written apart
                if core in single:
                    self._join(single[core], node, "the same name with particles")
                else:
                    single[core] = node
        full = [n for n in members if len(core_tokens(n.split(":", 1)[1])) >= 2]
        by_core: dict[tuple[str, ...], str] = {}
        for node in full:
            core = tuple(core_tokens(node.split(":", 1)[1]))
            if core in by_core:
                self._join(by_core[core], node, "the same name with particles")
            else:
                by_core[core] = node
        cores = sorted(by_core.items(), key=lambda item: (-len(item[0]), item[0]))
        # Only pairs that could be variants are compared (the test below never holds for the
        # others), so the work grows with the corpus, not with its square: see
        # _variant_candidates.
        for i, j in _variant_candidates([core for core, _ in cores]):
            (core_a, node_a), (core_b, node_b) = cores[i], cores[j]
            if len(core_a) == len(core_b) and core_a[-1][:1] == core_b[-1][:1]:
                if spelling_variants(" ".join(core_a), " ".join(core_b)):
                    self._join(node_a, node_b, "spelling variant of")
            elif core_a[0] == core_b[0] and spelling_variants(
                "".join(core_a[1:]), "".join(core_b[1:])
            ):
                self._join(
                    node_a, node_b, "spelling variant of"
                )  # "Rami Abdel Rahman" = "Rami Abdulrahman"
        # A shorter full form ("Javad Zarif") joins the one longer form that contains it.
        # Each surname's names are listed longest first (as ``cores`` is sorted), so only the
        # longer ones are read, not every name of a common surname.
        by_surname: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for core, node in cores:
            by_surname[core[-1]].append((core, node))
        for core_b, node_b in cores:
            longer: set[str] = set()
            for core_a, node_a in by_surname[core_b[-1]]:
                if len(core_a) <= len(core_b):
                    break
                if _subsequence(core_b, core_a):
                    longer.add(self.uf.find(node_a))
            if len(longer) == 1:
                self._join(next(iter(longer)), node_b, "shorter form of")

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
            self._join(m.node, acronym.node, "acronym defined in the text after")
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
                self._join(next(iter(candidates)), m.node, "the initials of")
                defined.add(m.key)

    def _merge_also_named(self) -> None:
        """A name followed by another name of the same thing: "X (also known as Y)", "X, known
        as Y", "X, formerly Y", "X (its translation)". Parentheses holding a place ("Kafr Nabl
        (Idlib)") say where, not what: a gazetteer place or a name of another kind never joins.

        Two guards keep one link from chaining unrelated names together. A name given as
        another name of two different things ("Maher A known as Abu Hajar", elsewhere "Maher B
        known as Abu Hajar") is ambiguous and joins neither, as a surname shared by two people
        does. And a link never joins two groups of different kinds, even through an untyped
        name: "Nusra, known as X" and "Maher A, known as X" must not make Maher A a front.
        """
        by_start = {(m.article, m.start): m for m in self.mentions}
        added: list[CorpusMention] = []
        links: list[tuple[str, str, str]] = []
        for m in list(self.mentions):
            text = self.contexts[m.article].article.text
            match = _ALSO_NAMED.match(text, m.end, min(len(text), m.end + 40))
            if match is None:
                continue
            parenthesis = "(" in match.group(0)
            other = by_start.get((m.article, match.end()))
            if other is None and parenthesis:
                other = self._bracketed_name(m, text, match.end())
                if other is not None:
                    added.append(other)
            if other is None or other.key == m.key or is_acronym(other.form):
                continue
            if parenthesis and not text[other.end : other.end + 2].lstrip().startswith(")"):
                continue
            kind_a, kind_b = self.kind_of.get(m.node), self.kind_of.get(other.node)
            if kind_a != kind_b and UNTYPED not in {kind_a, kind_b}:
                continue
            if parenthesis and (place(other.form) is not None or kind_b in {"GPE", "LOC"}):
                continue
            if m.gazetteer is not None and other.gazetteer is not None:
                continue
            how = "in parentheses after" if parenthesis else "named as another name of"
            links.append((m.node, other.node, how))
        self.mentions.extend(added)
        # Claims are counted between the groups as they were before any of these links.
        claimed_by: dict[str, set[str]] = defaultdict(set)
        first_roots = [(self.uf.find(a), self.uf.find(b)) for a, b, _ in links]
        for root_a, root_b in first_roots:
            if root_a != root_b:
                claimed_by[root_b].add(root_a)
        kinds = self._typed_kinds()
        for (a, b, how), (_, first_root_b) in zip(links, first_roots, strict=True):
            if len(claimed_by[first_root_b]) > 1:
                continue
            root_a, root_b = self.uf.find(a), self.uf.find(b)
            if root_a == root_b:
                continue
            kinds_a, kinds_b = kinds.get(root_a, set()), kinds.get(root_b, set())
            if kinds_a and kinds_b and not kinds_a & kinds_b:
                continue
            self._join(a, b, how)
            kinds[self.uf.find(a)] = kinds_a | kinds_b

    def _typed_kinds(self) -> dict[str, set[str]]:
        """Each group's kinds so far (by root), untyped names aside."""
        kinds: dict[str, set[str]] = defaultdict(set)
        for node in list(self.uf.parent):
            kind = self.kind_of.get(node, UNTYPED)
            if kind != UNTYPED:
                kinds[self.uf.find(node)].add(kind)
        return kinds

    def _bracketed_name(self, m: CorpusMention, text: str, start: int) -> CorpusMention | None:
        """A name in parentheses right after ``m`` the extractor did not mark ("Masjid
        al-Haram (Grand Mosque)"), as a new mention of ``m``'s kind, or None."""
        found = _BRACKETED.match(text, start, min(len(text), start + 80))
        if found is None or m.gazetteer is not None or self.kind_of.get(m.node) in {None, UNTYPED}:
            return None
        words = found.group(1).split()
        if is_generic(found.group(1)) or is_acronym(found.group(1)) or len(words) > 6:
            return None
        new = replace(
            m, start=start, end=found.end(1), text=found.group(1), gazetteer=None, rule=""
        )
        new.key = name_key(new.text)
        new.form = display_form(new.text)
        new.node = f"{self.kind_of[m.node]}:{new.key}"
        self.kind_of.setdefault(new.node, self.kind_of[m.node])
        self.uf.find(new.node)
        return new

    def _merge_name_shapes(self) -> None:
        """Names that are another name in a longer or shorter shape: "State of Texas" = "Texas",
        "CBC.ca" = "CBC News" = "CBC", "Andy Warhol Foundation" = "Andy Warhol Foundation for
        the Visual Arts" (the one longer name the shorter one begins)."""
        by_key: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            if self.kind_of.get(m.node) not in {"PERSON", UNTYPED}:
                by_key[m.key].add(m.node)
        for m in self.mentions:
            kind = self.kind_of.get(m.node)
            if kind in {"PERSON", UNTYPED, None}:
                continue
            target = None
            why = ""
            state = _STATE_OF.match(m.key)
            church = _CHURCH_OF.match(m.key)
            domain = _DOMAIN.match(m.key)
            outlet = _OUTLET.match(m.form)
            publication = _PUBLICATION.match(m.key)
            if state and kind in {"GPE", "LOC"}:
                target, why = state.group(1), "the place itself"
            elif domain:
                target, why = domain.group(1), "web address of"
            elif church and kind == "ORG":
                target, why = church.group(1), "the church of"
            elif outlet and is_acronym(outlet.group(1)):
                target, why = name_key(outlet.group(1)), "outlet named after"
            elif publication and kind == "ORG":
                target, why = publication.group(1), "publication named"
            if target is None or target not in by_key:
                continue
            nodes = {self.uf.find(n) for n in by_key[target]}
            if len(nodes) == 1 and self.uf.find(m.node) not in nodes:
                self._join(next(iter(nodes)), m.node, why)
        # A shorter organisation name begins exactly one longer one, before "for"/"of".
        longer: dict[str, set[str]] = defaultdict(set)
        for key, nodes in by_key.items():
            cut = _QUALIFIED.match(key)
            if cut:
                longer[cut.group(1)].update(self.uf.find(n) for n in nodes)
        for key, nodes in by_key.items():
            targets = longer.get(key, set())
            if len(key.split()) >= 2 and len(targets) == 1:
                for node in nodes:
                    if (
                        self.kind_of.get(node) in {"ORG", "FAC"}
                        and self.uf.find(node) not in targets
                    ):
                        self._join(next(iter(targets)), node, "shorter form of")

    # -- 5. surnames ---------------------------------------------------------------------------

    def resolve_surnames(self) -> None:
        """Set each mention's group; a bare surname or first name goes to the person it means.

        A single word that is the surname of exactly one person named in full in the same
        article joins that person whatever its own vote said ("Wilkins" voted ORG, "Paris"
        a city, beside "Valeska Paris"), unless a place preposition stands before it. A first
        name joins the one person of the article whose full name starts with it ("Daniel"
        after "Daniel Montalvo"). Other bare surnames follow :mod:`.surnames`.
        """
        for m in self.mentions:
            m.group = self.uf.find(m.node)
        full_names = []
        first_names: dict[tuple[int, str], set[str]] = defaultdict(set)
        for m in self.mentions:
            if self.kind_of.get(m.node) == "PERSON" and m.gazetteer is None:
                core = core_tokens(m.form)
                if len(core) >= 2:
                    full_names.append((core[-1], m.group, m.article))
                    first_names[(m.article, core[0])].add(m.group)
        self.surnames = SurnameOwners.build(full_names)
        self.first_names = first_names
        self.person_surnames: dict[str, set[str]] = defaultdict(set)
        for surname, person, _ in full_names:
            self.person_surnames[person].add(surname)
        vessels: dict[tuple[int, str], set[str]] = defaultdict(set)
        for m in self.mentions:
            bare = vessel_name(m.form) if self.kind_of.get(m.node) == "PRODUCT" else None
            if bare:
                vessels[(m.article, name_key(bare))].add(m.group)
        for m in self.mentions:
            if m.gazetteer is not None:
                continue
            core = core_tokens(m.form)
            if len(core) != 1 or is_acronym(m.form):
                continue
            word = core[0]
            kind = self.kind_of.get(m.node, UNTYPED)
            ships = vessels.get((m.article, m.key), set())
            if len(ships) == 1 and kind != "PERSON":
                m.group, m.joined_kind = next(iter(ships)), "PRODUCT"
                m.rule = f"name of the vessel named in full in this article (its own vote: {kind})"
                continue
            here = self.surnames.candidates.get(word, set()) & self.surnames.in_article.get(
                m.article, set()
            )
            text = self.contexts[m.article].article.text
            if kind == "PERSON":
                owner = self.surnames.owner(word, m.article)
                if owner is not None:
                    m.group = owner
                    m.rule = (
                        "surname of the person named in full in this article"
                        if here
                        else "surname of the one (or dominant) person of that name in the corpus"
                    )
                    continue
            elif len(here) == 1 and not place_before(text, m.start):
                m.group = next(iter(here))
                m.joined_kind = "PERSON"
                m.rule = (
                    f"surname of the person named in full in this article (its own vote: {kind})"
                )
                continue
            if len(here) > 1 and kind != "PERSON":
                chosen = self.surnames.article_dominant(here, m.article)
                if chosen is not None and not place_before(text, m.start):
                    m.group, m.joined_kind = chosen, "PERSON"
                    m.rule = (
                        f"surname of the person named most in this article (its own vote: {kind})"
                    )
                    continue
            if here:
                continue  # ambiguous ("Khan" with two Khans about): the surname stays alone
            variant = (
                self._surname_variant(word, m.article) if kind in {"PERSON", UNTYPED} else None
            )
            if variant is not None:
                m.group, m.joined_kind = variant, "PERSON"
                m.rule = "spelling variant of the surname of the person named in this article"
                continue
            owners = first_names.get((m.article, word), set())
            if len(owners) == 1 and kind in {"PERSON", "ORG", UNTYPED}:
                m.group = next(iter(owners))
                m.joined_kind = "PERSON"
                m.rule = "first name of the person named in full in this article"

    def _surname_variant(self, word: str, article: int) -> str | None:
        """The one person named in full in ``article`` whose surname ``word`` misspells
        ("Bauchtman" for Lydia Buchtmann), or None. Only that article's people are compared."""
        if len(word) < 5:
            return None
        people = {
            person
            for person in self.surnames.in_article.get(article, set())
            for surname in self.person_surnames.get(person, ())
            if surname != word and spelling_variants(surname, word)
        }
        return next(iter(people)) if len(people) == 1 else None

    # -- 6. groups, names, propagation ---------------------------------------------------------

    def build_groups(self) -> dict[str, _Group]:
        """The typed groups by root; a group seen only in headlines is dropped unless the gazetteer
        knows it."""
        groups: dict[str, _Group] = {}
        for m in self.mentions:
            group = groups.get(m.group)
            if group is None:
                group = groups[m.group] = _Group(root=m.group)
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
            kind = m.joined_kind or self.kind_of.get(m.node, UNTYPED)
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
        self._add_name_parts(groups, lookup)
        taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for m in self.mentions:
            taken[m.article].append((m.start, m.end))
        kinds = {root: group.kind for root, group in groups.items()}
        added = [
            found
            for found in find_missed(self.contexts, lookup, kinds, taken)
            if self._place_found(found, groups)
            and not self._attributive_nationality(found, groups[found.group].kind)
        ]
        for found in added:
            groups[found.group].mentions.append(found)
        self.mentions.extend(added)
        ignored = self.gazetteer.ignore

        def well_known(surface: str, before: str, text: str) -> bool:
            return name_key(surface) not in ignored and _well_known_place(surface, before, text)

        for found in find_places(self.contexts, well_known, self.lowercase, taken):
            root = f"GPE:{found.key}"
            found.node = found.group = root
            self.kind_of.setdefault(root, "GPE")
            group = groups.setdefault(root, _Group(root=root, kind="GPE"))
            if group.kind == "GPE":
                group.mentions.append(found)
                self.mentions.append(found)

    def _add_name_parts(self, groups: dict[str, _Group], lookup: dict[str, str | None]) -> None:
        """Surnames and first names of people named in full, to be looked for in the articles
        that name them ("Whitmore" after "Steve Whitmore"); :meth:`_place_found` decides."""
        for root, group in groups.items():
            if group.kind != "PERSON" or group.gazetteer is not None:
                continue
            for m in group.mentions:
                words = m.form.split()
                if len(core_tokens(m.form)) < 2 or len(words) < 2:
                    continue
                for part, role in ((words[-1], "surname"), (words[0], "first name")):
                    key = fold(part)
                    if len(key) < 4 or not key[:1].isupper() or is_generic(key) or key in lookup:
                        continue
                    self._part_keys[key] = role
                    lookup[key] = root

    def _place_found(self, found: CorpusMention, groups: dict[str, _Group]) -> bool:
        """Give a found bare surname the person it means in its article (False: drop it)."""
        role = self._part_keys.get(fold(found.text))
        if role is not None and found.sentence_initial and self.lowercase.get(found.key, 0) > 0:
            return False  # "Rose" opening a sentence may be the verb, not Rose Haddad
        if role is not None:
            # A name part is only ever linked in an article naming its one person in full.
            word = core_tokens(found.form)[0] if core_tokens(found.form) else ""
            if role == "surname":
                here = self.surnames.candidates.get(word, set()) & self.surnames.in_article.get(
                    found.article, set()
                )
                owner = (
                    next(iter(here))
                    if len(here) == 1
                    else self.surnames.article_dominant(here, found.article)
                    if here
                    else None
                )
            else:
                owners = self.first_names.get((found.article, word), set())
                owner = next(iter(owners)) if len(owners) == 1 else None
            if owner is None or owner not in groups:
                return False
            found.group = owner
            found.rule = f"{role} of the person named in full in this article, found in the text"
            return True
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
            # Every spelling the text links here is an alias ("US" and "U.S." both); the
            # gazetteer's other spellings are kept apart.
            written: Counter[str] = Counter()
            for key in forms:
                written.update(spelled[key])
            aliases = [form for form, _ in sorted(written.items(), key=lambda kv: (-kv[1], kv[0]))]
            aliases = [a for a in aliases if a != name]
            known_as: list[str] = []
            if group.gazetteer is not None:
                seen = set(forms) | {name_key(name)}
                known_as = [a for a in group.gazetteer.aliases if name_key(a) not in seen]
            base = f"{group.kind.lower()}:{slug(name)}"
            used[base] += 1
            entity_id = base if used[base] == 1 else f"{base}-{used[base]}"
            group.name = entity_id
            entities.append(
                Entity(
                    id=entity_id,
                    name=name,
                    kind=group.kind,
                    aliases=list(dict.fromkeys(aliases)),
                    known_as=list(dict.fromkeys(known_as)),
                    roles=self.roles_of(group),
                    evidence=self.explain_group(group, name),
                )
            )
        return entities

    def explain_group(self, group: _Group, name: str) -> dict[str, object]:
        """What ``explain`` prints for a group: its kind's reasons, each alias's rule, mentions."""
        kinds: dict[str, object] = {}
        if group.gazetteer is not None:
            kinds = {
                "rule": f"alias gazetteer entry '{group.gazetteer.name}' ({group.gazetteer.kind})"
            }
        else:
            tally: Counter[str] = Counter()
            for m in group.mentions:
                kind = m.joined_kind or self.kind_of.get(m.node, UNTYPED)
                tally["untyped" if kind == UNTYPED else kind] += 1
            nodes = {m.node for m in group.mentions if not m.joined_kind}
            if group.root in nodes:
                main = group.root
            else:
                per_node = Counter(m.node for m in group.mentions)
                main = max(sorted(nodes), key=per_node.__getitem__, default="")
            kinds = dict(self.evidence.get(main, {}))
            kinds["name"] = main.split(":", 1)[1] if main else ""
            kinds["mention kinds"] = dict(tally)
        aliases: dict[str, str] = {}
        rules: Counter[str] = Counter()
        for m in group.mentions:
            form = m.form or display_form(m.text)
            why = m.rule or self.union_why.get(m.node, "")
            if not why:
                if m.gazetteer is not None:
                    why = f"alias in the gazetteer entry '{m.gazetteer.name}'"
                elif name_key(form) == name_key(name):
                    why = "the same name"
                else:
                    why = "the same name"
            rules[why] += 1
            if form != name:
                aliases.setdefault(form, why)
        return {"kind": kinds, "aliases": aliases, "mentions": dict(rules)}

    def roles_of(self, group: _Group) -> list[str]:
        """Roles seen with a person in appositions and titles (:mod:`.roles`)."""
        if group.kind != "PERSON":
            return []
        found: list[str] = []
        for m in group.mentions:
            found.extend(roles_near(self.contexts[m.article].article.text, m.start, m.end))
        return ranked_roles(found)


def _with_article(word: str) -> bool:
    """Whether a word opens with an Arabic article joined by a hyphen ("al-Ramouseh")."""
    head, dash, rest = word.partition("-")
    articles = {"al", "el", "ad", "as", "ash", "ar", "at", "az", "an"}
    return bool(dash) and head.lower() in articles and rest[:1].isupper()


def _well_known_place(surface: str, before: str, text: str) -> bool:
    """A country; or a region or a city of 100,000 people or more, after a place preposition
    ("in Toronto") or in an article naming its country ("Tasmania" beside "Australia"), by the
    world gazetteer. "Mary" alone is a woman, not the Turkmen province."""
    if is_generic(surface) or looks_like_group_word(surface) or is_acronym(surface):
        return False
    entry = place(surface)
    if entry is None or entry.weight < 1.5:
        return False
    if entry.feature == "country" or _PLACE_CUE.search(before):
        return True
    return any(name in text for name in country_names(entry.country))


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


def _variant_candidates(cores: Sequence[tuple[str, ...]]) -> list[tuple[int, int]]:
    """For person name cores, the pairs ``(i, j)``, ``i < j``, in order, that ``_merge_people``
    could join; every other pair fails its tests.

    A pair is tested as same-length variants when the last words share an initial, else as
    one first name with variant rests; each test needs the first words to start alike (the
    buckets below), and its words, or its rests, to be alike (screened in C by
    :func:`.variant_pairs.candidate_pairs`).
    """
    buckets: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for index, core in enumerate(cores):
        keys: set[tuple[object, ...]] = set()
        for initial in _initial_keys(" ".join(core)):
            keys.add(("same length", len(core), core[-1][:1], initial))
        for initial in _initial_keys("".join(core[1:])):
            keys.add(("same first name", core[0], initial))
        for key in keys:
            buckets[key].append(index)
    found: set[tuple[int, int]] = set()
    for key, members in buckets.items():
        if len(members) < 2:
            continue
        # The words each test compares, as spelling_variants reads them.
        if key[0] == "same length":
            compared = [core_tokens(" ".join(cores[i])) for i in members]
        else:
            compared = [core_tokens("".join(cores[i][1:])) for i in members]
        joined = [[("joined", "".join(words))] for words in compared]
        found.update((members[a], members[b]) for a, b in candidate_pairs(compared, joined))
    return sorted(found)


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    iterator = iter(long)
    return all(word in iterator for word in short)


def _same_name(kind: str, ta: list[str], tb: list[str]) -> bool:
    """Whether two names of one kind, given as their core tokens, are one name spelled two
    ways."""
    if kind == "NORP" and len(ta) == 1 and len(tb) == 1 and ta[0].rstrip("s") == tb[0].rstrip("s"):
        return True  # "Syrian" / "Syrians"
    return core_variants(ta, tb)


def _name_rank(kind: str, form: str, count: int) -> tuple:
    """How good a surface form is as an entity's canonical name (higher is better)."""
    words = tokens(form)
    core = core_tokens(form)
    if kind == "PERSON":
        return (len(core), len(words), count, len(form), form)
    return (not is_acronym(form), count, len(form), form)


#: What each step of :func:`link` does, as its progress names it.
_STEPS = (
    "finding the names in every article",
    "separating possessives from names",
    "deciding each name's kind",
    "dropping what is not a name",
    "grouping the spellings of one name",
    "giving surnames to their people",
    "finding known names again",
    "naming the entities",
)


def link(
    articles: Sequence[Article],
    analyses: Iterable[Analysis],
    gazetteer: Gazetteer,
    on_step: Callable[[str], None] | None = None,
    collector: Collector | None = None,
) -> LinkResult:
    """Link the mentions of every analysis into entities across the corpus.

    ``analyses`` are matched to ``articles`` by article id; an article without one still has
    its gazetteer names found. They are read once, at the first step, and not kept (a caller
    that drains its list as they are read does not hold a large corpus's mentions twice).
    Mentions come back in article order, then text order, each with the kind of its entity.
    ``on_step`` is told each step as it begins ("linking 5/8: grouping the spellings of one
    name"): at 50,000 articles linking takes many minutes. A ``collector`` may find articles'
    mentions for the first step elsewhere (:class:`Collector`; the analyses still give each
    article's sentences).
    """
    steps = iter(enumerate(_STEPS, start=1))

    def step() -> None:
        number, what = next(steps)
        if on_step is not None:
            on_step(f"linking {number}/{len(_STEPS)}: {what}")

    step()
    linker = _Linker(articles, analyses, gazetteer, collector)
    step()
    linker.unglue_possessives()
    step()
    linker.vote_kinds()
    step()
    linker.drop_junk()
    step()
    linker.group_variants()
    step()
    linker.resolve_surnames()
    groups = linker.build_groups()
    step()
    linker.propagate(groups)
    step()
    entities = linker.name_groups(groups)
    # In article order, then text order; a tie keeps its groups' order (the sort is stable).
    # Each article's mentions are sorted on their own by the start they hold already: no new
    # key object per mention of the corpus.
    by_article: list[list[CorpusMention]] = [[] for _ in linker.articles]
    for group in groups.values():
        for m in group.mentions:
            by_article[m.article].append(m)
    linked = LinkedMentions(linker.articles)
    start_of = attrgetter("start")
    for in_article in by_article:
        in_article.sort(key=start_of)
        for m in in_article:
            group = groups[m.group]
            linked.append(
                m.article, (m.start, m.end), m.sentence, m.in_aside, (group.name, group.kind)
            )
        in_article.clear()
    clear_memos()
    return LinkResult(entities=entities, mentions=linked)
