"""Mentions of a whole corpus, prepared for linking (no spaCy).

:func:`collect_mentions` lays the gazetteer over the extractor's spans: an alias found in the
text replaces model fragments that cross it, and a model span made mostly of known names
("al-Raqqa for Daesh", "Pounds Al-Qaeda") gives way to them. :func:`find_missed` finds known
names where the extractor saw none. :func:`lowercase_words` counts the corpus's lowercase
words, the evidence that a capitalised word is an ordinary one.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from syria_reader.models import ASIDE_KINDS, Analysis, Article, Block
from syria_reader.nlp.gazetteer import Gazetteer, GazetteerEntry
from syria_reader.nlp.mentions import SentenceIndex
from syria_reader.nlp.names import display_form, fold_same_length, name_key
from syria_reader.nlp.overlaps import Occupied, SpanIndex
from syria_reader.nlp.segments import BlockIndex

HEADLINE_KINDS = frozenset({"title", "heading"})
_CAPITALISED_RUN = re.compile(
    r"(?<![\w'\u2019-])[A-Z][\w'\u2019.\-]*(?:[ \t]+(?:(?:al|el|ad|as|ash|ar|at|az|an|bin|ibn|of|"
    r"the|for|de)[-\s]+)?[A-Z][\w'\u2019.\-]*)*"
)


@dataclass(slots=True)
class CorpusMention:
    """A mention being linked: where it is and what is known about it so far."""

    article: int  # index into the articles
    start: int
    end: int
    text: str
    label: str
    sentence: tuple[int, int]
    in_aside: bool
    in_headline: bool
    sentence_initial: bool
    gazetteer: GazetteerEntry | None = None
    key: str = ""
    form: str = ""  # the name as it should be listed (text without a glued possessive)
    node: str = ""  # the name node it belongs to before surname resolution
    group: str = ""  # the final group (entity) it belongs to
    rule: str = ""  # how it joined its group when not by its own name ("surname", "first name")
    joined_kind: str = ""  # moved by a name-part rule: the kind it votes in its new group


@dataclass
class ArticleContext:
    """An article with its block and sentence lookups."""

    article: Article
    blocks: BlockIndex
    sentences: SentenceIndex


def article_context(article: Article, analysis: Analysis | None) -> ArticleContext:
    """An article with the block and sentence lookups its mentions are placed by."""
    blocks = BlockIndex(article.blocks)
    return ArticleContext(
        article, blocks, SentenceIndex(analysis.sentences if analysis else (), blocks)
    )


#: A collected mention as it travels between processes: start, end, text, label, key,
#: sentence, in_aside, in_headline, sentence_initial, and its gazetteer entry's position in
#: ``Gazetteer.entries`` (-1: none). A tuple of shared strings pickles in a tenth of the time
#: the record takes.
MentionRow = tuple[int, int, str, str, str, tuple[int, int], bool, bool, bool, int]


def mention_rows(
    mentions: Iterable[CorpusMention], entry_positions: dict[str, int]
) -> list[MentionRow]:
    """What :func:`collect_mentions` found, as rows (``entry_positions``: entry name ->
    position in the gazetteer's entries)."""
    return [
        (
            m.start,
            m.end,
            m.text,
            m.label,
            m.key,
            m.sentence,
            m.in_aside,
            m.in_headline,
            m.sentence_initial,
            -1 if m.gazetteer is None else entry_positions[m.gazetteer.name],
        )
        for m in mentions
    ]


def mentions_from_rows(
    index: int, rows: Iterable[MentionRow], entries: Sequence[GazetteerEntry]
) -> list[CorpusMention]:
    """The mentions of article ``index`` again from their rows, with this process's gazetteer
    entries and one shared string per surface, label and key (as collected here)."""
    intern = sys.intern
    return [
        CorpusMention(
            index,
            start,
            end,
            intern(text),
            intern(label),
            sentence,
            in_aside,
            in_headline,
            initial,
            None if entry < 0 else entries[entry],
            intern(key),
        )
        for start, end, text, label, key, sentence, in_aside, in_headline, initial, entry in rows
    ]


def sentence_initial(text: str, start: int, sentence_start: int) -> bool:
    """Whether ``start`` opens its sentence (quotes and brackets aside)."""
    return not text[sentence_start:start].strip(" \t\"'\u201c\u2018([\u2022-")


_COMPASS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "greater",
        "new",
        "old",
    }
)


