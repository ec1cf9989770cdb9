"""Attendees: list layouts, labels, roles and the corpus documents."""

from __future__ import annotations

import json

import pytest
import spacy

from ingest.blocks import Block, RawDocument
from ingest.extractors.attendees import extract_attendees
from ingest.extractors.context import ExtractionContext
from ingest.readers.dispatch import read_document
from tests.corpus import cases, score_module


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


def _item(i: int, text: str, level: int = 0) -> Block:
    return Block(index=i, kind="list_item", text=text, level=level)


def _heading(i: int, text: str, level: int = 2) -> Block:
    return Block(index=i, kind="heading", text=text, level=level)


def test_present_line_with_semicolons_and_brackets(blank):
    line = "Present: Prof. Jay Albanese (CWB); Sabine Peters; M. O'Connell (VSA)"
    blocks = [_para(0, line)]
    assert _attendees(blank, blocks) == [
        ("Jay Albanese", "CWB", "Present"),
        ("Sabine Peters", None, "Present"),
        ("M. O'Connell", "VSA", "Present"),
    ]


def test_apologies_are_not_attendees(blank):
    blocks = [_para(0, "Present: Ann Lee, Bob Stone"),
              _para(1, "Apologies: Carl Marx (IAJ); Dora Maar")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["Ann Lee", "Bob Stone"]


def test_bullets_under_heading_drop_role_and_handle(blank):
    blocks = [_heading(0, "Attendees"),
              _item(1, "Billy Batware (UNODC Civil Society Unit) – chair"),
              _item(2, "Steven Ayr(@stevenayr)"),
              _item(3, "Catherine Holmes (Assistant to Treasurer)"),
              _heading(4, "Agenda"),
              _item(5, "Welcome Address")]
    assert _attendees(blank, blocks) == [
        ("Billy Batware", "UNODC Civil Society Unit", "Attendees"),
        ("Steven Ayr", None, "Attendees"),
        ("Catherine Holmes", None, "Attendees"),
    ]


def test_nested_present_list_and_role_first_name(blank):
    blocks = [_item(0, "Present:"), _item(1, "Beau Scott", 1), _item(2, "Lewis Yip", 1),
              _item(3, "Absent:"), _item(4, "Vincent Dalstra", 1),
              _item(5, "Chair: Beau")]
    assert _attendees(blank, blocks) == [("Beau Scott", None, "Present"),
                                         ("Lewis Yip", None, "Present")]


def test_role_line_adds_unlisted_person(blank):
    blocks = [_para(0, "Chair: Ingeborg Geyer | Minutes: Silvia Marino"),
              _heading(1, "Present"), _para(2, "Ann Lee, Bob Stone")]
    names = [a[0] for a in _attendees(blank, blocks)]
    assert names == ["Ingeborg Geyer", "Silvia Marino", "Ann Lee", "Bob Stone"]


def test_name_column_table_and_dash_cell(blank):
    blocks = [_heading(0, "Present"),
              Block.row(1, ["Name", "Organisation"], header=True, table=0),
              Block.row(2, ["Dr. Philip Reichel", "ACJS"], table=0),
              Block.row(3, ["Sabine Peters", "–"], table=0)]
    assert _attendees(blank, blocks) == [("Philip Reichel", "ACJS", "Present"),
                                         ("Sabine Peters", None, "Present")]


def test_group_columns_read_row_by_row(blank):
    blocks = [Block.row(0, ["UNODC MEMBERS", "ALLIANCE MEMBERS"], header=True, table=0),
              Block.row(1, ["Sarah Pirker", "Anna Alvazzi del Frate"], table=0),
              Block.row(2, ["Billy Batware", "Ingeborg Geyer"], table=0)]
    assert _attendees(blank, blocks) == [
        ("Sarah Pirker", None, "UNODC MEMBERS"),
        ("Anna Alvazzi del Frate", None, "ALLIANCE MEMBERS"),
        ("Billy Batware", None, "UNODC MEMBERS"),
        ("Ingeborg Geyer", None, "ALLIANCE MEMBERS"),
    ]


def test_unlabelled_name_dash_organisation_run(blank):
    blocks = [_para(0, "Informal Meeting"),
              _para(1, "Ifeanyi Nwanoro – CIPDI - Center for Pragmatic Development"),
              _para(2, "Herta Kaschitz"),
              _para(3, "Taher Al-Hatef - AWTAD Anti-Corruption Organization")]
    assert _attendees(blank, blocks) == [
        ("Ifeanyi Nwanoro", "CIPDI - Center for Pragmatic Development", None),
        ("Herta Kaschitz", None, None),
        ("Taher Al-Hatef", "AWTAD Anti-Corruption Organization", None),
    ]


def test_names_under_other_headings_are_not_attendees(blank):
    blocks = [_heading(0, "Individual members approved"), _item(1, "Steve Yonkeu"),
              _item(2, "Leo Youmbi"), _item(3, "Edmond Makolle")]
    assert _attendees(blank, blocks) == []


def test_definition_list_and_scribe_handle(blank):
    blocks = [_heading(0, "Attendees"), _para(1, "Present", style="dt"),
              _para(2, "Daniel_Peintner, Ege_Korkan", style="dd"),
              _para(3, "Scribe", style="dt"), _para(4, "dape", style="dd")]
    assert _attendees(blank, blocks) == [("Daniel_Peintner", None, "Present"),
                                         ("Ege_Korkan", None, "Present")]


@pytest.mark.parametrize("case", [c for c in cases() if c.set == "network"],
                         ids=lambda c: c.id)
def test_network_documents_exact(blank, case):
    raw = read_document(case.source)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in raw.blocks)))
    got = [a.as_contract() for a in extract_attendees(ctx)]
    gold = json.loads(case.gold.read_text())["attendees"]
    fold = score_module().compact
    assert [(fold(a["name"]), a["group"]) for a in got] == \
        [(fold(a["name"]), a["group"]) for a in gold]
    for pred, want in zip(got, gold, strict=True):
        assert (pred["organisation"] is None) == (want["organisation"] is None)


