"""Attendees: layouts of other organisations' minutes (councils, NGOs, groups)."""

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


def _names(blank, blocks: list[Block]) -> list[str]:
    return [a[0] for a in _attendees(blank, blocks)]


def _para(i: int, text: str, **kw) -> Block:
    return Block(index=i, kind="paragraph", text=text, **kw)


def _item(i: int, text: str, level: int = 0, **kw) -> Block:
    return Block(index=i, kind="list_item", text=text, level=level, **kw)


def _heading(i: int, text: str, level: int = 2) -> Block:
    return Block(index=i, kind="heading", text=text, level=level)


def test_bracketed_initials_before_names(blank):
    blocks = [_heading(0, "Attendees"), _item(1, "[DC] Daniel Collins"),
              _item(2, "(NL) Nora Lane (Chair)"), _item(3, "JB - Justin Baker"),
              _heading(4, "Apologies"), _item(5, "[MS] Mark Sims")]
    assert _attendees(blank, blocks) == [("Daniel Collins", None, "Attendees"),
                                         ("Nora Lane", None, "Attendees"),
                                         ("Justin Baker", None, "Attendees")]


def test_unbulleted_name_org_acronym_lines(blank):
    lines = ["Ann Lee - Unicode (ALE) - chair", "Bob Stone - Google (BST)",
             "Eve Park (EPA)"]
    paras = [_para(i + 1, t) for i, t in enumerate(lines)]
    blocks = [_heading(0, "Attendees", 3), *paras, _heading(4, "Previous Attendees", 3),
              _para(5, "Zed Brown - Amazon (ZBR)")]
    assert _attendees(blank, blocks) == [("Ann Lee", "Unicode", "Attendees"),
                                         ("Bob Stone", "Google", "Attendees"),
                                         ("Eve Park", None, "Attendees")]


def test_lines_that_markdown_joined_into_one_paragraph(blank):
    text = ("Ann Lee - Unicode (ALE) - chair Bob Stone - Google (BST) "
            "Eve Park (EPA) Dan Ruiz - Igalia (DRU)")
    blocks = [_heading(0, "Attendees", 3), _para(1, text)]
    assert _attendees(blank, blocks) == [("Ann Lee", "Unicode", "Attendees"),
                                         ("Bob Stone", "Google", "Attendees"),
                                         ("Eve Park", None, "Attendees"),
                                         ("Dan Ruiz", "Igalia", "Attendees")]


def test_initials_kept_when_they_are_the_only_name(blank):
    line = "Present: Gibson, Will Myers, LJ, Valentine, CJ"
    assert _names(blank, [_para(0, line)]) == [
        "Gibson", "Will Myers", "LJ", "Valentine", "CJ"]
    assert _names(blank, [_para(0, "Present: AB, CD, EF (minutes)")]) == [
        "AB", "CD", "EF"]


def test_acronyms_beside_full_names_are_not_people(blank):
    line = "Present: Ann Lee (ACME), Bob Stone, UNODC"
    assert _names(blank, [_para(0, line)]) == ["Ann Lee", "Bob Stone"]


@pytest.mark.parametrize(("present", "absent"), [("☒", "☐"), ("☑", "☐"), ("[x]", "[ ]"),
                                                 ("✔", "✘")])
def test_tick_boxes_written_as_characters(blank, present, absent):
    blocks = [_heading(0, "Attendance"), _item(1, "Members:"),
              _item(2, f"{absent} Allan Jones - NVIDIA", 1),
              _item(3, f"{present} Jean Morin - Freelance", 1),
              _item(4, f"{present} Stephen Mack - NVIDIA", 1),
              _item(5, "Guests:"), _item(6, "Sergio Ruiz", 1)]
    assert _attendees(blank, blocks) == [("Jean Morin", "Freelance", "Members"),
                                         ("Stephen Mack", "NVIDIA", "Members"),
                                         ("Sergio Ruiz", None, "Guests")]