def _other_words_are_common(
    text: str,
    start: int,
    end: int,
    known: list[tuple[int, int]],
    lowercase: Counter[str],
    headline: bool = False,
) -> bool:
    """Whether the words of a span outside its gazetteer names are ordinary lowercase words
    of the corpus or links ("Pounds Al-Qaeda", "al-Raqqa for Daesh"), not part of a longer name
    ("Latin America", "West Aleppo")."""
    rest = list(text[start:end])
    for a, b in known:
        rest[a - start : b - start] = " " * (b - a)
    words = [w.strip(".,'\u2019-").lower() for w in "".join(rest).split()]
    words = [w for w in words if w]
    links = {"of", "for", "and", "the", "in", "on", "to", "at"}
    others = [w for w in words if w not in links]
    # One ordinary word beside the names ("Pounds Al-Qaeda"), never a longer name of its own
    # ("Kurdish National Council").
    # A headline capitalises every word ("Russia Pounds Al-Qaeda"): there the one word beside
    # the names need not be seen in lowercase.
    return len(others) <= 1 and all(
        (headline or lowercase.get(w, 0) > 0) and w not in _COMPASS for w in others
    )


def collect_mentions(
    index: int,
    ctx: ArticleContext,
    analysis: Analysis | None,
    gazetteer: Gazetteer,
    lowercase: Counter[str],
    lookup: Callable[[str], GazetteerEntry | None] | None = None,
) -> list[CorpusMention]:
    """Raw mentions of article ``index``, with the gazetteer's aliases laid over them
    (``lookup``: the gazetteer's, or a memo of it)."""
    lookup = lookup or gazetteer.lookup
    collected: list[CorpusMention] = []
    text = ctx.article.text
    raw = list(analysis.mentions) if analysis is not None else []
    # Whole names: new mentions where the extractor found none.
    gaz_spans: list[tuple[int, int, GazetteerEntry]] = []
    # Also names glued to other capitalised words, to split a model span.
    gaz_parts: list[tuple[int, int, GazetteerEntry]] = []
    for region in ctx.blocks:
        if region.kind == "comment":
            continue
        piece = text[region.start : region.end]
        for match in gazetteer.find(piece, whole_names=False):
            found = (region.start + match.start, region.start + match.end, match.entry)
            gaz_parts.append(found)
            if not gazetteer.part_of_longer_name(piece, match):
                gaz_spans.append(found)
    kept: list[tuple[int, int, str, GazetteerEntry | None]] = []
    whole_index, part_index = SpanIndex(gaz_spans), SpanIndex(gaz_parts)
    for mention in raw:
        block = ctx.blocks.at(mention.start)
        if block is None or block.kind == "comment":
            continue
        crossing = any(
            not (mention.start <= a and b <= mention.end)
            for a, b, _ in whole_index.overlapping(mention.start, mention.end)
        )
        if crossing:
            continue  # the gazetteer's reading of these words wins
        inside = [
            (a, b, e)
            for a, b, e in part_index.overlapping(mention.start, mention.end)
            if mention.start <= a and b <= mention.end and (a, b) != (mention.start, mention.end)
        ]
        if inside and _other_words_are_common(
            text,
            mention.start,
            mention.end,
            [(a, b) for a, b, _ in inside],
            lowercase,
            headline=block.kind in HEADLINE_KINDS,
        ):
            # "al-Raqqa for Daesh", "Pounds Al-Qaeda": the known names, not the model's span.
            kept.extend((a, b, e.kind, e) for a, b, e in inside)
            continue
        # The label is a fresh string per mention as decoded from the cache: one shared string.
        kept.append((mention.start, mention.end, sys.intern(mention.kind), lookup(mention.text)))
    occupied = Occupied(len(text))
    for s, e, _, _ in kept:
        occupied.take(s, e)
    for g_start, g_end, known in gaz_spans:
        if occupied.free(g_start, g_end):
            kept.append((g_start, g_end, known.kind, known))
            occupied.take(g_start, g_end)
    # Mentions in one sentence share its span (linking holds every mention of the corpus).
    sentences: dict[tuple[int, int], tuple[int, int]] = {}
    for start, end, label, entry in sorted(kept, key=lambda item: item[0]):
        laid = _mention_at(index, ctx, ctx.blocks.at(start), (start, end), label)
        laid.gazetteer = entry
        laid.sentence = sentences.setdefault(laid.sentence, laid.sentence)
        collected.append(laid)
    return collected


