"""Attendees nobody labelled: the run of "Name - Organisation" lines under a title."""

from __future__ import annotations

import re

from ingest.blocks import Block
from ingest.extractors.attendees_entries import Entry, parse_entry
from ingest.extractors.attendees_people import HEAD_BLOCKS, People

_NUMBERED = re.compile(r"\d|number|^[a-z]\.$|^[ivx]+\.$", re.IGNORECASE)


def read_unlabelled_head(blocks: list[Block], people: People) -> None:
    """The run of "Name - Organisation" lines near the top, when nothing is labelled.

    Only one run, starting within the first blocks: a list further down, or a
    numbered list, is an agenda or a list of something else.
    """
    run: list[tuple[Block, Entry]] = []
    for block in blocks:
        entry = (
            _head_line(block, people) if block.index < HEAD_BLOCKS + len(run) else None
        )
        if entry is not None:
            run.append((block, entry))
        elif run:
            break
    with_org = sum(1 for _, entry in run if entry.organisation)
    if len(run) >= 3 and (with_org >= 1 or len(run) >= 5):
        for block, entry in run:
            people.add(entry, block, 0, None)


def _head_line(block: Block, people: People) -> Entry | None:
    """A paragraph or bullet that is one person and nothing else."""
    if block.kind not in ("paragraph", "list_item") or not people.in_head(block.index):
        return None
    if block.style and _NUMBERED.search(block.style):
        return None
    entry = parse_entry(block.text)
    if entry is not None and entry.end < len(block.text.rstrip(" .;,")):
        return None  # more text after the person: prose, not a list line
    return entry
