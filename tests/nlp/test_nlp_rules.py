"""The rule-based extractor (no model): gazetteer, titles, organisation heads, places, dates,
figures."""

from __future__ import annotations

from nlp_helpers import make_article

from syria_reader.nlp.gazetteer import Gazetteer
from syria_reader.nlp.linking import link
from syria_reader.nlp.rules import RuleExtractor

ARTICLE = make_article(
    "rules",
    [
        "Kurdish fighters retake Tal Abyad",
        "Foreign Minister Walid Muallem said on Monday that the Syrian Arab Army had retaken Tal "
        "Abyad. "
        "Fighters of the Army of the Mujahideen and Daesh withdrew to the town of Suluk, "
        "according to "
        "the Syrian Observatory for Human Rights. More than 40 fighters were killed, said Rami "
        "Abdulrahman.",
        "However, Muallem warned that IS is not beaten; it is regrouping near Raqqa since last "
        "February.",
    ],
    date="2015-06-16",
    kinds=["title", "paragraph", "paragraph"],
)


def test_rules_find_typed_names(gazetteer: Gazetteer) -> None:
    (analysis,) = RuleExtractor(gazetteer).analyse([ARTICLE])
    found = {(m.text, m.kind) for m in analysis.mentions}
    assert ("Walid Muallem", "PERSON") in found  # after a title
    assert ("Rami Abdulrahman", "PERSON") in found  # after "said"
    assert ("Army of the Mujahideen", "ORG") in found  # an organisation head word
    assert (
        ("Syrian Arab Army", "ORG") in found
        and ("Daesh", "ORG") in found
        and ("IS", "ORG") in found
    )  # gazetteer
    assert ("Suluk", "GPE") in found  # "the town of"
    assert not [m for m in analysis.mentions if m.text in {"However", "Monday", "is"}]
    for m in analysis.mentions:
        assert ARTICLE.text[m.start : m.end] == m.text
        assert m.sentence_start <= m.start < m.end <= m.sentence_end
    assert ("Monday", "2015-06-15") in {(d.text, d.iso) for d in analysis.dates}
    assert ("last February", "2015-02") in {(d.text, d.iso) for d in analysis.dates}
    assert [(f.text, f.value, f.qualifier) for f in analysis.figures] == [
        ("More than 40 fighters", 40.0, "more than")
    ]
    assert len(analysis.sentences) == 5  # the title, three sentences, one more


def test_rules_output_links(gazetteer: Gazetteer) -> None:
    analyses = list(RuleExtractor(gazetteer).analyse([ARTICLE]))
    result = link([ARTICLE], analyses, gazetteer)
    muallem = {
        lm.entity_id for lm in result.mentions if lm.mention.text in {"Walid Muallem", "Muallem"}
    }
    assert muallem == {"person:walid-muallem"}
    assert "org:islamic-state" in {lm.entity_id for lm in result.mentions}
    assert "gpe:tal-abyad" in {e.id for e in result.entities}
