"""Action items in layouts the first corpora lacked: "AI:" lines, org-mode
headings, status lines, option lists (invented names)."""

from __future__ import annotations

import pytest
import spacy

from ingest.blocks import Block, RawDocument
from ingest.extractors.actions import extract_action_items
from ingest.extractors.context import ExtractionContext
from ingest.model import Meeting


@pytest.fixture(scope="module")
def blank():
    """spaCy's blank English with the sentencizer and the action component only."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("minutegraph_actions")
    return nlp


def _items(blank, lines: list[tuple[str, str]]) -> list[tuple]:
    blocks = [Block(index=i, kind=kind, text=text)
              for i, (kind, text) in enumerate(lines)]
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in blocks)),
                            meeting=Meeting(date="2024-05-06"))
    return [(a.text, a.owner) for a in extract_action_items(ctx)]


def test_ai_label_with_owner(blank):
    assert _items(blank, [("paragraph", "AI: Dana to draft the budget note.")]) == [
        ("Dana to draft the budget note.", "Dana")]


def test_ai_label_without_owner_is_a_topic(blank):
    assert _items(blank, [("paragraph", "AI: we discussed language models.")]) == []


def test_status_line_done_closes_the_item(blank):
    assert _items(blank, [("paragraph", "AI: Dana to draft the budget note."),
                          ("paragraph", "Done")]) == []


def test_status_line_not_done_keeps_the_item(blank):
    assert _items(blank, [("paragraph", "AI: Dana to draft the budget note."),
                          ("paragraph", "Not done")]) == [
        ("Dana to draft the budget note.", "Dana")]


def test_org_heading_ends_the_agenda(blank):
    assert _items(blank, [("heading", "Agenda"), ("list_item", "Budget"),
                          ("paragraph", "** Budget"),
                          ("paragraph", "Omar will send the figures.")]) == [
        ("Omar will send the figures.", "Omar")]


def test_options_label_heads_choices(blank):
    assert _items(blank, [("paragraph", "Options:"),
                          ("list_item", "Fix the parser in the old branch")]) == []


def test_taking_the_minutes_is_no_action(blank):
    assert _items(blank, [("paragraph", "Lena volunteered to take the minutes.")]) == []


@pytest.mark.parametrize(("text", "expected"), [
    # Markdown reference links around a name: the name is the owner.
    ("[Mira] will book the hall.", [("[Mira] will book the hall.", "Mira")]),
    ("[Mira][MiraStone] will book the hall.",
     [("[Mira][MiraStone] will book the hall.", "Mira")]),
    # A reported question is no condition.
    ("Ivo asked if the hall is free, Mira will book it.",
     [("Ivo asked if the hall is free, Mira will book it.", "Mira")]),
    # Two named commitments in one sentence are two items.
    ("Ivo will print the flyers and Mira will book the hall.",
     [("Ivo will print the flyers", "Ivo"), ("Mira will book the hall.", "Mira")]),
    # ... but not a pair of names, nor what "we" did in the meeting.
    ("Ivo Lind and Mira Stone will book the hall.",
     [("Ivo Lind and Mira Stone will book the hall.", "Ivo Lind and Mira Stone")]),
])
def test_named_commitments(blank, text, expected):
    assert _items(blank, [("paragraph", text)]) == expected


@pytest.mark.parametrize("kind", ["paragraph", "list_item"])
def test_owner_list_with_commas(blank, kind):
    assert _items(blank, [(kind, "Bo, Kim, and Lu to book the hall.")]) == [
        ("Bo, Kim, and Lu to book the hall.", "Bo, Kim, and Lu")]


def _owned_list(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("heading", "Attendees"), ("list_item", "Mira"), ("list_item", "Ivo"),
            ("heading", "Action Items"), *lines]


def test_name_label_owns_the_items_under_it(blank):
    assert _items(blank, _owned_list([
        ("paragraph", "*Mira*"), ("paragraph", "*Continuation*"),
        ("list_item", "book the hall"), ("paragraph", "Ivo"),
        ("list_item", "print the flyers")])) == [
        ("book the hall", "Mira"), ("print the flyers", "Ivo")]


def test_bullet_kept_in_a_paragraph_is_a_list_item(blank):
    assert _items(blank, _owned_list([("paragraph", "* book the hall")])) == [
        ("book the hall", None)]


@pytest.mark.parametrize("line", [
    "Roadmap", "see the bullet below", "How to book the hall",
    "Mira has booked the hall", "aiming to decide next month"])
def test_action_list_lines_that_give_no_work(blank, line):
    assert _items(blank, _owned_list([("list_item", line)])) == []


def test_a_repeated_action_line_is_one_item(blank):
    assert _items(blank, _owned_list([("list_item", "book the hall"),
                                      ("list_item", "book the hall")])) == [
        ("book the hall", None)]


@pytest.mark.parametrize("text", [
    "Proposal: keep the kitchen tidy after use [Ivo].",
    "Question: opinions on a weekly cleaning hour? [Ivo]",
    "Please be aware that the heating is off.",
])
def test_topics_and_advice_are_no_actions(blank, text):
    assert _items(blank, [("list_item", text)]) == []


def test_mixed_topic_label_is_no_action_list(blank):
    assert _items(blank, [("paragraph", "Info > questions/tasks/proposals:"),
                          ("list_item", "Heating update [Ivo]")]) == []


def test_offer_by_who_belongs_to_the_name_before(blank):
    assert _items(blank, [("list_item", "Objection from Ivo, who offers to draft "
                                        "a new schedule")]) == [
        ("who offers to draft a new schedule", "Ivo")]


def test_notes_and_decisions_section_keeps_its_work(blank):
    assert _items(blank, [("heading", "Notes/Decision"),
                          ("list_item", "Group to review the budget process.")]) == [
        ("Group to review the budget process.", "Group")]


def test_an_aim_is_no_owner(blank):
    assert _items(blank, [("list_item", "Outcome is to keep one roadmap.")]) == []


@pytest.mark.parametrize(("line", "expected"), [
    ("☐ Ivo to book the hall.", [("Ivo to book the hall.", "Ivo")]),
    ("☒ Ivo to book the hall.", []),
    ("Group - Pre-read: the budget draft", [("Pre-read: the budget draft", "Group")]),
])
def test_action_list_boxes_and_dashed_owners(blank, line, expected):
    assert _items(blank, [("heading", "Action Items"), ("list_item", line)]) == expected


def test_unchecked_box_with_a_dashed_owner_is_work(blank):
    lines = [Block(index=0, kind="list_item", text="Group - Pre-read: the budget draft",
                   checked=False)]
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=lines)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in lines)),
                            meeting=Meeting(date="2024-05-06"))
    assert [(a.text, a.owner) for a in extract_action_items(ctx)] == [
        ("Pre-read: the budget draft", "Group")]


@pytest.mark.parametrize(("text", "expected"), [
    ("JaneDoe to request review from the editors",
     [("JaneDoe to request review from the editors", "JaneDoe")]),
    ("Ivo vowed to send the figures.", [("Ivo vowed to send the figures.", "Ivo")]),
    ("Ivo read the rule: “The software used should be named in the guide.”", []),
])
def test_handles_vows_and_quotes(blank, text, expected):
    assert _items(blank, [("paragraph", text)]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A working group was formed to draft the election rules.",
     [("A working group was formed to draft the election rules.", "A working group")]),
    ("The hall was set up to host the fair.", []),
])
def test_a_body_formed_to_do_work(blank, text, expected):
    assert _items(blank, [("paragraph", text)]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Really need to get more reviewers", []),
    ("Molly needs to send the form", [("Molly needs to send the form", "Molly")]),
])
def test_an_opening_adverb_is_no_owner(blank, text, expected):
    assert _items(blank, [("list_item", text)]) == expected


def test_volunteers_line_gives_its_parent_owners(blank):
    blocks = [Block(index=0, kind="list_item", text="Decision: move notes to a wiki"),
              Block(index=1, kind="list_item", text="Volunteers: Ivo, Mira", level=1)]
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    ctx = ExtractionContext(raw=raw, docs=list(blank.pipe(b.text for b in blocks)),
                            meeting=Meeting(date="2024-05-06"))
    assert [(a.text, a.owner) for a in extract_action_items(ctx)] == [
        ("move notes to a wiki", "Ivo, Mira")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The draft is in the repo. Please review.",
     [("The draft is in the repo. Please review.", None)]),
    ("Some issues were raised. We will need to redo the LC This is a good point.",
     [("We will need to redo the LC", None)]),
])
def test_bare_requests_and_run_on_lines(blank, text, expected):
    assert _items(blank, [("paragraph", text)]) == expected


def test_no_actions_line_gives_none(blank):
    assert _items(blank, [("paragraph", "No actions - Ivo will run the channel "
                                        "until the fair.")]) == []


@pytest.mark.parametrize("text", [
    "E.g. Submit to them our signed report.",
    "In the event of no quorum, Ivo will call a second meeting.",
])
def test_examples_and_events_that_may_happen(blank, text):
    assert _items(blank, [("paragraph", text)]) == []
