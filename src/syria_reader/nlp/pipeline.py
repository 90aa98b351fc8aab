"""Extraction of names, dates, figures and sentences from articles: spaCy, or rules without it.

:func:`load_extractor` loads the configured spaCy pipeline (any installed pipeline name or a
path). When it cannot be loaded, the rule-based extractor is used and ``Extractor.warning``
says why and how to fix it. Both give one :class:`~syria_reader.models.Analysis` per article.

The spaCy path reads every block but reader comments, block by block (so no sentence crosses
a block boundary), with ``nlp.pipe`` batching; blocks longer than the pipeline's
``max_length`` are cut at natural breaks. Model entity spans are cleaned (:mod:`.spans`),
fragments of organisation names are repaired by pattern ("Army" + "Islam" -> "Army of
Islam"), DATE spans (plus pattern-found dates the model missed) are resolved, and figures
take their counted noun from the dependency tree. This is the only module importing spaCy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from syria_reader.models import ENTITY_KINDS, Analysis, Article, DateRef, Figure
from syria_reader.nlp.dates import DateResolver, date_refs, find_date_spans
from syria_reader.nlp.figures import find_figures, spacy_noun_finder
from syria_reader.nlp.gazetteer import Gazetteer
from syria_reader.nlp.kinds import ARABIC_GROUP_WORDS
from syria_reader.nlp.mentions import Candidate, build_analysis
from syria_reader.nlp.model_info import model_fingerprint
from syria_reader.nlp.patterns import organisation_names
from syria_reader.nlp.rules import RuleExtractor
from syria_reader.nlp.segments import Segment, segments
from syria_reader.nlp.spans import clean_span

if TYPE_CHECKING:  # spaCy is imported only when an index is built, never on a warm start
    from spacy.language import Language
    from spacy.tokens import Doc, Span

#: spaCy labels that are names: the reader's entity kinds, and three more whose names the
#: cleaner leaves untyped (``clean_span``); the others are dates, numbers or ignored.
_NAME_LABELS = frozenset({*ENTITY_KINDS, "WORK_OF_ART", "LAW", "LANGUAGE"})
_UNNEEDED = ["lemmatizer"]
_NOUN_KINDS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
_NOT_NAME_TAGS = frozenset(
    {
        "JJ",
        "JJR",
        "JJS",
        "VB",
        "VBD",
        "VBG",
        "VBN",
        "VBP",
        "VBZ",
        "RB",
        "RBR",
        "RBS",
        "IN",
        "DT",
        "PRP",
    }
)


#: The most characters given to the model in one batch (about 64 paragraphs of news). The
#: model pads a batch's docs to one another and holds the whole batch's arrays: with
#: en_core_web_sm, FA-KES's 477 articles (723 runs of 1,200 characters on average) are analysed
#: in 18.7 s with batches of 40,000 characters, 19.9 s with 200,000, and the same analyses, and
#: the build's peak RSS is 308 MB, not 804; 200 generated articles of paragraphs (600
#: characters a run) take the same time with either.
BATCH_CHARS = 40_000
#: A run in the pipe: its article, the run (None for an article without text), and whether it
#: is the article's last.
_RunOf = tuple[Article, "Segment | None", bool]

#: Told, after each run of an article is read, the article and how far into its text that is.
RunProgress = Callable[[Article, int], None]


class Extractor(Protocol):
    """What the index builder needs from an extractor."""

    name: str
    warning: str | None

    def analyse(
        self,
        articles: Iterable[Article],
        batch_size: int = 32,
        progress: RunProgress | None = None,
    ) -> Iterator[Analysis]:
        """One Analysis per article, in order; ``progress`` follows a long article run by run."""
        ...


class SpacyExtractor:
    """Extraction with a loaded spaCy pipeline; ``name`` is ``spacy:<pipeline>@<version>``."""

    def __init__(self, nlp: Language, fingerprint: str) -> None:
        self.nlp = nlp
        self.name = f"spacy:{fingerprint}"
        self.warning: str | None = None

    def analyse(
        self,
        articles: Iterable[Article],
        batch_size: int = 32,
        progress: RunProgress | None = None,
    ) -> Iterator[Analysis]:
        """One Analysis per article, in order, the blocks of many articles batched through
        ``nlp.pipe``."""
        max_length = self.nlp.max_length

        def feed() -> Iterator[tuple[str, _RunOf]]:
            for article in articles:
                runs = segments(article, max_length)
                if not runs:
                    yield "", (article, None, True)
                for i, run in enumerate(runs):
                    yield article.text[run.start : run.end], (article, run, i == len(runs) - 1)

        # Each run's doc is read as soon as it comes out of the pipe and then dropped: a huge
        # article's docs are never all held at once.
        found: _Found | None = None
        for doc, (article, run, last) in self._pipe(feed(), max(8, batch_size * 4)):
            if found is None:
                found = _Found(DateResolver(article.date))
            if run is not None:
                _read_run(article.text, run, doc, found)
                if progress is not None:
                    progress(article, run.end)
            if last:
                found.dates.sort(key=lambda d: d.start)
                yield build_analysis(
                    article,
                    self.name,
                    found.candidates,
                    found.sentences,
                    found.dates,
                    found.figures,
                )
                found = None

    def _pipe(
        self, items: Iterator[tuple[str, _RunOf]], batch_size: int
    ) -> Iterator[tuple[Doc, _RunOf]]:
        """``nlp.pipe`` over batches of at most ``batch_size`` runs and :data:`BATCH_CHARS`
        characters: the model's time and memory per batch grow faster than its text, so a
        batch of long runs (a huge article) is kept as small as one of paragraphs."""
        batch: list[tuple[str, _RunOf]] = []
        chars = 0
        for item in items:
            batch.append(item)
            chars += len(item[0])
            if len(batch) >= batch_size or chars >= BATCH_CHARS:
                yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
                batch, chars = [], 0
        if batch:
            yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


@dataclass
class _Found:
    """What the runs of one article gave so far."""

    resolver: DateResolver
    sentences: list[tuple[int, int]] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def _read_run(text: str, run: Segment, doc: Doc, found: _Found) -> None:
    """Names, dates, figures and sentences of one run's doc, added to ``found``."""
    offset = run.start
    found.sentences.extend(_sentences(doc, offset))
    date_spans: list[tuple[int, int]] = []
    names: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            date_spans.append((offset + ent.start_char, offset + ent.end_char))
        elif ent.label_ in _NAME_LABELS:
            names.extend(_model_names(doc, ent, text, offset))
    for start, end in find_date_spans(text, run.start, run.end):
        if not any(start < b and a < end for a, b in date_spans):
            date_spans.append((start, end))
    names = _repair_organisations(text, run, names)
    found.candidates.extend(names)
    found.dates.extend(date_refs(text, date_spans, found.resolver))
    found.figures.extend(
        find_figures(text, run.start, run.end, date_spans, spacy_noun_finder(doc, offset))
    )


