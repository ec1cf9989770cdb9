"""Date grammar that generalises past the tuning sets: one line each."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extractors.dates import find_dates, resolve

MEETING = dt.date(2021, 3, 10)


def _resolved(text: str) -> list[tuple[str, str | None]]:
    return [resolve(m, meeting_date=MEETING) for m in find_dates(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("General Meeting 17:00 14-Sep-2019", [("2019-09-14", None)]),
    ("Meeting | Wednesday 2021 March 10", [("2021-03-10", None)]),
    ("release between 3/9 and 3/16", [("2021-03-09", "2021-03-16")]),
    ("open from 13/9 to 3/10", [("2021-09-13", "2021-10-03")]),
    ("approval of the February minutes", [("2022-02", None)]),
])
def test_more_written_forms(text, expected):
    assert _resolved(text) == expected


def test_a_month_before_a_colon_is_a_name():
    assert find_dates("Recommended reading from Jan:") == []


def test_a_range_around_the_meeting_runs_in_its_year():
    assert _resolved("the sprint 8-12 March") == [("2021-03-08", "2021-03-12")]


def test_fractions_are_no_range():
    assert find_dates("the share rose from 1/3 to 1/2") == []


def test_a_month_naming_minutes_at_the_start_of_a_line():
    assert [m.first.month for m in find_dates("March minutes approved")] == [3]
