"""Scopes: what a heading or label files the blocks under it as, and how far."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.blocks import Block
from ingest.extractors.attendees_labels import LabelKind
from ingest.extractors.attendees_lists import is_people_line
from ingest.extractors.attendees_tables import read_initials_line

# What a line of a list shows: separators, a bracket, a dash before a detail.
_LISTY = re.compile(r"[,;(&]|\s[-–—]\s|\sand\s")


@dataclass(slots=True)
class Scope:
    """What the blocks under a heading or label file people as, and how far it goes."""

    mode: LabelKind | None
    group: str | None
    # "heading", "list" (a list item label), "para", "initials" (flat table),
    # "more" (lines that go on with a label's list)
    kind: str
    level: int
    block: int


def continues(label: Scope, block: Block) -> bool:
    """Whether `block` is still under the label line that opened `label`."""
    if label.kind == "list":
        return block.kind == "list_item" and block.level > label.level
    if label.kind == "initials":
        return block.kind == "paragraph" and read_initials_line(block.text) is not None
    if label.kind == "more":  # more lines of the list a "Present: A, B" began
        # "Vicky Bright – Clerk", "Ann Lee, Bob Stone": a bare "Village Green" is
        # more likely a heading than a person
        return (
            block.kind == "paragraph"
            and _LISTY.search(block.text) is not None
            and is_people_line(block.text)
        )
    if block.kind in ("list_item", "table_row"):
        return True
    # the paragraph right after the label ("dd"), and more lines of people only
    return block.kind == "paragraph" and (
        block.index == label.block + 1 or is_people_line(block.text)
    )
