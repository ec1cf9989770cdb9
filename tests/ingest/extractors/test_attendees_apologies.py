"""Apologies: the people filed as absent, kept beside the attendees, never in them."""

from __future__ import annotations

import pytest
import spacy

from ingest.blocks import Block, RawDocument
from ingest.extractors.attendees import extract_attendance
from ingest.extractors.context import ExtractionContext
from ingest.model import Extraction, Meeting
from ingest.pipeline import extract_raw


@pytest.fixture(scope="module")
def blank():
    """spaCy's blank English: the extractor only needs the blocks."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _ctx(blank, blocks: list[Block]) -> ExtractionContext:
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    return ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in blocks)))


def _both(blank, blocks: list[Block]) -> tuple[list[str], list[tuple]]:
    """(attendee names, apologies as (name, organisation, group))."""
    present, absent = extract_attendance(_ctx(blank, blocks))
    return (
        [a.name for a in present],
        [(a.name, a.organisation, a.group) for a in absent],
    )


def _para(i: int, text: str) -> Block:
    return Block(index=i, kind="paragraph", text=text)


def _item(i: int, text: str) -> Block:
    return Block(index=i, kind="list_item", text=text)


def _heading(i: int, text: str) -> Block:
    return Block(index=i, kind="heading", text=text, level=2)


@pytest.mark.parametrize("label", ["Apologies", "Regrets", "Absent"])
def test_label_line_files_people_as_apologies(blank, label):
    blocks = [
        _para(0, "Present: Ann Lee, Bob Stone"),
        _para(1, f"{label}: Carl Marx (IAJ); Dora Maar"),
    ]
    assert _both(blank, blocks) == (
        ["Ann Lee", "Bob Stone"],
        [("Carl Marx", "IAJ", label), ("Dora Maar", None, label)],
    )


def test_apologies_heading_with_bullets(blank):
    blocks = [
        _heading(0, "Attendees"),
        _item(1, "Ann Lee - ACME"),
        _heading(2, "Apologies"),
        _item(3, "Carl Marx - UNODC"),
        _item(4, "Dora Maar"),
        _heading(5, "Minutes"),
        _para(6, "Carl Marx was thanked for the report."),
    ]
    assert _both(blank, blocks) == (
        ["Ann Lee"],
        [("Carl Marx", "UNODC", "Apologies"), ("Dora Maar", None, "Apologies")],
    )


def test_apologies_marked_inside_a_present_list(blank):
    blocks = [
        _para(
            0,
            "Present: Ann Lee (ACME); Bob Stone (Initech) (apologies);"
            " Carl Marx - absent",
        )
    ]
    assert _both(blank, blocks) == (
        ["Ann Lee"],
        [("Bob Stone", "Initech", "Present"), ("Carl Marx", None, "Present")],
    )


def test_present_yes_no_table(blank):
    header = ["Name", "Organisation", "Present (Y/N)"]
    blocks = [
        Block.row(0, header, header=True, table=0),
        Block.row(1, ["Ann Lee", "ACME", "Y"], table=0),
        Block.row(2, ["Bob Stone", "Initech", "N"], table=0),
        Block.row(3, ["Carol King", "", "Apologies"], table=0),
    ]
    assert _both(blank, blocks) == (
        ["Ann Lee"],
        [("Bob Stone", "Initech", None), ("Carol King", None, None)],
    )


def test_present_and_apologies_columns(blank):
    blocks = [
        _heading(0, "Attendance"),
        Block.row(1, ["Present", "Apologies"], header=True, table=0),
        Block.row(2, ["Ann Lee", "Carl Marx"], table=0),
        Block.row(3, ["Bob Stone", ""], table=0),
    ]
    assert _both(blank, blocks) == (
        ["Ann Lee", "Bob Stone"],
        [("Carl Marx", None, "Apologies")],
    )


def test_name_table_under_an_apologies_heading(blank):
    blocks = [
        _heading(0, "Present"),
        _item(1, "Ann Lee"),
        _heading(2, "Apologies"),
        Block.row(3, ["Name", "Organisation"], header=True, table=0),
        Block.row(4, ["Carl Marx", "IAJ"], table=0),
        Block.row(5, ["Dora Maar", ""], table=0),
        _heading(6, "Minutes"),
        _para(7, "Carl Marx sent the report in advance."),
    ]
    assert _both(blank, blocks) == (
        ["Ann Lee"],
        [("Carl Marx", "IAJ", "Apologies"), ("Dora Maar", None, "Apologies")],
    )


def test_headerless_table_under_apologies_label(blank):
    blocks = [
        _para(0, "Present: Ann Lee"),
        _para(1, "Apologies:"),
        Block.row(2, ["Carl Marx", "IAJ"], table=0),
        Block.row(3, ["Dora Maar", "UNODC"], table=0),
    ]
    assert _both(blank, blocks)[1] == [
        ("Carl Marx", "IAJ", "Apologies"),
        ("Dora Maar", "UNODC", "Apologies"),
    ]


def test_group_columns_under_apologies_name_nobody(blank):
    blocks = [
        _heading(0, "Present"),
        _item(1, "Ann Lee"),
        _heading(2, "Apologies"),
        Block.row(3, ["UNODC MEMBERS", "ALLIANCE MEMBERS"], header=True, table=0),
        Block.row(4, ["Carl Marx", "Dora Maar"], table=0),
    ]
    assert _both(blank, blocks) == (["Ann Lee"], [])


def test_apology_is_kept_once_and_in_reading_order(blank):
    blocks = [
        _para(0, "Regrets: Dora Maar"),
        _para(1, "Apologies: Carl Marx, Dora Maar"),
    ]
    assert _both(blank, blocks)[1] == [
        ("Dora Maar", None, "Regrets"),
        ("Carl Marx", None, "Apologies"),
    ]


def test_someone_listed_present_after_all_is_no_apology(blank):
    blocks = [
        _para(0, "Apologies: Carl Marx, Dora Maar"),
        _para(1, "Present: Ann Lee, Carl Marx"),
    ]
    assert _both(blank, blocks) == (
        ["Ann Lee", "Carl Marx"],
        [("Dora Maar", None, "Apologies")],
    )


def test_no_apologies_label_gives_none(blank):
    blocks = [
        _para(0, "Present: Ann Lee, Bob Stone"),
        _para(1, "Bob Stone apologised for the late agenda."),
    ]
    assert _both(blank, blocks) == (["Ann Lee", "Bob Stone"], [])


def test_provenance_points_at_the_name(blank):
    line = "Apologies: Carl Marx (IAJ); Dora Maar"
    _, absent = extract_attendance(_ctx(blank, [_para(0, line)]))
    spans = [(a.provenance.block, a.provenance.snippet) for a in absent]
    assert spans == [(0, "Carl Marx (IAJ"), (0, "Dora Maar")]


def test_apologies_only_in_the_explained_extraction(blank):
    blocks = [_para(0, "Present: Ann Lee"), _para(1, "Apologies: Carl Marx (IAJ)")]
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    extraction = extract_raw(raw, nlp=blank)
    assert "apologies" not in extraction.as_contract()
    explained = extraction.as_contract(explain=True)
    assert [a["name"] for a in explained["attendees"]] == ["Ann Lee"]
    assert explained["apologies"] == [
        {
            "name": "Carl Marx",
            "organisation": "IAJ",
            "group": "Apologies",
            "provenance": {
                "block": 1,
                "start": 11,
                "end": 25,
                "snippet": "Carl Marx (IAJ",
            },
        },
    ]


def test_extraction_defaults_to_no_apologies():
    extraction = Extraction(
        filename="t.md", media_type="text/markdown", meeting=Meeting()
    )
    assert extraction.as_contract(explain=True)["apologies"] == []
