"""Fuzzy lookup of entity names: what a reader types ("lavorv", "daesh", "hizb", "assad")
against every name and alias of the corpus.

Scores run from 0 to 100, from best to worst kind of match: an exact name or alias (100),
a whole trailing word or words of one ("assad" in "Bashar al-Assad", 97), a prefix of a
name (92-96), a prefix of a later word (88-92), the same consonant skeleton in a word, which
catches transliterations and swapped letters ("hizb" ~ "Hezbollah", "lavorv" ~ "Lavrov",
80-86), then rapidfuzz's WRatio scaled below all of those. Ties go to the entity with more
mentions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

#: Matches scoring below this are not returned.
MIN_SCORE = 65.0
#: The score of an exact name, and of a whole word or words at the end of one (a surname).
EXACT_SCORE = 100.0
WHOLE_WORD_SCORE = 97.0
#: Queries shorter than this match by prefix, word and skeleton only: fuzzy scores of one
#: or two letters against long names are noise ("us" is not "Russia").
MIN_FUZZY_LENGTH = 4
_NON_WORD = re.compile(r"[^0-9a-z]+")
_VOWELS = set("aeiouy")


def normalise(text: str) -> str:
    """Lower case, accents and punctuation dropped, words separated by one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", plain).strip()


def skeleton(word: str) -> str:
    """A word's first letter and its consonants, doubled letters collapsed: "hezbollah" ->
    "hzblh"."""
    collapsed = re.sub(r"(.)\1+", r"\1", word.replace(" ", ""))
    if not collapsed:
        return ""
    return collapsed[0] + "".join(c for c in collapsed[1:] if c not in _VOWELS)


@dataclass(frozen=True)
class _Name:
    entity: int  # position of the entity in the matcher's list
    original: str
    norm: str
    tails: tuple[str, ...]  # the name without its first word, without its first two words...
    skeletons: tuple[str, ...]  # of the whole name and of each word


class NameMatcher:
    """Every name and alias of a set of entities, ready for ``match``."""

    def __init__(self, names: Sequence[Sequence[str]], weights: Sequence[int]) -> None:
        """``names[i]`` are the names of entity ``i`` (canonical first); ``weights[i]`` its
        mentions."""
        self.weights = list(weights)
        self._names: list[_Name] = []
        for entity, entity_names in enumerate(names):
            for original in dict.fromkeys(entity_names):
                norm = normalise(original)
                if not norm:
                    continue
                words = norm.split()
                tails = tuple(" ".join(words[i:]) for i in range(1, len(words)))
                skeletons = tuple(dict.fromkeys([skeleton(norm), *(skeleton(w) for w in words)]))
                self._names.append(_Name(entity, original, norm, tails, skeletons))
        self._norms = [name.norm for name in self._names]

    def match(self, query: str, limit: int = 20) -> list[tuple[int, str, float]]:
        """The best ``(entity, matched name, score)`` per entity, best first, at most ``limit``."""
        q = normalise(query)
        if not q or limit <= 0:
            return []
        q_skeleton = skeleton(q)
        if len(q_skeleton) < 3:
            q_skeleton = ""  # two letters of skeleton match far too much
        fuzzy: dict[int, float] = {}
        if len(q) >= MIN_FUZZY_LENGTH:
            fuzzy = {
                index: score * 0.85
                for _, score, index in process.extract(
                    q,
                    self._norms,
                    scorer=fuzz.WRatio,
                    processor=None,
                    limit=None,
                    score_cutoff=MIN_SCORE / 0.85,
                )
            }
        best: dict[int, tuple[float, str]] = {}
        for index, name in enumerate(self._names):
            score = max(self._structural(q, q_skeleton, name), fuzzy.get(index, 0.0))
            if score >= MIN_SCORE and score > best.get(name.entity, (-1.0, ""))[0]:
                best[name.entity] = (score, name.original)
        ranked = sorted(
            best.items(), key=lambda item: (-item[1][0], -self.weights[item[0]], item[1][1])
        )
        return [(entity, matched, round(score, 1)) for entity, (score, matched) in ranked[:limit]]

    @staticmethod
    def _structural(q: str, q_skeleton: str, name: _Name) -> float:
        norm = name.norm
        if norm == q:
            return EXACT_SCORE
        if q in name.tails:
            return WHOLE_WORD_SCORE
        if norm.startswith(q):
            return 92.0 + 4.0 * len(q) / len(norm)
        for tail in name.tails:
            if tail.startswith(q):
                return 88.0 + 4.0 * len(q) / len(tail)
        if q_skeleton:
            for s in name.skeletons:
                if s == q_skeleton:
                    return 86.0
            for s in name.skeletons:
                if s.startswith(q_skeleton):
                    return 80.0 + 4.0 * len(q_skeleton) / len(s)
        return 0.0
