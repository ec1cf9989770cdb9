"""Actions the layout states: table rows, unchecked boxes, bullets under "Actions"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.blocks import Block
from ingest.extractors.actions_due import due_date
from ingest.extractors.actions_owner import NOT_NAMES, owner_text, subject_tokens
from ingest.extractors.actions_sections import section_kinds
from ingest.extractors.actions_words import GROUP_WORDS, NAME_JOINERS, words
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
_EMPTY_OWNER = frozenset({"", "-", "–", "—", "n/a", "tbd", "tbc", "?"})
_EMPTY_TEXT = re.compile(r"^\W*(?:none|nil|n/?a|nothing)?\W*$", re.IGNORECASE)
# "Darren Brookbanks: circulate ...", "Çağıl Uluşahin Sonmez & Chaim Kirby: ..."
_OWNER_PREFIX = re.compile(r"^\s*(?P<owner>[^:\n]{1,60}?)\s*:\s+(?P<task>\S.*)$", re.S)
_OWNER_WORDS = 7
# A line opening with these after "Name:" is someone speaking, not work given.
_SPOKEN_OPENERS = words("""
i we you it this that there they he she i'm we're i'll we'll yes no ok so will would
should can could is are was were do does did have has
""")
_LEAD_IN_WORDS = 3  # "Update documents for submission:" heads sub-items, still work
_OWNER_LABEL_WORDS = 4
_BRACKET_OWNER = re.compile(r"^\s*\[(?P<owner>[^\]]{1,40})\]\s+(?P<task>\S.*)$", re.S)
_OWNER_SUFFIX = re.compile(
    r"^(?P<task>.+?)(?:\s+[-–—]\s+(?P<dashed>[^()\-–—]{1,40})"
    r"|\s*\((?P<bracketed>[^()]{1,40})\)|\s+(?P<handle>@[\w-]+))\s*$", re.S)
# "Action: task" / "Owner: X" / "Due date: Y" written as separate lines.
_KV_ACTION = re.compile(r"^\W*action(?:\s+item)?\s*:\s*(?P<task>\S.*)$", re.I | re.S)
_KV_OWNER = re.compile(
    r"^\W*(?:owner|who|responsible|assigned\s+to|lead|actionee)\s*:\s*(?P<owner>\S.*)$",
    re.I | re.S)
_KV_DUE = re.compile(
    r"^\W*(?:due(?:\s+date)?|deadline|by\s+when|target\s+date|when)\s*:\s*(?P<due>\S.*)$",
    re.I | re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\d\"“(])")
_ITEM_LABEL = re.compile(
    r"^\s*(?:\[\w+\]\s*)?(?:action(?:\s+items?|\s+points?)?|todo|to-do)\s*[:\-–]\s*",
    re.IGNORECASE)
_OWNER_LOWER = GROUP_WORDS | NAME_JOINERS | {"the"}


@dataclass(frozen=True, slots=True)
class _Columns:
    action: int
    owner: int | None
    due: int | None
    status: int | None


def _cell(cells: tuple[str, ...], i: int | None) -> str:
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _columns(header: Block) -> _Columns | None:
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
    return _Columns(found["action"], found.get("owner"), found.get("due"),
                    found.get("status"))


def _owner_prefix(text: str, *, suffix: bool = True) -> tuple[str | None, str]:
    """Split "Owner: task" when the part before the colon names people; with
    `suffix`, "task - Owner" and the like too."""
    bracket = _BRACKET_OWNER.match(text)  # "[NL] Follow up ...", "[HP, NL] Gather"
    if bracket is not None and _names_only(bracket.group("owner")):
        return bracket.group("owner").strip(), bracket.group("task").strip()
    found = _OWNER_PREFIX.match(text)
    if found is None:
        return _owner_suffix(text) if suffix else (None, text)
    owner = found.group("owner").strip()
    if owner.lower() in NOT_NAMES:
        return None, text
    names = owner.replace("&", " & ").split()
    opener = names[0] if names else ""
    if not names or len(names) > _OWNER_WORDS or (
            not opener[:1].isupper() and opener[:1] != "@"
            and opener.lower() not in GROUP_WORDS):
        return None, text
    if any(not w[:1].isupper() and w[:1] != "@" and w.lower() not in _OWNER_LOWER
           for w in names):
        return None, text
    return owner, found.group("task").strip()


def _owner_suffix(text: str) -> tuple[str | None, str]:
    """Split "task - Owner", "task (Owner)" or "task @owner" checklist lines."""
    found = _OWNER_SUFFIX.match(text)
    if found is None or len(found.group("task").split()) < 2:
        return None, text
    owner = (found.group("dashed") or found.group("bracketed")
             or found.group("handle")).strip()
    if not owner.startswith("@") and (not _names_only(owner)
                                      or owner.lower() in NOT_NAMES):
        return None, text
    return owner, found.group("task").strip()


def _key_value_item(ctx: ExtractionContext, at: int) -> tuple[ActionItem | None, int]:
    """ "Action: task" then "Owner: X" and "Due date: Y" lines: one item.

    Returns the item and how many blocks it took (0: not this layout).
    """
    blocks = ctx.blocks
    task = _KV_ACTION.match(blocks[at].text)
    owner = _KV_OWNER.match(blocks[at + 1].text) if at + 1 < len(blocks) else None
    if task is None or owner is None:
        return None, 0
    due = _KV_DUE.match(blocks[at + 2].text) if at + 2 < len(blocks) else None
    text, start = task.group("task").strip(), task.start("task")
    who = owner.group("owner").strip()
    item = ActionItem(
        text=text, owner=None if who.lower() in _EMPTY_OWNER else who,
        due=due_date(ctx, due.group("due"), cell=True) if due else None,
        provenance=ctx.provenance(at, start, start + len(text)))
    return item, 3 if due else 2


def _table_item(ctx: ExtractionContext, block: Block,
                cols: _Columns) -> ActionItem | None:
    text = _cell(block.cells, cols.action)
    if _EMPTY_TEXT.match(text) or _DONE.match(_cell(block.cells, cols.status)):
        return None
    owner = _cell(block.cells, cols.owner)
    column = cols.action
    if cols.owner is None and _names_only(text):
        # "Item | Minute | Action" with "JB" under Action: JB owns the minute.
        owner, (column, text) = text, _minute(block, cols)
        if not text:
            return None
    due_cell = _cell(block.cells, cols.due)
    start = block.cell_offsets()[column] + block.cells[column].find(text)
    return ActionItem(
        text=text, owner=None if owner.lower() in _EMPTY_OWNER else owner,
        due=due_date(ctx, due_cell, cell=True) if due_cell else None,
        provenance=ctx.provenance(block.index, start, start + len(text)))


def _names_only(text: str) -> bool:
    """ "JB", "Clerk / Treasurer", "All": initials or names, no task."""
    names = text.replace("/", " ").replace("&", " ").replace(",", " ").split()
    return 0 < len(names) <= _OWNER_LABEL_WORDS and all(
        n[:1].isupper() or n.lower() in GROUP_WORDS for n in names)


def _minute(block: Block, cols: _Columns) -> tuple[int, str]:
    """The last sentence of the row's longest other cell: what the owner is to do."""
    others = [i for i in range(len(block.cells))
              if i not in {cols.action, cols.due, cols.status}]
    if not others:
        return cols.action, ""
    column = max(others, key=lambda i: len(block.cells[i]))
    sentences = _SENTENCE_END.split(block.cells[column].strip())
    return column, sentences[-1].strip() if sentences else ""


