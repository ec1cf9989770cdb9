"""The date and time grammar: one-line inputs, resolved against a meeting date."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from ingest.extractors.dates import (
    doc_dates,
    document_order,
    find_dates,
    find_times,
    resolve,
)

MEETING = dt.date(2023, 2, 15)


def _resolved(text: str, *, order: str = "dmy", past: bool = False,
              meeting: dt.date | None = MEETING) -> list[tuple[str, str | None]]:
    return [resolve(m, meeting_date=meeting, past=past)
            for m in find_dates(text, order=order)]  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [
    ("15 Feb 2023", [("2023-02-15", None)]),
    ("on 9 October2023", [("2023-10-09", None)]),
    ("the AHC on 6-7th March", [("2023-03-06", "2023-03-07")]),
    ("May 22nd-26th", [("2023-05-22", "2023-05-26")]),
    ("from 11-21 April 2023 in Vienna", [("2023-04-11", "2023-04-21")]),
    ("applications 20/02 to 03/03", [("2023-02-20", "2023-03-03")]),
    ("the CoP in october 2024", [("2024-10", None)]),
    ("April 28, 2023", [("2023-04-28", None)]),
    ("Committee Meeting - 2023-05-20", [("2023-05-20", None)]),
    ("should arrive by the 17th of March", [("2023-03-17", None)]),
    ("Tuesday, Feb 19th", [("2023-02-19", None)]),
    ("the 18th", [("2023-02-18", None)]),
    ("Jan 1st, mid April", [("2024-01-01", None), ("2023-04", None)]),
    ("until February 2027", [("2027-02", None)]),
    ("30 May – 2 June 2023", [("2023-05-30", "2023-06-02")]),
    ("Dec 28 - Jan 3", [("2023-12-28", "2024-01-03")]),
    ("Congress in 2026", [("2026", None)]),
    ("Actual Income to 30/09/04", [("2004-09-30", None)]),
    ("TC Meeting 6 Apr 26, 2017", [("2017-04-26", None)]),
    ("in Melbourne for the C3DIS'20, so", [("2020", None)]),
    ("PyCon’19 and 5 May", [("2019", None), ("2023-05-05", None)]),
])
def test_dates_resolve_at_the_written_precision(text, expected):
    assert _resolved(text) == expected


def test_a_left_out_year_is_the_next_occurrence_unless_past():
    assert _resolved("on 5 May", meeting=dt.date(2023, 6, 1)) == [("2024-05-05", None)]
    assert _resolved("(5 May) worked well", meeting=dt.date(2023, 6, 1),
                     past=True) == [("2023-05-05", None)]


def test_month_first_order_reads_numeric_dates_the_us_way():
    assert _resolved("due 03/04", order="mdy") == [("2023-03-04", None)]
    assert _resolved("due 03/04") == [("2023-04-03", None)]


def test_a_numeric_date_valid_only_the_other_way_is_read_that_way():
    assert _resolved("on 03/14/2024") == [("2024-03-14", None)]
    assert _resolved("on 14/03/2024", order="mdy") == [("2024-03-14", None)]


def test_nearest_places_a_left_out_year_either_side_of_the_reference():
    ref = dt.date(2019, 5, 1)
    assert _resolved("in January; on 21st December", meeting=ref) == [
        ("2020-01", None), ("2019-12-21", None)]
    got = [resolve(m, meeting_date=ref, nearest=True)
           for m in find_dates("in January; on 21st December")]
    assert got == [("2019-01", None), ("2018-12-21", None)]


def test_no_meeting_date_leaves_the_year_out():
    assert _resolved("on 5 May", meeting=None) == [("--05-05", None)]


@pytest.mark.parametrize("text", [
    "we may 5 times", "Action 2016-07", "DCAT-AP 2.1.0", "section 6.1",
    "2/3 of members", "in 11/12 Trumpington Street", "Motion #2016-03-09/1",
    "Meeting #6", "it's 20 people", "the '90s",
])
def test_non_dates_are_not_found(text):
    assert find_dates(text) == []


def test_a_time_written_after_the_date_is_attached():
    (mention,) = find_dates("next informal meeting 22/03 15:00-16:30")
    assert mention.time is not None
    assert (mention.time.start_time, mention.time.end_time) == ("15:00", "16:30")


@pytest.mark.parametrize(("text", "expected"), [
    ("15:00–16:30 CET", ("15:00", "16:30", "+01:00")),
    ("2:00–3:00 p.m. CEST", ("14:00", "15:00", "+02:00")),
    ("10:00 a.m. to 1:00 p.m.", ("10:00", "13:00", None)),
    ("10:00-12:00 PM (GMT+1)", ("10:00", "12:00", "+01:00")),
    ("Opened: 1315hrs", ("13:15", None, None)),
    ("closed at 1435 UTC", ("14:35", None, "+00:00")),
    ("Town Hall (11a PST", ("11:00", None, "-08:00")),
    ("11:00-12:00 (Vienna time)", ("11:00", "12:00", None)),
    ("at 3 pm EDT", ("15:00", None, "-04:00")),
    ("Time: 18.30–20.00 CET", ("18:30", "20:00", "+01:00")),
    ("The meeting closed at 20.45.", ("20:45", None, None)),
    ("videoconference at 14:00h through", ("14:00", None, None)),
    ("HELD ON MONDAY 15TH MAY 2023 AT 7.30PM", ("19:30", None, None)),
])
def test_times_and_zones(text, expected):
    (time,) = find_times(text)[:1]
    assert (time.start_time, time.end_time, time.offset) == expected


def test_numbers_are_not_times():
    assert find_times("3.5k rebate, version 2.1.0, in 2023, page 3 of 10") == []
    assert find_times("tickets cost 1.50-2.00 EUR") == []


def test_the_component_marks_date_spans(nlp):
    doc = nlp("The CoP meets in October 2024 and the AHC on 6-7th March.")
    assert [span.text for span in doc.spans["dates"]] == ["October 2024", "6-7th March"]
    assert [m.text for m in doc_dates(doc)] == ["October 2024", "6-7th March"]


def test_doc_dates_finds_again_for_month_first_documents():
    doc = spacy.blank("en")("due 03/04")
    assert [m.first.month for m in doc_dates(doc, "mdy")] == [3]


@pytest.mark.parametrize(("text", "order"), [
    ("on 3/8/2021 and 2/14/2021", "mdy"),
    ("on 3/8/2021 and 14/2/2021", "dmy"),
    ("Held March 8, 2021. Minutes of 2/1/2021 approved.", "mdy"),
    ("Held 8 March 2021. Minutes of 2/1/2021 approved.", "dmy"),
    ("Held March 8, 2021.", "dmy"),
])
def test_the_document_order_of_numeric_dates(text, order):
    assert document_order(text) == order
