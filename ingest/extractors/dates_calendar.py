"""Calendar parts of a date mention and their resolution to ISO strings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from ingest.extractors.times import TimeMention

Order = Literal["dmy", "mdy"]


@dataclass(frozen=True, slots=True)
class DatePart:
    """One calendar date as written; a part the text leaves out is None."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Literal["day", "month", "year"]:
        """How precise the text is: day, month or year."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or date range found in text, with the time written beside it."""

    start: int  # character offsets in the text searched
    end: int
    text: str
    first: DatePart
    last: DatePart | None = None  # end of a range
    time: TimeMention | None = None
    weekday: bool = False  # written with a weekday name ("Tuesday, Feb 19th")
    modifier: str | None = None  # "mid", "early", "late", "end of"...

    @property
    def precision(self) -> Literal["day", "month", "year"]:
        """Precision of the first part."""
        return self.first.precision


def _nearest(part: DatePart, ref: dt.date) -> DatePart:
    """The year that puts a month (and day) closest to the reference date."""
    def distance(year: int) -> int:
        return abs((dt.date(year, part.month or 1, part.day or 1) - ref).days)
    years = [y for y in (ref.year - 1, ref.year, ref.year + 1)
             if part.month != 2 or part.day != 29 or y % 4 == 0]
    return replace(part, year=min(years or [ref.year], key=distance))


def _fill(part: DatePart, ref: dt.date, past: bool, nearest: bool) -> DatePart:
    """Give a part its left-out year (and month) from the reference date."""
    if part.year is not None:
        return part
    if nearest and part.month is not None:
        return _nearest(part, ref)
    if part.month is None:  # "the 18th": this month or the next
        month, year = ref.month, ref.year
        if (part.day or 0) < ref.day and not past:
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
        elif (part.day or 0) > ref.day and past:
            month, year = (12, year - 1) if month == 1 else (month - 1, year)
        return DatePart(year, month, part.day)
    key, ref_key = (part.month, part.day or 0), (ref.month, ref.day if part.day else 0)
    year = ref.year
    if not past and key < ref_key:
        year += 1
    elif past and key > ref_key:
        year -= 1
    return DatePart(year, part.month, part.day)


def _iso(part: DatePart) -> str:
    """ISO at the part's precision."""
    if part.year is None:  # no meeting date to infer it from: ISO's "--MM-DD"
        return f"--{part.month:02d}" + (f"-{part.day:02d}" if part.day else "")
    out = f"{part.year:04d}"
    if part.month is not None:
        out += f"-{part.month:02d}"
        if part.day is not None:
            out += f"-{part.day:02d}"
    return out


def _around(mention: DateMention, day: dt.date) -> bool:
    """A range without a year that holds `day`: it runs in that year."""
    first, last = mention.first, mention.last
    if last is None or first.year is not None or last.year not in (None, day.year) \
            or first.month is None or first.day is None or last.day is None:
        return False
    return (first.month, first.day) <= (day.month, day.day) <= (
        last.month or first.month, last.day)


def resolve(mention: DateMention, *, meeting_date: dt.date | None,
            past: bool = False, nearest: bool = False) -> tuple[str, str | None]:
    """ISO start and end (None for a single date) at the precision the text gives.

    `nearest` places a left-out year closest to `meeting_date` either way: for a
    reference that is only another date of the document, not the meeting's.
    """
    first = mention.first
    if meeting_date is not None and _around(mention, meeting_date):
        first = replace(first, year=meeting_date.year)  # "between 3/9 and 3/16"
    if meeting_date is not None:
        first = _fill(first, meeting_date, past, nearest)
    last = mention.last
    if last is not None:
        if last.month is None:
            last = replace(last, month=first.month)
        if last.year is None and first.year is not None:
            later = ((last.month or 0, last.day or 0)
                     >= (first.month or 0, first.day or 0))
            last = replace(last, year=first.year + (0 if later else 1))
    return _iso(first), (_iso(last) if last is not None else None)


def parse_iso(value: str | None) -> dt.date | None:
    """A date from an ISO string at any precision (month and year give the 1st)."""
    if not value or value.startswith("--"):
        return None
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], *[*parts[1:], 1, 1][:2])
