"""Event rules that generalise past the tuning sets: one line each, invented names."""

from __future__ import annotations

import pytest
import spacy

from ingest.blocks import Block, RawDocument
from ingest.extractors.context import ExtractionContext
from ingest.extractors.events import extract_events
from ingest.model import Meeting


@pytest.fixture(scope="module")
def blank():
    """spaCy's blank English with sentences."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _events(blank, *blocks: Block | str, date: str = "2023-03-22") -> list[tuple]:
    made = [b if isinstance(b, Block) else Block(index=i, kind="paragraph", text=b)
            for i, b in enumerate(blocks)]
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=made)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in made)),
                            meeting=Meeting(date=date))
    return [(e.title, e.start) for e in extract_events(ctx)[0]]


def _item(i: int, text: str, level: int) -> Block:
    return Block(index=i, kind="list_item", text=text, level=level)


def test_a_bracket_after_the_time_names_the_date(blank):
    got = _events(blank, "ann: looks like Tuesday April 25 at 19:00 UTC (next meeting)")
    assert got == [("next meeting", "2023-04-25")]


def test_for_the_after_a_bracketed_date_names_it(blank):
    got = _events(blank, "Bo to confirm the date (May 15th) for the Fern Day event.")
    assert got == [("Fern Day event", "2023-05-15")]


def test_a_date_label_under_a_heading_is_what_the_heading_names(blank):
    got = _events(blank, Block(index=0, kind="heading", text="Next meeting"),
                  "Date: 30 June 2023")
    assert got == [("Next meeting", "2023-06-30")]


def test_a_nested_date_line_takes_the_item_it_sits_under(blank):
    got = _events(blank, _item(0, "1. Hackathon", 0), _item(1, "Complete", 1),
                  _item(2, "Ideas are not defined yet", 2),
                  _item(3, "Date is week of June 28, 2023", 2))
    assert got == [("Hackathon", "2023-06-28")]


def test_a_date_names_the_meeting_written_after_it(blank):
    got = _events(blank, "Talks that started at the August 2022 MGM went on.")
    assert got == [("August 2022 MGM", "2022-08")]


def test_the_minutes_of_a_month_are_of_a_past_meeting(blank):
    got = _events(blank, "Approval of March minutes.", date="2023-04-21")
    assert got == [("March minutes", "2023-03")]


def test_the_meeting_month_in_its_title_is_the_meeting(blank):
    heading = Block(index=0, kind="heading", text="March 2023 Loom meeting, 2023-03-24")
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=[heading])
    ctx = ExtractionContext(raw=raw, docs=[blank(heading.text)],
                            meeting=Meeting(date="2023-03-24"))
    ctx.meeting.provenance["date"] = ctx.provenance(0)
    assert extract_events(ctx)[0] == []


def test_a_record_opened_or_closed_stamp_is_no_event(blank):
    assert _events(blank, "topic: Merge the parser fix", "opened: 2023-03-30") == []


def test_list_items_opening_with_short_dates_are_a_schedule(blank):
    got = _events(blank, _item(0, "2/16 Ann . Git basics", 1),
                  _item(1, "3/2 Bo - Shell tricks", 1), date="2023-02-09")
    assert got == [("Ann . Git basics", "2023-02-16"),
                   ("Bo - Shell tricks", "2023-03-02")]


def test_one_item_opening_with_a_short_date_is_no_schedule(blank):
    assert _events(blank, _item(0, "11/12 Mill Street", 0), date="2023-02-09") == []
