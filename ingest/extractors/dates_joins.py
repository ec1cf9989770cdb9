"""Date mentions put together: ranges written as two dates, short years, times.

Helpers of `find_dates` (ingest.extractors.dates), kept apart to keep it small.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.extractors.dates_calendar import DateMention, DatePart
from ingest.extractors.times import TimeMention

# A range written as two full dates: "20/02 to 03/03", "30 May – 2 June 2023".
_JOIN_RE = re.compile(r"\s?(?:-|–|—|to|until|till|through)\s?", re.IGNORECASE)
# A name with a short year: "C3DIS'20", "PyCon’19" (a capital in the name).
_SHORT_YEAR = re.compile(r"(?<=\w)['’](?P<y>\d\d)(?![\w'’])")
_NAME_BEFORE = re.compile(r"[\w-]*[A-Z][\w-]*$")


def attach_time(text: str, mention: DateMention,
                times: list[TimeMention]) -> DateMention:
    """The time written right after the date ("22/03 15:00-16:30", "May 4 at 15:00")."""
    for t in times:
        gap = text[mention.end:t.start]
        if t.start >= mention.end and len(gap) <= 12 and re.fullmatch(
                r"[\s,:;()|—–-]*(?:at|from|between|,)?[\s(]*", gap, re.IGNORECASE):
            return replace(mention, time=t)
    return mention


def join_ranges(text: str, found: list[DateMention]) -> list[DateMention]:
    """Two dates joined by a dash or 'to' are one range: "20/02 to 03/03"."""
    out: list[DateMention] = []
    for mention in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.last is None and mention.last is None
                and prev.precision == mention.precision != "year"
                and _JOIN_RE.fullmatch(text[prev.end:mention.start])):
            first = prev.first
            if first.year is None and mention.first.year is not None:
                fits = (first.month or 0, first.day or 0) <= (
                    mention.first.month or 0, mention.first.day or 0)
                first = replace(first, year=mention.first.year - (0 if fits else 1))
            out[-1] = replace(prev, end=mention.end, text=text[prev.start:mention.end],
                              first=first, last=mention.first)
            continue
        out.append(mention)
    return out


def short_years(text: str) -> list[DateMention]:
    """The years of names written "C3DIS'20": the apostrophe and two digits."""
    if "'" not in text and "’" not in text:
        return []
    return [DateMention(m.start(), m.end(), m.group(0),
                        DatePart(2000 + int(m.group("y"))))
            for m in _SHORT_YEAR.finditer(text)
            if _NAME_BEFORE.search(text, 0, m.start())]
