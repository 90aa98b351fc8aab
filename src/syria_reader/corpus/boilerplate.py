"""Recognise what a web page wraps around an article: navigation, sign-ups, notices, comments.

Each function looks at one block of text. What the block is depends on wording that sites
share (there are only so many ways to say "Sign up to our newsletter"), never on a site's
name: patterns are anchored to the start of a block or need the block to be short, so a
long paragraph that merely mentions a newsletter stays body text.
"""

from __future__ import annotations

import re

from syria_reader.corpus.layout import ends_sentence

#: Whole blocks (lower case, final punctuation stripped) that are page furniture.
_FURNITURE = frozenset(
    """
    skip to main content|skip to content|skip to navigation|jump to navigation|skip navigation
    main menu|menu|navigation|search|home|close|loading|back to top|scroll to top
    share|share this|share this article|share this story|share on facebook|share on twitter
    tweet|email|e-mail|print|whatsapp|facebook|twitter|linkedin|telegram|copy link
    advertisement|advertising|sponsored|sponsored content|ad
    log in|login|sign in|register|subscribe|subscribe now|sign up|create account|my account
    what do you think|notify of|inline feedbacks|view all comments|leave a comment
    leave a reply|cancel reply|post comment|load more comments|show comments|hide comments
    newest|oldest|most voted|top stories|most read|most popular|trending|latest news|editor's picks
    related|related articles|related posts|related stories|related news|related content
    related video|related videos|related coverage|read more|read next|read also|see also
    you may also like|you might also like|recommended|recommended for you|more from this author
    next article|previous article|next post|previous post|newer post|older post
    follow us|follow|like|tags|topics|filed under|categories|accept|accept cookies
    cookie settings|privacy policy|terms of use|terms of service|contact us|about us
    get short url|short url|community standards|discussion|comment via facebook
    """.replace("\n", "|").split("|")
) - {""}
_FURNITURE = frozenset(item.strip() for item in _FURNITURE)

#: Wording of sign-ups, notices and disclaimers, searched in blocks of at most 80 words.
_NOTICE_PATTERNS = [
    r"^sign up\b",
    r"\bsign up (?:to|for)\b.*\b(?:newsletters?|updates|alerts|latest|briefing)\b",
    r"^subscribe\b",
    r"\bsubscribe to (?:our|the) [\w ]*(?:newsletter|channel|feed|podcast)\b",
    r"\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|delivered)\b",
    r"^new [\w ]{0,40}newsletter\b",
    r"\ball rights reserved\b",
    r"^(?:©|\(c\)|copyright\b)",
    r"\bwe use cookies\b|\bthis (?:site|website) uses cookies\b",
    r"^(?:legal )?disclaimer\b",
    r"\b(?:statements|views|opinions)(?:,? (?:views|opinions|"
    r"statements))*(?:,? and \w+)? expressed\b"
    r".*\b(?:solely|author|necessarily)\b",
    r"\bdo(?:es)? not necessarily (?:represent|reflect)\b",
    r"\bdoes not (?:give|provide|offer) (?:financial|investment|medical|legal) advice\b",
    r"\bwithout warranty of any kind\b",
    r"\bcopyright (?:issues|infringement)\b",
    r"\brepublish(?:ing)? (?:this|our) (?:content|article|story)\b",
    r"\bfill (?:out|in) this form\b",
    r"\bcan be found here\.?$",
    r"^click here\b",
    r"^follow us (?:on|@)\b",
    r"^(?:read|see) (?:more|also)\s*:",
    r"^(?:you may|you might) also (?:like|be interested)\b",
    r"^related (?:video|videos|articles?|posts?|stories|news|coverage|content|reading)\s*:",
    r"^(?:image|photo|picture|video) (?:source|credit)s?\s*:",
    r"^(?:this (?:article|story) (?:was|has been) (?:originally )?(?:published|updated))\b",
    r"^(?:download|get) (?:our|the) (?:app|mobile app)\b",
]
_NOTICE = re.compile("|".join(f"(?:{p})" for p in _NOTICE_PATTERNS), re.IGNORECASE)

#: Headers after which the next short blocks are the thing announced (a video title, links).
_LINK_HEADER = re.compile(
    r"^(?:related|read more|read also|see also|more on this|more from|watch|recommended"
    r"|you may also like|you might also like)\b[^.]{0,40}:?$",
    re.IGNORECASE,
)
#: Headers after which the next block is the notice itself ("Legal Disclaimer:" / text).
_NOTICE_HEADER = re.compile(r"^(?:legal )?(?:disclaimer|notice|copyright)\s*:?$", re.IGNORECASE)

_COMMENTS_START = re.compile(
    r"^(?:\d[\d,]*\s+(?:comments?|responses?|replies|thoughts?(?: on\b.*)?|reactions?)"
    r"|(?:reader )?comments|comments \(\d+\)|join the (?:discussion|conversation)"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten) (?:comments?|responses?|replies|"
    r"thoughts?(?: on\b.*)?))"
    r"\s*:?$",
    re.IGNORECASE,
)
_COMMENTS_END = re.compile(
    r"^(?:comments (?:are|have been) closed|comments for this (?:thread|article|"
    r"story) are (?:now )?closed"
    r"|commenting (?:is|has been) (?:closed|disabled))\.?$",
    re.IGNORECASE,
)