def test_surname_first_lists(blank):
    blocks = [_para(0, "Present: Smith, John; DOE, Jane (ACME); Brown, A."),
              _heading(1, "Attendees"), _item(2, "Lee, Ann"),
              _item(3, "Stone, Bob (Oxfam)")]
    assert _attendees(blank, blocks) == [("John Smith", None, "Present"),
                                         ("Jane DOE", "ACME", "Present"),
                                         ("A. Brown", None, "Present"),
                                         ("Ann Lee", None, "Attendees"),
                                         ("Bob Stone", "Oxfam", "Attendees")]


def test_one_line_list_with_organisations(blank):
    line = "Attendees: Ann Lee (ACME), Bob Stone (Oxfam), Carol King (City Council)"
    assert _attendees(blank, [_para(0, line)]) == [
        ("Ann Lee", "ACME", "Attendees"), ("Bob Stone", "Oxfam", "Attendees"),
        ("Carol King", "City Council", "Attendees")]


@pytest.mark.parametrize(("yes", "no"), [("Y", "N"), ("Yes", "No"), ("✓", "✗"),
                                         ("x", ""), ("Present", "Apologies")])
def test_attendee_affiliation_present_table(blank, yes, no):
    header = ["Attendee", "Affiliation", "Present (Y/N)"]
    blocks = [Block.row(0, header, header=True, table=0),
              Block.row(1, ["Ann Lee", "ACME", yes], table=0),
              Block.row(2, ["Bob Stone", "Oxfam", no], table=0),
              Block.row(3, ["Carol King", "City Council", yes], table=0)]
    assert _attendees(blank, blocks) == [("Ann Lee", "ACME", None),
                                         ("Carol King", "City Council", None)]


def test_absence_column_marks_the_absent(blank):
    header = ["Name", "Organisation", "Apologies"]
    blocks = [Block.row(0, header, header=True, table=0),
              Block.row(1, ["Ann Lee", "ACME", ""], table=0),
              Block.row(2, ["Bob Stone", "Oxfam", "x"], table=0)]
    assert _names(blank, blocks) == ["Ann Lee"]


@pytest.mark.parametrize("label", ["Members present", "Also present",
                                   "Officers present", "Staff", "Guests", "Via Zoom",
                                   "In attendance", "Councillors present",
                                   "Also in attendance"])
def test_attendance_labels(blank, label):
    blocks = [_para(0, "Parish Council meeting"),
              _para(1, f"{label}: Ann Lee, Bob Stone")]
    assert _attendees(blank, blocks) == [("Ann Lee", None, label),
                                         ("Bob Stone", None, label)]


def test_labels_in_sequence_with_regrets_inline(blank):
    blocks = [_para(0, "Members present: Ann Lee (Chair), Bob Stone. "
                       "Regrets: Carol King, Dan Brown"),
              _para(1, "Officers present: Eve Park (Clerk)"),
              _para(2, "Also present: Fay Wray (County Council)")]
    assert _attendees(blank, blocks) == [("Ann Lee", None, "Members present"),
                                         ("Bob Stone", None, "Members present"),
                                         ("Eve Park", None, "Officers present"),
                                         ("Fay Wray", "County Council", "Also present")]


def test_in_attendance_paragraph(blank):
    blocks = [_para(0, "In attendance:", style="strong"),
              _para(1, "Ann Lee (Oxfam), Bob Stone (ACME) and Carol King"),
              _para(2, "The chair opened the meeting at 7pm and welcomed everyone.")]
    assert _attendees(blank, blocks) == [("Ann Lee", "Oxfam", "In attendance"),
                                         ("Bob Stone", "ACME", "In attendance"),
                                         ("Carol King", None, "In attendance")]


def test_people_under_a_bold_attendance_paragraph(blank):
    blocks = [_para(0, "Board meeting, 3 May"), _para(1, "Attendance", style="Normal"),
              _para(2, "Ann Lee – ACME"), _para(3, "Bob Stone – Oxfam"),
              _para(4, "Apologies", style="Normal"), _para(5, "Carol King"),
              _para(6, "Welcome", style="Normal"),
              _para(7, "The chair welcomed everyone to the meeting and thanked them.")]
    assert _attendees(blank, blocks) == [("Ann Lee", "ACME", "Attendance"),
                                         ("Bob Stone", "Oxfam", "Attendance")]


