"""The body holding the meeting: its acronym after a name is membership.

In "Node Foundation TSC Meeting", "Colin Ihrig (TSC)" says Colin sits on the
TSC, as "voting member" would: a role, not the organisation he comes from.
The body is an acronym the meeting's title puts right before its meeting word
("TSC Meeting", "PMC Weekly Call") or after "Meeting of the", or spells out
there ("Technical Steering Committee Meeting").
"""

from __future__ import annotations

import re

from ingest.extractors.context import ExtractionContext
from ingest.model import Attendee

_MEETING_WORD = (
    r"(?i:meeting|call|minutes|teleconference|telecon|session|sync|stand-?up)\b"
)
# "TSC Meeting", "PMC Weekly Call"; one plain word may stand between.
_BEFORE = re.compile(
    rf"\b([A-Z][A-Z0-9&]{{1,7}})(?=(?:\s+[A-Za-z][a-z]+)?\s+{_MEETING_WORD})"
)
# "Technical Steering Committee Meeting": the capitalised words before it.
_NAMED = re.compile(rf"((?:\b[A-Z][\w&\-]*\s+){{2,6}}){_MEETING_WORD}")
_AFTER = re.compile(r"(?i:meeting|minutes)\s+of\s+(?:the\s+)?([A-Z][A-Z0-9&]{1,7})\b")


def meeting_bodies(ctx: ExtractionContext) -> set[str]:
    """Acronyms of the body the title says holds the meeting ("TSC", "PMC")."""
    titles = [ctx.meeting.title, ctx.raw.title]
    first = next((b for b in ctx.blocks if b.kind == "heading"), None)
    if first is not None:
        titles.append(first.text)
    found: set[str] = set()
    for title in filter(None, titles):
        found.update(m.group(1) for m in _BEFORE.finditer(title))
        found.update(m.group(1) for m in _AFTER.finditer(title))
        for named in _NAMED.finditer(title):
            found.update(_initials(named.group(1).split()))
    return found


def _initials(words: list[str]) -> set[str]:
    """The acronyms the last words of a body's name make ("TSC", "SC", ...)."""
    return {
        "".join(word[0] for word in words[-size:]).upper()
        for size in range(2, len(words) + 1)
    }


def drop_body_organisations(ctx: ExtractionContext, attendees: list[Attendee]) -> None:
    """Read "Name (TSC)" in a TSC meeting as a role: membership of the body."""
    bodies = meeting_bodies(ctx)
    for attendee in attendees:
        if attendee.organisation in bodies:
            attendee.role = attendee.role or attendee.organisation
            attendee.organisation = None
