"""Surface patterns for names and sentences, used without a model (and to repair its spans).

- :func:`capitalised_runs`: runs of capitalised words, with name particles and "of"/"for"
  links inside ("Army of Islam", "Bashar al-Assad", "Syrian Observatory for Human Rights").
- :func:`organisation_names`: runs ending in an organisation head word ("Defence Ministry",
  "Army of Conquest"), cut before what follows the head.
- :func:`titled_people`: the name after a title ("Foreign Minister Sergei Lavrov", "Mr Carter").
- :func:`split_sentences`: sentence ends by punctuation, abbreviations and initials respected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from syria_reader.nlp.function_words import FUNCTION_WORDS
from syria_reader.nlp.names import (
    GENERIC_WORDS,
    MONTHS,
    PARTICLES,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    WEEKDAYS,
    is_generic,
)
from syria_reader.nlp.spans import ORG_HEADS

_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f][\w'\u2019.\-]*|\d[\d,.]*|\S")
_LINKS = frozenset({"of", "for", "the"})
#: Words whose full stop ends no sentence ("Mr.", "Lt. Col.", "U.S.", "Jan. 5"), lower case,
#: without the last dot: the one list for this splitter, tokens and the quote finder's sentences.
ABBREVIATIONS = frozenset(
    [
        "messrs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "rev",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.n",
        "u.k",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "prof",
        "sen",
        "rep",
        "gov",
        "adm",
        "brig",
        "cmdr",
        "mt",
        "ft",
        "inc",
        "ltd",
        "co",
        "corp",
        "approx",
        "est",
        "pop",
        "al",
    ]
)
_SENTENCE_END = re.compile(
    r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])|[.!?]+[\"'\u201d\u2019)\]]*$"
)
#: Sentence-initial words that are not names even when capitalised.
_FUNCTION_WORDS = FUNCTION_WORDS | frozenset(
    [
        "although",
        "though",
        "because",
        "despite",
        "instead",
        "moreover",
        "furthermore",
        "indeed",
        "still",
        "thus",
        "hence",
        "once",
        "now",
        "here",
        "there",
        "whose",
        "whom",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "my",
        "your",
        "us",
        "them",
        "some",
        "many",
        "most",
        "much",
        "more",
        "few",
        "several",
        "all",
        "any",
        "each",
        "every",
        "no",
        "not",
        "other",
        "another",
        "such",
        "only",
        "just",
        "even",
        "again",
        "already",
        "yes",
        "asked",
        "today",
        "yesterday",
        "tomorrow",
        "last",
        "next",
        "earlier",
        "later",
        "first",
        "second",
        "third",
        "finally",
        "unless",
        "whether",
    ]
)


@dataclass(frozen=True)
class Token:
    """A word of text with its offsets."""

    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        """A capitalised word, or a particle hyphened to one ("al-Assad", "ad-Din")."""
        return self.text[:1].isupper() or (
            "-" in self.text
            and self.text.split("-")[-1][:1].isupper()
            and self.text.split("-")[0].lower() in PARTICLES
        )


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Words, numbers and single punctuation marks of ``text[start:end]``."""
    tokens = []
    for match in _TOKEN.finditer(text, start, end):
        word = match.group(0)
        stop = match.end()
        # A word's trailing dot is punctuation unless it is an abbreviation or an initial.
        if (
            word.endswith(".")
            and len(word) > 1
            and word[:-1].lower() not in ABBREVIATIONS
            and not re.fullmatch(r"(?:[A-Za-z]\.)+", word)
        ):
            stop -= 1
            word = word[:-1]
        tokens.append(Token(match.start(), stop, word))
    return tokens


def _joined(text: str, a: Token, b: Token) -> bool:
    """Whether two tokens stand side by side with only spaces between them."""
    gap = text[a.end : b.start]
    return gap == "" or (gap.strip(" \t") == "" and "\n" not in gap)


def capitalised_runs(text: str, start: int, end: int) -> list[list[Token]]:
    """Runs of capitalised words joined by spaces, particles or of/for links inside them."""
    tokens = [t for t in tokenize(text, start, end)]
    runs: list[list[Token]] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].capitalised or not tokens[i].text[:1].isalpha():
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < len(tokens) and _joined(text, tokens[j - 1], tokens[j]):
            word = tokens[j]
            if word.capitalised and word.text[:1].isalpha():
                run.append(word)
                j += 1
                continue
            low = word.text.lower()
            if (
                (low in PARTICLES or low in _LINKS)
                and j + 1 < len(tokens)
                and _joined(text, word, tokens[j + 1])
            ):
                nxt = tokens[j + 1]
                if nxt.capitalised or (
                    nxt.text.lower() == "the" and j + 2 < len(tokens) and tokens[j + 2].capitalised
                ):
                    run.append(word)
                    j += 1
                    continue
            break
        runs.append(run)
        i = j
    return runs