def test_role_before_name_with_organisation(blank):
    blocks = [_para(0, "Chair: Jane Doe (ACME)"), _para(1, "Minute taker: Tom Roe"),
              _para(2, "Present: Ann Lee, Jane Doe")]
    # Jane Doe once, where the list has her, with the organisation the role line gives
    assert _attendees(blank, blocks) == [("Tom Roe", None, None),
                                         ("Ann Lee", None, "Present"),
                                         ("Jane Doe", "ACME", "Present")]


@pytest.mark.parametrize("marker", ["(absent)", "- apologies", "– apologies sent",
                                    "(sent apologies)", "[excused]"])
def test_absent_markers_inside_a_present_list(blank, marker):
    blocks = [_heading(0, "Attendees"), _item(1, "Ann Lee"),
              _item(2, f"Bob Stone {marker}"), _item(3, "Carol King (ACME)")]
    assert _names(blank, blocks) == ["Ann Lee", "Carol King"]


def test_previous_and_next_labels_name_nobody(blank):
    blocks = [_heading(0, "Attendees"), _item(1, "Ann Lee"),
              _para(2, "Scribe: Previous Scribe: Zed Brown"),
              _para(3, "Next chair: Yan Bo")]
    assert _names(blank, blocks) == ["Ann Lee"]


def test_labels_in_words(blank):
    blocks = [_para(0, "Present were Ann Lee, Bob Stone and Carol King."),
              _para(1, "Apologies were received from Dan Brown and Eve Park."),
              _para(2, "Chair: Dan Brown")]
    assert _names(blank, blocks) == ["Ann Lee", "Bob Stone", "Carol King"]


def test_surnames_of_councillors(blank):
    line = "Present: Councillors Brown, Green and White"
    assert _names(blank, [_para(0, line)]) == ["Brown", "Green", "White"]


def test_multiword_labels_present_and_absent_on_one_line(blank):
    blocks = [_para(0, "Board Members Present: Ann Lee, Bob Stone. "
                       "Board Members Absent: Carol King."),
              _para(1, "Officers Present: Dan Brown (Town Clerk), Eve Park (CEO)")]
    assert _attendees(blank, blocks) == [("Ann Lee", None, "Board Members Present"),
                                         ("Bob Stone", None, "Board Members Present"),
                                         ("Dan Brown", None, "Officers Present"),
                                         ("Eve Park", None, "Officers Present")]


def test_table_with_present_column_after_apologies_and_no_header_flag(blank):
    blocks = [_para(0, "Attendance"), _para(1, "Ann Lee (Chair)"),
              _para(2, "Apologies"), _para(3, "Dan Brown"),
              Block.row(4, ["Attendee", "Affiliation", "Present (Y/N)"], table=0),
              Block.row(5, ["Eve Park", "ACME", "Y"], table=0),
              Block.row(6, ["Fay Wray", "Oxfam", "N"], table=0)]
    assert _attendees(blank, blocks) == [("Ann Lee", None, "Attendance"),
                                         ("Eve Park", "ACME", None)]


def test_offices_in_capitals_are_not_initials(blank):
    line = "Present: Ann, Bob, LJ, CEO, HR"
    assert _names(blank, [_para(0, line)]) == ["Ann", "Bob", "LJ"]


def test_offices_named_for_their_time_are_still_people(blank):
    blocks = [_heading(0, "Attendees"), _item(1, "Ann Lee"),
              _item(2, "Past President: Bob Stone"),
              _item(3, "Incoming Chair: Carol King")]
    assert _names(blank, blocks) == ["Ann Lee", "Bob Stone", "Carol King"]


@pytest.mark.parametrize(("label", "came"), [
    ("The following members attended", True), ("Attended by", True),
    ("Dialled in", True), ("Joined remotely", True),
    ("Not in attendance", False), ("Did not attend", False)])
def test_labels_that_say_who_attended(blank, label, came):
    blocks = [_para(0, "Committee meeting"), _para(1, f"{label}: Ann Lee, Bob Stone")]
    assert _names(blank, blocks) == (["Ann Lee", "Bob Stone"] if came else [])