def _first_sentence(ctx: ExtractionContext, block: Block) -> tuple[int, int]:
    """The bullet's first sentence that marks a commitment, else its first one:
    "The society was de-registered. The new committee will need to re-register"."""
    doc = ctx.docs[block.index]
    sents = list(doc.sents)
    if not sents:
        return 0, len(block.text)
    marked = {span.start for span in doc.spans.get("actions", [])}
    for sent in sents:
        if any(sent.start <= i < sent.end for i in marked):
            return sent.start_char, sent.end_char
    return sents[0].start_char, sents[0].end_char


def _list_item(ctx: ExtractionContext, block: Block) -> ActionItem | None:
    """An unchecked box or a bullet under an Actions heading: one action."""
    start, end = _first_sentence(ctx, block) if block.checked is None \
        else (0, len(block.text))
    text = block.text[start:end].strip()
    label = _ITEM_LABEL.match(text)
    if label is not None:  # "[NEW] ACTION: Ege to check ...", "TODO: ..."
        text = text[label.end():]
    if _EMPTY_TEXT.match(text) or text.isupper() or (
            text.endswith(":") and len(text.split()) < _LEAD_IN_WORDS):
        return None  # "Present:", "LIST ACTIONS AND ACTIONEES"
    text = text.rstrip(":")
    owner, task = _owner_prefix(text)
    start += block.text[start:].find(task)
    if owner is None:
        owner = _lead_owner(ctx, block, start)
    return ActionItem(text=task, owner=owner, due=None,
                      provenance=ctx.provenance(block.index, start, start + len(task)))


