"""The meeting: title, date, times, zone and place from the top of the minutes."""

from __future__ import annotations

import pytest
import spacy

from ingest.blocks import Block, RawDocument
from ingest.extractors.context import ExtractionContext
from ingest.extractors.meeting import extract_meeting
from ingest.pipeline import extract_file
from tests.corpus import cases, score_module


@pytest.fixture(scope="module")
def blank():
    """spaCy's blank English with sentences: the extractor reads the blocks."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _meeting(blank, blocks: list[Block], metadata: dict | None = None) -> dict:
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks,
                      metadata=metadata or {})
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in blocks)))
    return extract_meeting(ctx).as_contract()


def _blocks(*texts: str, heading: int | None = 0) -> list[Block]:
    return [Block(index=i, kind="heading" if i == heading else "paragraph", text=t)
            for i, t in enumerate(texts)]


def test_labelled_lines_give_every_field(blank):
    got = _meeting(blank, _blocks("Board meeting", "Date: Thursday, 12 March 2020",
                                  "Time: 18:00-19:30 CET", "Venue: Town Hall, Room 2"))
    assert got == {"title": "Board meeting", "date": "2020-03-12",
                   "start_time": "18:00", "end_time": "19:30", "timezone": "+01:00",
                   "location": "Town Hall, Room 2"}


def test_the_date_is_dropped_from_the_title(blank):
    got = _meeting(blank, _blocks("Finance Committee - 2021-06-03", "Present:"))
    assert (got["title"], got["date"]) == ("Finance Committee", "2021-06-03")


def test_a_letterhead_in_capitals_is_not_the_title(blank):
    blocks = _blocks("RIVERSIDE TENANTS ASSOCIATION OF EASTWICK",
                     "Spring general meeting", "Date: 4 April 2022", heading=1)
    assert _meeting(blank, blocks)["title"] == "Spring general meeting"


def test_a_generic_minutes_line_gives_way_to_the_next(blank):
    blocks = _blocks("Meeting Minutes – 15/09/2021", "Data Standards Webinar #2",
                     heading=None)
    assert _meeting(blank, blocks)["title"] == "Data Standards Webinar #2"


def test_front_matter_title_when_no_heading_names_the_meeting(blank):
    blocks = _blocks("5 May 2020, Zoom call.", "1. Welcome")
    got = _meeting(blank, blocks, {"title": "Steering group May 2020"})
    assert (got["title"], got["date"], got["location"]) == (
        "Steering group May 2020", "2020-05-05", "Zoom call")


def test_publication_and_other_meetings_dates_are_not_the_date(blank):
    blocks = _blocks("Council minutes", "Published: 2 February 2024",
                     "Previous meeting: 2024-01-10", "Held on 20 January 2024")
    assert _meeting(blank, blocks)["date"] == "2024-01-20"


def test_opened_and_closed_times_win_over_the_scheduled_start(blank):
    blocks = _blocks("Committee Meeting - 2023-05-20",
                     "Scheduled start: 2023-05-20, 13:00", "Opened: 1315hrs",
                     "Closed: 1345hrs")
    got = _meeting(blank, blocks)
    assert (got["start_time"], got["end_time"]) == ("13:15", "13:45")


def test_a_place_named_as_the_zone_gives_no_offset(blank):
    blocks = _blocks("Debrief", "Date: 1 June 2023, 11:00-12:00 (Vienna time)")
    got = _meeting(blank, blocks)
    assert (got["start_time"], got["timezone"]) == ("11:00", None)


def test_a_year_alone_on_its_own_line_dates_an_annual_meeting(blank):
    got = _meeting(blank, _blocks("Annual General Meeting", "— 2004", heading=None))
    assert got["date"] == "2004"


def test_a_one_line_header_gives_title_date_time_and_place(blank):
    got = _meeting(blank, _blocks("Minutes of the meeting held on Tuesday 5th March "
                                  "2024 at 7pm in the Village Hall"))
    assert got == {"title": "Minutes of the meeting", "date": "2024-03-05",
                   "start_time": "19:00", "end_time": None, "timezone": None,
                   "location": "Village Hall"}


def test_a_date_line_with_bars_gives_the_place_last(blank):
    got = _meeting(blank, _blocks("Board of Directors Meeting",
                                  "March 3, 2022 | 6:00 PM EST | Virtual"))
    assert (got["start_time"], got["timezone"], got["location"]) == (
        "18:00", "-05:00", "Virtual")


def test_call_to_order_and_adjournment_times(blank):
    got = _meeting(blank, _blocks("Council Meeting Minutes - January 9, 2024",
                                  "Call to order at 6:03 p.m.",
                                  "Adjourned at 8:15 p.m."))
    assert (got["title"], got["start_time"], got["end_time"]) == (
        "Council Meeting", "18:03", "20:15")


def test_section_headings_are_not_titles_and_front_matter_dates_the_meeting(blank):
    blocks = [Block(index=0, kind="heading", text="Attendees"),
              Block(index=1, kind="list_item", text="Ann Lee")]
    meta = {"title": "Minutes of Steering Committee Meeting No.4",
            "date": "2020-02-25 14:00:00 +1000"}
    got = _meeting(blank, blocks, meta)
    assert (got["title"], got["date"], got["start_time"], got["timezone"]) == (
        "Steering Committee Meeting No.4", "2020-02-25", "14:00", "+10:00")


def test_a_date_told_below_a_long_list(blank):
    names = [f"Member {n}" for n in range(15)]
    got = _meeting(blank, _blocks("Assembly", *names,
                                  "The meeting was held on 3 June 2022 in the hall."))
    assert got["date"] == "2022-06-03"


def test_a_date_first_heading_and_a_us_zone(blank):
    got = _meeting(blank, _blocks("2021-04-14 Co-op Board Meeting - April 14, 2021",
                                  "Time: 5:00-6:00pm ET"))
    assert got["title"] == "Co-op Board Meeting"
    assert (got["start_time"], got["end_time"], got["timezone"]) == (
        "17:00", "18:00", "-04:00")


def test_a_date_then_a_bar_then_the_name(blank):
    got = _meeting(blank, _blocks(
        "22 May 2023 | Format Working Group Call Attendees: A, B", heading=None))
    assert (got["title"], got["date"]) == ("Format Working Group Call", "2023-05-22")


def test_an_agenda_timetable_gives_start_and_close(blank):
    got = _meeting(blank, _blocks("Plenum 2014-06-12 Agenda/Minutes", "20:30 Finances",
                                  "21:30 Close"))
    assert (got["title"], got["start_time"], got["end_time"], got["location"]) == (
        "Plenum", "20:30", "21:30", None)


# The held-out set measures how the rules generalise; it is scored, not asserted.
@pytest.mark.parametrize("case", [c for c in cases() if c.set in ("network", "real")],
                         ids=lambda c: c.id)
def test_corpus_meetings_match_the_gold(case, nlp):
    gold = score_module().load_extraction(case.gold)["meeting"]
    got = extract_file(case.source, nlp=nlp).meeting.as_contract()
    assert {k: got[k] for k in ("title", "date", "start_time", "end_time")} == {
        k: gold[k] for k in ("title", "date", "start_time", "end_time")}
    assert (got["timezone"], got["location"]) == (gold["timezone"], gold["location"])


def test_a_time_given_in_two_zones_is_taken_in_the_header_zone(blank):
    blocks = _blocks("Board call", "Log from 2017-04-26 17:02 UTC",
                     "Called the meeting to order @ 1:02 EST (17:02 UTC).",
                     "Adjourned at 01:54 EST (17:54 UTC).")
    got = _meeting(blank, blocks)
    assert (got["start_time"], got["end_time"], got["timezone"]) == (
        "17:02", "17:54", "+00:00")


@pytest.mark.parametrize(("blocks", "place"), [
    (("MINUTES OF THE PARISH COUNCIL MEETING HELD AT THE VILLAGE HALL ON",
      "TUESDAY MAY 6th 2014"), "THE VILLAGE HALL"),
    (("Minutes of the Annual Meeting - August 14, 2021",
      "Quashnet Valley Country Club 10:00am, Saturday, August 14, 2021"),
     "Quashnet Valley Country Club"),
    (("Annual Meeting - August 14, 2021", "Riverside Community Centre",
      "10:00am, Saturday, August 14, 2021"), "Riverside Community Centre"),
    (("Dear all,", "A reminder of tomorrow's videoconference at 14:00h through Vydeo:"),
     "Vydeo"),
    (("Board call", "Chat transcript from room: csaf From 2017-04-26 17:02 UTC"), None),
    (("Board call", "The minutes of the meeting were circulated via Dropbox."), None),
    (("Minutes of the Annual General Meeting held on Tuesday 5th March 2024 at 7pm "
      "at St Mary's Church Hall", "Present: A, B"), "St Mary's Church Hall"),
    (("Trustees meeting", "Wednesday 6 March 2024, 18:30–20:00, online via Zoom"),
     "online via Zoom"),
    (("Staff Council", "Meeting held virtually on Microsoft Teams, 4 April 2024"),
     "Microsoft Teams"),
    (("Annual General Meeting", "Monday 23 January 2023, 7:30pm",
      "Held at the Library meeting room"), "the Library meeting room"),
])
def test_the_place_of_the_meeting(blank, blocks, place):
    assert _meeting(blank, _blocks(*blocks, heading=None))["location"] == place


def test_a_minutes_line_in_capitals_above_the_headings_is_the_title(blank):
    blocks = _blocks("MINUTES OF NORTHWOLD PARISH COUNCIL AGM MEETING HELD AT THE "
                     "VILLAGE HALL ON", "TUESDAY MAY 6th 2014", "OPEN FORUM", heading=2)
    assert _meeting(blank, blocks)["title"] == "NORTHWOLD PARISH COUNCIL AGM MEETING"


def test_an_email_greeting_or_a_link_line_is_no_title(blank):
    blocks = _blocks("AGENDA:", "Dear all,",
                     "A reminder for the call at 14:00h: https://example.org/join",
                     heading=None)
    assert _meeting(blank, blocks)["title"] is None


def test_the_title_line_beside_the_date_is_no_place(blank):
    blocks = _blocks("Riverside Village Hall Management Committee", "5 May 2023",
                     heading=None)
    assert _meeting(blank, blocks)["location"] is None


def test_the_call_to_order_gives_the_start_and_the_header_the_zone(blank):
    blocks = _blocks("Board Meeting – March 14, 2023", "Time: 6:00 PM – 7:30 PM ET",
                     "Maria called the meeting to order at 6:04 PM.")
    got = _meeting(blank, blocks)
    assert (got["start_time"], got["timezone"]) == ("18:04", "-04:00")


def test_minutes_for_a_date_give_way_to_the_name_below(blank):
    blocks = _blocks("Minutes for March 8, 2021", "Civic Club General Meeting",
                     heading=None)
    got = _meeting(blank, blocks)
    assert (got["title"], got["date"]) == ("Civic Club General Meeting", "2021-03-08")


def test_a_document_writing_dates_month_first_is_read_month_first(blank):
    blocks = _blocks("Board meeting", "Date: 3/8/2021", "Minutes of 2/14/2021 read.")
    assert _meeting(blank, blocks)["date"] == "2021-03-08"


def test_agenda_and_minutes_is_a_document_label(blank):
    blocks = _blocks("Agenda and minutes", "Parks Committee",
                     "Meeting: 2024-04-10 (Wednesday)")
    got = _meeting(blank, blocks)
    assert (got["title"], got["location"]) == ("Parks Committee", None)
