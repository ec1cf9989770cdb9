"""Where a dated happening takes place and at what time, from the words by its date."""

from __future__ import annotations

import re

from ingest.extractors.dates import TimeMention, find_times

# Before the date: "will be held in Vienna from 22 to 26 May", "take place online on".
_PLACE_BEFORE = re.compile(
    r"\b(?:held|take\s+place|takes\s+place|meet|meets)\s+(?:(?P<online>online|remotely)\b|"
    r"(?:at|in)\s+(?P<place>(?:the\s)?[A-Z][\w-]*(?:\s[A-Z][\w-]*)*))(?P<bare>)")
# After a date and its time: "in Board Room D at the Vienna International Centre",
# ", E-Building Vienna", "(remote)"; the caller starts after the date's time.
_PLACE = re.compile(
    r"^[\s,);]*(?:(?:in|at)\s+(?P<place>(?:the\s)?[A-Z][\w-]*"
    r"(?:\s(?:[A-Z0-9][\w-]*|at|of|the))*)"
    r"|\(?(?P<online>online|remote|virtual)\b"
    r"|(?P<bare>[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,3})(?=\s*(?:[,.;)]|$)))")


def time_after(text: str, end: int) -> TimeMention | None:
    """A time in the rest of a date's clause: "Feb 19: Town Hall (11a PST)"."""
    rest = re.split(r"[.;]\s|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}", text[end:end + 60])[0]
    times = find_times(rest)
    return times[0] if times else None


def place_of(text: str, pos: int, end: int) -> str | None:
    """Where it happens: "in Room M7 at the VIC" after the date, "held in X" before."""
    m = _PLACE.match(text[end:])
    if m is None:
        m = _PLACE_BEFORE.search(text[max(0, pos - 80):pos])
        if m is None:
            return None
    if m.group("online"):
        return m.group("online")
    place = (m.group("place") or m.group("bare") or "").strip(" ,")
    place = re.sub(r"^the\s", "", place)
    return place if 0 < len(place.split()) <= 8 else None
