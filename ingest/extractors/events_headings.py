"""Names a dated happening takes from the layout: a table's cells, a heading above."""

from __future__ import annotations

import re

from ingest.blocks import Block
from ingest.extractors.context import ExtractionContext
from ingest.extractors.dates import DateMention, find_dates
from ingest.extractors.events_titles import EVENT_NOUN, has_content, strip_phrase

# What may stand beside a date on a line of its own: a weekday, "at", a time.
# "Date: 30 June", "Date is week of June 28": a label that says only "when".
_ONLY_DATE = re.compile(
    r"^[\W\d_]*(?:(?:date|when)(?:\s+is)?(?:\s+(?:the\s+)?week\s+of)?\b[\W\d_]*)?"
    r"(?:(?:at|from|to|on|the|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    r"\b[\W\d_]*|[ap]\.?m\.?\b[\W\d_]*|hrs?\b[\W\d_]*)*$", re.IGNORECASE)


def cell_title(ctx: ExtractionContext, block: int, mention: DateMention) -> str | None:
    """In a table row whose date has a cell to itself, another cell names the event."""
    row = ctx.blocks[block]
    if row.kind != "table_row":
        return None
    for offset, cell in zip(row.cell_offsets(), row.cells, strict=True):
        if offset <= mention.start < offset + len(cell) + 1:
            rest = cell[:mention.start - offset] + cell[mention.end - offset:]
            if has_content(rest):
                return None  # the cell itself says what is dated
    names = [c.strip() for c in row.cells if has_content(c) and not find_dates(c)]
    return names[0] if names else None


def heading_title(ctx: ExtractionContext, block: int,
                  mention: DateMention) -> str | None:
    """A date alone under a heading ("### Next Meeting" / "July 22nd 2015") is it.

    "" when the line above is another dated entry ("- 12 May – Open day"): a date
    alone in a list of dates names nothing, and takes no name from its neighbour.
    """
    text = ctx.blocks[block].text
    end = mention.time.end if mention.time else mention.end
    if block == 0 or not _ONLY_DATE.match(text[:mention.start] + " " + text[end:]):
        return None
    above = ctx.blocks[block - 1]
    if find_dates(above.text):
        return ""
    above = _parent(ctx, block) or above
    label = above.text.strip()
    short = len(label.split()) <= 6 and not label.endswith(".")
    if above.kind != "heading" and not label.endswith(":") and not short:
        return None
    label = strip_phrase(label)
    return label if has_content(label) and len(label.split()) <= 8 else None


def _parent(ctx: ExtractionContext, block: int) -> Block | None:
    """The item a nested list item sits under, the nearest naming a happening.

    "1. Hackathon" > "Complete" > "Date is week of June 28": the hackathon.
    """
    item = ctx.blocks[block]
    if item.kind != "list_item" or item.level == 0:
        return None
    level, first = item.level, None
    for above in reversed(ctx.blocks[max(0, block - 40):block]):
        if above.kind != "list_item" or above.level < level:
            if EVENT_NOUN.search(above.text):
                return above
            first = first or above
            if above.kind != "list_item" or above.level == 0:
                break
            level = above.level
    return first
