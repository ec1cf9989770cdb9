"""Events and dialogue figures: one-line minutes, then the corpus documents."""

from __future__ import annotations

import re

import pytest
import spacy

from ingest.blocks import Block, RawDocument
from ingest.extractors.context import ExtractionContext
from ingest.extractors.events import extract_events
from ingest.model import Meeting
from ingest.pipeline import extract_file
from tests.corpus import cases, score_module


@pytest.fixture(scope="module")
def blank():
    """spaCy's blank English with sentences."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _run(blank, *lines: str, date: str | None = "2023-03-22", kinds: tuple = ()):
    blocks = [Block(index=i, kind=kinds[i] if i < len(kinds) else "paragraph",
                    text=t) for i, t in enumerate(lines)]
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(lines)),
                            meeting=Meeting(date=date))
    return extract_events(ctx)


def _events(blank, *lines: str, **kw) -> list[tuple]:
    return [(e.title, e.kind, e.start, e.end) for e in _run(blank, *lines, **kw)[0]]


@pytest.mark.parametrize(("line", "expected"), [
    ("The AHC Intersessional took place on 6–7 March.",
     ("AHC Intersessional", "session", "2023-03-06", "2023-03-07")),
    ("Applications will be open from 3 April to 28 April 2023.",
     ("Applications open", "deadline", "2023-04-03", "2023-04-28")),
    ("The annual conference will be held in Lisbon from 12 to 14 June 2023.",
     ("annual conference", "other", "2023-06-12", "2023-06-14")),
    ("Next meeting: Wednesday, 19 April 2023, 15:00–16:30 CEST (remote).",
     ("Next meeting", "meeting", "2023-04-19", None)),
    ("Feb 25: Next bootstrap meeting",
     ("Next bootstrap meeting", "meeting", "2024-02-25", None)),
    ("Registration in the portal closes on April 28, 2023.",
     ("Registration in the portal closes", "deadline", "2023-04-28", None)),
    ('The side event "Voices of victims" took place on 24 May 2023.',
     ("Voices of victims", "side_event", "2023-05-24", None)),
    ("The donor report for Q2 2022 was submitted on 31 July 2022.",
     ("donor report for Q2 2022", "other", "2022-07-31", None)),
    ("The workshop on child protection held in Accra from 22-24 August 2022 went well.",
     ("workshop on child protection", "meeting", "2022-08-22", "2022-08-24")),
    ("World Humanitarian Day was celebrated on 19 August 2022.",
     ("World Humanitarian Day", "other", "2022-08-19", None)),
    ("TPAC 2023 will be in Seville, 11-15 September.",
     ("TPAC 2023", "other", "2023-09-11", "2023-09-15")),
])
def test_one_line_events(blank, line, expected):
    assert _events(blank, line) == [expected]


@pytest.mark.parametrize("line", [
    "Updated figures as of 20 March: 216 organisations have applied.",
    "Maria will circulate the summary to all members by 9 June.",
    "The report was published on 2 March 2023.",
    "Sarah joined the board in March 2022.",
    "Actual Income to 30/09/04: £5579.69",
    "The report came out two weeks ago; we meet again next week.",
    "Budget compared with May 2022 is lower.",
    "The 2021 annual report is online.",
    "We have to answer by next Wednesday (2023-04-26).",
    "The room is in 11/12 Trumpington Street.",
    "The clause retroactively applies to 1st December.",
    "The WP 5 leader is leaving his post at the end of February.",
    "Cllr Green was co-opted on 1 May 2023.",
    "Bob was away from 1 to 10 March.",
])
def test_dates_that_date_no_happening(blank, line):
    assert _events(blank, line) == []


def test_a_due_date_next_to_a_deadline_clause_is_still_a_due_date(blank):
    got = _events(blank, "The grant application (deadline 15 April) was discussed; "
                         "JD will draft it by 1 April.")
    assert [(t, k, s) for t, k, s, _ in got] == [
        ("grant application", "deadline", "2023-04-15")]


def test_a_date_opening_its_sentence_is_named_by_the_rest(blank):
    got = _events(blank, "We thanked Mary for her work.",
                  "From 1 May the office will open on Mondays only.")
    assert [(t, s) for t, _, s, _ in got] == [("office open", "2023-05-01")]


def test_without_a_meeting_date_the_first_full_date_places_the_year(blank):
    got = _events(blank, "The fair took place on 3 May 2022.",
                  "The next fair will be held on 9 May.", date=None)
    assert [s for _, _, s, _ in got] == ["2022-05-03", "2022-05-09"]
    assert _events(blank, "The fair will be held on 9 May.", date=None) == []


def test_a_schedule_table_names_each_date_by_its_row(blank):
    blocks = [Block.row(0, ["Date", "Event"], table=0, header=True),
              Block.row(1, ["12 May 2023", "AGM"], table=0),
              Block.row(2, ["Action", "Owner", "Due"], table=1, header=True),
              Block.row(3, ["Send the invitations", "Ann", "1 May 2023"], table=1)]
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in blocks)),
                            meeting=Meeting(date="2023-04-10"))
    got = [(e.title, e.start) for e in extract_events(ctx)[0]]
    assert got == [("AGM", "2023-05-12")]


def test_dates_in_an_action_list_are_due_dates_unless_they_date_a_happening(blank):
    got = _events(blank, "Action items", "Ann: send the report – 5 May",
                  "Bob to book the room for the members' workshop on 12 June",
                  kinds=("heading", "list_item", "list_item"))
    assert [s for _, _, s, _ in got] == ["2023-06-12"]


def test_a_year_dates_a_happening_named_with_it(blank):
    got = _events(blank, "We reported on the RSE Leaders Workshop 2022.",
                  "Content from the BoF at eResAus 2021 will be posted.",
                  "Planning 2023 was discussed.")
    assert [(t, s) for t, _, s, _ in got] == [
        ("RSE Leaders Workshop 2022", "2022"), ("eResAus 2021", "2021")]


def test_the_meeting_own_date_line_is_not_an_event(blank):
    assert _events(blank, "Board meeting", "Date: 22 March 2023, 15:00") == []


def test_a_moved_dialogue_is_listed_at_its_new_date_only(blank):
    got = _events(blank, "The Constructive Dialogue on Technical Assistance has been "
                         "moved from 31 May to 1 June 2023.",
                  "Constructive Dialogue on Technical Assistance: 31 May")
    assert got == [("Constructive Dialogue on Technical Assistance", "dialogue",
                    "2023-06-01", None)]


def test_a_postponed_happening_is_listed_at_its_new_date(blank):
    got = _events(blank, "The litter pick planned for 18 April is postponed to "
                         "25 April.")
    assert [(t, s) for t, _, s, _ in got] == [("litter pick", "2023-04-25")]


def test_a_window_that_runs_until_a_date(blank):
    got = _events(blank, "The consultation on the plan runs until 15 May 2023.")
    assert [s for _, _, s, _ in got] == ["2023-05-15"]


def test_the_past_tense_places_a_date_before_the_meeting(blank):
    got = _events(blank, "The dialogue on 5 May worked well.", date="2023-06-01")
    assert [start for _, _, start, _ in got] == ["2023-05-05"]
    got = _events(blank, "The workshop will be on 5 May.", date="2023-06-01")
    assert [start for _, _, start, _ in got] == ["2024-05-05"]


def test_a_year_the_document_states_elsewhere_is_kept(blank):
    got = _events(blank, "Adoption of the minutes of the meeting of 15 February 2023",
                  "Follow-up on the points of the meeting of 15 February")
    assert [(t, s) for t, _, s, _ in got] == [
        ("Adoption of the minutes of the meeting", "2023-02-15")]


def test_one_happening_named_twice_is_one_event(blank):
    got = _events(blank, "Myles recommends a town hall on Tuesday, Feb 19th.",
                  "Recap: Feb 19: Town Hall (11a PST)", date="2019-02-11")
    assert [(t, s) for t, _, s, _ in got] == [("town hall", "2019-02-19")]


def test_dialogue_figures_with_their_qualifier_and_reference_date(blank):
    _, figures = _run(blank, "Updated figures as of 20 March: about 216 organisations "
                             "have applied for the CD on Firearms (72 of which wish to "
                             "speak) and 201 for the CD on Technical Assistance (58 of "
                             "which wish to speak).")
    assert [f.as_dict() for f in figures] == [
        {"dialogue": "Constructive Dialogue on Firearms", "applicants": 216,
         "qualifier": "about", "wish_to_speak": 72, "as_of": "2023-03-20"},
        {"dialogue": "Constructive Dialogue on Technical Assistance", "applicants": 201,
         "qualifier": "about", "wish_to_speak": 58, "as_of": "2023-03-20"}]


# The held-out set measures how the rules generalise; it is scored, not asserted.
@pytest.mark.parametrize("case", [c for c in cases() if c.set in ("network", "real")],
                         ids=lambda c: c.id)
def test_corpus_events_reach_the_gold(case, nlp):
    score = score_module()
    gold = score.load_extraction(case.gold)
    pred = score.validate(extract_file(case.source, nlp=nlp).as_contract())
    events = score.score_document(gold, pred).events.as_dict()
    assert events["f1"] >= 0.8, events


_ISO = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.id)
def test_every_event_is_well_formed(case, nlp):
    for event in extract_file(case.source, nlp=nlp).events:
        assert event.title.strip(), event
        assert _ISO.match(event.start), event
        assert event.end is None or (_ISO.match(event.end) and event.end >= event.start)



def test_a_date_alone_under_a_heading_is_what_the_heading_names(blank):
    got = _events(blank, "Mikeal will update the PR.", "Next Meeting", "July 22nd 2015",
                  kinds=("paragraph", "heading"))
    assert got == [("Next Meeting", "meeting", "2015-07-22", None)]


@pytest.mark.parametrize("line", [
    "Income from May", "i) Accounts for Approval May 2014",
])
def test_a_month_after_money_words_is_the_period_of_figures(blank, line):
    assert _events(blank, line, date="2014-05-06") == []


def test_without_a_meeting_date_a_left_out_year_is_the_nearest_one(blank):
    got = _events(blank, "The website will be ready for month 6 (end of May 2019).",
                  "Registrations for the kick-off close on 21st December.",
                  "The kick-off meeting will take place 15th and 16th January.",
                  date=None)
    assert [(s, e) for _, _, s, e in got] == [
        ("2019-05", None), ("2018-12-21", None), ("2019-01-15", "2019-01-16")]


def test_a_dash_inside_brackets_opens_an_aside(blank):
    got = _events(blank, "Another deliverable is the repository (month 3 - end of "
                         "February).")
    assert [(t, s) for t, _, s, _ in got] == [
        ("Another deliverable is the repository", "2024-02")]


def test_a_happening_named_after_its_date_takes_that_name(blank):
    got = _events(blank, "It was decided that we'd reserve Saturday, December 11 for "
                         "the holiday party.", date="2021-08-14")
    assert got == [("holiday party", "other", "2021-12-11", None)]


def test_a_date_opening_a_reported_clause_is_named_by_the_rest(blank):
    got = _events(blank, "Next meeting on Tuesday 3rd June.",
                  "The Chair advised that from 12th May the key to the hall would be "
                  "kept in a key box and a code would be issued on the 12th May.",
                  date="2014-05-06")
    assert [(t, s) for t, _, s, _ in got] == [
        ("Next meeting", "2014-06-03"), ("key to the hall", "2014-05-12")]


def test_the_meeting_date_alone_under_a_heading_is_the_meeting(blank):
    assert _events(blank, "Agenda", "22 March 2023", kinds=("heading",)) == []


def test_a_date_in_a_reported_action_is_no_happening(blank):
    assert _events(blank, "It was agreed that on 5 May the Clerk would write.") == []


def test_a_standing_arrangement_ends_on_its_until_date(blank):
    got = _events(blank, "The Council holds an agreement with the insurer until May "
                         "2015.", date="2014-05-06")
    assert [(s, e) for _, _, s, e in got] == [("2015-05", None)]
    assert _events(blank, "Jane will review the contract until 5 May.") == []


def test_and_with_a_new_subject_opens_the_dated_clause(blank):
    got = _events(blank, "ACME will start the search soon and we expect the website "
                         "ready for month 6 (end of May 2019).", date="2018-12-05")
    assert [(t, s) for t, _, s, _ in got] == [("website ready for month 6", "2019-05")]


def test_a_name_with_a_short_year_is_a_happening_of_that_year(blank):
    got = _events(blank, "Members will be in Melbourne for the C3DIS'20, so we meet "
                         "there.", date="2020-02-25")
    assert [(t, s) for t, _, s, _ in got] == [("C3DIS'20", "2020")]


def test_days_after_a_named_year_refine_it(blank):
    assert _events(blank, "XYZ Summit 2024 is on April 10-12 in Berlin.") == [
        ("XYZ Summit 2024", "other", "2024-04-10", "2024-04-12")]


def test_a_label_before_a_dash_names_the_date(blank):
    assert _events(blank, "Next meeting – 12th April 2023 at 7pm") == [
        ("Next meeting", "meeting", "2023-04-12", None)]


def test_a_list_of_dates_names_each_by_its_own_line(blank):
    got = _events(blank, "Upcoming events:", "- 5 May: Board meeting",
                  "- 12 May – Open day", "- 20 May 2023")
    assert [(t, s) for t, _, s, _ in got] == [
        ("Board meeting", "2023-05-05"), ("Open day", "2023-05-12")]


def test_a_year_in_a_label_gives_its_year_to_the_dates_listed(blank):
    got = _events(blank, "Meeting dates for 2023: 12 Jan, 9 Feb, 9 Mar.")
    assert [s for _, _, s, _ in got] == ["2023-01-12", "2023-02-09", "2023-03-09"]


def test_a_short_line_above_a_date_alone_names_it(blank):
    got = _events(blank, "Date of next meeting", "Tuesday 3rd June 2014 at 7.30pm")
    assert [(t, s) for t, _, s, _ in got] == [("Date of next meeting", "2014-06-03")]


def test_a_place_is_not_what_someone_attended(blank):
    (got,) = _events(blank, "Ann reported on the conference she attended in Brussels "
                            "on 15 March.")
    assert "conference" in got[0]
