"""Action tables: the header row names the columns; each row is one item."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.blocks import Block
from ingest.extractors.actions_due import due_date
from ingest.extractors.actions_owner import names_only
from ingest.extractors.actions_words import EMPTY_OWNERS, EMPTY_TEXT
from ingest.extractors.context import ExtractionContext
from ingest.model import ActionItem

_ACTION_COL = re.compile(
    r"^(?:actions?|action\s+(?:items?|points?|required|agreed)|tasks?|to-?\s?dos?"
    r"|follow[- ]?ups?)$", re.IGNORECASE)
# Used only when no column is named after actions: "Item" is often a number.
_TASK_COL = re.compile(r"^(?:what|items?|descriptions?|details)$", re.IGNORECASE)
_OWNER_COL = re.compile(
    r"^(?:owners?|who|responsible|responsibility|lead|assigned(?:\s+to)?|assignees?"
    r"|actionees?|by\s+whom|person|action\s+by)$", re.IGNORECASE)
_DUE_COL = re.compile(
    r"^(?:due|due\s+date|deadline|by\s+when|when|target(?:\s+date)?|date|by|timeline)$",
    re.IGNORECASE)
_STATUS_COL = re.compile(r"^(?:status|state|progress)$", re.IGNORECASE)
_DONE = re.compile(r"^\W*(?:done|closed|complete[d]?|finished|resolved|cancell?ed|"
                   r"dropped|n/?a)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\d\"“(])")


@dataclass(frozen=True, slots=True)
class Columns:
    action: int
    owner: int | None
    due: int | None
    status: int | None


def _cell(cells: tuple[str, ...], i: int | None) -> str:
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _columns(header: Block) -> Columns | None:
    """Which columns of an action table hold what, from its header row."""
    found: dict[str, int] = {}
    for i, cell in enumerate(header.cells):
        name = cell.strip().rstrip(":").strip()
        for key, pattern in (("action", _ACTION_COL), ("owner", _OWNER_COL),
                             ("due", _DUE_COL), ("status", _STATUS_COL),
                             ("task", _TASK_COL)):
            if key not in found and pattern.match(name):
                found[key] = i
                break
    # "What" or "Item" names the work only beside an owner or due column.
    if "action" not in found and "task" in found and {"owner", "due"} & found.keys():
        found["action"] = found["task"]
    if "action" not in found:
        return None
    return Columns(found["action"], found.get("owner"), found.get("due"),
                    found.get("status"))


def _table_item(ctx: ExtractionContext, block: Block,
                cols: Columns) -> ActionItem | None:
    text = _cell(block.cells, cols.action)
    if EMPTY_TEXT.match(text) or _DONE.match(_cell(block.cells, cols.status)):
        return None
    owner = _cell(block.cells, cols.owner)
    column = cols.action
    if cols.owner is None and names_only(text):
        # "Item | Minute | Action" with "JB" under Action: JB owns the minute.
        owner, (column, text) = text, _minute(block, cols)
        if not text:
            return None
    due_cell = _cell(block.cells, cols.due)
    start = block.cell_offsets()[column] + block.cells[column].find(text)
    return ActionItem(
        text=text, owner=None if owner.lower() in EMPTY_OWNERS else owner,
        due=due_date(ctx, due_cell, cell=True) if due_cell else None,
        provenance=ctx.provenance(block.index, start, start + len(text)))


def _minute(block: Block, cols: Columns) -> tuple[int, str]:
    """The last sentence of the row's longest other cell: what the owner is to do."""
    others = [i for i in range(len(block.cells))
              if i not in {cols.action, cols.due, cols.status}]
    if not others:
        return cols.action, ""
    column = max(others, key=lambda i: len(block.cells[i]))
    sentences = _SENTENCE_END.split(block.cells[column].strip())
    return column, sentences[-1].strip() if sentences else ""


def table_row(ctx: ExtractionContext, block: Block, table: int,
         columns: dict[int, Columns | None]) -> tuple[bool, ActionItem | None]:
    """A table row: whether it is claimed, and the item it states; a header row
    records its table's columns in `columns`."""
    if block.header:
        columns[table] = _columns(block)
        return True, None  # column names, not statements
    cols = columns.get(table)
    if cols is None or not _cell(block.cells, cols.action):
        return False, None  # a row with no action: its prose may still hold one
    return True, _table_item(ctx, block, cols)
