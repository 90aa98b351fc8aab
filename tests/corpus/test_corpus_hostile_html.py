"""HTML holding a character reference to a control character is read, not dropped."""

from __future__ import annotations

import html as html_module
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from syria_reader.corpus.html import extract_html, neutralise_control_references
from syria_reader.corpus.load import load_corpus

PAGE = (
    "<html><head><title>Talks</title></head><body><article><h1>Aleppo talks</h1>"
    "<p>Sergei Lavrov met John Kerry in Geneva on Thursday to discuss the ceasefire in Syria "
    "and the aid convoys {ref} that were stopped at the border crossing.</p>"
    "<p>Officials said nearly 1,000 air strikes hit Raqqa last month, according to the "
    "Pentagon and to local monitors.</p></article></body></html>"
)


@pytest.mark.parametrize("ref", ["&#27;", "&#x1B;", "&#0;", "&#7", "&#xD800;", "&#1114112;"])
def test_a_page_with_a_control_reference_keeps_its_text(write_corpus, ref: str) -> None:
    corpus = write_corpus({"page.html": PAGE.format(ref=ref)})
    loaded = load_corpus(corpus)
    (article,) = loaded.articles
    assert "Sergei Lavrov met John Kerry" in article.text
    assert "air strikes hit Raqqa" in article.text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", article.text)
    assert not [p for p in loaded.problems if "no article text" in p]


def test_ordinary_references_are_left_alone() -> None:
    page = "<p>caf&#233; &#x2014; &amp; &#10; &#150;</p>"
    assert neutralise_control_references(page) == page
    assert "convoys \u00e9 that" in extract_html(PAGE.format(ref="&#233;")).text


@given(st.integers(0, 0x10FFFF + 10))
def test_no_reference_to_an_unusable_character_survives(code: int) -> None:
    out = neutralise_control_references(f"a&#{code};b&#x{code:x};c")
    decoded = html_module.unescape(out) if code <= 0x10FFFF else out
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", decoded.replace("\r", ""))
