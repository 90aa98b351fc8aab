"""Date references resolved against the publication date, with dateparser's traps handled."""

from __future__ import annotations

import pytest

from syria_reader.nlp.dates import DROP, DateResolver, date_refs, find_date_spans, range_end

# 2016-03-04 is a Friday.
PUBLISHED = "2016-03-04"


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver(PUBLISHED)


@pytest.mark.parametrize(
    ("surface", "iso", "precision"),
    [
        ("February 12th", "2016-02-12", "day"),
        ("March 1st", "2016-03-01", "day"),
        ("12 February 2015", "2015-02-12", "day"),
        ("Sept. 30", "2015-09-30", "day"),  # the nearest September 30 before publication
        ("December 28", "2015-12-28", "day"),  # last year's, not ten months ahead
        ("on Tuesday", "2016-03-01", "day"),
        ("Friday", "2016-03-04", "day"),  # a dateline's own weekday is that day, not a week back
        ("last Friday", "2016-02-26", "day"),
        ("next Monday", "2016-03-07", "day"),
        ("yesterday", "2016-03-03", "day"),
        ("last February", "2016-02", "month"),
        ("since last March", "2015-03", "month"),  # the publication month itself is "this March"
        ("last month", "2016-02", "month"),
        ("early 2014", "2014", "year"),
        ("mid-2013", "2013", "year"),
        ("in 2011", "2011", "year"),
        ("2012", "2012", "year"),
        ("the end of 2015", "2015", "year"),
        ("three years ago", "2013", "year"),
        ("26-27 January", "2016-01-26", "day"),  # not 1927
        ("January 26-27", "2016-01-26", "day"),
        ("October 2015", "2015-10", "month"),
        ("12/10/2015", "2015-12-10", "day"),  # dateparser for the rest
    ],
)
def test_forms_resolve(resolver: DateResolver, surface: str, iso: str, precision: str) -> None:
    assert resolver.resolve(surface) == (iso, precision)


@pytest.mark.parametrize(
    "surface",
    [
        "three years",
        "24 hours",
        "the past 24 hours",
        "months",
        "the last two weeks",
        "a year",
        "daily",
    ],
)
def test_durations_are_not_dates(resolver: DateResolver, surface: str) -> None:
    assert resolver.resolve(surface) == DROP


@pytest.mark.parametrize("surface", ["the weekend", "months ago", "the 1990s", "Ramadan"])
def test_unresolvable_references_keep_their_text(resolver: DateResolver, surface: str) -> None:
    assert resolver.resolve(surface) == (None, None)


def test_without_a_publication_date_only_absolute_dates_resolve() -> None:
    unknown = DateResolver(None)
    assert unknown.resolve("Friday") == (None, None)
    assert unknown.resolve("last February") == (None, None)
    assert unknown.resolve("October 12, 2015") == ("2015-10-12", "day")
    assert unknown.resolve("2014") == ("2014", "year")


def test_a_month_precise_publication_date_resolves_months_not_days() -> None:
    monthly = DateResolver("2016-03")
    assert monthly.resolve("Friday") == (None, None)
    assert monthly.resolve("last month") == ("2016-02", "month")


def test_the_pattern_finder_and_date_refs() -> None:
    text = (
        "On Friday, rebels held the town. Since last February and in early 2014 they have fought; "
        "talks on 26-27 January 2016 and on February 12th failed. They may return. "
        "Fighting has gone on for three years, and 2000 fighters left in 2011."
    )
    spans = find_date_spans(text)
    surfaces = [text[a:b] for a, b in spans]
    assert surfaces == [
        "Friday",
        "last February",
        "early 2014",
        "26-27 January 2016",
        "February 12th",
        "2011",
    ]
    refs = date_refs(text, spans, DateResolver(PUBLISHED))
    assert [(r.text, r.iso, r.precision) for r in refs] == [
        ("Friday", "2016-03-04", "day"),
        ("last February", "2016-02", "month"),
        ("early 2014", "2014", "year"),
        ("26-27 January 2016", "2016-01-26", "day"),
        ("February 12th", "2016-02-12", "day"),
        ("2011", "2011", "year"),
    ]
    assert all(text[r.start : r.end] == r.text for r in refs)
    ends = {r.text: r.iso_end for r in refs}
    assert ends["26-27 January 2016"] == "2016-01-27"  # both ends of the range are kept
    assert ends["February 12th"] == "2016-02-12" and ends["early 2014"] == "2014"


def test_date_refs_drop_durations_and_keep_offsets() -> None:
    text = "for three years, since Monday"
    spans = [(text.index("three"), text.index(",")), (text.index("Monday"), len(text))]
    refs = date_refs(text, spans, DateResolver(PUBLISHED))
    assert [(r.text, r.iso) for r in refs] == [("Monday", "2016-02-29")]


@pytest.mark.parametrize(
    ("surface", "end"),
    [
        ("26-27 January", "2016-01-27"),
        ("January 26-27", "2016-01-27"),
        ("Jan. 26 to 28, 2016", "2016-01-28"),
        ("March-May 2015", "2015-05"),
        ("November to February", "2016-02"),
        ("2012-14", "2014"),
        ("2011 to 2013", "2013"),
        ("26 January", "2016-01-26"),
        ("early 2014", "2014"),
        ("31-33 January", "2016-01-31"),  # no such day: the range is read as its first date
    ],
)
def test_range_end(resolver: DateResolver, surface: str, end: str) -> None:
    iso, precision = resolver.resolve(surface)  # type: ignore[misc]
    assert range_end(surface, iso, precision) == end


def test_range_end_of_an_unresolved_date_is_none() -> None:
    assert range_end("the weekend", None, None) is None
