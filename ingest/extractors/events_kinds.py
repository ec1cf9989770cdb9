"""What kind of happening a dated event is: its name and the verb that dates it."""

from __future__ import annotations

import re

from ingest.model import EventKind

_KINDS: list[tuple[EventKind, re.Pattern[str]]] = [
    ("deadline", re.compile(
        r"\bdeadline|\bapplications?\b|\bregistrations?\b|\bsubmissions?\b|\bcloses?\b|"
        r"\bcfp\b|\bcall for\b|\bnominations?\b|\bfrozen\b|\bdue\b(?!\s+to\b)|"
        r"\bby(?:\s+the)?\s*$", re.I)),
    ("side_event", re.compile(r"\bside[\s-]events?\b|\bparallel\s+events?\b", re.I)),
    ("meeting", re.compile(
        r"\bprepar\w*\s+meetings?\b|\bbriefings?\b|\bcheck\b", re.I)),
    ("dialogue", re.compile(r"\bdialogues?\b|\bCDs?\s+on\b", re.I)),
    ("session", re.compile(
        r"\bsessions?\b|\bcommission\b|\bcongress\b|\bintersessional\b|\bassembly\b|"
        r"\bplenary\b|\bCoP\b|\bconference of the parties\b", re.I)),
    ("meeting", re.compile(
        r"\bmeetings?\b|\bconsultations?\b|\bwebinars?\b|\btown\s+hall\b|\bcalls?\b|"
        r"\bworkshops?\b|\bintroduction day\b|\bhearings?\b|\bSC\b|\bAGM\b", re.I)),
]


def event_kind(title: str) -> EventKind:
    """The kind a happening's name implies (side events before deadlines before...)."""
    for kind, pattern in _KINDS:
        if pattern.search(title):
            return kind
    return "other"


def event_kind_in(title: str, sentence: str, pos: int) -> EventKind:
    """The kind of a happening: from its name and the verb that dates it."""
    quoted = re.search(rf"[\"“]{re.escape(title)}[\"”]", sentence)
    where = sentence.find(title)
    context = sentence[max(0, where - 60):where] if where >= 0 else ""
    if quoted and event_kind(context) != "other":
        return event_kind(context)
    verb = sentence[where + len(title):pos] if 0 <= where < pos else ""
    kind = event_kind(f"{title} {verb}")
    return kind if kind != "other" else event_kind(context)