def _model_names(doc: Doc, ent: Span, text: str, offset: int) -> list[Candidate]:
    """Cleaned name candidates from one model entity span."""
    start = ent.start
    # "Liwa Suqour al-Jabal": the model often leaves out the Arabic word for "brigade", "army"...
    if (
        start > 0
        and doc[start - 1].lower_ in ARABIC_GROUP_WORDS
        and doc[start - 1].text[:1].isupper()
    ):
        start -= 1
    found = []
    for span in clean_span(text, offset + doc[start].idx, offset + ent.end_char, ent.label_):
        if span.kind in _NOUN_KINDS and " " not in text[span.start : span.end]:
            tokens = doc.char_span(span.start - offset, span.end - offset, alignment_mode="expand")
            if tokens is not None and len(tokens) == 1 and tokens[0].tag_ in _NOT_NAME_TAGS:
                # "Bolstered", "Westernized": a verb or adjective the model took for a name
                continue
        found.append(Candidate(span.start, span.end, span.kind, 2))
    return found


def _sentences(doc: Doc, offset: int) -> list[tuple[int, int]]:
    """Sentence spans of a doc as offsets into the article text, trimmed of spaces."""
    spans = []
    for sent in doc.sents:
        piece = sent.text
        lead = len(piece) - len(piece.lstrip())
        tail = len(piece.rstrip())
        if tail > lead:
            spans.append((offset + sent.start_char + lead, offset + sent.start_char + tail))
    return spans


def _repair_organisations(text: str, run: Segment, names: list[Candidate]) -> list[Candidate]:
    """Replace model fragments of an organisation name by the whole name ("Army of Islam")."""
    for start, end in organisation_names(text, run.start, run.end):
        inside = [c for c in names if c.start < end and start < c.end]
        if any(c.start <= start and end <= c.end for c in inside):
            continue  # the model has it, or something longer
        if any(c.start < start or c.end > end for c in inside):
            continue  # crossing spans: leave the model's reading
        names = [c for c in names if c not in inside]
        names.extend(
            Candidate(s.start, s.end, s.kind, 2) for s in clean_span(text, start, end, "ORG")
        )
    return names


def _fallback_warning(model: str, reason: str) -> str:
    from syria_reader.config import config_file

    reason = " ".join(reason.split())
    if len(reason) > 160:
        reason = reason[:157] + "..."
    return (
        f"spaCy pipeline '{model}' could not be loaded ({reason}); using the rule-based extractor "
        "(gazetteer and patterns), which finds fewer names. Fix: install it (python -m pip "
        "install "
        f'{model}) or set model = "<installed pipeline or path>" in {config_file()}.'
    )


def load_extractor(model: str, gazetteer: Gazetteer) -> Extractor:
    """The spaCy extractor for ``model`` (a pipeline name or path), or the rule-based one with a
    warning."""
    fingerprint = model_fingerprint(model)
    try:
        import spacy
    except Exception as error:  # a broken spaCy install must not stop the reader
        return RuleExtractor(
            gazetteer, warning=_fallback_warning(model, f"spaCy not importable: {error}")
        )
    target: str | Path = (
        Path(model).expanduser()
        if ("/" in model or "\\" in model or model.startswith((".", "~")))
        else model
    )
    try:
        nlp = spacy.load(target, exclude=_UNNEEDED)
    except Exception as error:  # OSError (E050 not found), ValueError, version clashes...
        return RuleExtractor(
            gazetteer, warning=_fallback_warning(model, str(error) or type(error).__name__)
        )
    if "ner" not in nlp.pipe_names:
        return RuleExtractor(
            gazetteer, warning=_fallback_warning(model, "it has no named-entity recogniser ('ner')")
        )
    if not any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer", first=True)
    if fingerprint.startswith("missing:"):
        fingerprint = (
            f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', model)}@"
            f"{nlp.meta.get('version', '0')}"
        )
    return SpacyExtractor(nlp, fingerprint)