def lowercase_words(articles: Iterable[Article]) -> Counter[str]:
    """How often each word is written in lowercase across the corpus (comments excluded)."""
    counts: Counter[str] = Counter()
    for article in articles:
        for block in article.blocks:
            if block.kind != "comment":
                counts.update(
                    re.findall(
                        r"(?<![\w'-])[a-z][a-z'\-]+",
                        fold_same_length(article.text[block.start : block.end]),
                    )
                )
    return counts


_WORD = re.compile(r"[^\s]+")
_RUN_OPENERS = frozenset(
    {
        "the",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "to",
        "of",
        "and",
        "but",
        "as",
        "with",
        "after",
        "before",
        "since",
        "when",
        "while",
        "if",
        "a",
        "an",
    }
)


def _run_candidates(run: re.Match[str]) -> list[tuple[int, int]]:
    """Where a known name may stand in a run of capitalised words: the whole run (without a
    leading function word), else each part between link words ("Geneva for Erbil"), never a
    piece of a longer name ("Aleppo" in "West Aleppo")."""
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(run.string, *run.span())]
    if words and words[0][2].lower() in _RUN_OPENERS and len(words) > 1:
        words = words[1:]
    if not words:
        return []
    whole = [(words[0][0], _strip_end(run.string, words[0][0], words[-1][1]))]
    parts: list[tuple[int, int]] = []
    current: list[tuple[int, int, str]] = []
    for word in [*words, (0, 0, "of")]:
        if word[2].lower() in {"of", "for", "the"}:
            if current and len(current) < len(words):
                parts.append((current[0][0], _strip_end(run.string, current[0][0], current[-1][1])))
            current = []
        elif word[2].endswith("'s") and word is not words[-1]:
            # "Turkey's Feridun Sinirlioglu": a possessive ends one name, the next begins
            current.append((word[0], word[1] - 2, word[2][:-2]))
            parts.append((current[0][0], current[-1][1]))
            current = []
        else:
            current.append(word)
    return whole + parts


def _whole_run(run: re.Match[str]) -> tuple[int, int]:
    """The first of :func:`_run_candidates`: the whole run, without a leading function word."""
    words = run.group(0).split(None, 1)
    start = run.start()
    if len(words) > 1 and words[0].lower() in _RUN_OPENERS:
        start = run.end() - len(words[1])
    return start, _strip_end(run.string, start, run.end())


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:":
        end -= 1
    return end


def _mention_at(
    index: int, ctx: ArticleContext, block: Block | None, span: tuple[int, int], label: str
) -> CorpusMention:
    """The mention at ``span`` of article ``index``, with its sentence and place in the page."""
    start, end = span
    text = ctx.article.text
    sentence = ctx.sentences.around(start, end)
    # A corpus names the same names over and over: one shared string per surface and key, not
    # two new ones per mention (linking holds every mention of the corpus at once).
    surface = sys.intern(text[start:end])
    return CorpusMention(
        article=index,
        start=start,
        end=end,
        text=surface,
        label=label,
        sentence=sentence,
        in_aside=block is not None and block.kind in ASIDE_KINDS,
        in_headline=block is not None and block.kind in HEADLINE_KINDS,
        sentence_initial=sentence_initial(text, start, sentence[0]),
        key=sys.intern(name_key(surface)),
    )


