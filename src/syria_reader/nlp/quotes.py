"""Quotations in an article and who said them, from the text and its linked mentions.

Finds direct and partial quotations (straight and curly double quotes, quotes running over
paragraphs, quotes interrupted by "he said") and attributes each to a speaker entity from the
words around it: "Kerry said", "said Mr Carter", "according to Reuters", "X told reporters",
"X, quoted as saying", a speaker named in the sentence before (ending in a colon or reporting
speech), the speaker of the quote before it, a pronoun whose person is the only one named just
before. Whatever these cannot settle keeps speaker ``None``: a quote is never given a guess.

Plain functions over text and spans: no spaCy, so the index builder runs it on cached analyses.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from syria_reader.nlp.patterns import ABBREVIATIONS

#: Mention kinds that can speak (a nationality or a place name does not).
SPEAKER_KINDS = frozenset({"PERSON", "ORG", "GPE"})
#: Fewer words than this, and no cue: a term in quotes ("moderate"), not a quotation.
MIN_UNCUED_WORDS = 4
#: A quote left open at the end of a paragraph may close this many paragraphs later.
MAX_PARAGRAPHS = 10
#: How many words a cue verb may stand from the quote.
MAX_CUE_WORDS = 14
#: How far into a reported clause a partial quote may stand from its verb ("X said the
#: hospitals would all be going out of service "as a result of ..."").
MAX_REPORTED_WORDS = 25

SPEECH_VERBS = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "telling",
        "add",
        "adds",
        "added",
        "adding",
        "stated",
        "observe",
        "observes",
        "observed",
        "explain",
        "explains",
        "explained",
        "warn",
        "warns",
        "warned",
        "noted",
        "insist",
        "insists",
        "insisted",
        "declare",
        "declares",
        "declared",
        "argue",
        "argues",
        "argued",
        "claimed",
        "write",
        "writes",
        "wrote",
        "continued",
        "ask",
        "asks",
        "asked",
        "replied",
        "answered",
        "announce",
        "announces",
        "announced",
        "stress",
        "stresses",
        "stressed",
        "emphasise",
        "emphasises",
        "emphasised",
        "emphasize",
        "emphasizes",
        "emphasized",
        "underline",
        "underlines",
        "underlined",
        "acknowledge",
        "acknowledges",
        "acknowledged",
        "admit",
        "admits",
        "admitted",
        "concede",
        "concedes",
        "conceded",
        "recall",
        "recalls",
        "recalled",
        "remarked",
        "commented",
        "suggest",
        "suggests",
        "suggested",
        "urge",
        "urges",
        "urged",
        "vow",
        "vows",
        "vowed",
        "promised",
        "predict",
        "predicts",
        "predicted",
        "confirm",
        "confirms",
        "confirmed",
        "deny",
        "denies",
        "denied",
        "conclude",
        "concludes",
        "concluded",
        "caution",
        "cautions",
        "cautioned",
        "complain",
        "complains",
        "complained",
        "tweeted",
        "respond",
        "responds",
        "responded",
        "reiterate",
        "reiterates",
        "reiterated",
        "maintained",
        "countered",
        "charged",
        "testify",
        "testifies",
        "testified",
        "quipped",
        "assert",
        "asserts",
        "asserted",
        "accuse",
        "accuses",
        "accused",
        "reported",  # not "report(s)", nouns as often as verbs
    ]
)
#: Verbs after which a name is the object ("told Reuters"), never an inverted subject.
OBJECT_VERBS = frozenset(
    {"tell", "tells", "told", "telling", "ask", "asks", "asked", "accuse", "accuses"}
)
QUOTING_VERBS = frozenset({"quoted", "quotes", "quoting", "cited", "cites", "citing"})
PRONOUNS = frozenset({"he", "she"})
#: Words that start another clause between a quote and a speech verb after it ("... Tuesday
#: but did not say"), or deny the speech: that verb is no cue for the quote.
CLAUSE_BREAKS = frozenset({"but", "while", "although", "though", "because", "whereas", "yet"})
NEGATIONS = frozenset({"not", "never", "no"})
#: Words that end the name phrase after an inverted verb ("said Rami Abdel Rahman of ...").
NP_STOPS = frozenset(
    [
        "in",
        "at",
        "on",
        "of",
        "from",
        "to",
        "after",
        "before",
        "during",
        "according",
        "while",
        "when",
        "who",
        "which",
        "that",
        "as",
        "via",
        "with",
        "for",
        "by",
        "about",
        "adding",
        "yesterday",
        "today",
    ]
)
#: Words a sentence may open with before its subject.
LEADING = frozenset({"but", "and", "however", "yet", "so", "meanwhile", "later", "also"})
#: Nouns after an organisation that stand for it speaking: "the Observatory monitor said".
ORG_NOUNS = frozenset(
    {"statement", "communique", "communiqué", "release", "monitor", "group", "agency"}
)
#: Nouns for a person not named: "a member of X told", "an official from the ministry said".
ROLE_NOUNS = frozenset(
    [
        "member",
        "members",
        "source",
        "sources",
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "head",
        "chief",
        "director",
        "commander",
        "officer",
        "activist",
        "activists",
        "resident",
        "residents",
        "witness",
        "witnesses",
        "fighter",
        "fighters",
        "leader",
        "representative",
        "envoy",
        "diplomat",
        "analyst",
        "researcher",
        "doctor",
        "medic",
        "worker",
        "correspondent",
        "reporter",
        "colleague",
        "employee",
    ]
)
_WORD = re.compile(r"[\w’'.-]*\w|\w")
_BOUNDARY = re.compile(r"[.!?…]+[”\"’)\]]*(\s+)(?=[A-Z0-9“\"‘(\[])")
_OPENERS = set("([{—–-/")


@dataclass(frozen=True)
class NameSpan:
    """A linked mention as the quote finder sees it."""

    start: int
    end: int
    entity_id: str
    kind: str


@dataclass(frozen=True)
class Quote:
    """A quotation: ``text`` is ``article.text[start:end]``, the words inside the marks.

    ``speaker`` is an entity id or None; ``cue`` the words that attribute it ("Kerry said"),
    ``how`` which rule did: after, before, according, quoted, pronoun, same-sentence,
    continuation, previous, or none.
    """

    start: int
    end: int
    text: str
    speaker: str | None
    cue: str | None
    how: str


@dataclass(frozen=True)
class _Mark:
    pos: int
    opens: bool


@dataclass
class _Found:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (or the paragraph's end when never closed)
    start: int
    end: int
    speaker: str | None = None
    cue: str | None = None
    how: str = "none"
    cued: bool = False  # a cue settled it (even to "unknown")
    segment: int = 0


# -- finding the quotation marks -----------------------------------------------------------


_MARK_CHARACTERS = re.compile('[“”"]')


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    marks: list[_Mark] = []
    # Only where a mark stands (a loop over every character was a third of finding quotes).
    for found in _MARK_CHARACTERS.finditer(text, start, end):
        i = found.start()
        c = text[i]
        if c == "“":
            marks.append(_Mark(i, True))
        elif c == "”":
            marks.append(_Mark(i, False))
        elif c == '"':
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            if (before.isspace() or before in _OPENERS) and not after.isspace():
                marks.append(_Mark(i, True))
            elif not before.isspace() and (after.isspace() or not after.isalnum()):
                marks.append(_Mark(i, False))
    return marks


def _close_later(
    paragraphs: Sequence[tuple[int, int]], marks: Sequence[list[_Mark]], k: int
) -> int | None:
    """Where a quote left open at the end of paragraph ``k`` closes, if it does."""
    for j in range(k + 1, min(len(paragraphs), k + 1 + MAX_PARAGRAPHS)):
        depth = 0
        for mark in marks[j]:
            if mark.opens:
                if mark.pos == paragraphs[j][0]:
                    continue  # the mark that reopens a quote running on
                depth += 1
            elif depth:
                depth -= 1
            else:
                return mark.pos
        if depth:
            return None  # a quote opened inside never closed: the marks do not pair up
    return None


def _scan(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """(opening mark, closing mark or paragraph end, closed) of every top-level quotation."""
    marks = [_marks(text, s, e) for s, e in paragraphs]
    found: list[tuple[int, int, bool]] = []
    k = 0
    open_at: int | None = None
    open_para = 0
    depth = 0
    skip_until = -1  # a quote already closed by looking ahead ends here
    while k < len(paragraphs):
        for mark in marks[k]:
            if mark.pos <= skip_until:
                continue
            if open_at is None:
                if mark.opens:
                    open_at, open_para, depth = mark.pos, k, 0
                continue
            if mark.opens:
                if mark.pos == paragraphs[k][0] and k > open_para:
                    continue
                depth += 1
            elif depth:
                depth -= 1
            else:
                found.append((open_at, mark.pos, True))
                open_at = None
        if open_at is not None:
            later = None if depth else _close_later(paragraphs, marks, k)
            if later is None:
                found.append((open_at, paragraphs[k][1], False))
                open_at = None
            else:
                found.append((open_at, later, True))
                open_at = None
                skip_until = later
                # Continue scanning in the paragraph holding the close, after it.
                while k + 1 < len(paragraphs) and paragraphs[k + 1][0] <= later:
                    k += 1
                continue
        k += 1
    return found


# -- sentences with quotes kept whole ------------------------------------------------------


def _segments(
    text: str, paragraphs: Sequence[tuple[int, int]], quotes: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Sentences, never split inside a quotation (nor at a paragraph break inside one)."""
    inside = sorted(quotes)
    opens = [q[0] for q in inside]

    def quoted(pos: int) -> bool:
        i = bisect_right(opens, pos) - 1
        return i >= 0 and inside[i][0] < pos < inside[i][1]

    cuts: set[int] = set()
    for s, e in paragraphs:
        if not quoted(s):
            cuts.add(s)
        for match in _BOUNDARY.finditer(text, s, e):
            pos = match.start(1)
            if quoted(pos) or _abbreviation(text, s, match.start()):
                continue
            cuts.add(match.end())
    ends = {e for _, e in paragraphs}
    points = sorted(cuts)
    segments: list[tuple[int, int]] = []
    for i, start in enumerate(points):
        stop = points[i + 1] if i + 1 < len(points) else len(text)
        # Trim to the paragraph that holds the end, so segments never swallow block gaps.
        end = min((e for e in ends if start < e <= stop), default=stop)
        if not quoted(end):
            stop = end
        segments.append((start, stop))
    return segments


