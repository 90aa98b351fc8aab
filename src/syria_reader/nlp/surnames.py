"""Which person a bare surname means, article by article (no spaCy).

A bare surname ("Khan", "Assad", "al-Assad") is linked to a person named in full somewhere in
the corpus ("Sadiq Khan", "Bashar al-Assad") by these rules, in order:

1. Same-article evidence: the article names exactly one of the surname's full-name people;
   the surname is that person ("Hafez Assad ... Assad" is Hafez). An article that names two of
   them in full gives no answer (the surname stays its own entity there) unless it names one
   at least twice as often as each other.
2. The only person of the corpus with that surname.
3. The dominant person: several people share the surname, but one is named in full in at
   least :data:`DOMINANT_SHARE` of the articles that name any of them in full (Bashar al-Assad
   in 88 articles, Ibrahim al-Assad in one). Where that is not so ("Sadiq Khan" and "Imran
   Khan" once each, "Zahran Alloush" in 3 articles and "Islam Alloush" in 2) the surname is
   ambiguous and stays an entity of its own rather than being merged wrongly.

The full-name people themselves always stay separate entities; only bare surnames move.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

#: The share of the articles naming any of a surname's people in full that must name one of
#: them for a bare surname to mean that one. Articles, not mentions, are counted: a single
#: profile that repeats a minor person's full name a dozen times is one piece of evidence.
#: 0.85 means at least six articles against one for the rival (5.67 rounded up): a person the
#: corpus is about against one met in passing. Lower (0.8) would give "Diab" to a man named in
#: four articles against another named in one, which a corpus of a few hundred articles cannot
#: settle.
DOMINANT_SHARE = 0.85


def dominant_person(named_in: dict[str, set[int]]) -> str | None:
    """The person named in full in at least :data:`DOMINANT_SHARE` of the articles naming any
    of ``named_in`` (person -> articles naming them in full), or None when none is."""
    if not named_in:
        return None
    if len(named_in) == 1:
        return next(iter(named_in))
    total = sum(len(articles) for articles in named_in.values())
    # Sorted for a stable answer; two people can never both pass a share above one half.
    best = max(sorted(named_in), key=lambda person: len(named_in[person]))
    return best if len(named_in[best]) >= DOMINANT_SHARE * total else None


@dataclass
class SurnameOwners:
    """The people named in full in a corpus, indexed by surname and by article."""

    candidates: dict[str, set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )  # surname -> people
    named_in: dict[str, set[int]] = field(
        default_factory=lambda: defaultdict(set)
    )  # person -> articles
    in_article: dict[int, set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )  # article -> people
    dominant: dict[str, str] = field(default_factory=dict)  # surname -> its one or dominant person
    counts: dict[tuple[int, str], int] = field(
        default_factory=lambda: defaultdict(int)
    )  # (article, person) -> full-name mentions there

    @classmethod
    def build(cls, full_names: Iterable[tuple[str, str, int]]) -> SurnameOwners:
        """Index ``(surname, person, article)`` facts: each a full name of ``person`` ending
        in ``surname`` seen in ``article``."""
        owners = cls()
        for surname, person, article in full_names:
            owners.candidates[surname].add(person)
            owners.named_in[person].add(article)
            owners.in_article[article].add(person)
            owners.counts[(article, person)] += 1
        for surname, people in owners.candidates.items():
            winner = dominant_person({person: owners.named_in[person] for person in people})
            if winner is not None:
                owners.dominant[surname] = winner
        return owners

    def owner(self, surname: str, article: int) -> str | None:
        """The person a bare ``surname`` in ``article`` means, or None when it is unknown or
        ambiguous (see the module docstring for the rules)."""
        people = self.candidates.get(surname)
        if not people:
            return None
        here = people & self.in_article.get(article, set())
        if len(here) == 1:
            return next(iter(here))
        if here:
            return self.article_dominant(here, article)
        return self.dominant.get(surname)

    def article_dominant(self, people: set[str], article: int) -> str | None:
        """The one of ``people`` the article names in full at least twice as often as each
        of the others ("Ahmed Mohamed" three times, "Mohamed El-Hassan Mohamed" once), or None."""
        ranked = sorted(people, key=lambda p: (-self.counts.get((article, p), 0), p))
        best, second = (self.counts.get((article, p), 0) for p in ranked[:2])
        return ranked[0] if best >= 2 * max(second, 1) else None

    def is_ambiguous(self, surname: str) -> bool:
        """Whether several people share ``surname`` and none of them dominates the corpus."""
        return len(self.candidates.get(surname, ())) > 1 and surname not in self.dominant
