"""Attendees: who the minutes record as present, with organisation and group.

The blocks are walked once. A heading or a label ("Present:", "Apologies", a
`dt` "Regrets") opens a scope that files the people after it; the scope ends at
the next heading, label, or at the end of the list it introduced (a sub-heading
under "Attendees" is a group inside it). Lists under an attendance scope,
tables with a Name column, and tables whose header cells name groups give
attendees; absence scopes give nobody. Documents with no attendance label get
their unlabelled "Name - Organisation" run at the top. Role lines ("Chair: X",
"Notes: X") add a person only when nobody listed is the same person (full
name, first name, initials or chat handle). Last, people a sentence says were present
(attendees_presence) and people the body records acting ("X presented...",
attendees_acting) are added.
"""

from __future__ import annotations

import itertools
import re

from ingest.blocks import Block
from ingest.extractors.attendees_acting import add_acting
from ingest.extractors.attendees_body import drop_body_organisations
from ingest.extractors.attendees_labels import (
    LabelKind,
    classify_label,
    group_name,
    inner_label_starts,
    is_table_header_line,
    split_label,
)
from ingest.extractors.attendees_lists import (
    list_entries,
)
from ingest.extractors.attendees_people import People
from ingest.extractors.attendees_presence import add_present_in_prose
from ingest.extractors.attendees_scopes import Scope, continues
from ingest.extractors.attendees_tables import (
    read_table,
    says_who_came,
    table_end,
)
from ingest.extractors.attendees_unlabelled import read_unlabelled_head
from ingest.extractors.context import ExtractionContext
from ingest.extractors.names import bracket_initials
from ingest.model import Attendee

# Pieces of one block read separately: lines, and "Chair: X | Minutes: Y" parts.
_SEGMENT = re.compile(r"[^\n|]+")


def extract_attendees(ctx: ExtractionContext) -> list[Attendee]:
    """Every person recorded as present, once each, in reading order."""
    return extract_attendance(ctx)[0]


def extract_attendance(ctx: ExtractionContext) -> tuple[list[Attendee], list[Attendee]]:
    """The people present and those filed under Apologies / Regrets / Absent."""
    people = People(ctx)
    _walk(ctx.blocks, people)
    if not people.labelled:
        read_unlabelled_head(ctx.blocks, people)
    people.add_roles()
    add_present_in_prose(ctx, people)
    add_acting(ctx, people)
    found = people.result()
    drop_body_organisations(ctx, found)
    return found, people.absentees(found)


def _walk(blocks: list[Block], people: People) -> None:
    heading: Scope | None = None
    label: Scope | None = None
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "heading":
            heading, label = _heading_scope(block, heading, people), None
            index += 1
            continue
        if label is not None and not continues(label, block):
            label = None
        scope = label or heading
        if block.kind == "table_row":
            end = table_end(blocks, index)
            if scope is label and label and says_who_came(block, label.mode):
                scope = heading  # "Apologies", then a table with a Present column
            mode = scope.mode if scope else None
            if mode in (None, "present"):
                group = scope.group if scope and mode else None
                head = mode is None and people.in_head(index)
                read_table(blocks[index:end], group, people, head_region=head)
            elif scope and mode == "absent":  # "Apologies", then a Name table
                read_table(
                    blocks[index:end],
                    scope.group,
                    people,
                    head_region=False,
                    absent=True,
                )
            index = end
            continue
        label = _read_block(block, scope, people) or label
        index += 1


def _heading_scope(block: Block, parent: Scope | None, people: People) -> Scope:
    """The scope a heading opens; under "Attendees", "### TSC Members" is a group."""
    if people.first_heading is None:
        people.first_heading = block.index
    mode = _label_kind(block.text, block, parent, people)
    if mode == "role":  # a "Notes" or "Minutes" heading is a section, not a role line
        mode = None
    if (
        mode is None
        and parent is not None
        and parent.mode is not None
        and parent.kind == "heading"
        and block.level > parent.level
        and parent.block != people.first_heading  # a title saying "attendance"
    ):
        return Scope(
            parent.mode, group_name(block.text), "heading", parent.level, block.index
        )
    if mode is None and block.index > 0:
        people.body_started(block.index)
    people.labelled |= mode == "present"
    return Scope(
        mode,
        group_name(block.text) if mode else None,
        "heading",
        block.level,
        block.index,
    )


