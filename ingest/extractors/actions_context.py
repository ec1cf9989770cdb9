"""What the blocks around a statement say about it: a proposal's lead-in, a
heading written as a list item, a thing done later in the same section."""

from __future__ import annotations

import re

from ingest.extractors.actions_words import content_stems, words
from ingest.extractors.context import ExtractionContext
from ingest.model import ActionItem

# Work done at the meeting itself: "this will be discussed under item 9",
# "We will merge them in the call", "later in the meeting".
WITHIN_MEETING = re.compile(
    r"\b(?:under\s+(?:agenda\s+)?item\s+\d|(?:in|during)\s+(?:the|this|today'?s)"
    r"\s+(?:call|meeting|session)\b|later\s+(?:in|on)\s+(?:the|this)\s+"
    r"(?:meeting|agenda|call)"
    # Taking the minutes or the chair is a role in this meeting, not later work.
    r"|\b(?:take|taking|took)\s+(?:the\s+)?(?:minutes|notes|chair)\b)",
    re.IGNORECASE)
# "Proposal: keep the sinks clear", "Question: ...": a topic put to the meeting.
TOPIC_LABEL = re.compile(
    r"^\W*(?:questions?|proposals?|ideas?|suggestions?|proposed)\s*:", re.IGNORECASE)
# "No Actions - this channel stays open": says there is no work.
NO_ACTIONS = re.compile(r"^\W*no\s+(?:actions?|action\s+items?|tasks)\b", re.IGNORECASE)
# A status line of its own after an action under review: it needs no more work.
STATUS_CLOSED = re.compile(
    r"^\W*(?:done|completed?|closed|finished|not\s+needed|no\s+longer\s+needed"
    r"|cancell?ed|dropped|withdrawn|obsolete)\W*$", re.IGNORECASE)
# "Send the letter to the council - done": reported as finished.
DONE_MARK = re.compile(
    r"(?:[\s(\[]|\s[-–—]\s*)(?:done|completed|complete|closed|finished)\W*$",
    re.IGNORECASE)
# "Title of the change #80": a GitHub issue's title, listed for discussion.
ISSUE_TITLE = re.compile(r"#\d+\)?\s*$")
_PROPOSAL = words("proposed proposes propose suggested suggests suggest considering")
_LOOK_BACK = 30  # blocks: a bullet's lead-in is close above it
_DONE_WINDOW = 3  # blocks after an action that may report it done
_DONE_SHARED = 2
# The verb an item's text commits to: "will amend", "to sign", "will be shared".
_VERB = re.compile(
    r"\b(?:will|would|should|shall|must|to|'ll|’ll)\s+(?:be\s+)?(?:\w+ly\s+)?"
    r"([a-z]{3,})\b")


def lead_in(ctx: ExtractionContext, index: int) -> str | None:
    """The text of the bullet or line a nested list item hangs under."""
    level = ctx.blocks[index].level
    for i in range(index - 1, max(-1, index - _LOOK_BACK), -1):
        block = ctx.blocks[i]
        if block.kind == "heading":
            return None
        if block.kind != "list_item" or block.level < level:
            return block.text if level > 0 else None
    return None


def under_proposal(lead: str | None) -> bool:
    """ "Ana proposed to:" heads proposals, not work given to anyone; so does a
    "Question: ..." or "Proposal: ..." line."""
    if lead is not None and TOPIC_LABEL.match(lead):
        return True
    return lead is not None and lead.rstrip().endswith(":") \
        and any(w in _PROPOSAL for w in lead.lower().split())


def heading_line(ctx: ExtractionContext, index: int) -> bool:
    """A lone list item or numbered line without a full stop that heads the prose
    after it: "2. Chair to sign the register"."""
    blocks = ctx.blocks
    block = blocks[index]
    if block.text.rstrip().endswith((".", "!", "?", ":", ";")):
        return False
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    before = blocks[index - 1] if index > 0 else None
    lone = block.kind == "list_item" and block.level == 0 and not (
        after is not None and after.kind == "list_item") and not (
        before is not None and before.kind == "list_item")
    numbered = block.kind == "paragraph" and re.match(r"^\s*\d+[.)]\s", block.text)
    return bool(lone or numbered) and after is not None and after.kind != "heading"


def done_later(ctx: ExtractionContext, item: ActionItem) -> bool:
    """Whether a block just after the item reports its work done: "We will amend
    the minutes of March" ... "Minutes of March amended"."""
    after = item.provenance.block + 1
    if after < len(ctx.blocks) and STATUS_CLOSED.match(ctx.blocks[after].text):
        return True  # "AI: Tom to fix X" then "Done" on its own line
    found = _VERB.search(item.text)
    if found is None:
        return False
    verb = found.group(1)
    passive = re.search(r"\bbe\s", found.group(0)) is not None
    past = {verb} if passive else {verb + "ed", verb + "d", verb[:-1] + "ied"}
    stems = content_stems(item.text) - {verb[:5]}
    start = item.provenance.block + 1
    for block in ctx.blocks[start:start + _DONE_WINDOW]:
        if block.kind == "heading":
            return False
        said = {w.strip(".,;:()").lower() for w in block.text.split()}
        shared = len(stems & content_stems(block.text))
        # The same work named again: most of what the item is about.
        if said & past and shared >= _DONE_SHARED and shared * 2 >= len(stems):
            return True
    return False
