"""Attendance tables: a Name / Organisation table, a table whose columns are groups,
and a table flattened to lines ("Bert Van Nuffelen BVN Tenforce") by a PDF reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ingest.blocks import Block
from ingest.extractors.attendees_entries import Entry, clean_organisation, parse_entry
from ingest.extractors.attendees_labels import (
    classify_label,
    group_name,
    is_absent_cell,
    is_present_mark,
    status_column,
    table_columns,
)
from ingest.extractors.names import is_initials_token, looks_like_name

if TYPE_CHECKING:
    from ingest.extractors.attendees_people import People


def read_table(
    rows: list[Block],
    group: str | None,
    people: People,
    *,
    head_region: bool,
    absent: bool = False,
) -> None:
    """File the people of one table: by its Name column, or by group columns.

    Under an Apologies / Absent label (`absent`) the Name column's people are
    filed as absent; a table whose columns are groups says nothing there."""
    header = rows[0].cells if is_header(rows[0]) else None
    if (
        header
        and table_columns(header)[0] is None
        and _headerless_columns(rows, group)[0] == 0
    ):
        header = None  # "Ann Lee | Acme Corp" a reader took for a header: a person
    body = rows[1:] if header else rows
    columns = table_columns(header) if header else _headerless_columns(body, group)
    name_col, org_col = columns
    if name_col is not None:
        if absent:
            _read_name_column(body, columns, None, group, people, absent=True)
        elif group is not None or head_region or org_col is not None:
            col = status_column(header, {name_col, org_col}) if header else None
            status = (col, header[col]) if header and col is not None else None
            _read_name_column(body, columns, status, group, people)
        return
    if (group is not None or head_region) and not absent:
        _read_group_columns(header, body, group, people)


def table_end(blocks: list[Block], start: int) -> int:
    """The index after the last row of the table that starts at `start`."""
    end = start + 1
    while (
        end < len(blocks)
        and blocks[end].kind == "table_row"
        and blocks[end].table == blocks[start].table
    ):
        end += 1
    return end


def is_header(row: Block) -> bool:
    """A header row: flagged by the reader, or naming a Name column in words."""
    # a plain Word table has no header flag: "Attendee | Affiliation" tells
    if row.header:
        return True
    name, _ = table_columns(row.cells)
    return name is not None and parse_entry(row.cells[name]) is None


def says_who_came(first: Block, label_mode: str | None) -> bool:
    """After an absence label, a table with a Present column: it says who came."""
    if label_mode != "absent" or not is_header(first):
        return False
    name, org = table_columns(first.cells)
    return name is not None and status_column(first.cells, {name, org}) is not None


def _headerless_columns(
    body: list[Block], group: str | None
) -> tuple[int | None, int | None]:
    """Under an attendance label, a table without header: names, then bodies."""
    if group is None or not body or any(len(row.cells) != 2 for row in body):
        return None, None
    names = [parse_entry(row.cells[0]) for row in body]
    others = [parse_entry(row.cells[1]) for row in body if row.cells[1].strip()]
    if all(names) and not all(others):
        return 0, 1
    return None, None


def _read_group_columns(
    header: tuple[str, ...] | None, body: list[Block], group: str | None, people: People
) -> None:
    """A table of names only: each column header is the group of the names under it."""
    cells = [
        (row, col) for row in body for col, cell in enumerate(row.cells) if cell.strip()
    ]
    entries = [parse_entry(row.cells[col]) for row, col in cells]
    if len(body) < 2 or not all(
        e and not e.organisation and e.end >= len(row.cells[col].strip())
        for e, (row, col) in zip(entries, cells, strict=True)
    ):
        return
    for entry, (row, col) in zip(entries, cells, strict=True):
        label = header[col] if header and col < len(header) else None
        kind = classify_label(label) if label else None
        if kind == "absent":  # a "Present | Apologies" table
            people.note_absent(
                entry, row, row.cell_offsets()[col], group_name(label or "") or group
            )
        elif kind in (None, "present"):
            people.add(
                entry, row, row.cell_offsets()[col], group_name(label or "") or group
            )


def _read_name_column(
    body: list[Block],
    columns: tuple[int, int | None],
    status: tuple[int, str] | None,
    group: str | None,
    people: People,
    *,
    absent: bool = False,
) -> None:
    name_col, org_col = columns
    marked = status is not None and any(
        is_present_mark(_cell(row, status[0])) for row in body
    )
    for row in body:
        if name_col >= len(row.cells):
            continue
        entry = parse_entry(row.cells[name_col])
        if entry is None:
            continue
        if org_col is not None and org_col < len(row.cells):
            org = clean_organisation(row.cells[org_col])
            entry = Entry(entry.name, org, entry.role, entry.start, entry.end)
        if status is not None and is_absent_cell(
            _cell(row, status[0]), status[1], marked=marked
        ):
            people.note_absent(entry, row, row.cell_offsets()[name_col], group)
            continue
        file = people.note_absent if absent else people.add
        file(entry, row, row.cell_offsets()[name_col], group)


def _cell(row: Block, col: int) -> str:
    return row.cells[col] if col < len(row.cells) else ""


def read_initials_line(text: str) -> Entry | None:
    """A row of a table a reader flattened to one line: "Name INITIALS Organisation"."""
    tokens = text.split()
    for cut in range(2, min(len(tokens), 6)):
        name = " ".join(tokens[:cut])
        if looks_like_name(name) and is_initials_token(tokens[cut], name):
            rest = " ".join(tokens[cut + 1 :])
            org = clean_organisation(rest) if rest else None
            end = len(text.rstrip())
            return Entry(name=name, organisation=org, role=None, start=0, end=end)
    return None
