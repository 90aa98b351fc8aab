"""Decide what a hyphen at the end of a line is: a word split by the typesetter, or a compound.

"Rus-" + "sia" is "Russia"; "anti-" + "tank" is "anti-tank"; "Iranian-" + "controlled" is
"Iranian-controlled". The evidence, strongest first:

1. The document itself: if it spells the pair elsewhere with a hyphen ("rebel-held") the
   hyphen stays; if it spells it as one word, the halves are joined.
2. Anything but a lower-case letter after the break ("non-" + "ISIS", "Su-" + "24"), or an
   upper-case abbreviation or digit before it ("US-" + "led"), keeps the hyphen.
3. A short list of prefixes that keep their hyphen in news English (anti-, non-, al-, self-,
   ex-...), when what follows is a word on its own and more common than the joined form:
   frequency alone would make "antitank".
4. English word frequencies (wordfreq): a joined form that is a common word is joined
   ("epi-" + "sodes"); two halves that are both words while the joined form is rare or
   unknown keep the hyphen ("Iranian-controlled", "in-air"), as does a name followed by a
   common word ("Hama-based"); anything else (a split name such as "Sinir-" + "lioglu", or
   "Bash-" + "ar", whose two-letter tail is a syllable) is joined.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

#: Prefixes written with a hyphen in news English even where the joined form exists.
KEEP_HYPHEN_PREFIXES: frozenset[str] = frozenset(
    {
        "anti",
        "non",
        "al",
        "el",
        "self",
        "ex",
        "pro",
        "pre",
        "post",
        "semi",
        "quasi",
        "neo",
        "pan",
        "ultra",
        "mid",
        "multi",
        "vice",
    }
)

#: A joined form at least this frequent (Zipf scale: 3 = once per million words) is a word.
COMMON_WORD = 3.0
#: Below this, a joined form after a keep-hyphen prefix is a rarer spelling of the compound.
PREFIXED_WORD = 3.5
#: A half at least this frequent (and three letters or more after the break) is a word.
WORD_ON_ITS_OWN = 2.5
#: A capitalised name before the break and a word this common after it form a compound
#: ("Hama-based") when the joined form is unknown.
COMMON_SUFFIX_WORD = 3.5


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    # Imported here: wordfreq loads its word lists on import, which the reader's start-up
    # (through the article pane's comment count) does not need.
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")


def document_vocabulary(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The hyphenated pairs and the plain words a text spells on one line (lower case).

    Returns ``(hyphenated, words)``: ``hyphenated`` holds "left-right" pairs written inside a
    line, ``words`` every plain word; hyphens at line ends are not evidence and are skipped.
    """
    hyphenated: set[str] = set()
    words: set[str] = set()
    for line in text.split("\n"):
        line = line.rstrip()
        if line.endswith("-"):
            line = line[:-1]
        for token in re.findall(r"[^\W_]+(?:-[^\W_]+)+|[^\W_]+", line):
            token = token.lower()
            if "-" in token:
                parts = token.split("-")
                hyphenated.update(f"{a}-{b}" for a, b in itertools.pairwise(parts))
            else:
                words.add(token)
    return frozenset(hyphenated), frozenset(words)


def keeps_hyphen(
    left: str,
    right: str,
    hyphenated: Iterable[str] = frozenset(),
    words: Iterable[str] = frozenset(),
) -> bool:
    """Whether ``left`` + "-" + line break + ``right`` is a compound (True) or a split word.

    ``left`` is the last hyphen-free piece before the break ("bat" in "much-bat-"), ``right``
    the first piece after it; ``hyphenated`` and ``words`` are the document's own spellings
    (see :func:`document_vocabulary`).
    """
    if not left or not right:
        return True
    if not right[0].islower():
        return True
    if left[-1].isdigit() or (len(left) > 1 and left.isupper()):
        return True
    pair = f"{left}-{right}".lower()
    joined = f"{left}{right}".lower()
    if pair in hyphenated:
        return True
    if joined in words:
        return False
    joined_freq = _zipf(joined)
    right_freq = _zipf(right) if len(right) >= 3 else 0.0
    if (
        left.lower() in KEEP_HYPHEN_PREFIXES
        and right_freq >= WORD_ON_ITS_OWN
        and joined_freq < min(PREFIXED_WORD, right_freq)
    ):
        return True
    if joined_freq >= COMMON_WORD:
        return False
    if right_freq < WORD_ON_ITS_OWN:
        return False
    if len(left) >= 2 and _zipf(left) >= WORD_ON_ITS_OWN:
        return True
    return left[0].isupper() and right_freq >= COMMON_SUFFIX_WORD and joined_freq < 1.0


def last_piece(text: str) -> str:
    """The last run of letters and digits in ``text`` (the part of a word before a final hyphen)."""
    match = re.search(r"([^\W_]+)\W*$", text)
    return match.group(1) if match else ""


def first_piece(text: str) -> str:
    """The first run of letters and digits in ``text``."""
    match = re.match(r"\W*?([^\W_]+)", text)
    return match.group(1) if match else ""
