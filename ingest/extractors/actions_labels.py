"""Owner labels inside an action list: a line that only names whose items follow.

    Action Items
    **Erik**
    * re-purpose the education repo      (owner: Erik)
    *Continuation*                       (no name: Erik's list goes on)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from ingest.blocks import Block
from ingest.extractors.actions_owner import NOT_NAMES, names_only
from ingest.extractors.actions_sections import SectionKind
from ingest.extractors.context import ExtractionContext
from ingest.model import ActionItem

# "*Erik*", "**Ana Ruiz**", "Erik:" — emphasis and a colon are no part of it.
_WRAPPING = " *_:"
_LABEL_WORDS = 3
# Names the document writes capitalised after a lower-case word: "asked Erik".
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,;)\]])[ \t]+\[?([A-Z][\w'’-]*)")
# A paragraph that a reader kept with its bullet: "* add the repo".
BULLET_LINE = re.compile(r"^[*•·‣◦▪☐-][ \t]+(?=\S)")
# A box a Word document kept as a glyph, ticked: the work is done.
TICKED_BOX = re.compile(r"^\s*[☒☑✓✔✅]")


def known_names(blocks: Sequence[Block],
                kinds: Sequence[SectionKind]) -> frozenset[str]:
    """Words the document uses as names: in mid-sentence, or heading a line of
    an attendance list."""
    found = {word for block in blocks
             for word in _MID_SENTENCE_CAPITAL.findall(block.text)}
    found.update(block.text.split()[0].strip(_WRAPPING) for block in blocks
                 if kinds[block.index] == "skip" and block.text.split())
    return frozenset(found)


class LabelOwner:
    """The owner an action list's name label gives the items under it."""

    def __init__(self, blocks: Sequence[Block], kinds: Sequence[SectionKind]) -> None:
        self.blocks, self.kinds = blocks, kinds
        self.owner: str | None = None

    @cached_property
    def names(self) -> frozenset[str]:
        """The document's names, read only when a label needs them."""
        return known_names(self.blocks, self.kinds)

    def see(self, block: Block, kind: SectionKind) -> bool:
        """Follow the blocks; True when this one is a name label (no item)."""
        if block.kind == "heading" or kind != "action":
            self.owner = None
            return False
        if block.kind != "paragraph":
            return False
        text = block.text.strip().strip(_WRAPPING)
        words = text.split()
        if not words or len(words) > _LABEL_WORDS or BULLET_LINE.match(block.text) \
                or any(not w[:1].isupper() or w.lower() in NOT_NAMES for w in words):
            return False
        if words[0] not in self.names:
            return True  # "*Continuation*": a sub-label, the list goes on
        self.owner = text
        return True

    def give(self, item: ActionItem | None) -> None:
        """Give an item that names no owner the label's owner."""
        if item is not None and item.owner is None:
            item.owner = self.owner


# "Volunteers: Eric, Ryan" under an item: the item is work, and theirs.
_VOLUNTEERS = re.compile(
    r"^\W*(?:volunteers?|assignees?|assigned\s+to|owners?)\s*:\s*(?P<who>\S.*?)\W*$",
    re.IGNORECASE | re.S)
# "Carol: Decision proposal - ", "Decision: " before the item's own words.
_PARENT_LABEL = re.compile(
    r"^(?:[^:\n]{1,30}:\s+)?(?:(?:decision|proposal|decision\s+proposal|agreed)"
    r"\s*[:\-–—]\s*)", re.IGNORECASE)
_PARENT_LOOK_BACK = 12


def volunteered_items(ctx: ExtractionContext) -> tuple[list[ActionItem], set[int]]:
    """Items a "Volunteers: ..." sub-bullet gives owners, and the blocks read."""
    items: list[ActionItem] = []
    used: set[int] = set()
    for block in ctx.blocks:
        found = _VOLUNTEERS.match(block.text) if block.kind == "list_item" else None
        if found is None or not names_only(found.group("who").replace(",", " ")):
            continue
        parent = _parent(ctx.blocks, block)
        if parent is None:
            continue
        label = _PARENT_LABEL.match(parent.text)
        start = label.end() if label else 0
        text = parent.text[start:].strip()
        items.append(ActionItem(
            text=text, owner=found.group("who").strip(), due=None,
            provenance=ctx.provenance(parent.index, start, start + len(text))))
        used.update({block.index, parent.index})
    return items, used


def _parent(blocks: Sequence[Block], block: Block) -> Block | None:
    """The list item `block` hangs under."""
    for i in range(block.index - 1, max(-1, block.index - _PARENT_LOOK_BACK), -1):
        if blocks[i].kind != "list_item":
            return None
        if blocks[i].level < block.level:
            return blocks[i]
    return None
