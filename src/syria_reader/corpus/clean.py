"""Turn a document's text into clean articles: typed blocks, bylines set aside.

The steps, each in its own module:

1. repair: mojibake repair with ftfy (quotes stay curly), then
   :func:`~syria_reader.corpus.sanitise.sanitise`, repeated until nothing changes;
2. paragraphs: :mod:`~syria_reader.corpus.layout` unwraps lines, rejoins split words and
   drop capitals;
3. boilerplate: syndication tags opening a block ("(MENAFN- The Journal Of Turkish Weekly)
   ...") are taken off and kept for the metadata; :mod:`~syria_reader.corpus.boilerplate`
   drops navigation, sign-ups, notices, link lists, stray fragments and furniture run into a
   paragraph's end (pages flattened to one line), and marks reader-comment threads (kept as
   ``comment`` blocks after the body, never body);
4. articles: a drop capital after an article's text starts the next article, as does a
   headline after an author's bio;
5. blocks: per article, bylines and datelines among the first blocks go to ``meta``; the first
   headline-like block is the ``title``; short headline-like blocks before a paragraph are
   ``heading``; captions and pull quotes (:mod:`~syria_reader.corpus.asides`) are asides.

Cleaning is idempotent on the text: cleaning an article's cleaned text gives it back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import ftfy

from syria_reader.corpus import asides, boilerplate, bylines
from syria_reader.corpus.layout import RawBlock, normalise_spaces, paragraphs
from syria_reader.corpus.sanitise import sanitise
from syria_reader.corpus.sources import repair_c1_mojibake
from syria_reader.models import BlockKind

#: Blocks of the running text that may be the title or a heading: short, headline-shaped.
MAX_TITLE_WORDS = 25
MAX_HEADING_WORDS = 14
#: Bylines and datelines are looked for among an article's first blocks only.
HEAD_BLOCKS = 4


@dataclass(frozen=True)
class CleanBlock:
    """One block of a cleaned article."""

    kind: BlockKind
    text: str


@dataclass
class CleanArticle:
    """An article as the cleaner found it: its blocks, and the lines about it taken out."""

    blocks: list[CleanBlock]
    meta: list[str] = field(default_factory=list)  # bylines, datelines, syndication tags
    sources: list[str] = field(default_factory=list)  # publications named by syndication tags
    #: Publications the page's own notices name as themselves, each with the notice's text.
    notices: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Every block, in order, joined by a blank line."""
        return "\n\n".join(block.text for block in self.blocks)

    def body(self) -> list[CleanBlock]:
        """The title, headings and paragraphs."""
        return [block for block in self.blocks if block.kind in ("title", "heading", "paragraph")]


@dataclass
class _Item:
    block: RawBlock
    role: Literal["body", "comment"]
    tail: bool = False  # comes after a tail marker (sign-up, comment widget, link header)
    sources: list[str] = field(default_factory=list)  # named by syndication tags taken off it
    meta: list[str] = field(default_factory=list)  # datelines taken off its start


#: ftfy is not always idempotent on odd input ("AÂ‘" becomes "A‘" only on a second pass).
_REPAIR_ROUNDS = 4


def repair(text: str) -> str:
    """Repair mojibake (keeping curly quotes) and sanitise, until nothing more changes."""
    for _ in range(_REPAIR_ROUNDS):
        fixed = sanitise(ftfy.fix_text(repair_c1_mojibake(text), uncurl_quotes=False))
        if fixed == text:
            break
        text = fixed
    return text


def clean_document(
    text: str,
    *,
    title: str | None = None,
    comments: Sequence[str] = (),
    footnotes: Sequence[str] = (),
) -> list[CleanArticle]:
    """Clean a document's text into one or more articles (none if nothing is left).

    ``title`` (from HTML metadata) is made the first block unless the text starts with it;
    ``comments`` (from HTML extraction) are added as a comments section; ``footnotes`` (from a
    Word file or an e-book) become footnote asides at the end of the last article.
    """
    blocks = paragraphs(repair(text))
    if title:
        title = normalise_spaces(repair(title))
        if title and (not blocks or blocks[0].text != title):
            blocks.insert(0, RawBlock(title, 1))
    notices: list[tuple[str, str]] = []
    items = _drop_boilerplate(blocks, notices)
    lines = [line for line in (normalise_spaces(repair(c)) for c in comments) if line]
    lines = [line for line in lines if not boilerplate.is_furniture(line)]
    if lines:
        if not boilerplate.starts_comments(lines[0]):
            lines.insert(0, "Comments")
        items += [_Item(RawBlock(line, 1), "comment") for line in lines]
    # Per article, so that cleaning one article's text alone finds the same last paragraph.
    articles = [_classify(_drop_trailing_links(group)) for group in _split_articles(items)]
    for article in articles:
        article.notices = list(notices)
    articles = [article for article in articles if article.body()]
    notes = [line for line in (normalise_spaces(repair(n)) for n in footnotes) if line]
    if articles and notes:
        articles[-1].blocks += [CleanBlock("footnote", note) for note in notes]
    return articles


