"""The rule-based extractor: what runs when no spaCy pipeline can be loaded (no spaCy import).

Names come from the gazetteer, from titles ("Foreign Minister Sergei Lavrov"), organisation
head words ("Army of Conquest", "Defence Ministry"), speech verbs ("..., said Bahaa
al-Halaby"), place prepositions ("in Latakia", "the city of Aleppo"), nationality words
("Russian", "Syrians") and acronyms; other capitalised runs are passed on untyped, for the
linker to type from the rest of the corpus or drop. Dates and figures come from patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from syria_reader.models import Analysis, Article
from syria_reader.nlp.dates import DateResolver, date_refs, find_date_spans
from syria_reader.nlp.figures import find_figures
from syria_reader.nlp.gazetteer import Gazetteer
from syria_reader.nlp.mentions import Candidate, build_analysis
from syria_reader.nlp.names import (
    TITLE_WORDS,
    is_acronym,
    is_generic,
    looks_like_group_word,
)
from syria_reader.nlp.patterns import (
    capitalised_runs,
    is_function_word,
    is_sentence_initial,
    organisation_names,
    split_sentences,
    strip_function_words,
    titled_people,
)
from syria_reader.nlp.segments import segments
from syria_reader.nlp.spans import UNTYPED, clean_span

RULES_NAME = "rules"
_PLACE_CUE = re.compile(
    r"(?:\b(?:in|near|outside|around|across|into|towards?|from|city of|town of|village of|"
    r"province of|"
    r"provinces of|region of|governorate of|countryside of|north of|south of|east of|west of|"
    r"capital)\s+)$",
    re.I,
)
_SPEECH_AFTER = re.compile(
    r"^,?\s+(?:said|says|told|added|stated|explained|wrote|warned|declared)\b"
)
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|according to)\s+$")
_MAX_LENGTH = 1_000_000


class RuleExtractor:
    """Extraction by gazetteer and patterns; ``name`` is ``"rules"``."""

    def __init__(self, gazetteer: Gazetteer, warning: str | None = None) -> None:
        self.gazetteer = gazetteer
        self.name = RULES_NAME
        self.warning = warning

    def analyse(
        self,
        articles: Iterable[Article],
        batch_size: int = 32,
        progress: Callable[[Article, int], None] | None = None,
    ) -> Iterator[Analysis]:
        """One Analysis per article, in order (``batch_size`` is accepted for the common API)."""
        for article in articles:
            yield self.analyse_one(article, progress)

    def analyse_one(
        self, article: Article, progress: Callable[[Article, int], None] | None = None
    ) -> Analysis:
        """Names, dates, figures and sentences of one article; ``progress`` is told of each run."""
        text = article.text
        resolver = DateResolver(article.date)
        sentences: list[tuple[int, int]] = []
        candidates: list[Candidate] = []
        dates = []
        figures = []
        for segment in segments(article, _MAX_LENGTH):
            sentences.extend(split_sentences(text, segment.start, segment.end))
            date_spans = find_date_spans(text, segment.start, segment.end)
            dates.extend(date_refs(text, date_spans, resolver))
            figures.extend(find_figures(text, segment.start, segment.end, date_spans))
            candidates.extend(self._names(text, segment.start, segment.end, date_spans))
            if progress is not None:
                progress(article, segment.end)
        return build_analysis(article, self.name, candidates, sentences, dates, figures)

    def _names(
        self, text: str, start: int, end: int, date_spans: list[tuple[int, int]]
    ) -> list[Candidate]:
        found: list[Candidate] = []

        def add(a: int, b: int, kind: str, priority: int) -> None:
            if any(a < d_end and d_start < b for d_start, d_end in date_spans):
                return
            for span in clean_span(text, a, b, kind):
                found.append(Candidate(span.start, span.end, span.kind, priority))

        for match in self.gazetteer.find(text[start:end]):
            add(start + match.start, start + match.end, match.entry.kind, 5)
        for a, b in titled_people(text, start, end):
            add(a, b, "PERSON", 4)
        for a, b in organisation_names(text, start, end):
            add(a, b, "ORG", 4)
        for run in capitalised_runs(text, start, end):
            run = strip_function_words(text, run, start)
            # A title inside a run starts a new name ("... Minister Sergei Lavrov").
            pieces: list[list] = [[]]
            for token in run:
                if token.text.lower().rstrip(".") in TITLE_WORDS:
                    pieces.append([])
                else:
                    pieces[-1].append(token)
            for piece in pieces:
                if not piece:
                    continue
                a, b = piece[0].start, piece[-1].end
                surface = text[a:b]
                if is_generic(surface):
                    continue
                kind, priority = self._guess(text, a, b, len(piece), start)
                if kind is None:
                    continue
                add(a, b, kind, priority)
        return found

    def _guess(
        self, text: str, a: int, b: int, words: int, block_start: int
    ) -> tuple[str | None, int]:
        """The kind a capitalised run most likely has, from its shape and its neighbours."""
        surface = text[a:b]
        before = text[max(block_start, a - 30) : a]
        after = text[b : b + 20]
        initial = is_sentence_initial(text, a, block_start)
        if words == 1 and initial and is_function_word(surface):
            return None, 0
        if is_acronym(surface):
            return UNTYPED, 1
        if 2 <= words <= 4 and (_SPEECH_AFTER.match(after) or _SPEECH_BEFORE.search(before)):
            return "PERSON", 3
        if words <= 3 and _PLACE_CUE.search(before) and not looks_like_group_word(surface):
            return "GPE", 2
        if words == 1 and looks_like_group_word(surface) and not re.match(r"\s+[A-Z]", after):
            return "NORP", 2
        plain = all(
            re.fullmatch(r"(?:(?:al|el|ad|as|ash|ar|at|az|an|bin|ibn|de)-)?[A-Z][a-z'\u2019]+", w)
            or w in {"al", "bin", "ibn", "de"}
            for w in surface.split()
        )
        if 2 <= words <= 3 and plain and not any(looks_like_group_word(w) for w in surface.split()):
            return "PERSON", 1  # two or three capitalised words, no other clue: most often a person
        return UNTYPED, 0