def test_real_documents_precision_and_recall(blank):
    tp = fp = fn = 0
    for case in (c for c in cases() if c.set == "real"):
        raw = read_document(case.source)
        docs = list(blank.pipe(b.text for b in raw.blocks))
        got = {score_module().compact(a.name)
               for a in extract_attendees(ExtractionContext(raw=raw, docs=docs))}
        gold = {score_module().compact(a["name"])
                for a in json.loads(case.gold.read_text())["attendees"]}
        tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
    # the people recorded acting (no2id, openwis) are the hard part of the recall
    assert tp / (tp + fp) >= 0.97
    assert tp / (tp + fn) >= 0.95


def test_person_acting_in_the_body_is_an_attendee(blank):
    blocks = [_heading(0, "Present"), _item(1, "Ann Lee"),
              _heading(2, "Discussion"),
              _para(3, "Ann proposed a plan. Sebastian Sklarß added a study item.")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["Ann Lee", "Sebastian Sklarß"]


def test_apposition_and_passive_agent(blank):
    blocks = [_para(0, "Phil Booth, Treasurer (pro. tem.) made an interim report. "
                       "A question was asked, from Albert Beale, about fees.")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["Phil Booth", "Albert Beale"]


def test_mentioned_people_and_apologies_are_not_acting(blank):
    blocks = [_para(0, "Apologies: Dora Maar"),
              _para(1, "Dora Maar reported by email. Thanks to Guy Herbert for help."),
              _para(2, "Criminologists Without Borders reported back on the events.")]
    assert _attendees(blank, blocks) == []


def test_body_named_in_front_of_bracketed_person(blank):
    blocks = [_para(0, "SEMIC (Bert Van Nuffelen) provided additional context.")]
    assert _attendees(blank, blocks) == [("Bert Van Nuffelen", "SEMIC", None)]


def test_roster_members_count_when_they_speak(blank):
    roster = ("The current Board members are: • Rémy Giraud (RGr), Météo France [MF]"
              " • Patrick Benichou (PB), Météo France International [MFI]")
    blocks = [_para(0, roster), _item(1, "RGr - We need assurance.")]
    assert _attendees(blank, blocks) == [
        ("Rémy Giraud", "Météo France [MF]", "current Board members")]


def test_first_name_acting_resolves_within_its_block(blank):
    blocks = [_para(0, "James Cronin: a founder of Stand. Asked about interests, "
                       "James mentioned UKCOD.")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["James Cronin"]


def test_labels_run_together_by_soft_wrapping(blank):
    line = ("Present (in person): Ana Lima; Ben Okafor Present (remote): Chris Wu, "
            "Dana Levi Regrets: Eli Cohen Note taker: Fatima Zahra")
    assert _attendees(blank, [_para(0, line)]) == [
        ("Ana Lima", None, "Present (in person)"),
        ("Ben Okafor", None, "Present (in person)"),
        ("Chris Wu", None, "Present (remote)"),
        ("Dana Levi", None, "Present (remote)"),
        ("Fatima Zahra", None, None),
    ]


def test_bullet_with_comma_is_one_person_and_organisation(blank):
    blocks = [_para(0, "Attendees:"), _item(1, "Alice Martin, Statistics Norway"),
              _item(2, "Cllr Mary O'Neill (Clerk)")]
    assert _attendees(blank, blocks) == [
        ("Alice Martin", "Statistics Norway", "Attendees"),
        ("Mary O'Neill", None, "Attendees"),
    ]


def test_member_affiliation_table_but_not_other_tables(blank):
    blocks = [Block.row(0, ["Member", "Affiliation", "Role"], header=True, table=0),
              Block.row(1, ["Sam Taylor", "Acme Corp", "Chair"], table=0),
              _heading(2, "Grants"),
              Block.row(3, ["Recipient", "Amount"], header=True, table=1),
              Block.row(4, ["Lee Ross", "500"], table=1),
              Block.row(5, ["Max Hill", "300"], table=1)]
    assert _attendees(blank, blocks) == [("Sam Taylor", "Acme Corp", None)]


def test_titles_and_countries_are_not_acting_people(blank):
    blocks = [_para(0, "Mayor Brown said the works were late. The representative of "
                       "New Zealand said the budget was adequate.")]
    assert _attendees(blank, blocks) == []


def test_bare_label_then_paragraph_per_person(blank):
    blocks = [_para(0, "Attendees"), _para(1, "Ann Lee (ACME Trust)"),
              _para(2, "Bob Stone and Carol King"), _para(3, "Dan Brown – chair"),
              _para(4, "The meeting opened at 10:00 with Eve Park in the room.")]
    assert _attendees(blank, blocks) == [
        ("Ann Lee", "ACME Trust", "Attendees"),
        ("Bob Stone", None, "Attendees"),
        ("Carol King", None, "Attendees"),
        ("Dan Brown", None, "Attendees"),
    ]


def test_present_and_apologies_columns(blank):
    blocks = [Block.row(0, ["Present", "Apologies"], header=True, table=0),
              Block.row(1, ["Eve Park", "Fay Wong"], table=0),
              Block.row(2, ["Gus Hall", "Hal Ito"], table=0),
              _para(3, "Hal Ito reported on the accounts.")]
    assert _attendees(blank, blocks) == [("Eve Park", None, "Present"),
                                         ("Gus Hall", None, "Present")]


def test_labels_and_names_on_lines_of_one_block(blank):
    blocks = [_para(0, "Directors Present:\nKaren Brimacombe\nMayor Meredith Ing"),
              _para(1, "Absent:\nBartlett Durand"),
              _para(2, "Guests:\nDayna Hillcrest"),
              _para(3, "Declined: Jo Lui")]
    assert _attendees(blank, blocks) == [
        ("Karen Brimacombe", None, "Directors Present"),
        ("Meredith Ing", None, "Directors Present"),
        ("Dayna Hillcrest", None, "Guests"),
    ]


def test_council_style_present_line(blank):
    line = ("PRESENT: Councillor J Smith (Chairman); Councillors A Brown, B Green and "
            "C White; 3 members of the public")
    assert [a[0] for a in _attendees(blank, [_para(0, line)])] == [
        "J Smith", "A Brown", "B Green", "C White"]


def test_offices_before_names_and_wrapped_labels(blank):
    line = ("MINUTES OF THE COUNCIL MEETING Present: Chair Roger Young; Vice-chair "
            "Barbara Hill; Cllrs A Brown and B Green IN ATTENDANCE: Marion Andrews "
            "(Clerk) Apologies : Cllr Mr P Lashbrook.")
    assert _attendees(blank, [_para(0, line)]) == [
        ("Roger Young", None, "Present"),
        ("Barbara Hill", None, "Present"),
        ("A Brown", None, "Present"),
        ("B Green", None, "Present"),
        ("Marion Andrews", None, "IN ATTENDANCE"),
    ]


def test_bare_handle_after_name(blank):
    blocks = [_heading(0, "Present"), _item(1, "Joyee Cheung @joyeecheung (TSC)")]
    assert _attendees(blank, blocks) == [("Joyee Cheung", "TSC", "Present")]


def test_attendance_status_column(blank):
    header = ["Name", "Organisation", "Attendance"]
    blocks = [Block.row(0, header, header=True, table=0),
              Block.row(1, ["Ann Lee", "ACME", "Present"], table=0),
              Block.row(2, ["Bob Stone", "Initech", "Apologies"], table=0),
              Block.row(3, ["Carol King", "", "No"], table=0)]
    assert _attendees(blank, blocks) == [("Ann Lee", "ACME", None)]


def test_headerless_name_organisation_table_under_present(blank):
    blocks = [_heading(0, "Present"),
              Block.row(1, ["Ann Lee", "ACME Corp"], table=0),
              Block.row(2, ["Bob Stone", "UNODC"], table=0)]
    assert _attendees(blank, blocks) == [("Ann Lee", "ACME Corp", "Present"),
                                         ("Bob Stone", "UNODC", "Present")]


@pytest.mark.parametrize(("line", "want"), [
    ("Ann Lee <ann@example.org>", ("Ann Lee", None)),
    ("Ann Lee – ACME (Chair)", ("Ann Lee", "ACME")),
    ("Ann Lee (ACME, Chair)", ("Ann Lee", "ACME")),
    ("Wessam Farid (Maat for Peace, Development and Human Rights)",
     ("Wessam Farid", "Maat for Peace, Development and Human Rights")),
])
def test_entry_organisation_without_role_or_address(blank, line, want):
    blocks = [_heading(0, "Attendees"), _item(1, line)]
    assert _attendees(blank, blocks) == [(*want, "Attendees")]


def test_unlabelled_lines_far_down_or_numbered_are_not_attendees(blank):
    agenda = [Block(index=i + 1, kind="list_item", text=text, style="1.")
              for i, text in enumerate(["Strategic Planning – Discussion Paper",
                                        "Ann Lee – Finance Update",
                                        "Bob Stone – ACME Audit"])]
    assert _attendees(blank, [_para(0, "Board meeting"), *agenda]) == []
    late = [_para(i, f"Filler line number {i}.") for i in range(15)]
    names = [_para(15 + i, f"{n} – ACME") for i, n in enumerate(["Ann Lee", "Bob Stone",
                                                                   "Carol King"])]
    assert _attendees(blank, late + names) == []


def test_initial_and_surname_is_the_listed_person(blank):
    blocks = [_heading(0, "Present"), _item(1, "Elif Zapata"),
              _heading(2, "Notes"),
              _para(3, "E. Zapata reported on the budget. Ulrike Zapata (International "
                       "Academy of Forensic Practice (IAFP)) reported on training.")]
    assert [a[0] for a in _attendees(blank, blocks)] == ["Elif Zapata", "Ulrike Zapata"]


def test_roll_call_with_statuses(blank):
    line = ("Roll call: Ann Lee - present, Bob Stone - absent, Carl Marx (apologies), "
            "Dora Maar")
    names = [a[0] for a in _attendees(blank, [_para(0, line)])]
    assert names == ["Ann Lee", "Dora Maar"]


def test_subheadings_under_attendees_are_groups_and_ticks_count(blank):
    def box(i: int, text: str, checked: bool | None) -> Block:
        return Block(index=i, kind="list_item", text=text, checked=checked)

    blocks = [_heading(0, "TSC meeting", 1), _heading(1, "Attendees"),
              _heading(2, "TSC Members", 3), box(3, "Ann Lee - ACME", True),
              box(4, "Bob Stone - Initech", False), box(5, "Carol King", True),
              _heading(6, "Guests", 3), _item(7, "Dan Brown"),
              _heading(8, "Notes"), _item(9, "Eve Park")]
    assert _attendees(blank, blocks) == [("Ann Lee", "ACME", "TSC Members"),
                                         ("Carol King", None, "TSC Members"),
                                         ("Dan Brown", None, "Guests")]


def test_chat_handles_in_a_present_list(blank):
    blocks = [_para(0, "Present: jdoe, alice_b, Mark Smith, crsid42"),
              _para(1, "Regrets: none")]
    assert [a[0] for a in _attendees(blank, blocks)] == [
        "jdoe", "alice_b", "Mark Smith", "crsid42"]


def test_role_lines_with_several_people(blank):
    blocks = [_para(0, "Chair: Roger Young (ACME); Secretary: Jane Doe"),
              _para(1, "Co-chairs: Ann Lee, Bob Stone")]
    assert _attendees(blank, blocks) == [("Roger Young", "ACME", None),
                                         ("Jane Doe", None, None),
                                         ("Ann Lee", None, None),
                                         ("Bob Stone", None, None)]


def test_lines_of_name_title_and_body(blank):
    blocks = [_para(0, "Attendees"), _para(1, "Jane Doe, Director, ACME Corp"),
              _para(2, "John Roe, Treasurer"),
              _para(3, "Present: Ann Lee, Bob Stone, and 3 members of the public"),
              _para(4, "Remote: Alice Smith (Zoom)")]
    assert _attendees(blank, blocks) == [("Jane Doe", "ACME Corp", "Attendees"),
                                         ("John Roe", None, "Attendees"),
                                         ("Ann Lee", None, "Present"),
                                         ("Bob Stone", None, "Present"),
                                         ("Alice Smith", None, "Remote")]


def test_member_labels_count_at_the_head_only(blank):
    filler = [_para(i, f"Item {i} was discussed at length.") for i in range(2, 14)]
    blocks = [_para(0, "Board members: Ann Lee, Bob Stone"),
              _para(1, "Staff: Carol King"), *filler,
              _para(14, "Ordinary Members: Dan Brown & Eve Park (elected)"),
              _para(15, "Anwesend: Fritz Lang; Entschuldigt: Max Weber")]
    assert _attendees(blank, blocks) == [("Ann Lee", None, "Board members"),
                                         ("Bob Stone", None, "Board members"),
                                         ("Carol King", None, "Staff"),
                                         ("Fritz Lang", None, "Anwesend")]


@pytest.mark.parametrize("line", ["Present: ,", "Present: ;;;", "Present: (", "Chair:",
                                  "Present: and Bob", "Ann Lee )(", "Present: Dr."])
def test_broken_lines_give_nobody(blank, line):
    assert _attendees(blank, [_para(0, line)]) == []


def test_dash_then_bracketed_organisation(blank):
    line = "Aaron Poulsen - (Amazon), An Yin - (iTrusChina), Dave Chin - (CPA Canada)"
    blocks = [_heading(0, "Attendees"), _para(1, line)]
    assert _attendees(blank, blocks) == [("Aaron Poulsen", "Amazon", "Attendees"),
                                         ("An Yin", "iTrusChina", "Attendees"),
                                         ("Dave Chin", "CPA Canada", "Attendees")]


def test_capitalised_surnames_and_elided_particles_in_a_list(blank):
    line = "PRESENT: Cllr J SMITH (Chairman), JOHN DOE, Jean d'Alembert, UNEP"
    assert [a[0] for a in _attendees(blank, [_para(0, line)])] == [
        "J SMITH", "JOHN DOE", "Jean d'Alembert"]


def test_tab_separated_present_line(blank):
    line = "Present:\tAnn Lee\tBob Stone (ACME)\tCarol King"
    assert _attendees(blank, [_para(0, line)]) == [("Ann Lee", None, "Present"),
                                                   ("Bob Stone", "ACME", "Present"),
                                                   ("Carol King", None, "Present")]
