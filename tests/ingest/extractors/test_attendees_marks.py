"""Attendees: what exports and readers leave around names and tables."""

from __future__ import annotations

import pytest
import spacy

from ingest.blocks import Block, RawDocument
from ingest.extractors.attendees import extract_attendees
from ingest.extractors.attendees_entries import parse_entry
from ingest.extractors.attendees_entry_text import acronym_after_name, mask_entities
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


def _item(i: int, text: str) -> Block:
    return Block(index=i, kind="list_item", text=text)


def _para(i: int, text: str) -> Block:
    return Block(index=i, kind="paragraph", text=text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Ann Lee - Acme Corp”", ("Ann Lee", "Acme Corp")),
        ('"Ann Lee (Acme)",', ("Ann Lee", "Acme")),
        ("«Ann Lee»", ("Ann Lee", None)),
        ("‘Bob O’Neill – Foo’", ("Bob O’Neill", "Foo")),
        ("„Ann Lee“", ("Ann Lee", None)),
        ("Douglas&#x20;", ("Douglas", None)),
        ("Zo&#235; Lee &amp; Co", None),  # a name and a body, no dash: nobody sure
        ("Steven Hasendinckx J&J", ("Steven Hasendinckx", "J&J")),
        ("Ann Lee AT&T (chair)", ("Ann Lee", "AT&T")),
        ("Ann Lee ABC2", ("Ann Lee", "ABC2")),
    ],
)
def test_marks_around_an_entry(text, expected):
    entry = parse_entry(text, single=True)
    assert (entry and (entry.name, entry.organisation)) == expected


@pytest.mark.parametrize(
    "head", ["Ann SMITH", "Ann Lee UNODC", "Ann J&J", "Ann Lee 2", "Sales Forecast Q3"]
)
def test_only_a_non_letter_acronym_after_a_full_name_is_split_off(head):
    assert acronym_after_name(head) is None


def test_a_character_reference_does_not_split_a_list_but_a_semicolon_does():
    assert mask_entities("Ann&#x20;; M&Ms; Bob&nbsp;") == "Ann&_____; M&Ms; Bob&_____"


def test_a_bare_label_paragraph_is_an_attendance_label(blank):
    # "View Attendee List" then quoted bullets: the label is nobody's name
    blocks = [
        _para(0, "View Attendee List"),
        _item(1, "“Ann Lee - Acme”"),
        _item(2, "“Bob Stone - Initech”"),
        _item(3, "“Cy Doe J&J”"),
    ]
    assert _attendees(blank, blocks) == [
        ("Ann Lee", "Acme", "View Attendee List"),
        ("Bob Stone", "Initech", "View Attendee List"),
        ("Cy Doe", "J&J", "View Attendee List"),
    ]


def test_a_literal_entity_after_a_bullet_name(blank):
    blocks = [_para(0, "Attendees:"), _item(1, "Ann Lee"), _item(2, "Douglas&#x20;")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["Ann Lee", "Douglas"]


def test_a_first_row_flagged_header_that_is_a_person_is_read(blank):
    # plain text "Ann Lee      Acme Corp": the text reader flags the first row header
    blocks = [_para(0, "Present:"),
              Block.row(1, ["Ann Lee", "Acme Corp"], header=True, table=0),
              Block.row(2, ["Bob Stone", "Initech"], table=0)]
    assert _attendees(blank, blocks) == [("Ann Lee", "Acme Corp", "Present"),
                                         ("Bob Stone", "Initech", "Present")]


def test_a_group_header_row_stays_a_header(blank):
    blocks = [_para(0, "Present:"),
              Block.row(1, ["UNODC MEMBERS", "ALLIANCE MEMBERS"], header=True, table=0),
              Block.row(2, ["Ann Lee", "Bob Stone"], table=0),
              Block.row(3, ["Cy Doe", "Dee Fay"], table=0)]
    assert [a[2] for a in _attendees(blank, blocks)] == [
        "UNODC MEMBERS", "ALLIANCE MEMBERS", "UNODC MEMBERS", "ALLIANCE MEMBERS"]
