"""Action items in minutes of other organisations: note bullets, reported
assignments, offers and plans, and what only looks like work (invented names)."""

from __future__ import annotations

import pytest
import spacy

from ingest.blocks import Block, RawDocument
from ingest.extractors.actions import extract_action_items
from ingest.extractors.actions_sections import section_kinds
from ingest.extractors.context import ExtractionContext
from ingest.model import Meeting


@pytest.fixture(scope="module")
def blank():
    """spaCy's blank English with the sentencizer and the action component only."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("minutegraph_actions")
    return nlp


def _items(blank, blocks: list[Block], date: str | None = "2024-05-06") -> list[tuple]:
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in blocks)),
                            meeting=Meeting(date=date))
    return [(a.text, a.owner) for a in extract_action_items(ctx)]


def _para(blank, text: str) -> list[tuple]:
    return _items(blank, [Block(index=0, kind="paragraph", text=text)])


def _bullet(blank, text: str) -> list[tuple]:
    return _items(blank, [Block(index=0, kind="list_item", text=text)])


@pytest.mark.parametrize(("text", "expected"), [
    # reported assignments
    ("It was agreed that Cllr. Brandt would meet with the contractor.",
     ("Cllr. Brandt would meet with the contractor.", "Cllr. Brandt")),
    ("It was decided that we’d reserve the hall for the fair.",
     ("we’d reserve the hall for the fair.", None)),
    ("It was suggested that the Clerk contact the highways office.",
     ("It was suggested that the Clerk contact the highways office.", "the Clerk")),
    ("It is suggested to get quotes from other insurers.",
     ("It is suggested to get quotes from other insurers.", None)),
    ("It was agreed that a notice will be displayed on the board.",
     ("a notice will be displayed on the board.", None)),
    # verb phrases
    ("Ravi plans to provide an updated draft.",
     ("Ravi plans to provide an updated draft.", "Ravi")),
    ("The deliverable in WP2 that Ilse will be working on.",
     ("The deliverable in WP2 that Ilse will be working on.", "Ilse")),
    ("Ola Berg and Tim Rask to keep the board informed.",
     ("Ola Berg and Tim Rask to keep the board informed.", "Ola Berg and Tim Rask")),
    ("They have still to clear the path.", ("They have still to clear the path.",
                                            "They")),
    ("They have also agreed to spray the weeds.",
     ("They have also agreed to spray the weeds.", "They")),
    ("The Faculty is happy to advertise the event.",
     ("The Faculty is happy to advertise the event.", "The Faculty")),
    ("The Department needs to see how much it can fund.",
     ("The Department needs to see how much it can fund.", "The Department")),
    ("NORD-EAST will start the process to find a supplier and we expect no issue.",
     ("NORD-EAST will start the process to find a supplier", "NORD-EAST")),
    ("The hedges are overgrown - the Chair and Clerk will again inspect.",
     ("the Chair and Clerk will again inspect.", "the Chair and Clerk")),
    ("The Clerk is to write to the council.",
     ("The Clerk is to write to the council.", "The Clerk")),
    ("Jane will be responsible for organising the fair.",
     ("Jane will be responsible for organising the fair.", "Jane")),
    ("Anna kindly agreed to host the next meeting.",
     ("Anna kindly agreed to host the next meeting.", "Anna")),
    ("Omar offers to draft the text.", ("Omar offers to draft the text.", "Omar")),
    ("Ines notifies the secretary that the minutes will need to be added.",
     ("the minutes will need to be added.", None)),
    ("The web page is done and we agreed A new issue will be created for it.",
     ("A new issue will be created for it.", None)),
])
def test_reported_and_note_style_commitments(blank, text, expected):
    assert _para(blank, text) == [expected]


def test_who_would_then_is_a_second_item_owned_by_the_one_before(blank):
    text = ("It was agreed that the residents would forward the letters to the "
            "Clerk, who would then draft a reply.")
    assert _para(blank, text) == [
        ("the residents would forward the letters to the Clerk", "the residents"),
        ("who would then draft a reply.", "the Clerk")]


@pytest.mark.parametrize("text", [
    "Send event details to the newsletter editor",
    "Just put a banner and a link on the page",
    "bl: Brainstorm ideas and get back to the department",
])
def test_imperative_bullets_are_actions(blank, text):
    assert [owner for _, owner in _bullet(blank, text)] == [None]


def test_an_imperative_after_a_dash_starts_the_item(blank):
    assert _bullet(blank, "We were given some paint - paint the back wall white.") == [
        ("paint the back wall white.", None)]


@pytest.mark.parametrize("text", [
    "Contact from the supplier",                 # a noun: "contact from"
    "Update on the kick-off meeting",            # a heading
    "Add initial code of conduct wording #80",   # an issue title
    "Send it if the budget allows",              # a condition
    "Book Club Report",                          # a title
    "Send the letter to the council - done",     # finished
])
def test_bullets_that_only_look_imperative(blank, text):
    assert _bullet(blank, text) == []


@pytest.mark.parametrize("text", [
    "This will be discussed in detail under item 9.",
    "We will merge or reject them in the call.",
    "Sam asked the new members to please stand and introduce themselves.",
    "Attendees (please correct the list):",
    "It was confirmed that this should be carried out twice monthly.",
    "We need to approve the change to the agreement.",
    "We are considering the things which change the bylaws - we will address "
    "these as we go.",
    "It was recommended to reply promptly to emails.",
    "The meeting will occur in the main hall.",
    "Talks have to be interesting, not just about the company.",
    "The Society needs to avoid coursework sessions.",
    "All that they need to do is supply us with the quote.",
    "Want list of topics to be covered",
    "The aim is to create a regional network.",
])
def test_meeting_business_and_descriptions_are_not_actions(blank, text):
    assert _para(blank, text) == []


def test_a_numbered_heading_line_done_in_the_next_paragraph(blank):
    blocks = [Block(index=0, kind="paragraph", text="2. Chairman to sign Declaration"
                    " of Office"),
              Block(index=1, kind="paragraph", text="The Chairman signed the "
                    "declaration of office.")]
    assert _items(blank, blocks) == []


def test_an_action_a_later_line_reports_done(blank):
    blocks = [Block(index=0, kind="paragraph",
                    text="We will amend the minutes of the March meeting."),
              Block(index=1, kind="paragraph", text="Minutes of March amended.")]
    assert _items(blank, blocks) == []


def test_nested_details_and_proposals_are_not_separate_items(blank):
    blocks = [Block(index=0, kind="list_item", text="Buy calculators in bulk"),
              Block(index=1, kind="list_item", level=1, text="Add the logo to them"),
              Block(index=2, kind="list_item", text="Ana proposed to:"),
              Block(index=3, kind="list_item", level=1,
                    text="keep all optional fields for now")]
    assert _items(blank, blocks) == [("Buy calculators in bulk", None)]


@pytest.mark.parametrize(("heading", "kind"), [
    ("AGENDA III: Events", ""), ("Agenda item 4 - Finance", ""), ("Agenda", "skip"),
])
def test_an_agenda_item_heading_is_a_topic_not_the_agenda(heading, kind):
    blocks = [Block(index=0, kind="heading", level=2, text=heading),
              Block(index=1, kind="list_item", text="Some text.")]
    assert section_kinds(blocks)[1] == kind


def test_a_yearless_due_without_a_meeting_date_is_no_date(blank):
    blocks = [Block(index=0, kind="paragraph", text="Ana will send it by 26 June.")]
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in blocks)),
                            meeting=Meeting(date=None))
    assert [a.due for a in extract_action_items(ctx)] == [None]


def test_prose_after_an_agenda_label_is_discussion(blank):
    blocks = [Block(index=0, kind="paragraph", text="Agenda:"),
              Block(index=1, kind="list_item", text="Budget"),
              Block(index=2, kind="paragraph", text=(
                  "The budget was discussed at length and several members raised "
                  "questions about the costs of the hall, the insurance and the "
                  "grant. Ana will ask the council for a quote."))]
    assert section_kinds(blocks)[1:] == ["skip", ""]
