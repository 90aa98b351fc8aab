"""Runs of capitalised words, where the linker looks for known names and places it was not given."""

from __future__ import annotations

import pytest

from syria_reader.nlp.corpus_mentions import _CAPITALISED_RUN, _run_candidates, _whole_run

TEXTS = [
    "Talks in Geneva for Erbil ended. The United Nations said so.",
    "In Aleppo, fighting resumed; West Aleppo was quiet.",
    "Turkey's Feridun Sinirlioglu met Bashar al-Assad and the Free Syrian Army.",
    "From\tDamascus to Homs. After Deir Ezzor, U.S. forces left Raqqa.",
    "The Of The Islamic State. A. B. Smith; Mr. Kerry's visit to Moscow's Kremlin:",
    "When Sheikh Maqsoud fell, ibn Taymiyya's heirs of the Levant wrote to Al-Qaeda.",
    "Of",
    "The",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_whole_run_is_the_first_candidate(text: str) -> None:
    runs = list(_CAPITALISED_RUN.finditer(text))
    assert runs
    for run in runs:
        assert _whole_run(run) == _run_candidates(run)[0], run.group(0)


def test_candidates_are_the_run_and_its_parts_between_link_words() -> None:
    text = "Talks in Geneva for Erbil ended."
    run = next(r for r in _CAPITALISED_RUN.finditer(text) if r.group(0).startswith("Geneva"))
    assert [text[a:b] for a, b in _run_candidates(run)] == ["Geneva for Erbil", "Geneva", "Erbil"]
    opener = next(_CAPITALISED_RUN.finditer("The Free Syrian Army."))
    assert _whole_run(opener) == (4, 20)
