"""Owner labels inside an action list: a line that only names whose items follow.

    Action Items
    **Erik**
    * re-purpose the education repo      (owner: Erik)
    *Continuation*                       (no name: Erik's list goes on)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.blocks import Block
from ingest.extractors.actions_owner import NOT_NAMES
from ingest.extractors.actions_sections import SectionKind
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

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        self.owner: str | None = None

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
