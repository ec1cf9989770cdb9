"""Sections that matter to action items: "Actions" lists, and sections without any."""

from __future__ import annotations

import re
from typing import Literal

from ingest.blocks import Block

SectionKind = Literal["action", "skip", ""]

_NUMBER = r"^\W*(?:\d+(?:\.\d+)*[.)]?\s*)?"
# The whole heading names an action list: "Actions", "Action points", "Next steps".
ACTION_HEADING = re.compile(
    _NUMBER + r"(?:(?:new|open|outstanding|agreed|summary of)\s+)?"
    r"(?:action(?:s|\s+items?|\s+points?|\s+list|\s+log|\s+summary|s\s+agreed)?"
    r"|to-?\s?dos?|follow[- ]?ups?|next\s+steps|tasks|assignments)\W*$", re.IGNORECASE)
# Sections whose sentences are not work to do: what was decided, who came, the
# agenda, items carried over from before the meeting, tool output.
SKIP_HEADING = re.compile(
    _NUMBER + r"(?:decisions?|resolutions?|agreed|agenda|attendees|attendance|present"
    r"|members present|participants|apologies|regrets|absent|diagnostics"
    r"|.*\bprevious\b.*\bactions?\b)", re.IGNORECASE)
_LABEL_WORDS = 5


def _label(block: Block) -> bool:
    """A short line ending in a colon that heads what follows: "Action items:"."""
    text = block.text.strip()
    return block.kind in {"paragraph", "list_item"} and text.endswith(":") \
        and len(text.split()) <= _LABEL_WORDS


def _kind(text: str) -> SectionKind:
    text = text.strip().rstrip(":")
    if ACTION_HEADING.match(text):
        return "action"
    return "skip" if SKIP_HEADING.match(text) else ""


def section_kinds(blocks: list[Block]) -> list[SectionKind]:
    """For each block, the kind of section it sits in (headings are their own)."""
    kinds: list[SectionKind] = []
    stack: list[tuple[int, SectionKind]] = []  # (heading level, kind)
    label: SectionKind = ""
    for block in blocks:
        if block.kind == "heading":
            level = block.level or 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, _kind(block.text)))
            label = ""
            kinds.append("")
            continue
        if _label(block):
            label = _kind(block.text)
            kinds.append("")
            continue
        # An action list reaches into its sub-sections; a skipped section does
        # not: minutes often hang the whole discussion under "## Agenda".
        nearest = stack[-1][1] if stack else ""
        if not nearest and any(kind == "action" for _, kind in stack):
            nearest = "action"
        kinds.append(label or nearest)
    return kinds