def _found_in_text(
    index: int, ctx: ArticleContext, block: Block, span: tuple[int, int], label: str, rule: str
) -> CorpusMention:
    """A mention the linker found in the text of article ``index`` itself (where the extractor
    saw none), with its sentence and place, and the rule that found it."""
    found = _mention_at(index, ctx, block, span, label)
    found.form = display_form(found.text)
    found.rule = rule
    return found


def find_missed(
    contexts: list[ArticleContext],
    lookup: dict[str, str | None],
    kinds: dict[str, str],
    taken: dict[int, list[tuple[int, int]]],
) -> list[CorpusMention]:
    """Known names (``lookup``: folded surface -> group) where no mention stands yet.

    Only whole runs of capitalised words, or their parts between link words, count, so
    "Aleppo" is not found inside "West Aleppo". ``taken`` (article index -> spans) is updated.
    """
    added: list[CorpusMention] = []
    for index, ctx in enumerate(contexts):
        text = ctx.article.text
        folded = fold_same_length(text)
        occupied = Occupied(len(text))
        for a, b in taken[index]:
            occupied.take(a, b)
        for block in ctx.blocks:
            if block.kind == "comment":
                continue
            for run in _CAPITALISED_RUN.finditer(folded, block.start, block.end):
                for start, end in _run_candidates(run):
                    surface = folded[start:end]
                    if surface.endswith("'s"):
                        surface, end = surface[:-2], end - 2
                    root = lookup.get(surface)
                    if not root or root not in kinds or not occupied.free(start, end):
                        continue
                    found = _found_in_text(
                        index,
                        ctx,
                        block,
                        (start, end),
                        kinds[root],
                        "found again in the text (a known name the model missed)",
                    )
                    found.group = root
                    taken[index].append((start, end))
                    occupied.take(start, end)
                    added.append(found)
    return added


def find_places(
    contexts: list[ArticleContext],
    is_place: Callable[[str, str, str], bool],
    lowercase: Counter[str],
    taken: dict[int, list[tuple[int, int]]],
) -> list[CorpusMention]:
    """Well-known places (``is_place(name, text before, article text)``) written as a
    whole run of capitalised words where the extractor saw no name ("Tasmania was excluded").

    A word the corpus also writes in lowercase is never taken ("Mobile phones"), nor a run
    inside a longer name. ``taken`` (article index -> spans) is updated.
    """
    added: list[CorpusMention] = []
    for index, ctx in enumerate(contexts):
        text = ctx.article.text
        folded = fold_same_length(text)
        # Spans taken before this article's places are looked up, indexed; the few it adds
        # are compared one by one.
        known = len(taken[index])
        earlier = SpanIndex((a, b, None) for a, b in taken[index])
        for block in ctx.blocks:
            if block.kind == "comment":
                continue
            for run in _CAPITALISED_RUN.finditer(folded, block.start, block.end):
                start, end = _whole_run(run)
                surface = folded[start:end]
                if surface.endswith("'s"):
                    surface, end = surface[:-2], end - 2
                words = surface.split()
                if not 1 <= len(words) <= 3 or any(lowercase.get(w.lower(), 0) for w in words):
                    continue
                if earlier.overlapping(start, end) or any(
                    start < b and a < end for a, b in taken[index][known:]
                ):
                    continue
                if folded[end : end + 2].strip()[:1] in {"&", "-"} or not is_place(
                    surface, text[max(0, start - 20) : start], text
                ):
                    continue
                found = _found_in_text(
                    index,
                    ctx,
                    block,
                    (start, end),
                    "GPE",
                    "a well-known place in the world gazetteer, found in the text",
                )
                taken[index].append((start, end))
                added.append(found)
    return added
