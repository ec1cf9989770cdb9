"""Meeting rules that generalise past the tuning sets: one line each, invented names."""

from __future__ import annotations

import pytest
import spacy

from ingest.blocks import Block, RawDocument
from ingest.extractors.context import ExtractionContext
from ingest.extractors.meeting import extract_meeting


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


def test_a_dashed_day_month_year_dates_the_meeting(blank):
    got = _meeting(blank, _blocks("General Meeting 17:00 14-Sep-2019", "Present:"))
    assert (got["date"], got["start_time"]) == ("2019-09-14", "17:00")


def test_a_year_first_date_dates_the_meeting(blank):
    got = _meeting(blank, _blocks("Rowan Club Meeting | Wednesday 2021 March 10"))
    assert got["date"] == "2021-03-10"


def test_a_timestamp_with_seconds_is_not_the_meeting_date(blank):
    got = _meeting(blank, _blocks("date: 2022-01-23 12:03:03", "Minutes - 2 May 2023",
                                  heading=1))
    assert (got["date"], got["start_time"]) == ("2023-05-02", None)


def test_the_day_in_a_heading_beats_its_month(blank):
    got = _meeting(blank, _blocks("April 2022 Loom Group meeting, 2022-04-08"))
    assert got["date"] == "2022-04-08"


def test_a_month_in_prose_is_not_the_meeting_date(blank):
    prose = ("Discussions that were started at the August 2021 meeting continued, "
             "and a working group was formed to summarise them.")
    got = _meeting(blank, _blocks("Budget", prose),
                   metadata={"title": "Monthly Meeting, October 2021"})
    assert got["date"] == "2021-10"


def test_a_nested_agenda_item_does_not_date_the_meeting(blank):
    blocks = [Block(index=0, kind="list_item", text="News"),
              Block(index=1, kind="list_item", text="Picnic, Friday 2/25/11", level=1)]
    assert _meeting(blank, blocks)["date"] is None


def test_commence_and_concluded_give_the_times(blank):
    got = _meeting(blank, _blocks("Kea Club AGM", "The AGM commenced at 7:52 pm.",
                                  "Concluded:", "8:49pm"))
    assert (got["start_time"], got["end_time"]) == ("19:52", "20:49")


def test_a_range_with_the_same_start_gives_the_end(blank):
    got = _meeting(blank, _blocks("Fern WG Meeting 16 June 2025 17:00",
                                  "When: from 17:00 to 18:00"))
    assert (got["start_time"], got["end_time"]) == ("17:00", "18:00")


def test_label_lines_are_no_title(blank):
    got = _meeting(blank, _blocks("Monday, March 8, 2021", "Number of Attendees: 7"))
    assert got["title"] is None


def test_a_meeting_date_label_is_no_title(blank):
    got = _meeting(blank, _blocks("Meeting Date: 2023-03-14", "Minutes taken by: Ann",
                                  heading=None))
    assert got["title"] is None


def test_the_line_above_the_details_is_the_title(blank):
    blocks = [Block(index=0, kind="paragraph", text="QUILTAPI WG99\nDate: 2024-03-21"),
              Block(index=1, kind="heading", text="Status", level=2)]
    assert _meeting(blank, blocks)["title"] == "QUILTAPI WG99"


def test_minutes_after_the_date_are_no_place(blank):
    got = _meeting(blank, _blocks("(29/4/24) Meeting Minutes", "Attendees:"))
    assert got["location"] is None


def test_a_timestamp_dates_the_meeting_when_nothing_else_does(blank):
    got = _meeting(blank, _blocks("Title: Loom Circle\nDate: 2013-04-21T11:26:00",
                                  "Loom Circle", heading=1))
    assert got["date"] == "2013-04-21"


def test_a_clock_led_line_is_no_title(blank):
    got = _meeting(blank, _blocks("Monday, March 8, 2021", "7:08 - Start"))
    assert got["title"] is None


def test_the_name_after_the_date_when_before_it_is_only_agenda(blank):
    got = _meeting(blank, _blocks("Agenda for the 16 June 2025 17:00 Fern WG Meeting"))
    assert got["title"] == "Fern WG Meeting"


def test_front_matter_title_over_a_section_heading(blank):
    blocks = [Block(index=0, kind="heading", text="Propositions", level=2)]
    got = _meeting(blank, blocks, metadata={"title": "Monthly Meeting, October 2021"})
    assert got["title"] == "Monthly Meeting"


def test_a_web_page_title_names_a_generic_heading(blank):
    blocks = [Block(index=0, kind="heading", text="Minutes 2021-02-05", level=1),
              Block(index=1, kind="paragraph", text="Author")]
    raw = RawDocument(source="t.html", media_type="text/html", blocks=blocks,
                      title="Minutes 2021-02-05 – Loom Working Group")
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in blocks)))
    assert extract_meeting(ctx).title == "Loom Working Group"


def test_a_title_with_a_labelled_date_keeps_its_name(blank):
    got = _meeting(blank, _blocks("Finance Committee: 12 May 2023", "Present:"))
    assert (got["title"], got["date"]) == ("Finance Committee", "2023-05-12")


def test_a_first_line_above_details_yields_to_a_top_heading(blank):
    blocks = [Block(index=0, kind="paragraph", text="ACME LOOMS\nDate: 4 May 2023"),
              Block(index=1, kind="heading", text="Spring meeting", level=1)]
    assert _meeting(blank, blocks)["title"] == "Spring meeting"


def test_a_front_matter_stamp_inside_the_title_month_gives_the_day(blank):
    got = _meeting(blank, _blocks("Budget", heading=None),
                   metadata={"title": "Loom Meeting, May 2020", "date": "2020-05-05"})
    assert got["date"] == "2020-05-05"