def _drop_boilerplate(blocks: list[RawBlock], notices: list[tuple[str, str]]) -> list[_Item]:
    """Drop page furniture and notices; mark comment threads; note where the tail starts.

    Publications that dropped notices name as themselves are added to ``notices``.
    """
    items: list[_Item] = []
    in_comments = consume_links = consume_notice = seen_body = tail = False
    tagged: list[str] = []  # syndication sources waiting for the block they belong to
    dated: list[str] = []  # datelines taken off a block, waiting for the block's item
    for block in blocks:
        text = block.text
        headline = None  # a headline run in before a dateline
        if not in_comments:
            while True:
                if split := bylines.split_syndication(text):
                    tagged.append(split[0])
                    text = split[1].strip()
                elif not seen_body and (lead := bylines.split_leading_dateline(text)):
                    dated.append(lead[0])
                    text = lead[1].strip()
                elif (
                    not seen_body
                    and not headline
                    and (run_in := bylines.split_headline_dateline(text))
                ):
                    headline, text = run_in[0], run_in[2].strip()
                    dated.append(run_in[1])
                else:
                    break
            text = bylines.strip_agency_credit(boilerplate.strip_widgets(text))
            if not text:
                continue
            if text != block.text:
                block = replace(block, text=text)
        if in_comments:
            if boilerplate.ends_comments(text):
                in_comments, tail = False, True
            elif not boilerplate.is_furniture(text):
                items.append(_Item(block, "comment", tail))
            continue
        if seen_body and boilerplate.starts_comments(text):
            in_comments = tail = True
            consume_links = consume_notice = False
            items.append(_Item(block, "comment", tail))
            continue
        if boilerplate.ends_comments(text):
            tail = True
            continue
        if consume_notice:
            consume_notice = False
            if len(text.split()) <= 150:
                named = bylines.notice_source(text)
                if named:
                    notices.append((named, text))
                continue
        if consume_links:
            if boilerplate.looks_like_headline(text, MAX_TITLE_WORDS) and not block.dropcap:
                continue
            consume_links = False
        if boilerplate.is_notice_header(text):
            consume_notice = True
            tail = tail or seen_body
            continue
        if boilerplate.is_link_header(text):
            consume_links = True
            tail = tail or seen_body
            continue
        if boilerplate.is_boilerplate(text):
            named = bylines.notice_source(text)
            if named:
                notices.append((named, text))
            tail = tail or seen_body
            continue
        if boilerplate.is_stray(text):
            continue
        cut = boilerplate.cut_inline_tail(text)
        if cut != text:
            block = replace(block, text=cut)
        if headline:
            items.append(_Item(RawBlock(headline, 1), "body", tail, sources=tagged, meta=dated))
            tagged, dated = [], []
        elif dated and not seen_body and (split := _run_in_headline(block.text)):
            items.append(_Item(RawBlock(split[0], 1), "body", tail, sources=tagged, meta=dated))
            block = replace(block, text=split[1])
            tagged, dated = [], []
        items.append(_Item(block, "body", tail, sources=tagged, meta=dated))
        tagged, dated = [], []
        seen_body = True
    return items


_SENTENCE_END = re.compile(r"(?<=[^\s.]{2}[.!?])\s+(?=[A-Z“\"‘'\d])")
#: Words a news sentence has and a headline drops ("At least 29 rebels *were* killed").
_PROSE_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "been",
        "said",
        "says",
        "according",
    ]
)
MAX_RUN_IN_HEADLINE_WORDS = 18


def _run_in_headline(text: str) -> tuple[str, str] | None:
    """A headline run into the text after a dateline: ``(headline, rest)``, else None.

    Flattened feeds print "dateline headline. story": the first sentence after a dateline
    is the headline when it is short, and written like one (title case, or without the
    articles and auxiliaries of running prose), and a story of some length follows.
    """
    parts = _SENTENCE_END.split(text, maxsplit=1)
    if len(parts) != 2:
        return None
    head, rest = parts[0].rstrip(), parts[1]
    words = head.rstrip(".!?").split()
    if not 3 <= len(words) <= MAX_RUN_IN_HEADLINE_WORDS or len(rest.split()) < 25:
        return None
    if not (head[:1].isupper() or head[:1].isdigit()):
        return None
    lowered = [w.lower().strip("“”\"',:;") for w in words]
    capitals = sum(w[:1].isupper() or w[:1].isdigit() for w in words) / len(words)
    if capitals < 0.6 and any(w in _PROSE_WORDS for w in lowered):
        return None
    return head.rstrip("."), rest


