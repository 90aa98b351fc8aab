"""English function words: the closed classes the surface rules share.

None of these is ever part of a name, even capitalised at a sentence's start ("The", "Since",
"According"). Each rule adds the words of its own purpose to the classes it needs.
"""

from __future__ import annotations

DETERMINERS: frozenset[str] = frozenset({"a", "an", "the", "this", "that", "these", "those", "it"})
POSSESSIVES: frozenset[str] = frozenset({"his", "her", "its", "their", "our"})
AUXILIARIES: frozenset[str] = frozenset(
    {
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "should",
    }
)
PREPOSITIONS: frozenset[str] = frozenset(
    {
        "about",
        "across",
        "after",
        "against",
        "amid",
        "among",
        "around",
        "as",
        "at",
        "before",
        "between",
        "by",
        "during",
        "for",
        "from",
        "in",
        "into",
        "near",
        "of",
        "on",
        "over",
        "per",
        "since",
        "than",
        "to",
        "under",
        "until",
        "via",
        "with",
        "within",
        "without",
    }
)
CONJUNCTIONS: frozenset[str] = frozenset(
    {
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "if",
        "while",
        "when",
        "then",
        "also",
        "both",
        "however",
        "meanwhile",
    }
)
QUESTION_WORDS: frozenset[str] = frozenset({"what", "who", "how", "why", "which", "where"})
#: The words that attribute speech in news ("..., officials said", "According to ...").
SPEECH_WORDS: frozenset[str] = frozenset({"said", "says", "told", "according"})

#: Every class above.
FUNCTION_WORDS: frozenset[str] = (
    DETERMINERS
    | POSSESSIVES
    | AUXILIARIES
    | PREPOSITIONS
    | CONJUNCTIONS
    | QUESTION_WORDS
    | SPEECH_WORDS
)
