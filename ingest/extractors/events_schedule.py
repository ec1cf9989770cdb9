"""Schedules written as list items that open with a short date: "2/16 Ann - Git"."""

from __future__ import annotations

import re

from ingest.extractors.context import ExtractionContext
from ingest.extractors.dates import DateMention
from ingest.extractors.dates_calendar import Order
from ingest.extractors.dates_parts import is_valid, numeric_part
from ingest.extractors.events_titles import has_content, strip_phrase

# "3/2 Matt - Linux Server": day and month only, then a name. Alone such a start may
# be a house number ("11/12 Mill Street"); a run of items opening so is a schedule.
_LEADING = re.compile(r"^\s*(\d{1,2})/(\d{1,2})(?=\s+\S)")


def _leading(ctx: ExtractionContext, i: int) -> re.Match[str] | None:
    """The short date a list item opens with, when it opens with one."""
    block = ctx.blocks[i]
    return _LEADING.match(block.text) if block.kind == "list_item" else None


def _run_order(run: list[re.Match[str]], order: Order) -> Order:
    """One order for a whole schedule: "2/16" makes "3/2" the 2nd of March."""
    if any(int(m.group(2)) > 12 for m in run):
        return "mdy"
    return "dmy" if any(int(m.group(1)) > 12 for m in run) else order


def schedule_title(text: str, mention: DateMention) -> str | None:
    """What a schedule line names after its date: "Ann - Git basics"."""
    rest = strip_phrase(text[mention.end:].split("\n")[0])
    return rest if has_content(rest) and len(rest.split()) <= 8 else None


def add_schedule_dates(ctx: ExtractionContext,
                       mentions: list[list[DateMention]]) -> frozenset[int]:
    """Add the opening dates of two or more list items in a row to `mentions`.

    Returns the blocks that got one: their line after the date names the happening.
    """
    added: set[int] = set()
    leading = [_leading(ctx, i) if not mentions[i] else None
               for i in range(len(ctx.blocks))]
    runs: list[list[int]] = []
    for i, m in enumerate(leading):
        if m is not None and runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        elif m is not None:
            runs.append([i])
    for run in (r for r in runs if len(r) > 1):
        found = [m for m in (leading[i] for i in run) if m is not None]
        order = _run_order(found, ctx.date_order)
        for i, m in zip(run, found, strict=True):
            part = numeric_part(int(m.group(1)), int(m.group(2)), None, order)
            if is_valid(part):
                text = m.group(0).strip()
                mentions[i] = [DateMention(m.start(1), m.end(), text, part)]
                added.add(i)
    return frozenset(added)