def _read_block(block: Block, scope: Scope | None, people: People) -> Scope | None:
    """File the people of one block; return the scope a label-only line opens."""
    if scope is not None and scope.kind == "initials":
        people.add_initials_line(block, scope.group)
        return None
    if (
        (scope is None or scope.mode is None)
        and ":" not in block.text
        and len(block.text) > 60
        and split_label(block.text) is None  # "Present were Ann Lee, ..."
    ):
        return None  # body prose outside attendance: no label, nobody listed
    if block.kind == "paragraph" and is_table_header_line(block.text):
        return Scope("present", None, "initials", 0, block.index)
    bare = (
        _label_kind(block.text, block, scope, people)
        if block.kind == "paragraph"
        and len(block.text.split()) <= 4
        and ":" not in block.text
        else None
    )
    if bare is not None:
        # a bare "Present" / "Regrets" line (an HTML <dt>) labels what follows
        people.labelled |= bare == "present"
        return Scope(bare, group_name(block.text), "para", block.level, block.index)
    opened = None
    for text, offset in _segments(block.text):
        # a label-only line also files the lines after it in the same block
        opened = _read_segment(block, text, offset, opened or scope, people) or opened
    return opened


def _label_kind(
    label: str, block: Block, scope: Scope | None, people: People
) -> LabelKind | None:
    """What a label files people as here: "Board members:" counts at the head of
    the minutes or inside an attendance section, and is a mere mention elsewhere."""
    kind = classify_label(label)
    if kind != "members":
        return kind
    inside = scope is not None and scope.mode == "present"
    return "present" if inside or people.near_top(block.index) else None


def _read_segment(
    block: Block, text: str, offset: int, scope: Scope | None, people: People
) -> Scope | None:
    """File the people of one line; return the scope it opens when it is a label."""
    label = split_label(text)
    if label is None:
        _read_plain(block, text, offset, scope, people)
        return None
    name, rest_at = label
    rest = text[rest_at:]
    kind = _label_kind(name, block, scope, people)
    people.labelled |= kind == "present"
    if kind == "role" and not _role_allowed(block, scope, people):
        return None
    if kind is not None and not rest.strip():
        kind_of_block = "list" if block.kind == "list_item" else "para"
        return Scope(kind, group_name(name), kind_of_block, block.level, block.index)
    if kind is not None:
        _read_list(block, rest, offset + rest_at, kind, group_name(name), people)
        if kind in ("present", "absent") and block.kind == "paragraph":
            return Scope(kind, group_name(name), "more", block.level, block.index)
    elif scope is not None and scope.mode == "present":
        # "UNODC: Sarah Pirker, Billy Batware" under Present: a group label
        _read_list(
            block,
            rest,
            offset + rest_at,
            "present",
            group_name(name),
            people,
            strict=True,
        )
    return None


def _role_allowed(block: Block, scope: Scope | None, people: People) -> bool:
    """Role lines count in the header and in attendance sections, not in the body
    (an election result "Chair: Simon Davies" names no one present)."""
    return people.in_head(block.index) or (
        scope is not None and scope.mode in ("present", "absent", "role")
    )


def _segments(text: str) -> list[tuple[str, int]]:
    """Lines, "Chair: X | Minutes: Y" parts and run-together labels, with offsets."""
    pieces = []
    for seg in _SEGMENT.finditer(text):
        cuts = [0, *inner_label_starts(seg.group()), len(seg.group())]
        for start, end in itertools.pairwise(cuts):
            piece = seg.group()[start:end]
            if piece.strip():
                pieces.append((piece.rstrip(), seg.start() + start))
    return pieces


def _read_plain(
    block: Block, text: str, offset: int, scope: Scope | None, people: People
) -> None:
    if scope is None or scope.mode in (None, "other"):
        return
    if scope.mode == "role" and scope.kind != "heading":
        people.add_role(block, text, offset, scope.group or "")
        return
    _read_list(
        block,
        text,
        offset,
        scope.mode,
        scope.group,
        people,
        # "Present:" then "Ann" on a line of its own: one person, a first name
        single=block.kind == "list_item" or (scope.kind == "para" and " " not in text),
    )


def _read_list(
    block: Block,
    text: str,
    offset: int,
    kind: LabelKind,
    group: str | None,
    people: People,
    *,
    strict: bool = False,
    single: bool = False,
) -> None:
    """The people of a list line ("A (X); B (Y)", "A, B, C", one bullet)."""
    if kind == "role":
        people.add_role(block, text, offset, group or "")
        return
    if kind == "other":  # "Previous attendees: ...": people of another meeting
        return
    persons = people.persons(block, offset, len(text))
    entries = list_entries(
        text, block.kind == "list_item", single=single, persons=persons
    )
    if entries is None or (strict and not all(entry for entry, _ in entries)):
        return
    for entry, start in entries:
        if entry is None:
            continue
        # "Ann Lee (apologies)", "Bob Stone - absent" in a Present list
        absent = bool(entry.role) and classify_label(entry.role or "") == "absent"
        if kind == "present" and not absent:
            people.add(entry, block, offset + start, group)
        elif kind == "roster" and not absent:
            alias = bracket_initials(text[start:], entry.name)
            people.add_roster(entry, block, offset + start, group, alias)
        else:
            people.note_absent(entry, block, offset + start, group)
