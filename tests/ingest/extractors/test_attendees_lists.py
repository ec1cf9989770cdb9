"""Attendees: list lines whose line breaks were lost, honorifics, group labels."""

from __future__ import annotations

import pytest
import spacy

from ingest.blocks import Block, RawDocument
from ingest.extractors.attendees import extract_attendees
from ingest.extractors.context import ExtractionContext


@pytest.fixture(scope="module")
def blank():
    """spaCy's blank English: the extractor only needs the blocks."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _attendees(blank, blocks: list[Block]) -> list[tuple]:
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in blocks)))
    return [(a.name, a.organisation, a.group) for a in extract_attendees(ctx)]


def _para(i: int, text: str, **kw) -> Block:
    return Block(index=i, kind="paragraph", text=text, **kw)


def _heading(i: int, text: str, level: int = 2) -> Block:
    return Block(index=i, kind="heading", text=text, level=level)


def test_bracketed_lines_run_together_are_one_person_each(blank):
    # an HTML <pre> list read as one paragraph: its line breaks are gone
    text = "Ann Lee (ACME Corp) Bob Stone (Initech, Inc.) Carol Day (NIST)"
    blocks = [_heading(0, "2.1.1 Voting Members Present", 4), _para(1, text)]
    assert _attendees(blank, blocks) == [
        ("Ann Lee", "ACME Corp", "Voting Members Present"),
        ("Bob Stone", "Initech, Inc.", "Voting Members Present"),
        ("Carol Day", "NIST", "Voting Members Present"),
    ]


def test_a_person_then_more_words_is_not_a_run_of_people(blank):
    blocks = [_heading(0, "Present"), _para(1, "Ann Lee (ACME) Board Member")]
    assert _attendees(blank, blocks) == [("Ann Lee", "ACME", "Present")]


def test_a_membership_class_in_brackets_is_no_organisation(blank):
    blocks = [_heading(0, "Present"), _para(1, "Ann Lee (Individual) Bob Stone (NIST)")]
    assert _attendees(blank, blocks) == [("Ann Lee", None, "Present"),
                                         ("Bob Stone", "NIST", "Present")]


def test_words_with_digits_are_no_name(blank):
    blocks = [_heading(0, "Present"), _para(1, "Ann Lee, Bob Stone"),
              _heading(2, "Versions"),
              _para(3, "Ann suggests to amend Ann V2 V3 instead.")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["Ann Lee", "Bob Stone"]


def test_the_line_after_a_present_line_goes_on_with_its_list(blank):
    blocks = [
        _para(0, "Present: Cllr. R. Lee - Chair, Cllr. A. Stone & Cllr. M. Day."),
        _para(1, "Vicky Hart – Clerk and 3 members of the public."),
        _para(2, "Cllr. Lee welcomed all to the meeting."),
    ]
    assert _attendees(blank, blocks) == [
        ("R. Lee", None, "Present"),
        ("A. Stone", None, "Present"),
        ("M. Day", None, "Present"),
        ("Vicky Hart", None, "Present"),
    ]


def test_a_prose_line_after_a_present_line_adds_nobody(blank):
    blocks = [_para(0, "Present: Ann Lee, Bob Stone."),
              _para(1, "The Clerk read the minutes of the last meeting.")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["Ann Lee", "Bob Stone"]


@pytest.mark.parametrize("title", ["County Councillor", "PCSO", "Borough Councillor"])
def test_long_honorifics_are_dropped(blank, title):
    blocks = [_para(0, f"Those Attending: Cllr J Hull (Chairman), {title} M Storey")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["J Hull", "M Storey"]


@pytest.mark.parametrize(("title", "org"), [
    ("Node Foundation TSC Meeting 2015-07-15", None),
    ("Minutes of the Meeting of the TSC", None),
    ("Node.js Technical Steering Committee Meeting", None),
    ("Node Foundation Board Meeting", "TSC"),
])
def test_the_body_holding_the_meeting_is_membership(blank, title, org):
    blocks = [_heading(0, title, 1), _heading(1, "Present", 3),
              Block(index=2, kind="list_item", text="Colin Ihrig (TSC)"),
              Block(index=3, kind="list_item", text="Angela Brown (Linux F)")]
    assert _attendees(blank, blocks) == [("Colin Ihrig", org, "Present"),
                                         ("Angela Brown", "Linux F", "Present")]


def test_a_misspelt_surname_is_the_listed_person(blank):
    blocks = [_heading(0, "Attendance"), Block(index=1, kind="list_item",
                                               text="Karin Lagesen"),
              _heading(2, "Motion"), _para(3, "Presenter: Karin Langesen.")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["Karin Lagesen"]


def test_a_bare_capitalised_line_after_a_present_line_is_no_person(blank):
    blocks = [_para(0, "Present: Ann Lee, Bob Stone."), _para(1, "Village Green")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["Ann Lee", "Bob Stone"]


def test_two_names_one_letter_apart_in_one_list_are_two_people(blank):
    blocks = [_heading(0, "Attendance"), _para(1, "Present: John Smith, John Smyth")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["John Smith", "John Smyth"]


def test_a_dash_after_present_is_a_label(blank):
    blocks = [_para(0, "Minutes"), _para(1, "Present – Ann Lee, Bob Stone"),
              _para(2, "Apologies - Carol King")]
    assert _attendees(blank, blocks) == [("Ann Lee", None, "Present"),
                                         ("Bob Stone", None, "Present")]


def test_first_names_one_a_line_after_a_present_label(blank):
    blocks = [_para(0, "Minutes"), _para(1, "Present:\nAnn\nBob\nNone")]
    assert _attendees(blank, blocks) == [("Ann", None, "Present"),
                                         ("Bob", None, "Present")]


def test_a_note_in_brackets_is_not_part_of_the_group(blank):
    blocks = [_para(0, "Attendees (please correct/complete the list):"),
              _para(1, "Ann Lee (ESS)"), _para(2, "Bob Stone(ILL)")]
    assert _attendees(blank, blocks) == [("Ann Lee", "ESS", "Attendees"),
                                         ("Bob Stone", "ILL", "Attendees")]
