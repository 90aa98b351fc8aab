"""Recognise photo captions and pull quotes: text on the page that is not the running text.

A caption announces itself by its wording ("A video grab made on...", "(LtoR)", a bracketed
photo credit such as "[AFP/Russian Defence Ministry]") or, in text from a PDF, by its
layout: a short block set in its own frame, wider than the page's column. A pull quote
repeats the running text: a short block whose word pairs are nearly all found, in order,
elsewhere in the article ("“ISIS has entered a golden period,” observed analyst").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from syria_reader.corpus.layout import RawBlock

_CAPTION_START = re.compile(
    r"^(?:an? (?:video grab|grab|screen ?grab|screenshot|handout (?:picture|photo|image)|picture|"
    r"photo(?:graph)?"
    r"|image|still(?: image)?|file (?:picture|photo)|aerial (?:view|picture|photo))\b"
    r"|(?:file )?(?:photo|picture|image|caption|pictured|photograph|credit)s?\s*:"
    r"|this (?:picture|photo|image|handout)\b|\(?photo (?:by|courtesy)\b)",
    re.IGNORECASE,
)
_LEFT_TO_RIGHT = re.compile(
    r"\((?:l ?to ?r|l-r|r ?to ?l|r-l|from (?:left|right)|left to right|right to left|left|right|"
    r"centre|center|c)\)",
    re.IGNORECASE,
)
_CREDIT_END = re.compile(
    r"[\[(](?=[^\])]*(?:/|photo|getty|images|afp|reuters|\bap\b|epa|anadolu|"
    r"sana))[^\[\]()]{2,80}[\])]\.?$",
    re.IGNORECASE,
)

#: Asides are short: a longer block is running text, whatever it looks like.
MAX_CAPTION_WORDS = 60
MAX_PULLQUOTE_WORDS = 40
#: Share of a pull quote's word pairs that must occur elsewhere in the article.
PULLQUOTE_OVERLAP = 0.75


def caption_cue(text: str) -> bool:
    """Whether the wording says "photo caption": a caption opener, "(LtoR)", a photo credit."""
    if len(text.split()) > MAX_CAPTION_WORDS:
        return False
    return bool(
        _CAPTION_START.match(text) or _LEFT_TO_RIGHT.search(text) or _CREDIT_END.search(text)
    )


def is_caption(block: RawBlock) -> bool:
    """A caption by wording, or by layout: a short block in its own, wider frame of a PDF page."""
    if caption_cue(block.text):
        return True
    words = len(block.text.split())
    return block.frame and block.wide and words <= MAX_CAPTION_WORDS and not block.dropcap


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’][^\W_]+)?", text.lower())


def _pairs(words: Sequence[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def pullquotes(texts: Sequence[str], candidates: Sequence[int]) -> set[int]:
    """Which of the candidate blocks (indexes into ``texts``) repeat the other blocks' words.

    A candidate of 3 to 40 words is a pull quote when at least 75% of its word pairs occur
    in the longer blocks of the article (a pull quote excerpts a longer passage; of two
    equal copies, neither is the quote).
    """
    words = [_words(text) for text in texts]
    longest: dict[tuple[str, str], int] = {}  # each word pair -> the longest block holding it
    for block_words in words:
        for pair in _pairs(block_words):
            if longest.get(pair, 0) < len(block_words):
                longest[pair] = len(block_words)
    found: set[int] = set()
    for index in candidates:
        size = len(words[index])
        if not 3 <= size <= MAX_PULLQUOTE_WORDS:
            continue
        own = _pairs(words[index])
        repeated = sum(1 for pair in own if longest.get(pair, 0) > size)
        if own and repeated / len(own) >= PULLQUOTE_OVERLAP:
            found.add(index)
    return found
