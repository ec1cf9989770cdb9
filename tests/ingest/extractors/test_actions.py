"""Action items: prose commitments, what is not one, owners, and the corpus."""

from __future__ import annotations

import pytest
import spacy

from ingest.blocks import Block, RawDocument
from ingest.extractors.actions import extract_action_items
from ingest.extractors.actions_sections import section_kinds
from ingest.extractors.context import ExtractionContext
from ingest.model import Meeting
from tests.corpus import cases, score_module


@pytest.fixture(scope="module")
def blank():
    """spaCy's blank English with the sentencizer and the action component only."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("minutegraph_actions")
    return nlp


def _actions(blank, blocks: list[Block], *, date: str | None = "2023-06-01",
             order: str = "dmy") -> list[tuple]:
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in blocks)),
                            date_order=order, meeting=Meeting(date=date))  # type: ignore[arg-type]
    return [(a.text, a.owner, a.due) for a in extract_action_items(ctx)]


def _one(blank, text: str) -> list[tuple]:
    return _actions(blank, [Block(index=0, kind="paragraph", text=text)])


def test_component_marks_candidates_with_their_kind(blank):
    doc = blank("Sarah will check it. Members are asked to reply. Myles to follow up.")
    assert [(s.text, s.label_) for s in doc.spans["actions"]
            if s.label_ != "IMPERATIVE"] == [
        ("will", "MODAL"), ("asked", "REQUEST"), ("Myles to follow", "X_TO")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ingeborg will circulate a short summary to all members by 9 June.",
     ("Ingeborg will circulate a short summary to all members by 9 June.",
      "Ingeborg", "2023-06-09")),
    ("UNODC is also going to organise two preparatory meetings.",
     ("UNODC is also going to organise two preparatory meetings.", "UNODC", None)),
    ("A guide will be shared.", ("A guide will be shared.", None, None)),
    ("Invitations will be sent by UNODC.", ("Invitations will be sent by UNODC.",
                                            "UNODC", None)),
    ("Notices will be sent out by Martin when the booking is confirmed.",
     ("Notices will be sent out by Martin when the booking is confirmed.", "Martin",
      None)),
    ("The society will try to run two hack days.",
     ("The society will try to run two hack days.", "The society", None)),
    ("Member NGOs are asked to send examples to Sarah Pirker by 30 June, so that a "
     "short paper can be prepared.",
     ("Member NGOs are asked to send examples to Sarah Pirker by 30 June",
      "Member NGOs", "2023-06-30")),
    ("BVN asked Ludger to share the use case via GitHub.",
     ("BVN asked Ludger to share the use case via GitHub.", "Ludger", None)),
    ("Prof. Albanese offered to draft a concept note.",
     ("Prof. Albanese offered to draft a concept note.", "Prof. Albanese", None)),
    ("Participants agreed: the secretariat will invite the youth organisations.",
     ("the secretariat will invite the youth organisations.", "the secretariat",
      None)),
    ("Need to do storage audit", ("Need to do storage audit", None, None)),
    ("RGr - Please check v8.1 to be clear.", ("Please check v8.1 to be clear.",
                                              None, None)),
    ("ACTION: alice to update the wiki page", ("alice to update the wiki page",
                                               "alice", None)),
    ("To do: Sam to renew the domain", ("Sam to renew the domain", "Sam", None)),
    ("Action required: Treasurer to file the return",
     ("Treasurer to file the return", "Treasurer", None)),
    ("It was agreed that the Treasurer would obtain three quotes.",
     ("the Treasurer would obtain three quotes.", "the Treasurer", None)),
    ("Dr. Patel agreed to contact the hospital trust.",
     ("Dr. Patel agreed to contact the hospital trust.", "Dr. Patel", None)),
    ("The Secretary to write to the landlord.",
     ("The Secretary to write to the landlord.", "The Secretary", None)),
    ("All trustees should complete the training.",
     ("All trustees should complete the training.", "All trustees", None)),
    ("A Press advertisement was to be forthcoming.",
     ("A Press advertisement was to be forthcoming.", None, None)),
    ("Jo confirmed that she will book the venue.",
     ("Jo confirmed that she will book the venue.", "Jo", None)),
    ("Makx added that this will be considered by the editorial team.",
     ("this will be considered by the editorial team.", "the editorial team", None)),
    ("UNODC should prepare a note, since their meetings are closed.",
     ("UNODC should prepare a note", "UNODC", None)),
    ("Complex issues, for example those on services etc., will be included later.",
     ("Complex issues, for example those on services etc., will be included later.",
      None, None)),
    ("Anna will meet with the Mayor.",
     ("Anna will meet with the Mayor.", "Anna", None)),
])
def test_commitments_are_actions(blank, text, expected):
    assert _one(blank, text) == [expected]


@pytest.mark.parametrize("text", [
    "The presentation will include an interactive part.",
    "The dialogue will take place on Friday, May 5, 2023.",
    "If a significant change, a Board meeting will be reconvened.",
    "Absent comments, this will be moved forward to stage 2.",
    "We were going to check with Michael Robbins.",
    "Jory notes that she would like to support this.",
    "The idea is to create some regional capacity.",
    "An update of the transformation will be possibly targeted by December 2025.",
    "What the relationship will be with WMO?",
    "There will be a side event on torture.",
    "All properties from DCAT will not be mentioned directly in the profile.",
    "BVN proposed that other representations will reflect the agreements.",
    "It will also discuss the involvement of civil society.",
    "The next Crime Commission will be May 22nd-26th.",
    "SEMIC explained that the issue should be reviewed by the publishers.",
    "Please note that an SC is scheduled for December.",
    "The Board agreed to the membership of the PMC.",
    "The committee agreed to approve the budget.",
    "Jane said the event would be a good opportunity to recruit.",
    "The issues are to be considered resolved.",
    "The project will deliver three outputs over two years.",
    "It was reported that he will retire in May.",
    "Reasonable to assume we’ll review everything on that call.",
    "The Board will meet again in June.",
    "The workshop will be hosted by UNODC.",
])
def test_descriptions_conditions_and_wishes_are_not(blank, text):
    assert _one(blank, text) == []


def test_first_person_lines_belong_to_the_speaker(blank):
    text = "EK: realized a mistake\n\n… will show it tomorrow\n\n… I will wait a bit"
    assert _one(blank, text) == [("will show it tomorrow", "EK", None),
                                 ("I will wait a bit", "EK", None)]


def test_checklist_keeps_unchecked_boxes_with_owner_before_the_colon(blank):
    blocks = [
        Block(index=0, kind="list_item", checked=False,
              text="Darren Brookbanks: circulate draft questions by April 25, 2023"),
        Block(index=1, kind="list_item", checked=True,
              text="Billy Batware: share the briefing slides in the Zoom chat"),
    ]
    assert _actions(blank, blocks, date="2023-04-20", order="mdy") == [
        ("circulate draft questions by April 25, 2023", "Darren Brookbanks",
         "2023-04-25")]


def test_action_table_rows_take_owner_and_due_columns(blank):
    blocks = [
        Block.row(0, ["No.", "Action", "Owner", "Due"], table=0, header=True),
        Block.row(1, ["1", "Send the invitations", "UNODC", "31/03/2023"], table=0),
        Block.row(2, ["2", "Post events in the Calendar", "–", "ongoing"], table=0),
    ]
    assert _actions(blank, blocks, date="2023-03-22") == [
        ("Send the invitations", "UNODC", "2023-03-31"),
        ("Post events in the Calendar", None, None)]


def test_an_item_number_column_is_not_the_action(blank):
    blocks = [
        Block.row(0, ["Item", "Action", "Action by"], table=0, header=True),
        Block.row(1, ["4.2", "Book the hall", "@clerk"], table=0),
    ]
    assert _actions(blank, blocks) == [("Book the hall", "@clerk", None)]


def test_done_rows_of_a_status_column_are_not_actions(blank):
    blocks = [
        Block.row(0, ["Action Items", "Who", "Status"], table=0, header=True),
        Block.row(1, ["Follow up the submission", "Lewis", "Done"], table=0),
        Block.row(2, ["Process online motions", "Lewis", "Open"], table=0),
    ]
    assert _actions(blank, blocks) == [("Process online motions", "Lewis", None)]


def test_bullets_under_an_actions_heading(blank):
    blocks = [
        Block(index=0, kind="heading", level=2, text="Action items"),
        Block(index=1, kind="list_item", text="Thibaud Colas: Update the page"),
        Block(index=2, kind="list_item", text="The JRC will share news. It will help."),
        Block(index=3, kind="list_item", text="Update the status of the issues."),
        Block(index=4, kind="heading", level=2, text="Other business"),
        Block(index=5, kind="list_item", text="Business as usual"),
    ]
    assert _actions(blank, blocks) == [
        ("Update the page", "Thibaud Colas", None),
        ("The JRC will share news.", "The JRC", None),
        ("Update the status of the issues.", None, None)]


def test_decisions_are_not_actions(blank):
    blocks = [Block(index=0, kind="heading", level=2, text="Decisions"),
              Block(index=1, kind="list_item", text="YJAN will prepare the statement.")]
    assert _actions(blank, blocks) == []


def test_prose_restating_a_table_row_is_the_same_item(blank):
    blocks = [
        Block(index=0, kind="paragraph",
              text="The youth component will be prepared together with YJAN."),
        Block(index=1, kind="paragraph", text="YJAN will nominate a focal point."),
        Block.row(2, ["Action", "Owner"], table=0, header=True),
        Block.row(3, ["Prepare the youth component of the event", "YJAN / Alliance"],
                  table=0),
    ]
    assert [text for text, _, _ in _actions(blank, blocks)] == [
        "YJAN will nominate a focal point.",
        "Prepare the youth component of the event"]


def _f1(set_name: str, nlp) -> float:
    from ingest.pipeline import extract_file

    score = score_module()
    totals = score.Totals()
    for case in cases():
        if case.set == set_name:
            gold = score.load_extraction(case.gold)
            pred = score.validate(extract_file(case.source, nlp=nlp).as_contract())
            totals.add(score.score_document(gold, pred))
    return totals.as_dict()["action_items"]["f1"]


@pytest.mark.parametrize(("set_name", "floor"), [("network", 0.95), ("real", 0.90)])
def test_corpus_action_items(nlp, set_name, floor):
    assert _f1(set_name, nlp) >= floor


def test_an_owner_only_label_names_the_statement_before_it(blank):
    blocks = [
        Block(index=0, kind="paragraph",
              text="The hedge is overgrown and the council will be asked to cut it."),
        Block(index=1, kind="paragraph", text="Action: Clerk"),
        Block(index=2, kind="paragraph",
              text="The noticeboard is broken. Quotes to be obtained. ACTION: JB / SP"),
    ]
    assert _actions(blank, blocks) == [
        ("The hedge is overgrown and the council will be asked to cut it.", "Clerk",
         None),
        ("Quotes to be obtained.", "JB / SP", None)]


def test_a_weekday_may_stand_between_by_and_the_date(blank):
    assert _one(blank, "We have to answer by next Wednesday (2024-04-27).") == [
        ("We have to answer by next Wednesday (2024-04-27).", None, "2024-04-27")]


def test_this_date_points_back_to_the_date_just_named(blank):
    text = ("Issues will be frozen as from October 1st. Members willing to comment "
            "should do it before this date.")
    assert _actions(blank, [Block(index=0, kind="paragraph", text=text)],
                    date="2021-09-15") == [
        ("Members willing to comment should do it before this date.", "Members",
         "2021-10-01")]


@pytest.mark.parametrize(("heading", "kind"), [
    ("Action points", "action"), ("4. Follow-up actions", "action"),
    ("Next steps", "action"), ("Summary of actions", "action"),
    ("Review Previous Meeting's Action Items", "skip"), ("Completed actions", "skip"),
    ("Decisions", "decision"), ("Resolved", "decision"), ("Agenda", "skip"),
    ("TSC Attendees", "skip"), ("Decisions and actions", ""),
    ("3. Follow-up on the action points of 15 February", ""), ("Transactions", ""),
])
def test_section_kinds_from_headings(heading, kind):
    blocks = [Block(index=0, kind="heading", level=2, text=heading),
              Block(index=1, kind="paragraph", text="Some text.")]
    assert section_kinds(blocks)[1] == kind


def test_scribe_action_summary_and_handles(blank):
    blocks = [
        Block(index=0, kind="paragraph", text="ACTION: Ege to check the OPC UA spec"),
        Block(index=1, kind="heading", level=2, text="Summary of action items"),
        Block(index=2, kind="list_item",
              text="[NEW] ACTION: Ege to check the OPC UA spec"),
        Block(index=3, kind="list_item", checked=False,
              text="@mcollina to draft the release notes"),
    ]
    assert _actions(blank, blocks) == [
        ("Ege to check the OPC UA spec", "Ege", None),
        ("@mcollina to draft the release notes", "@mcollina", None)]


def test_an_action_column_of_initials_owns_the_minute(blank):
    rows = [["Item", "Minute", "Action"],
            ["5.1", "Grit bins were discussed. The Clerk to order two bins.", "Clerk"],
            ["5.2", "The Chair thanked the volunteers.", ""],
            ["5.3", "The report was received. Repairs to the swing are needed.", "JB"]]
    blocks = [Block.row(i, r, table=0, header=i == 0) for i, r in enumerate(rows)]
    assert _actions(blank, blocks) == [
        ("The Clerk to order two bins.", "Clerk", None),
        ("Repairs to the swing are needed.", "JB", None)]


def test_an_action_column_alone_makes_an_action_table(blank):
    blocks = [Block.row(0, ["No.", "Action"], table=0, header=True),
              Block.row(1, ["1", "Book the village hall for the AGM"], table=0)]
    assert _actions(blank, blocks) == [("Book the village hall for the AGM", None,
                                        None)]


def test_owner_lines_under_an_actions_heading_in_plain_text(blank):
    lines = ["The committee discussed grants. Action - JB", "ACTIONS",
             "Ann Lee: circulate the summary by 15 March",
             "The next meeting will be held on 1 April."]
    blocks = [Block(index=i, kind="heading" if i == 1 else "paragraph", text=t,
                    level=2 if i == 1 else 0) for i, t in enumerate(lines)]
    assert _actions(blank, blocks, date="2024-03-04") == [
        ("The committee discussed grants.", "JB", None),
        ("circulate the summary by 15 March", "Ann Lee", "2024-03-15")]


def test_action_owner_and_due_written_on_separate_lines(blank):
    lines = ["Action: Prepare the revised budget", "Owner: Dana Fox",
             "Due Date: 2024-03-20", "The budget will be presented in May."]
    blocks = [Block(index=i, kind="paragraph", text=t) for i, t in enumerate(lines)]
    assert _actions(blank, blocks, date="2024-03-04") == [
        ("Prepare the revised budget", "Dana Fox", "2024-03-20"),
        ("The budget will be presented in May.", None, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Update the onboarding guide - Priya", ("Update the onboarding guide", "Priya")),
    ("Fix the CI pipeline (@jsmith)", ("Fix the CI pipeline", "@jsmith")),
    ("Schedule a session for the CFP (closes April 15)",
     ("Schedule a session for the CFP (closes April 15)", None)),
])
def test_checklist_owner_written_after_the_task(blank, text, expected):
    blocks = [Block(index=0, kind="list_item", checked=False, text=text)]
    assert [(t, o) for t, o, _ in _actions(blank, blocks)] == [expected]


def test_attendance_and_agenda_checkboxes_are_not_actions(blank):
    blocks = [
        Block(index=0, kind="list_item", text="TSC Attendees:"),
        Block(index=1, kind="list_item", level=1, checked=False,
              text="Allan Johns - NVIDIA (resigned)"),
        Block(index=2, kind="heading", level=2, text="Agenda"),
        Block(index=3, kind="list_item", checked=False, text="Release planning"),
        Block(index=4, kind="heading", level=2, text="Notes"),
        Block(index=5, kind="list_item", checked=False,
              text="Luke Emrose, Animal Logic"),
        Block(index=6, kind="list_item", checked=False, text="Tag the 3.0 release"),
    ]
    assert _actions(blank, blocks) == [("Tag the 3.0 release", None, None)]


def test_owner_bullets_under_a_decision_heading_are_actions(blank):
    blocks = [
        Block(index=0, kind="heading", level=4, text="Resolved"),
        Block(index=1, kind="list_item", text="Luther: Introduce Soares to Juanita"),
        Block(index=2, kind="list_item", text="Pegboards will be installed."),
        Block(index=3, kind="list_item", text="Written contributions: two pages"),
    ]
    assert _actions(blank, blocks) == [
        ("Introduce Soares to Juanita", "Luther", None)]


def test_bracketed_owners_and_lead_in_bullets_of_a_next_steps_list(blank):
    blocks = [
        Block(index=0, kind="list_item", text="Next steps:"),
        Block(index=1, kind="list_item", level=1,
              text="Update documents for submission:"),
        Block(index=2, kind="list_item", level=1, text="[HP, NL] Gather the content"),
        Block(index=3, kind="list_item", level=1,
              text="The society was de-registered. The committee will re-register it."),
    ]
    assert _actions(blank, blocks) == [
        ("Update documents for submission", None, None),
        ("Gather the content", "HP, NL", None),
        ("The committee will re-register it.", "The committee", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("We have to answer by next Wednesday.", ("We have to answer by next Wednesday.",
                                              None)),
    ("The new committee will need to re-register the society.",
     ("The new committee will need to re-register the society.", "The new committee")),
])
def test_obligations_are_actions(blank, text, expected):
    assert [(t, o) for t, o, _ in _one(blank, text)] == [expected]


@pytest.mark.parametrize("text", [
    "The committee agreed that the goals will be retained for 2020.",
    "A. The Co-operative shall be carried on without the purpose of gain.",
    "We now have to approve this with advice from MR.",
    "Reports to be emailed in for review when the officer does not attend.",
])
def test_decisions_rules_and_votes_are_not_actions(blank, text):
    assert _one(blank, text) == []


def test_details_under_an_action_bullet_and_speakers_are_not_items(blank):
    blocks = [
        Block(index=0, kind="list_item", text="Next steps:"),
        Block(index=1, kind="list_item", level=1, text="Update the submission:"),
        Block(index=2, kind="list_item", level=2, text="Updated cover letter"),
        Block(index=3, kind="heading", level=4, text="Resolution"),
        Block(index=4, kind="paragraph", text="APP: We need more reviewers."),
    ]
    assert _actions(blank, blocks) == [("Update the submission", None, None)]


@pytest.mark.parametrize("text", [
    "Should the type information be passed to the formatting function.",
    "STA: I think we should use our judgment on how to proceed.",
    "We don’t have to keep things in PRs in perpetuity.",
])
def test_questions_opinions_and_curly_negations_are_not_actions(blank, text):
    assert _one(blank, text) == []
