"""The timeline's histogram: months counted, bars scaled, axis labelled, wide spans grouped."""

from __future__ import annotations

from syria_reader.ui.widgets.histogram import BARS, month_counts, sparkline


def test_months_are_counted_and_year_only_dates_set_apart() -> None:
    counts, years = month_counts(["2015-09-30", "2015-09", "2015-10-01", "2011", "bad"])
    assert counts == {2015 * 12 + 8: 2, 2015 * 12 + 9: 1}
    assert years == [2011]


def test_one_bar_a_month_scaled_to_the_busiest() -> None:
    counts, _ = month_counts(["2015-01-01"] * 4 + ["2015-03-01"] * 2)
    bars, axis, per = sparkline(counts, 80)
    assert per == 1
    assert bars == BARS[-1] * 4 + BARS[0] * 4 + BARS[4] * 4  # few months: four columns each
    assert axis.startswith("2015")
    assert sparkline(counts, 3)[0] == BARS[-1] + BARS[0] + BARS[4]


def test_a_short_span_is_wide_enough_to_label_its_years() -> None:
    counts, _ = month_counts(["2015-10-23", "2016-02-01", "2016-06-07"])
    bars, axis, _ = sparkline(counts, 76)
    assert len(bars) == 9 * 4
    assert axis.startswith("2015") and axis[3 * 4 :].startswith("2016")


def test_axis_runs_through_year_only_dates_and_labels_each_year() -> None:
    counts, years = month_counts(["2011", "2015-09-30", "2016-06-07"])
    bars, axis, per = sparkline(counts, 100, years)
    assert per == 1 and len(bars) == (2016 - 2011) * 12 + 6
    assert bars[(2015 - 2011) * 12 + 8] == BARS[-1]
    for year in range(2011, 2017):
        assert axis[(year - 2011) * 12 :].startswith(str(year))


def test_long_spans_are_grouped_to_fit() -> None:
    counts, _ = month_counts([f"{y}-06-01" for y in range(1990, 2016)])
    bars, _, per = sparkline(counts, 40)
    assert per > 1 and len(bars) <= 40