#: Page furniture run into the end of a paragraph when a page was flattened to one line.
_INLINE_TAIL = re.compile(
    r"(?:A picture is worth a thousand words\.\s+)?\bFollow us on (?:Instagram|Facebook|Twitter|"
    r"YouTube|Telegram)\b"
    r"|\bRelated (?:News|Articles|Stories|Posts)\b|\bPrint Tweet\b"
    r"|\bSubscribe to our (?:newsletter|YouTube channel|channel)\b|\bSign up (?:for|"
    r"to) our newsletter\b"
    r"|\bCommunity standards\s*Discussion\b|\bComment via Facebook\b"
    r"|\bCopyright\s*(?:©|\(c\))?\W{0,3}\s*(?:19|20)\d\d\b|\bAll rights reserved\b"
)
_INLINE_TAIL_WORDS = (
    "Follow us",
    "Related",
    "Print Tweet",
    "Subscribe",
    "Sign up",
    "Copyright",
    "rights reserved",
    "Community standards",
    "Comment via",
)
#: Words of running text that must come before an inline tail for it to be cut.
INLINE_TAIL_AFTER_WORDS = 40


def cut_inline_tail(text: str) -> str:
    """``text`` without page furniture run into its end ("... Related News Iraq's vote ...").

    The cut is made at the first marker with at least 40 words of text before it, so the
    result does not depend on what follows (cutting twice changes nothing).
    """
    if not any(word in text for word in _INLINE_TAIL_WORDS):
        return text
    for match in _INLINE_TAIL.finditer(text):
        if len(text[: match.start()].split()) >= INLINE_TAIL_AFTER_WORDS:
            return text[: match.start()].rstrip(" ,;:|-–—")
    return text


def _key(text: str) -> str:
    return re.sub(r"[\s:.!?…|»›>•·\-–—]+$", "", text.strip().lower()).strip()


def is_furniture(text: str) -> bool:
    """Navigation and widget labels: "Skip to main content", "Notify of", "Share"..."""
    return len(text) <= 60 and _key(text) in _FURNITURE


def is_notice(text: str) -> bool:
    """Sign-ups, copyright lines, disclaimers and site notices (blocks of at most 80 words)."""
    return len(text.split()) <= 80 and bool(_NOTICE.search(text))


def is_boilerplate(text: str) -> bool:
    """Page furniture or a notice: never article body."""
    return is_furniture(text) or is_notice(text)


def is_link_header(text: str) -> bool:
    """ "Related video:", "Read more", "You may also like": the next short blocks are links."""
    return len(text) <= 60 and bool(_LINK_HEADER.match(text.strip()))


def is_notice_header(text: str) -> bool:
    """ "Legal Disclaimer:" alone: the next block is the disclaimer."""
    return bool(_NOTICE_HEADER.match(text.strip()))


def starts_comments(text: str) -> bool:
    """The header of a reader-comments section: "11 Responses", "Comments (4)"..."""
    return len(text) <= 120 and bool(_COMMENTS_START.match(text.strip()))


def ends_comments(text: str) -> bool:
    """The notice closing a comments section: "Comments are closed."."""
    return bool(_COMMENTS_END.match(text.strip()))


def is_stray(text: str) -> bool:
    """A fragment left by a stripped template: "in ,", "|", "* * *" (no real words)."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    if not words:
        return not re.search(r"\d", text) or len(text) <= 3
    tokens = text.split()
    return len(tokens) <= 3 and len(words) <= 1 and bool(re.search(r"(?:^|\s)[,;:|]|[,;]$", text))


def looks_like_headline(text: str, max_words: int = 20) -> bool:
    """Short, starting with a capital (or digit or quote), not ending like a sentence or clause."""
    words = text.split()
    if not words or len(words) > max_words or len(text) > 200:
        return False
    if text.rstrip().endswith((".", ",", ";", "…")) and not text.rstrip().endswith("..."):
        return False
    first = text.lstrip("“\"'‘(«[")[:1]
    return first.isupper() or first.isdigit()


def is_substantial(text: str) -> bool:
    """A block that is surely running text: a sentence-ending block of some length."""
    return ends_sentence(text) and len(text.split()) >= 8


#: A share widget's label run into the text, with the counters beside it ("Get short URL 0 46").
_SHORT_URL = re.compile(r"\s*\bGet short URL\b(?:\s+\d+){0,3}")
#: Words that open a news sentence after a run-in list of tags (before a lower-case word).
_OPENERS = (
    r"At least|At|In|On|Over|More than|Nearly|About|Around|Some|Dozens|Hundreds"
    r"|Thousands|Several|Many|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve"
    r"|Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|Fifty"
    r"|Suspected|Overnight|Airstrikes|Air strikes|Anti-government|\d[\d,]*"
)
_TAGS = re.compile(
    rf"(?:^|(?<=\s))Tags\s+(?P<tags>(?:[^\s.!?]+\s+){{0,30}}?)"
    rf"(?:[^\s.!?]+\.\s+|(?=(?:The|A|An)\s+\S|(?:{_OPENERS})\s+[a-z\d])|[^\s.!?]+$)"
)


def strip_widgets(text: str) -> str:
    """``text`` without share-widget labels ("Get short URL 0 46") and run-in tag lists.

    A tag list ("Tags Syria Idlib airstrikes Russia At least 16 people were killed...") ends
    where a sentence starts: at a full stop, at a word that opens news sentences followed by
    a lower-case word, or at the end of the block. A list with no such end is left alone.
    """
    if "Get short URL" in text:
        text = _SHORT_URL.sub("", text).strip()
    if "Tags " not in text:
        return text
    match = _TAGS.search(text)
    if match is None:
        return text
    return (text[: match.start()] + text[match.end() :]).strip()