def _abbreviation(text: str, paragraph_start: int, dot: int) -> bool:
    word = text[max(paragraph_start, dot - 6) : dot].split()
    if not word:
        return False
    last = word[-1].lstrip('(“"').lower()
    return last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())


# -- attribution ---------------------------------------------------------------------------


class _Reach:
    """Spans, for asking how far those that begin at or before an offset reach (a bisection,
    not a scan of every span for every name or quote)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))

    def furthest(self, offset: int) -> int:
        """The furthest end of the spans beginning at or before ``offset`` (-1: none do)."""
        i = bisect_right(self._starts, offset) - 1
        return self._reach[i] if i >= 0 else -1


class _Context:
    """What attribution looks at in one article."""

    def __init__(
        self, text: str, names: Sequence[NameSpan], quotes: list[_Found], segments: list
    ) -> None:
        self.text = text
        self.quotes = quotes
        self.segments = segments
        inner = _Reach((q.start, q.end) for q in quotes)
        self.names = sorted(
            (n for n in names if inner.furthest(n.start) <= n.start), key=lambda n: n.start
        )
        self._starts = [n.start for n in self.names]
        self.kinds = {n.entity_id: n.kind for n in names}

    def names_in(self, start: int, end: int) -> list[NameSpan]:
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.names) and self.names[i].start < end:
            out.append(self.names[i])
            i += 1
        return out

    def words(self, start: int, end: int) -> list[tuple[int, int, str, NameSpan | None]]:
        """Words of a window, a linked mention counting as one word (so "Osama Said" is no
        verb and "Observatory for Human Rights" does not stop at "for")."""
        out: list[tuple[int, int, str, NameSpan | None]] = []
        names = self.names_in(start, end)
        pos = start
        n = 0
        while pos < end:
            if n < len(names) and names[n].start <= pos + 1 and names[n].start < end:
                name = names[n]
                if name.start >= pos:
                    out.append((name.start, name.end, self.text[name.start : name.end], name))
                    pos = name.end
                n += 1
                continue
            match = _WORD.search(self.text, pos, end)
            if match is None:
                break
            if n < len(names) and match.start() >= names[n].start:
                pos = names[n].start
                continue
            out.append((match.start(), match.end(), match.group(), None))
            pos = match.end()
        return out


def _persons(names: Iterable[NameSpan]) -> list[str]:
    return list(dict.fromkeys(n.entity_id for n in names if n.kind == "PERSON"))


def _speaking(names: Iterable[NameSpan]) -> list[NameSpan]:
    return [n for n in names if n.kind in SPEAKER_KINDS]


def _phrase_after(ctx: _Context, start: int, end: int) -> tuple[str | None, bool, int]:
    """The speaker named by the phrase starting at ``start`` ("Mr Carter of ..."), whether a
    phrase was there at all, and where it ends. Two people in it: ambiguous, no speaker."""
    words = ctx.words(start, end)
    taken: list[NameSpan] = []
    stop = start
    head: NameSpan | None = None  # the phrase's last word, when it is a name
    previous = ""
    for i, (s, e, word, name) in enumerate(words):
        gap = ctx.text[stop:s]
        titled = gap.strip() == "." and previous.lower() in ABBREVIATIONS  # "Lt. Col. X"
        if i and re.search(r"[,.;:!?()“”\"—]", gap) and not titled:
            break
        previous = word
        if i >= 10:
            break
        if name is None:
            low = word.lower()
            if low in NP_STOPS or low in SPEECH_VERBS:
                break
            if i == 0 and low in PRONOUNS:
                return None, True, e  # "said he": resolved by the caller
        else:
            taken.append(name)
        head = name
        stop = e
    if stop == start:
        return None, False, start
    persons = _persons(taken)
    if len(persons) == 1:
        return persons[0], True, stop
    if len(persons) > 1:
        return None, True, stop
    # An organisation or a place speaks only as the head of the phrase ("the Observatory"),
    # not as a modifier of it ("the U.S.-led coalition", "a Raqa statement").
    if head is not None and head.kind in SPEAKER_KINDS:
        return head.entity_id, True, stop
    return None, True, stop


def _subject_before(ctx: _Context, start: int, verb: int) -> tuple[str | None, str]:
    """The speaker of the clause ``text[start:verb]`` that ends at a speech verb.

    Returns (entity id or None, how): "name" for a person just before the verb, the one person
    of the subject, or an organisation heading it; "pronoun" or "it" when the subject is one
    (the caller resolves it); "none" for an unnamed speaker ("a source in X told")."""
    words = ctx.words(start, verb)
    if not words:
        return None, "none"
    _, e, word, name = words[-1]
    after_preposition = len(words) > 1 and words[-2][3] is None and words[-2][2].lower() in NP_STOPS
    adjacent = name is not None and not ctx.text[e:verb].strip() and not after_preposition
    if adjacent and name is not None and name.kind == "PERSON":
        return name.entity_id, "name"
    if name is None and word.lower() in PRONOUNS:
        return None, "pronoun"
    if name is None and word.lower() == "it":
        return None, "it"
    if any(w[3] is None and w[2].lower() in SPEECH_VERBS for w in words):
        return None, "none"  # another speech verb between: whose subject this is is unclear
    lead = 0
    while lead < len(words) and words[lead][3] is None and words[lead][2].lower() in LEADING:
        lead += 1
    if lead < len(words):
        phrase = [w for w in words[lead:] if w[0] < verb]
        speaker, _, stop = _phrase_after(ctx, words[lead][0], verb)
        if speaker is not None and ctx.kinds.get(speaker) == "PERSON":
            return speaker, "name"
        head = [w for w in phrase if w[1] <= stop]
        if head and head[-1][3] is None and head[-1][2].lower() in ROLE_NOUNS:
            return None, "none"  # "a member of X", "the head of X": someone not named
    if adjacent and name is not None and name.kind in SPEAKER_KINDS:
        return name.entity_id, "name"
    if name is None and word.lower() in ORG_NOUNS and len(words) > 1:
        before = words[-2][3]
        if before is not None and before.kind in ("ORG", "GPE"):
            return before.entity_id, "name"  # "a US State Department statement said"
    if lead < len(words):
        speaker, _, _ = _phrase_after(ctx, words[lead][0], verb)
        if speaker is not None:
            return speaker, "name"
    if len(words) <= 12:
        persons = _persons(n for *_, n in words if n is not None)
        if len(persons) == 1:
            return persons[0], "name"
    return None, "none"


def _verb_positions(
    ctx: _Context, start: int, end: int, limit: int | None
) -> list[tuple[int, int, str]]:
    verbs = []
    for i, (s, e, word, name) in enumerate(ctx.words(start, end)):
        if limit is not None and i > limit:
            break
        if name is None and word.lower() in SPEECH_VERBS:
            verbs.append((s, e, word.lower()))
    return verbs


def _resolve_pronoun(ctx: _Context, pos: int, segment: int) -> str | None:
    """He or she at ``pos``: the one person named before it in the sentence, else the speaker
    of the quote just before, else the one person the sentence before names; two: unknown."""
    seg_start = ctx.segments[segment][0]
    here = _persons(ctx.names_in(seg_start, pos))
    if here:
        return here[0] if len(here) == 1 else None
    for k in range(segment - 1, max(-1, segment - 4), -1):
        s, e = ctx.segments[k]
        earlier = [q for q in ctx.quotes if q.segment == k and _counts(ctx, q)]
        if earlier:
            return earlier[-1].speaker  # "he" is who spoke just before, known or not
        persons = _persons(ctx.names_in(s, e))
        if persons:
            return persons[0] if len(persons) == 1 else None
    return None


def _counts(ctx: _Context, q: _Found) -> bool:
    """Whether a quote is one a later "he said" or continuation can refer back to."""
    return q.cued or len(ctx.text[q.start : q.end].split()) >= MIN_UNCUED_WORDS


def _resolve_it(ctx: _Context, q: _Found) -> str | None:
    """ "It said" / "it added": the organisation or place that spoke in the quote before, if
    one did (in this sentence or the one before); otherwise unknown."""
    before = [
        o
        for o in ctx.quotes
        if o.close < q.open and q.segment - 1 <= o.segment <= q.segment and o.cued
    ]
    if before and before[-1].speaker is not None:
        kind = ctx.kinds.get(before[-1].speaker)
        if kind in ("ORG", "GPE"):
            return before[-1].speaker
    return None


def _cue_text(ctx: _Context, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", ctx.text[start:end]).strip(" ,:;—–-")


def _attribute_after(ctx: _Context, q: _Found, end: int) -> bool:
    """ "..., Kerry said" / "... said Mr Carter" / "..., he added" / "... according to X"."""
    text = ctx.text
    lead = re.match(r"[\s,;:—–-]*", text[q.close + 1 : end])
    start = q.close + 1 + (lead.end() if lead else 0)
    if start >= end:
        return False
    inner = text[q.start : q.end].rstrip()
    if inner.endswith(".") and len(ctx.words(start, end)) > 7:
        return False  # the quote ended its sentence: what follows is another one
    verbs = _verb_positions(ctx, start, end, MAX_CUE_WORDS)
    according = re.compile(r"\baccording to\b", re.I).search(text, start, end)
    if verbs:
        vs, ve, verb = verbs[0]
        if according is not None and according.start() < vs:
            return _according(ctx, q, according.end(), end, according.start())
        if not text[start:vs].strip():  # inverted: "said Putin"
            if verb in OBJECT_VERBS:
                return False
            return _named_after_verb(ctx, q, vs, ve, end, "after")
        between = {w[2].lower() for w in ctx.words(start, vs) if w[3] is None}
        if between & (CLAUSE_BREAKS | NEGATIONS):
            return False
        speaker, subject = _subject_before(ctx, start, vs)
        return _set_subject(ctx, q, speaker, subject, (start, ve), start, "after")
    if according is not None and len(ctx.words(start, according.start())) <= 3:
        return _according(ctx, q, according.end(), end, according.start())
    return False


def _according(ctx: _Context, q: _Found, start: int, end: int, cue_start: int) -> bool:
    speaker, present, stop = _phrase_after(ctx, start, end)
    if not present:
        return False
    return _set(q, speaker, _cue_text(ctx, cue_start, stop), "according")


def _attribute_before(ctx: _Context, q: _Found, start: int) -> bool:
    """ "Kerry said: ..." / "..., said Putin, ..." / "X cites Putin as saying: ..."."""
    text = ctx.text
    window = text[start : q.open]
    if not window.strip():
        return False
    sayings = list(re.finditer(r"\bas saying\b", window, re.I))
    saying = sayings[-1] if sayings else None  # the last "as saying" before the quote
    if saying is not None and len(ctx.words(start + saying.end(), q.open)) <= MAX_CUE_WORDS:
        words = ctx.words(start, start + saying.start())
        for i in range(len(words) - 1, -1, -1):
            if words[i][3] is None and words[i][2].lower() in QUOTING_VERBS:
                # "Sana quoted a military source as saying": the source, never Sana.
                names = [n for *_, n in words[i + 1 :] if n is not None]
                persons = _persons(names)
                speakers = _speaking(names)
                speaker = (
                    persons[0]
                    if len(persons) == 1
                    else (speakers[0].entity_id if len(speakers) == 1 and not persons else None)
                )
                cue = _cue_text(ctx, words[i][0], start + saying.end())
                return _set(q, speaker, cue, "quoted")
    according = None
    for match in re.finditer(r"\baccording to\b", window, re.I):
        according = match
    verbs = _verb_positions(ctx, start, q.open, None)
    if according is not None and (not verbs or verbs[-1][0] < start + according.start()):
        return _according(ctx, q, start + according.end(), q.open, start + according.start())
    if not verbs:
        return False
    vs, ve, verb = verbs[-1]
    if len(ctx.words(ve, q.open)) > MAX_REPORTED_WORDS:
        return False
    rest = text[ve : q.open]
    head = text[start:vs]
    inverted = not re.sub(r"\b(?:but|and|as|so)\b", "", head, flags=re.I).strip(" ,;:—–-\n")
    if (
        inverted
        and verb not in OBJECT_VERBS
        and rest.strip(" ,:—–-\n")
        and _named_after_verb(ctx, q, vs, ve, q.open, "before")
    ):
        return True
    # Subject before the verb: "Kerry said:", "Lavrov said, adding that", "X told AFP the".
    clause = start
    for boundary in re.finditer(r"[;]", head):
        clause = start + boundary.end()
    if verb in {"adding", "saying"}:
        # "..., Lavrov said, adding that": the subject is that of the verb before.
        earlier = [v for v in verbs[:-1] if v[0] >= clause]
        if earlier:
            vs = earlier[-1][0]
    speaker, subject = _subject_before(ctx, clause, vs)
    if subject == "none" and not ctx.words(clause, vs):
        return False
    return _set_subject(ctx, q, speaker, subject, (clause, ve), vs, "before")


def _named_after_verb(ctx: _Context, q: _Found, vs: int, ve: int, end: int, how: str) -> bool:
    """Attribute ``q`` to the phrase after the speech verb at ``vs``-``ve`` ("said Mr Carter",
    "said he"), by rule ``how``; False when no phrase follows before ``end``."""
    speaker, present, stop = _phrase_after(ctx, ve, end)
    if not present:
        return False
    if speaker is None and ctx.words(ve, stop)[0][2].lower() in PRONOUNS:
        return _set(q, _resolve_pronoun(ctx, ve, q.segment), _cue_text(ctx, vs, stop), "pronoun")
    return _set(q, speaker, _cue_text(ctx, vs, stop), how)


def _set_subject(
    ctx: _Context,
    q: _Found,
    speaker: str | None,
    subject: str,
    cue: tuple[int, int],
    pronoun_at: int,
    how: str,
) -> bool:
    """Attribute ``q`` to the subject of its speech verb as ``_subject_before`` found it
    (``speaker``, and ``subject`` saying what it is), by rule ``how``; a pronoun is resolved
    as of ``pronoun_at``, "it" to the organisation that spoke before."""
    cue_text = _cue_text(ctx, *cue)
    if subject == "pronoun":
        return _set(q, _resolve_pronoun(ctx, pronoun_at, q.segment), cue_text, "pronoun")
    if subject == "it":
        return _set(q, _resolve_it(ctx, q), cue_text, "pronoun")
    return _set(q, speaker, cue_text, how)


def _set(q: _Found, speaker: str | None, cue: str, how: str) -> bool:
    q.speaker, q.cue, q.how, q.cued = speaker, cue or None, how, True
    return True


def _attribute_from_before(ctx: _Context, q: _Found) -> None:
    """A quote with no cue of its own: the quote it continues, or the sentence before."""
    same = [
        o
        for o in ctx.quotes
        if o.segment == q.segment and o is not q and o.cued and o.how != "none"
    ]
    speakers = {o.speaker for o in same}
    if same and len(speakers) == 1:
        q.speaker, q.how = same[0].speaker, "same-sentence"
        return
    if same:
        return  # two speakers in the sentence: which one said this is not written
    seg_start = ctx.segments[q.segment][0]
    if ctx.text[seg_start : q.open].strip(' \n“"‘('):
        return  # a partial quote inside a sentence with no cue: nobody to attribute it to
    if q.segment == 0:
        return
    k = q.segment - 1
    s, e = ctx.segments[k]
    earlier = [o for o in ctx.quotes if o.segment == k and o.how != "none"]
    if earlier:
        q.speaker, q.how = earlier[-1].speaker, "continuation"
        return
    sentence = ctx.text[s:e].rstrip()
    persons = _persons(ctx.names_in(s, e))
    reports = sentence.endswith(":") or _verb_positions(ctx, s, e, None)
    if reports and len(persons) == 1:
        q.speaker, q.how = persons[0], "previous"


def find_quotes(
    text: str, paragraphs: Sequence[tuple[int, int]], names: Sequence[NameSpan]
) -> list[Quote]:
    """Every quotation in the running text, attributed where the words around it allow.

    ``paragraphs`` are the (start, end) spans of the body's blocks, in order; ``names`` the
    article's linked mentions. Terms in quotes ("moderate") and quoted names ("Islamic State")
    are not quotations; a quote with no speaker keeps ``speaker`` None.
    """
    paragraphs = sorted(p for p in paragraphs if p[0] < p[1])
    raw = [(o, c, closed) for o, c, closed in _scan(text, paragraphs) if c > o + 1]
    found = []
    for o, c, _closed in raw:
        start, end = o + 1, c
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or (_closed and text[end - 1] == ",")):
            end -= 1  # "..., we reaffirm our position,” Lavrov said": the comma is the cue's
        if start < end:
            found.append(_Found(o, c, start, end))
    if not found:
        return []  # most articles: nothing to attribute
    segments = _segments(text, paragraphs, [(q.open, q.close) for q in found])
    seg_starts = [s for s, _ in segments]
    for q in found:
        q.segment = max(0, bisect_right(seg_starts, q.open) - 1)
    ctx = _Context(text, names, found, segments)
    for q in found:
        seg_start, seg_end = segments[q.segment]
        later = [o.open for o in found if o.segment == q.segment and o.open > q.open]
        after_end = min([seg_end, *later])
        earlier = [o.close + 1 for o in found if o.segment == q.segment and o.close < q.open]
        before_start = max([seg_start, *earlier])
        if not _attribute_after(ctx, q, after_end):
            _attribute_before(ctx, q, before_start)
    for q in found:
        if not q.cued:
            _attribute_from_before(ctx, q)
    quotes = []
    spans = _Reach((n.start, n.end) for n in names)
    for q in found:
        words = len(text[q.start : q.end].split())
        if words < MIN_UNCUED_WORDS and q.speaker is None:
            continue  # a term in quotes ("moderate"), unless someone is said to have said it
        if spans.furthest(q.start) >= q.end:
            continue  # a name in quotes
        quotes.append(Quote(q.start, q.end, text[q.start : q.end], q.speaker, q.cue, q.how))
    return quotes
