"""Due dates of action items: a date the text gives as a deadline ("by 9 June")."""

from __future__ import annotations

import re

from ingest.extractors.context import ExtractionContext
from ingest.extractors.dates import find_dates, parse_iso, resolve
from ingest.model import ActionItem

# Words that make the date after them a deadline; "in mid-July" is when a thing
# happens, not when work is due. A weekday may come between: "by next Wednesday
# (2024-04-27)".
_DEADLINE_CUE = re.compile(
    r"(?:\bby|\bbefore|\buntil|\btill|\bdue(?:\s+(?:on|by))?|\bdeadline:?|"
    r"\bno later than|\bon or before)\s*(?:(?:next|this|coming)\s+\w+\s*)?\(?\s*"
    r"(?:the\s+)?$", re.IGNORECASE)
# "should do it before this date": the date named just before the statement.
_THIS_DATE = re.compile(r"\b(?:by|before|until|on)\s+(?:this|that|the same)\s+date\b",
                        re.IGNORECASE)


def due_date(ctx: ExtractionContext, text: str, *, cell: bool = False) -> str | None:
    """ISO due date written in `text`; a due-column `cell` needs no cue word."""
    meeting_date = parse_iso(ctx.meeting.date)
    for mention in find_dates(text, order=ctx.date_order):
        before = text[max(0, mention.start - 40):mention.start]
        if cell or _DEADLINE_CUE.search(before):
            start, _ = resolve(mention, meeting_date=meeting_date)
            # Without a meeting date a yearless date resolves to "--06-26": no ISO.
            return None if start.startswith("-") else start
    return None


def item_due(ctx: ExtractionContext, item: ActionItem) -> str | None:
    """An item's due date from its text, or from the date "this date" points back to."""
    due = due_date(ctx, item.text)
    if due is not None or not _THIS_DATE.search(item.text):
        return due
    before = ctx.blocks[item.provenance.block].text[:item.provenance.start]
    mentions = find_dates(before, order=ctx.date_order)
    if not mentions:
        return None
    start, _ = resolve(mentions[-1], meeting_date=parse_iso(ctx.meeting.date))
    return start
