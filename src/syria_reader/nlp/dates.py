"""Date references resolved to ISO dates against the article's publication date (no spaCy).

The model path hands in spaCy's DATE spans; the rule path finds spans with
:func:`find_date_spans`. :class:`DateResolver` turns a surface form into an ISO date with day,
month or year precision. The forms news text uses most ("Friday", "September 30th",
"26-27 November", "last February", "early 2014", "two years ago") are read here directly,
because dateparser gets them wrong or not at all: it sends a weekday equal to the publication
weekday a week back (in a dateline it means that day), reads "26-27 November" as 1927,
returns nothing for "last February" or "early 2014", and turns durations ("three years",
"24 hours") into dates. Durations are not dates and are dropped. Anything else goes to
dateparser (``DateDataParser`` with the publication date as ``RELATIVE_BASE``), whose answer is
kept only when its year is plausible. What cannot be resolved keeps its text, iso None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from syria_reader.models import DateRef
from syria_reader.nlp.names import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

Precision = Literal["day", "month", "year"]

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "several": None,
    "few": None,
    "many": None,
    "couple": 2,
    "some": None,
}
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ies))s?"
_MONTH_RE = "|".join(m.capitalize() + ("" if len(m) <= 4 else f"(?:{m[3:]})?\\.?") for m in MONTHS)
_MONTH_ABBREVIATIONS = {m[:3]: i for i, m in enumerate(MONTHS, start=1)} | {"sept": 9}
_WEEKDAY_RE = "|".join(w.capitalize() for w in WEEKDAYS)
_ORD = r"(?:st|nd|rd|th)?"
_LEAD = re.compile(
    r"^(?:(?:the|on|in|since|by|until|till|from|as of|of|at|during|before|after|around|circa|about|"
    r"through|throughout|starting|beginning|ending|dated|last updated|updated|published)\s+)+",
    re.I,
)
_QUALIFIER = (
    r"(?:early|late|mid|mid-|the end of|end of|the beginning of|beginning of|the start of"
    r"|start of|the middle of|middle of|the first half of|the second half of|(?:the )?(?:spring|"
    r"summer|autumn|fall|winter) of|spring|summer|autumn|fall|winter)"
)

DROP = "drop"  # resolution result for a duration: not a date reference


def _month_number(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return (
        _MONTH_ABBREVIATIONS.get(word[:4] if word.startswith("sept") else word[:3])
        if len(word) >= 3
        else None
    )


def _count(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _parse_published(published: str | None) -> tuple[dt.date | None, Precision | None]:
    """The publication date and how precisely it is known, from ``Article.date``."""
    match = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", (published or "").strip())
    if not match:
        return None, None
    try:
        when = dt.date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None, None
    return when, "day" if match.group(3) else "month" if match.group(2) else "year"


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _iso(year: int, month: int | None = None, day: int | None = None) -> tuple[str, Precision]:
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


class DateResolver:
    """Resolves date surface forms against one publication date (``Article.date``), with a cache."""

    def __init__(self, published: str | None) -> None:
        self.base, self.base_precision = _parse_published(published)
        self._cache: dict[str, tuple[str | None, Precision | None] | str] = {}
        self._parser: DateDataParser | None = None

    # -- helpers -------------------------------------------------------------------------------

    def _nearest_year(self, month: int, day: int | None) -> int | None:
        """The year that puts a month (and day) closest to publication, the past preferred."""
        if self.base is None or self.base_precision == "year":
            return None
        best: tuple[float, int] | None = None
        for year in (self.base.year - 1, self.base.year, self.base.year + 1):
            try:
                when = dt.date(year, month, day or 15)
            except ValueError:
                continue
            delta = (when - self.base).days
            cost = -delta if delta <= 0 else 2.5 * delta  # news looks back more than ahead
            if best is None or cost < best[0]:
                best = (cost, year)
        return best[1] if best else None

    def _day_known(self) -> bool:
        return self._known_day() is not None

    def _known_day(self) -> dt.date | None:
        """The publication date when it is known to the day, else None."""
        return self.base if self.base_precision == "day" else None

    # -- the forms read directly ---------------------------------------------------------------

    def _direct(self, text: str) -> tuple[str | None, Precision | None] | str | None:
        """Resolution of the common forms; None when the text is none of them."""
        low = text.lower()
        base = self.base

        if re.fullmatch(
            r"(?:(?:the|a|an)\s+)?(?:(?:past|last|next|previous|coming|first|final|following|"
            r"recent|few|several|many|couple of)\s+)*"
            r"(?:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"fifteen|twenty|thirty|forty|fifty|hundred|several|few|many|"
            rf"couple of)\s+)?(?:more\s+)?(?:\d+-)?{_UNIT}"
            rf"(?:\s+(?:or so|long|old|running|straight|later|earlier))?",
            low,
        ) and not re.fullmatch(rf"(?:last|this|next|that|the same)\s+{_UNIT}", low):
            return DROP  # a duration: "three years", "the past 24 hours", "months"

        if low in {
            "daily",
            "weekly",
            "monthly",
            "yearly",
            "annually",
            "nightly",
            "annual",
            "hourly",
        }:
            return DROP  # how often, not when
        if low in {"today", "tonight", "this morning", "this afternoon", "this evening", "now"}:
            today = self._known_day()
            return _iso(today.year, today.month, today.day) if today else (None, None)
        if low in {"yesterday", "last night"}:
            return self._offset_days(-1)
        if low == "tomorrow":
            return self._offset_days(1)

        match = re.fullmatch(
            rf"(?:(last|this|next|past|coming)\s+)?({'|'.join(WEEKDAYS)})(?:\s+(?:morning|"
            r"afternoon|evening|night))?",
            low,
        )
        if match:
            today = self._known_day()
            if today is None:
                return None, None
            wanted = WEEKDAYS.index(match.group(2))
            back = (today.weekday() - wanted) % 7
            if match.group(1) in {"last", "past"}:
                back = back or 7
            elif match.group(1) in {"next", "coming"}:
                return self._offset_days((wanted - today.weekday()) % 7 or 7)
            return self._offset_days(-back)  # a dateline's own weekday is that very day

        match = re.fullmatch(
            r"(last|this|next|earlier this|later this|early this|late last|early last|earlier|"
            r"later)\s+(week|month|year)",
            low,
        )
        if match:
            if base is None:
                return None, None
            step = -1 if "last" in match.group(1) else 1 if "next" in match.group(1) else 0
            if match.group(2) == "year":
                return _iso(base.year + step)
            if self.base_precision == "year":
                return None, None
            if match.group(2) == "month":
                return _iso(*_shift_months(base.year, base.month, step))
            when = base + dt.timedelta(days=7 * step)
            return _iso(when.year, when.month)

        match = re.fullmatch(
            r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
            r"thirty|several|few|a few|many)\s+(day|week|month|year|decade)s?\s+ago",
            low,
        )
        if match:
            count = _count(match.group(1).replace("a few", "few"))
            if base is None or count is None:
                return None, None
            unit = match.group(2)
            if unit in {"day", "week"}:
                return self._offset_days(-count * (7 if unit == "week" else 1))
            if unit == "month":
                return (
                    _iso(*_shift_months(base.year, base.month, -count))
                    if self.base_precision != "year"
                    else (None, None)
                )
            return _iso(base.year - count * (10 if unit == "decade" else 1))

        match = re.fullmatch(
            r"(last|this|next|early|late|mid-?|earlier|later|(?:the\s+)?(?:end|beginning|start|"
            rf"middle)\s+of)\s+({'|'.join(MONTHS)})",
            low,
        )
        if match:
            month = MONTHS.index(match.group(2)) + 1
            if base is None or self.base_precision == "year":
                return None, None
            relation = match.group(1)
            if relation == "last":
                year = base.year if month < base.month else base.year - 1
            elif relation == "next":
                year = base.year if month > base.month else base.year + 1
            elif relation == "this":
                year = base.year
            else:
                year = self._nearest_year(month, None) or base.year
            return _iso(year, month)

        day_month = (
            r"(\d{1,2})"
            + _ORD
            + r"(?:\s*(?:-|to|and|&)\s*\d{1,2}"
            + _ORD
            + r")?(?:\s+of)?\s+([a-z]{3,9}\.?)"
        )
        match = re.fullmatch(rf"{day_month}(?:,?\s+(\d{{4}}))?", low)
        if match:
            return self._day_month_year(match.group(3), match.group(2), match.group(1))
        match = re.fullmatch(
            r"([a-z]{3,9}\.?)\s+(\d{1,2})"
            + _ORD
            + r"(?:\s*(?:-|to|and|&)\s*\d{1,2}"
            + _ORD
            + r")?(?:,?\s+(\d{4}))?",
            low,
        )
        if match:
            return self._day_month_year(match.group(3), match.group(1), match.group(2))

        match = re.fullmatch(
            rf"(?:{_QUALIFIER}\s*)?([a-z]{{3,9}}\.?)(?:\s*(?:-|to|"
            r"and)\s*[a-z]{3,9}\.?)?(?:,?\s+(?:of\s+)?(\d{4}))?",
            low,
        )
        named = _month_number(match.group(1)) if match else None
        if match and named:
            if match.group(2):
                return _iso(int(match.group(2)), named)
            nearest = self._nearest_year(named, None)
            return _iso(nearest, named) if nearest else (None, None)

        match = re.fullmatch(
            rf"(?:{_QUALIFIER}\s*)?((?:19|20)\d\d)(?:\s*(?:-|to|and)\s*(?:(?:19|20)?\d\d))?", low
        )
        if match:
            return _iso(int(match.group(1)))
        if re.fullmatch(r"(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:19|20)?\d0'?s", low):
            return None, None  # a decade: kept, not pinned to a year
        return None

    def _offset_days(self, days: int) -> tuple[str | None, Precision | None]:
        today = self._known_day()
        if today is None:
            return None, None
        when = today + dt.timedelta(days=days)
        return _iso(when.year, when.month, when.day)

    def _day_month_year(
        self, year: str | None, month_word: str, day: str
    ) -> tuple[str | None, Precision | None] | None:
        month = _month_number(month_word)
        if month is None:
            return None
        day_number = int(day)
        if year:
            try:
                dt.date(int(year), month, day_number)
            except ValueError:
                return None, None
            return _iso(int(year), month, day_number)
        chosen = self._nearest_year(month, day_number)
        if chosen is None:
            return None, None
        try:
            dt.date(chosen, month, day_number)
        except ValueError:
            return None, None
        return _iso(chosen, month, day_number)

    # -- dateparser for the rest ---------------------------------------------------------------

    def _dateparser(self, text: str) -> tuple[str | None, Precision | None]:
        years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)]
        if self.base is None and not years:
            return None, None
        if self._parser is None:
            from dateparser.date import DateDataParser

            settings: dict[str, object] = {
                "PREFER_DATES_FROM": "past",
                "RETURN_TIME_AS_PERIOD": False,
            }
            if self.base is not None:
                settings["RELATIVE_BASE"] = dt.datetime.combine(self.base, dt.time())
            self._parser = DateDataParser(languages=["en"], settings=settings)
        try:
            data = self._parser.get_date_data(text)
        except Exception:  # dateparser raises assorted errors on odd input; unresolved is fine
            return None, None
        if data is None or data.date_obj is None:
            return None, None
        when = data.date_obj.date()
        if years and when.year not in years:
            return None, None  # "26-27 November" read as 1927, and the like
        if not years and (self.base is None or abs(when.year - self.base.year) > 1):
            return None, None
        period = data.period or "day"
        if period == "year":
            return _iso(when.year)
        if period in {"month", "week"}:
            return _iso(when.year, when.month)
        if not years and not self._day_known():
            return None, None
        return _iso(when.year, when.month, when.day)

    # -- the public entry point ----------------------------------------------------------------

    def resolve(self, surface: str) -> tuple[str | None, Precision | None] | str:
        """``(iso, precision)`` for a date surface form, ``(None, None)`` when unresolvable,
        or :data:`DROP` when it is a duration rather than a date."""
        text = normalise_surface(surface)
        if text in self._cache:
            return self._cache[text]
        if not text:
            result: tuple[str | None, Precision | None] | str = DROP
        else:
            direct = self._direct(text)
            result = direct if direct is not None else self._dateparser(text)
        self._cache[text] = result
        return result


def normalise_surface(surface: str) -> str:
    """A date surface form with leading prepositions, ordinal commas and extra spaces removed."""
    text = re.sub(r"\s+", " ", surface.replace("\u2013", "-").replace("\u2014", "-")).strip(
        " ,.;:()[]\"'"
    )
    text = _LEAD.sub("", text)
    return text.strip()


_SPAN_RE = re.compile(
    r"(?<![\w-])(?:"
    # 26-27 November 2015 / 30th of September / 5 Oct.
    rf"\d{{1,2}}{_ORD}(?:\s*(?:-|\u2013|to|"
    rf"and)\s*\d{{1,2}}{_ORD})?(?:\s+of)?\s+(?:{_MONTH_RE})(?:,?\s+(?:19|20)\d\d)?"
    # September 30th, 2015 / November 26-27
    rf"|(?:{_MONTH_RE})\s+\d{{1,2}}{_ORD}(?:\s*(?:-|\u2013)\s*\d{{1,2}}{_ORD})?(?:,?\s+(?:19|"
    r"20)\d\d)?(?!\d|,\d)"
    # last February / early 2014 / mid-2015 / September 2015 / the end of 2014
    r"|(?i:(?:last|this|next|early|late|mid-?|earlier|later|(?:the\s+)?(?:end|beginning|start|"
    r"middle)\s+of|(?:the\s+)?(?:spring|summer|autumn|fall|"
    rf"winter)\s+of)\s+)?(?:(?:{_MONTH_RE})(?:\s+(?:of\s+)?(?:19|20)\d\d)?|(?:19|20)\d\d(?!\d|[,.]\d|\s+[a-z]+s\b))"
    # Friday / last Monday / next Tuesday morning
    rf"|(?i:(?:last|this|next|past|coming)\s+)?(?:{_WEEKDAY_RE})(?:\s+(?i:morning|afternoon|"
    r"evening|night))?"
    # today, yesterday, last week, this year, two years ago
    r"|(?i:today|yesterday|tomorrow|tonight|last\s+night|(?:last|this|next)\s+(?:week|month|year))"
    r"|(?i:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few)\s+(?:day|"
    r"week|month|year|decade)s?\s+ago)"
    r")(?![\w])"
)


def find_date_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Date expressions in ``text[start:end]`` found by pattern (the rule-based path)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for match in _SPAN_RE.finditer(text, start, end):
        surface = match.group(0)
        if surface == "May" or surface == "March":
            # Modal verb, or a march: a bare "May"/"March" counts only after a date-ish word.
            before = text[max(start, match.start() - 12) : match.start()].lower()
            if not re.search(
                r"\b(?:in|since|until|by|early|late|mid|last|next|this|of)\s+$", before
            ):
                continue
        spans.append((match.start(), match.end()))
    return spans


_DAY_RANGE = re.compile(
    rf"(\d{{1,2}}){_ORD}\s*(?:-|to|through|until|and|&)\s*(\d{{1,2}}){_ORD}\b"
    rf"|\b[a-z]{{3,9}}\.?\s+(\d{{1,2}}){_ORD}\s*(?:-|to|through|until|and|&)\s*(\d{{1,2}}){_ORD}\b",
    re.I,
)
_MONTH_RANGE = re.compile(r"\b([a-z]{3,9})\.?\s*(?:-|to|through|until|and)\s*([a-z]{3,9})\b", re.I)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|to|through|until|and)\s*((?:19|20)?\d\d)\b")


def range_end(surface: str, iso: str | None, precision: Precision | None) -> str | None:
    """The last date of a range written in ``surface``, at the precision of its first date ``iso``.

    "26-27 November" (first 2015-11-26) ends 2015-11-27, "March-May 2015" ends 2015-05,
    "2014-16" ends 2016. A single date ends where it starts (``iso``); None when unresolved.
    """
    if iso is None or precision is None:
        return None
    text = normalise_surface(surface)
    year = int(iso[:4])
    if precision == "day":
        match = _DAY_RANGE.search(text)
        if match:
            first = int(match.group(1) or match.group(3))
            last = int(match.group(2) or match.group(4))
            month = int(iso[5:7])
            try:
                if last > first:
                    return dt.date(year, month, last).isoformat()
            except ValueError:
                pass
        return iso
    if precision == "month":
        match = _MONTH_RANGE.search(text)
        if match:
            first_month, last_month = _month_number(match.group(1)), _month_number(match.group(2))
            if first_month and last_month and first_month != last_month:
                end_year = year + (1 if last_month < first_month else 0)
                return _iso(end_year, last_month)[0]
        return iso
    match = _YEAR_RANGE.search(text)
    if match:
        last_text = match.group(2)
        last_year = int(last_text) if len(last_text) == 4 else year // 100 * 100 + int(last_text)
        if last_year > year:
            return f"{last_year:04d}"
    return iso


def date_refs(text: str, spans: Iterable[tuple[int, int]], resolver: DateResolver) -> list[DateRef]:
    """DateRefs for the spans of ``text`` (offsets kept), durations dropped, sorted by offset."""
    refs: list[DateRef] = []
    for start, end in sorted(set(spans)):
        surface = text[start:end]
        stripped = surface.strip(" ,.;:()[]\"'\u201c\u201d")
        if not stripped:
            continue
        start += surface.index(stripped)
        end = start + len(stripped)
        result = resolver.resolve(stripped)
        if isinstance(result, str):  # DROP, the one string result
            continue
        iso, precision = result
        refs.append(
            DateRef(
                start=start,
                end=end,
                text=stripped,
                iso=iso,
                precision=precision,
                iso_end=range_end(stripped, iso, precision),
            )
        )
    return refs