def _drop_trailing_links(items: list[_Item]) -> list[_Item]:
    """Drop headline-like blocks after the last paragraph: lists of links to other articles.

    They go when a tail marker (sign-up, comment widget, link header) came before them, or
    when there are at least two of them and nothing else after the last paragraph.
    """
    body = [i for i, item in enumerate(items) if item.role == "body"]
    substantial = [i for i in body if boilerplate.is_substantial(items[i].block.text)]
    if not substantial:
        return items
    # Captions are not links, and neither count nor go (or cleaning the result would differ).
    trailing = [i for i in body if i > substantial[-1] and not asides.is_caption(items[i].block)]
    headlines = [i for i in trailing if boilerplate.looks_like_headline(items[i].block.text)]
    if any(items[i].tail for i in trailing):
        drop = {i for i in headlines if items[i].tail}
    elif len(trailing) >= 2 and len(headlines) == len(trailing):
        drop = set(headlines)
    else:
        drop = set()
    return [item for i, item in enumerate(items) if i not in drop]


def _split_articles(items: list[_Item]) -> list[list[_Item]]:
    """Cut the document where a new article starts: a drop capital, or a headline after a bio."""
    groups: list[list[_Item]] = [[]]
    has_text = False  # the current group holds running text already
    for index, item in enumerate(items):
        if (
            item.role == "body"
            and has_text
            and (item.block.dropcap or _headline_after_bio(items, index))
        ):
            # A headline just before a drop capital is the new article's, not the old one's end.
            moved: list[_Item] = []
            while (
                item.block.dropcap
                and len(moved) < 2
                and groups[-1]
                and groups[-1][-1].role == "body"
                and not asides.is_caption(groups[-1][-1].block)
                and boilerplate.looks_like_headline(groups[-1][-1].block.text, MAX_TITLE_WORDS)
                and not _repeats_group(groups[-1])
            ):
                moved.insert(0, groups[-1].pop())
            groups.append(moved)
            has_text = False
        groups[-1].append(item)
        if (
            item.role == "body"
            and not asides.is_caption(item.block)
            and boilerplate.is_substantial(item.block.text)
        ):
            has_text = True
    return [group for group in groups if group]


def _repeats_group(group: list[_Item]) -> bool:
    """Whether the group's last block repeats its other blocks' words (a pull quote)."""
    texts = [item.block.text for item in group]
    return bool(asides.pullquotes(texts, [len(texts) - 1]))


def _headline_after_bio(items: list[_Item], index: int) -> bool:
    """A headline, after a bio (and perhaps asides), before running text: a new article."""
    item = items[index]
    if not boilerplate.looks_like_headline(item.block.text, MAX_TITLE_WORDS):
        return False
    before = next(
        (o for o in reversed(items[:index]) if o.role == "body" and not asides.is_caption(o.block)),
        None,
    )
    after = next((o for o in items[index + 1 :] if o.role == "body"), None)
    return bool(
        before is not None
        and bylines.parse_bio(before.block.text)
        and after is not None
        and boilerplate.is_substantial(after.block.text)
        and not after.block.dropcap  # the drop capital marks the start itself
    )


def _classify(items: list[_Item]) -> CleanArticle:
    """Give each block of one article its kind; take bylines and datelines out."""
    article = CleanArticle(blocks=[])
    kinds: list[BlockKind | None] = []
    texts: list[str] = []
    dropcaps: list[bool] = []
    head_seen = 0
    for item in items:
        text = item.block.text
        article.sources += item.sources
        article.meta += [f"({source})" for source in item.sources]
        article.meta += item.meta
        if item.role == "comment":
            kinds.append("comment")
            texts.append(text)
            dropcaps.append(False)
            continue
        if asides.is_caption(item.block):
            kinds.append("caption")
            texts.append(text)
            dropcaps.append(False)
            continue
        if head_seen < HEAD_BLOCKS and (bylines.parse_byline(text) or bylines.is_dateline(text)):
            # Set aside, and not counted toward the head: cleaning the cleaned text must find
            # the same head blocks, or a later "By ..." line would slide into it.
            article.meta.append(text)
            continue
        head_seen += 1
        kinds.append(None)
        texts.append(text)
        dropcaps.append(item.block.dropcap)
    body = [i for i, kind in enumerate(kinds) if kind is None]
    if (
        body
        and boilerplate.looks_like_headline(texts[body[0]], MAX_TITLE_WORDS)
        and not dropcaps[body[0]]
    ):
        kinds[body[0]] = "title"
    candidates = [i for i in body if kinds[i] is None]
    quotes = asides.pullquotes(
        [t if k in (None, "title") else "" for t, k in zip(texts, kinds, strict=True)], candidates
    )
    for i in candidates:
        if i in quotes and i != candidates[0]:
            kinds[i] = "pullquote"
    rest = [i for i in body if kinds[i] is None]
    for position, i in enumerate(rest):
        following = rest[position + 1] if position + 1 < len(rest) else None
        if (
            following is not None
            and boilerplate.looks_like_headline(texts[i], MAX_HEADING_WORDS)
            and not texts[i].rstrip().endswith(":")
            and not boilerplate.looks_like_headline(texts[following], MAX_HEADING_WORDS)
        ):
            kinds[i] = "heading"
        else:
            kinds[i] = "paragraph"
    article.blocks = [
        CleanBlock(kind, text) for kind, text in zip(kinds, texts, strict=True) if kind is not None
    ]
    return article
