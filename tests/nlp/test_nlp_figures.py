"""Figures: numbers with what they count, their value and qualifier; dates and models are not
figures."""

from __future__ import annotations

from syria_reader.nlp.figures import find_figures


def figures(
    text: str, dates: list[tuple[int, int]] = ()
) -> list[tuple[str, float | None, str | None, str | None]]:
    return [(f.text, f.value, f.unit, f.qualifier) for f in find_figures(text, 0, len(text), dates)]


def test_counted_nouns_units_and_qualifiers() -> None:
    text = (
        "Warplanes flew nearly 2,500 sorties and hit 412 \u201cmilitant positions\u201d. About "
        "35% of the city "
        "is in ruins, 320 km from the coast, home to 1.2 million people before the war. More than "
        "600 "
        "Hezbollah fighters and at least five brigades took part, along with half-a-dozen militias."
    )
    assert figures(text) == [
        ("nearly 2,500 sorties", 2500.0, "sorties", "nearly"),
        ("412 \u201cmilitant positions\u201d", 412.0, "militant positions", None),
        ("About 35%", 35.0, "%", "about"),
        ("320 km", 320.0, "km", None),
        ("1.2 million people", 1.2e6, "people", None),
        ("More than 600 Hezbollah fighters", 600.0, "Hezbollah fighters", "more than"),
        ("at least five brigades", 5.0, "brigades", "at least"),
        ("half-a-dozen militias", 6.0, "militias", None),
    ]


def test_ranges_money_and_vague_counts() -> None:
    text = (
        "The front moved 40-50 km. Donors pledged $3 billion. Hundreds of civilians fled a "
        "town of about a million."
    )
    assert figures(text) == [
        ("40-50 km", 40.0, "km", None),
        ("$3 billion", 3e9, "$", None),
        ("Hundreds of civilians", None, "civilians", None),
        ("about a million", 1e6, None, "about"),
    ]
    ends = [f.value_end for f in find_figures(text, 0, len(text))]
    assert ends == [50.0, 3e9, None, 1e6]  # a range keeps its upper end


def test_a_range_with_a_multiplier_scales_both_ends() -> None:
    [figure] = find_figures("Between 2-3 million people fled.", 0, 32)
    assert (figure.value, figure.value_end) == (2e6, 3e6)


def test_not_figures() -> None:
    text = (
        "In 2013 the T-90 and Su-25 jets, with the S-300 (SA-10) system, arrived under Resolution "
        "2254. "
        "One of the first convoys came on the 3rd day; it took 24 hours and two weeks. Call 10:30."
    )
    assert figures(text) == []


def test_numbers_inside_date_spans_are_skipped() -> None:
    text = "On 12 March 40 people died."
    assert figures(text, dates=[(3, 11)]) == [("40 people", 40.0, "people", None)]


def test_a_year_that_counts_something_is_a_figure() -> None:
    assert figures("They sent 2000 fighters in 2014.") == [
        ("2000 fighters", 2000.0, "fighters", None)
    ]
