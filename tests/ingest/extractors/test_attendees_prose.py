"""Attendees recorded in sentences: "X was present", "X led", not heading words."""

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


def _names(blank, texts: list[str]) -> list[str]:
    blocks = [Block(index=i, kind="paragraph", text=t) for i, t in enumerate(texts)]
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(texts)))
    return [a.name for a in extract_attendees(ctx)]


def test_officers_also_in_attendance(blank):
    text = (
        "The meeting was called to order at 10am by Board President Tony Vane. "
        "Board Secretary Dave Frost and Board Treasurer Gary Jones were also in "
        "attendance."
    )
    assert _names(blank, [text]) == ["Tony Vane", "Dave Frost", "Gary Jones"]


def test_present_for_part_of_the_meeting_after_a_list(blank):
    text = (
        "Those Attending: Cllr J Hull (Chairman), Mrs C Hardy (Clerk), "
        "6 Members of the Public.   PCSO Sara Clip was present for part of the meeting."
    )
    assert _names(blank, [text]) == ["J Hull", "C Hardy", "Sara Clip"]


@pytest.mark.parametrize("text", [
    "3 members of the public were present.",
    "Ann Lee was not present.",
    "The Chair and the Clerk were present.",
    "Ann Lee and her guests were present.",
])
def test_subjects_that_name_nobody_for_sure(blank, text):
    assert _names(blank, [text]) == []


def test_leading_the_pledge_is_taking_part(blank):
    text = "Jay Hall led us in the Pledge of Allegiance."
    assert _names(blank, [text]) == ["Jay Hall"]


@pytest.mark.parametrize("text", [
    "Declarations of Interest made", "Any Further reports for the next agenda"])
def test_heading_words_before_a_verb_are_nobody(blank, text):
    assert _names(blank, ["Present: Ann Lee, Bob Stone", text]) == [
        "Ann Lee", "Bob Stone"]


@pytest.mark.parametrize(("text", "names"), [
    ("Ann Lee (Chair), Bob Stone and Carol King were present.",
     ["Ann Lee", "Bob Stone", "Carol King"]),
    ("Ann Lee (Chair, ACME), Bob Stone and Carol King were present.",
     ["Ann Lee", "Bob Stone", "Carol King"]),
    ("Ann Lee, Bob Stone, and Carol King attended.",
     ["Ann Lee", "Bob Stone", "Carol King"]),
    ("Lord Mayor Ann Lee attended the meeting.", ["Ann Lee"]),
])
def test_presence_sentences_with_roles_and_titles(blank, text, names):
    assert _names(blank, ["Minutes", text]) == names


@pytest.mark.parametrize("text", [
    "Anglian Water confirmed that the leak was fixed.",
    "Highways England reported delays on the bypass.",
    "Parish Paths Partnership reported on the footpaths.",
    "Lynn News asked for the minutes.",
])
def test_bodies_acting_are_nobody(blank, text):
    assert _names(blank, ["Present: Ann Lee, Bob Stone", text]) == [
        "Ann Lee", "Bob Stone"]


def test_a_listed_person_named_without_a_middle_initial_is_no_one_new(blank):
    texts = ["Present: Steven R Loomis, Ann Lee", "Steven Loomis explained the plan."]
    assert _names(blank, texts) == ["Steven R Loomis", "Ann Lee"]
