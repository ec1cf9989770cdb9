"""Actions the layout states: unchecked boxes, bullets under "Actions", owner lines.

Action tables are read by `actions_tables`; this module walks the blocks and
hands their rows over.
"""

from __future__ import annotations

import re

from ingest.blocks import Block
from ingest.extractors.actions_due import due_date
from ingest.extractors.actions_labels import (
    BULLET_LINE,
    TICKED_BOX,
    LabelOwner,
)
from ingest.extractors.actions_owner import (
    NOT_NAMES,
    names_only,
    owner_text,
    subject_tokens,
)
from ingest.extractors.actions_sections import section_kinds
from ingest.extractors.actions_tables import Columns, table_row
from ingest.extractors.actions_words import (
    EMPTY_OWNERS,
    EMPTY_TEXT,
    GROUP_WORDS,
    NAME_JOINERS,
    words,
)
from ingest.extractors.context import ExtractionContext
from ingest.model import ActionItem

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
_DASH_OWNER = re.compile(r"^\s*(?P<owner>[^:\-–—]{1,40}?)\s+[-–—]\s+(?P<task>\S.*)$",
                         re.S)
_INITIALS = 4
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
_ITEM_LABEL = re.compile(
    r"^\s*(?:\[\w+\]\s*)?(?:action(?:\s+items?|\s+points?)?|todo|to-do)\s*[:\-–]\s*",
    re.IGNORECASE)
_OWNER_LOWER = GROUP_WORDS | NAME_JOINERS | {"the"}
# Bullets in an action list that give no work: one word ("Roadmap", a topic
# whose sub-bullets are the work), cross-references ("see the bullet below"),
# questions ("How to ..."), aims, and work already done ("Kim has sent it").
_NO_TASK = re.compile(
    r"(?:see|cf|how|what|why|where|which|aim|aiming)\b"
    r"|\S+(?:\s+\S+)?\s+(?:has|have)\s+(?:already\s+)?(?:been\s+)?\w+ed\b",
    re.IGNORECASE)


def _owner_prefix(text: str, *, suffix: bool = True) -> tuple[str | None, str]:
    """Split "Owner: task" when the part before the colon names people; with
    `suffix`, "task - Owner" and the like too."""
    bracket = _BRACKET_OWNER.match(text)  # "[NL] Follow up ...", "[HP, NL] Gather"
    if bracket is not None and names_only(bracket.group("owner")):
        return bracket.group("owner").strip(), bracket.group("task").strip()
    dashed = _DASH_OWNER.match(text)  # "Group - Pre-read: the draft", "JB – send"
    if dashed is not None and _group_or_initials(dashed.group("owner")):
        return dashed.group("owner"), dashed.group("task").strip()
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


def _group_or_initials(owner: str) -> bool:
    """ "Group", "All members", "JB / KL": an owner even before a dash; "Budget"
    may be a topic."""
    names = owner.replace("/", " ").replace("&", " ").replace(",", " ").split()
    return 0 < len(names) <= _OWNER_LABEL_WORDS and all(
        n.lower() in GROUP_WORDS or n.lower() in {"and", "the"}
        or (n.isupper() and len(n) <= _INITIALS) for n in names)


def _owner_suffix(text: str) -> tuple[str | None, str]:
    """Split "task - Owner", "task (Owner)" or "task @owner" checklist lines."""
    found = _OWNER_SUFFIX.match(text)
    if found is None or len(found.group("task").split()) < 2:
        return None, text
    owner = (found.group("dashed") or found.group("bracketed")
             or found.group("handle")).strip()
    if not owner.startswith("@") and (not names_only(owner)
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
        text=text, owner=None if who.lower() in EMPTY_OWNERS else who,
        due=due_date(ctx, due.group("due"), cell=True) if due else None,
        provenance=ctx.provenance(at, start, start + len(text)))
    return item, 3 if due else 2


def _first_sentence(ctx: ExtractionContext, block: Block) -> tuple[int, int]:
    """The bullet's first sentence that marks a commitment, else its first one:
    "The society was de-registered. The new committee will need to re-register"."""
    doc = ctx.docs[block.index]
    sents = list(doc.sents)
    if not sents:
        return 0, len(block.text)
    # A verb of work marks a word, not a commitment: "Ideally survey ..."
    marked = {span.start for span in doc.spans.get("actions", [])
              if span.label_ != "IMPERATIVE"}
    for sent in sents:
        if any(sent.start <= i < sent.end for i in marked):
            return sent.start_char, sent.end_char
    return sents[0].start_char, sents[0].end_char


def _list_item(ctx: ExtractionContext, block: Block) -> ActionItem | None:
    """An unchecked box or a bullet under an Actions heading: one action."""
    start, end = _first_sentence(ctx, block) if block.checked is None \
        else (0, len(block.text))
    text = BULLET_LINE.sub("", block.text[start:end].strip())
    label = _ITEM_LABEL.match(text)
    if label is not None:  # "[NEW] ACTION: Ege to check ...", "TODO: ..."
        text = text[label.end():]
    if EMPTY_TEXT.match(text) or text.isupper() or (
            text.endswith(":") and len(text.split()) < _LEAD_IN_WORDS):
        return None  # "Present:", "LIST ACTIONS AND ACTIONEES"
    text = text.rstrip(":")
    owner, task = _owner_prefix(text)
    if len(task.split()) < 2 or _NO_TASK.match(task):
        return None
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
        if token.is_punct and token.text != ",":  # "Bo, Kim, and Lu to ..."
            break
    return None


def _box_or_bullet(ctx: ExtractionContext, block: Block,
                   kind: str) -> tuple[bool, ActionItem | None]:
    """A checkbox, or a bullet or owner line in an Actions section."""
    if block.checked is not None:
        # Ticked boxes are done; boxes in an attendance list or an agenda mark
        # who came and what was covered; a box holding only a name ("[ ] Luke
        # Emrose, Animal Logic") is a roll call.
        # "[ ] Group - Pre-read: the draft" gives work to a name.
        parts = block.text.split(" - ", 1)
        roll_call = names_only(parts[0]) and (len(parts) == 1 or names_only(parts[1]))
        todo = block.checked is False and kind not in {"skip", "decision"} \
            and not roll_call
        return True, _list_item(ctx, block) if todo else None
    if TICKED_BOX.match(block.text):
        return True, None  # "☒ Kim to send the list": done
    owned = block.kind in {"list_item", "paragraph"} and _assigned(block.text)
    bullet = block.kind == "list_item" or BULLET_LINE.match(block.text) is not None
    if (kind == "action" and (bullet or owned)) \
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
    labels = LabelOwner(ctx.blocks, kinds)
    columns: dict[int, Columns | None] = {}
    taken = 0  # blocks of a key-value item still to pass over
    bullet_level: int | None = None  # level of the last action bullet read
    for block in ctx.blocks:
        kind = kinds[block.index]
        if taken:
            taken -= 1
            claimed.add(block.index)
            continue
        if labels.see(block, kind):
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
            claim, item = table_row(ctx, block, block.table, columns)
        else:
            claim, item = _box_or_bullet(ctx, block, kind)
        bullet_level = block.level if kind == "action" and block.kind == "list_item" \
            and item is not None else None
        labels.give(item)
        if claim:
            claimed.add(block.index)
        if item is not None:
            items.append(item)
    return items, claimed
