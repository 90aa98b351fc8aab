"""Markdown articles as plain text: headings, emphasis, links and images reduced to their words.

Only what changes the reading is handled: ATX and Setext headings become blocks of their
own, ``*emphasis*``, ``**strong**`` and ``code`` lose their markers, ``[text](url)`` keeps its
text, images and HTML comments go, block quotes and list items keep their words. The result
goes through the same cleaning as any text file.
"""

from __future__ import annotations

import re

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S.*$", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|\*|`)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
_ATX = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")


def markdown_to_text(markdown: str) -> str:
    """Plain text of a Markdown document, headings and list items as blocks of their own."""
    text = _HTML_COMMENT.sub("", markdown)
    text = _REF_DEF.sub("", text)
    out: list[str] = []
    for line in text.split("\n"):
        if _RULE.match(line):
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            out[-1:] = ["", out[-1].strip(), ""]
            continue
        heading = _ATX.match(line)
        if heading:
            out += ["", heading.group(1), ""]
            continue
        line = _QUOTE.sub("", line)
        if _ITEM.match(line):
            out += ["", _ITEM.sub("", line)]
            continue
        out.append(line)
    text = "\n".join(out)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    for _ in range(2):  # nested emphasis: ***both***
        text = _EMPHASIS.sub(lambda m: m.group(2) if m.group(1) else m.group(4), text)
    return text