def _lead_owner(ctx: ExtractionContext, block: Block, start: int) -> str | None:
    """ "The JRC will ...", "Volunteers to ...": the words before the verb."""
    doc = ctx.docs[block.index]
    first: int | None = None
    for token in doc:
        if token.idx < start:
            continue
        first = token.i if first is None else first
        if token.lower_ in {"will", "shall", "to", "should"}:
            return owner_text(subject_tokens(doc[first:token.i]))
        if token.is_punct:
            break
    return None


def _row(ctx: ExtractionContext, block: Block, table: int,
         columns: dict[int, _Columns | None]) -> tuple[bool, ActionItem | None]:
    """A table row: whether it is claimed, and the item it states."""
    if block.header:
        columns[table] = _columns(block)
        return True, None  # column names, not statements
    cols = columns.get(table)
    if cols is None or not _cell(block.cells, cols.action):
        return False, None  # a row with no action: its prose may still hold one
    return True, _table_item(ctx, block, cols)


def _box_or_bullet(ctx: ExtractionContext, block: Block,
                   kind: str) -> tuple[bool, ActionItem | None]:
    """A checkbox, or a bullet or owner line in an Actions section."""
    if block.checked is not None:
        # Ticked boxes are done; boxes in an attendance list or an agenda mark
        # who came and what was covered; a box holding only a name ("[ ] Luke
        # Emrose, Animal Logic") is a roll call.
        todo = block.checked is False and kind not in {"skip", "decision"} \
            and not _names_only(block.text.split(" - ")[0])
        return True, _list_item(ctx, block) if todo else None
    owned = block.kind in {"list_item", "paragraph"} and _assigned(block.text)
    if (kind == "action" and (block.kind == "list_item" or owned)) \
            or (kind == "decision" and owned):
        return True, _list_item(ctx, block)  # "Ingeborg: circulate the summary"
    return False, None


def _assigned(text: str) -> bool:
    """ "Luther: Introduce Soares to Juanita" gives work; "APP: We need more
    reviewers" is someone speaking."""
    owner, task = _owner_prefix(text, suffix=False)
    first = task.split(maxsplit=1)[0].lower() if task.split() else ""
    return owner is not None and first not in _SPOKEN_OPENERS


def structured_items(ctx: ExtractionContext) -> tuple[list[ActionItem], set[int]]:
    """The structured action items and the blocks they come from."""
    items: list[ActionItem] = []
    claimed: set[int] = set()
    kinds = section_kinds(ctx.blocks)
    columns: dict[int, _Columns | None] = {}
    taken = 0  # blocks of a key-value item still to pass over
    bullet_level: int | None = None  # level of the last action bullet read
    for block in ctx.blocks:
        kind = kinds[block.index]
        if taken:
            taken -= 1
            claimed.add(block.index)
            continue
        if kind == "action" and block.kind == "list_item" and bullet_level is not None \
                and block.level > bullet_level:
            claimed.add(block.index)  # a detail of the action above, not another one
            continue
        item, taken = _key_value_item(ctx, block.index) \
            if block.kind != "table_row" else (None, 0)
        if item is not None:
            taken -= 1
            claim = True
        elif block.kind == "table_row" and block.table is not None:
            claim, item = _row(ctx, block, block.table, columns)
        else:
            claim, item = _box_or_bullet(ctx, block, kind)
        bullet_level = block.level if kind == "action" and block.kind == "list_item" \
            and item is not None else None
        if claim:
            claimed.add(block.index)
        if item is not None:
            items.append(item)
    return items, claimed
