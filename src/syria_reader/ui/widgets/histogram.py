"""A histogram of dates by month, drawn as a sparkline of block characters with a year axis."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from textual.content import Content
from textual.widgets import Static

BARS = " ▁▂▃▄▅▆▇█"


def _month_index(iso: str) -> int | None:
    """Months since year 0 of an ISO date with at least a month ("2015-09", "2015-09-30")."""
    if len(iso) < 7 or iso[4] != "-":
        return None
    try:
        year, month = int(iso[:4]), int(iso[5:7])
    except ValueError:
        return None
    return year * 12 + month - 1 if 1 <= month <= 12 else None


def month_counts(dates: Iterable[str]) -> tuple[Counter[int], list[int]]:
    """How many dates fall in each month (as a month index), and the years of the dates that
    give only a year (they have no month to count in, but the axis runs through them)."""
    counts: Counter[int] = Counter()
    years: list[int] = []
    for iso in dates:
        index = _month_index(iso)
        if index is not None:
            counts[index] += 1
        elif iso[:4].isdigit():
            years.append(int(iso[:4]))
    return counts, years


def sparkline(counts: Counter[int], width: int, years: Iterable[int] = ()) -> tuple[str, str, int]:
    """The bars from the first month with a date to the last (the axis stretched to the
    ``years`` of year-only dates): one bar for each group of months (grouped so the line fits
    ``width``; a bar of up to four characters a month when few months fill it), the axis line
    under it with each year labelled, and how many months one bar stands for."""
    if not counts:
        return "", "", 1
    years = list(years)
    first = min([min(counts), *(y * 12 for y in years)])
    last = max([max(counts), *(y * 12 + 11 for y in years)])
    months = last - first + 1
    per = 1
    while months / per > max(1, width):
        per = {1: 2, 2: 3, 3: 6, 6: 12}.get(per, per * 2)
    columns = (months + per - 1) // per
    # A short span is drawn wider (up to four characters a month) so its years have room.
    cell = max(1, min(4, width // columns)) if per == 1 else 1
    sums = [sum(counts.get(first + c * per + k, 0) for k in range(per)) for c in range(columns)]
    peak = max(sums) or 1
    bars = "".join(
        (BARS[0] if n == 0 else BARS[max(1, round(n / peak * (len(BARS) - 1)))]) * cell
        for n in sums
    )
    axis: list[str] = []
    for c in range(columns):
        month = first + c * per
        if c == 0 or month % 12 < per:
            label = str(month // 12)
            at = c * cell
            if len(axis) < at:
                axis.extend(" " * (at - len(axis)))
            if len(axis) == at:  # the year before has left room for this label
                axis.extend(label + " ")
    return bars, "".join(axis).rstrip(), per


class MonthHistogram(Static):
    """The dates of a list as a sparkline by month, its scale and peak under it."""

    def show(self, dates: list[str]) -> None:
        """Draw the histogram of these ISO dates."""
        counts, years = month_counts(dates)
        width = max(10, (self.size.width or self.app.size.width) - 4)
        bars, axis, per = sparkline(counts, width, years)
        years_only = len(years)
        if not bars:
            self.update(Content.styled("No dates with a month to draw", "$foreground-muted"))
            return
        peak_month, peak = max(counts.items(), key=lambda item: (item[1], -item[0]))
        peak_name = f"{peak_month // 12}-{peak_month % 12 + 1:02d}"
        scale = {1: "month", 2: "two months", 3: "quarter", 6: "half-year", 12: "year"}
        unit = scale.get(per, f"{per} months")
        note = f"one bar a {unit}; busiest month {peak_name} ({peak})"
        if years_only:
            note += f"; {years_only} dates give only a year"
        self.update(
            Content.assemble(
                (bars, "$accent"), "\n", (axis, "$foreground-muted"), "\n", (note, "italic")
            )
        )