def _is_sentence_start(text: str, token: Token, start: int) -> bool:
    before = text[start : token.start].rstrip(" \t\"'\u201c\u2018([")
    return before == "" or before.endswith((".", "!", "?", ":", "\n", "\u2022", "|"))


def strip_function_words(text: str, run: list[Token], start: int) -> list[Token]:
    """A run without leading function words ("In Syria" -> "Syria") and trailing links."""
    while run and run[0].text.lower() in _FUNCTION_WORDS:
        run = run[1:]
    while run and (run[-1].text.lower() in _LINKS or run[-1].text.lower() in PARTICLES):
        run = run[:-1]
    return run


def organisation_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names ending in an organisation head word, with their "of ..." tail ("Army of Islam")."""
    found: list[tuple[int, int]] = []
    for run in capitalised_runs(text, start, end):
        run = strip_function_words(text, run, start)
        heads = [k for k, t in enumerate(run) if t.text.lower().strip("'\u2019") in ORG_HEADS]
        if not heads:
            continue
        head = heads[-1]
        # Keep an "of/for ..." tail after the head; cut other capitalised words that follow it.
        stop = head + 1
        if stop < len(run) and run[stop].text.lower() in {"of", "for"}:
            stop = len(run)
        else:
            for k in heads:
                if k + 1 < len(run) and run[k + 1].text.lower() in {"of", "for"}:
                    head, stop = k, len(run)
                    break
        begin = 0
        for k in range(head):
            if run[k].text.lower() in {"of", "for"}:
                begin = k + 1  # "HQ of the Army of Islam" -> "Army of Islam"
        name = run[begin:stop]
        while name and name[0].text.lower() in TITLE_WORDS | {"the"}:
            name = name[1:]
        if len(name) < 2 and not (name and name[0].text.lower() not in ORG_HEADS):
            continue
        surface = text[name[0].start : name[-1].end]
        if is_generic(surface) or len(name) > 8:
            continue
        found.append((name[0].start, name[-1].end))
    return found


def titled_people(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names right after a title word: "President Bashar al-Assad" -> "Bashar al-Assad"."""
    found: list[tuple[int, int]] = []
    tokens = tokenize(text, start, end)
    for i, token in enumerate(tokens):
        if token.text.lower().rstrip(".") not in TITLE_WORDS:
            continue
        j = i + 1
        while (
            j < len(tokens)
            and tokens[j].text.lower() in TITLE_MODIFIERS
            and tokens[j].text.lower() not in {"us", "un"}
        ):
            j += 1
        if j > i + 1 and tokens[j - 1].text.lower() in {"of", "the", "for", "and"}:
            continue  # "President of Syria": what follows "of" is not the person
        name: list[Token] = []
        while (
            j < len(tokens) and len(name) < 5 and (not name or _joined(text, name[-1], tokens[j]))
        ):
            word = tokens[j]
            if (word.capitalised and word.text[:1].isalpha()) or (
                word.text.lower() in PARTICLES and j + 1 < len(tokens) and tokens[j + 1].capitalised
            ):
                name.append(word)
            else:
                break
            j += 1
        if i + 1 < len(tokens) and not _joined(text, token, tokens[i + 1]):
            continue
        if not name:
            continue
        words = [w.text.lower().strip(".'") for w in name]
        if len(words) == 1 and words[0] in _FUNCTION_WORDS:
            continue  # "the leader Moreover, ...": a sentence run on, not a name
        if words[-1] in ORG_HEADS or all(
            w in GENERIC_WORDS or w in MONTHS or w in WEEKDAYS for w in words
        ):
            continue
        found.append((name[0].start, name[-1].end))
    return found


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        word = re.search(r"([\w.]+)$", text[position : match.start() + 1])
        if word and match.group(0).startswith("."):
            last = word.group(1).rstrip(".").lower()
            if (
                last in ABBREVIATIONS
                or re.fullmatch(r"[a-z]", last)
                or re.fullmatch(r"(?:[a-z]\.)+[a-z]", last)
            ):
                continue
        spans.append((position, stop))
        position = stop
    if position < end:
        spans.append((position, end))
    trimmed = []
    for a, b in spans:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        tail = len(piece.rstrip())
        if tail > lead:
            trimmed.append((a + lead, a + tail))
    return trimmed


def is_sentence_initial(text: str, start: int, block_start: int) -> bool:
    """Whether ``start`` begins a sentence (after block start, end punctuation or a colon)."""
    return _is_sentence_start(text, Token(start, start, ""), block_start)


def is_function_word(word: str) -> bool:
    """Whether a word is a function word (never a name on its own, even capitalised)."""
    return word.lower() in _FUNCTION_WORDS
