"""Clock times and time zones: "15:00-16:30 CET", "2:00–3:00 p.m.", "1315hrs"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Zone abbreviations are matched case-sensitively: "est" or "cet" in prose are words.
ZONE_OFFSETS = {
    "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00", "WET": "+00:00", "BST": "+01:00",
    "CET": "+01:00", "WEST": "+01:00", "CEST": "+02:00", "EET": "+02:00",
    "EEST": "+03:00", "MSK": "+03:00", "EST": "-05:00", "EDT": "-04:00",
    "CST": "-06:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00",
    "PST": "-08:00", "PDT": "-07:00", "AWST": "+08:00", "AEST": "+10:00",
    "AEDT": "+11:00", "JST": "+09:00", "KST": "+09:00",
}
# US zones written without standard/daylight: the offset depends on the date.
US_ZONES = {"ET": -5, "CT": -6, "MT": -7, "PT": -8}
_ZONE = (r"(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?|"
         + "|".join(sorted([*ZONE_OFFSETS, *US_ZONES], key=len, reverse=True)))
_ZONE_RE = re.compile(rf"(?P<zone>{_ZONE})\b")
_OFFSET_RE = re.compile(r"[+\-−]\s?(\d{1,2})(?::?(\d{2}))?")
# "(Vienna time)", "Brussels time": a place, kept as text with no offset.
_PLACE_ZONE = r"[A-Z][a-z]+(?: [A-Z][a-z]+)? time"

_MERIDIEM = r"(?P<{0}>[ap]\.?\s?m\b\.?|[AP]\.?\s?M\b\.?|[ap](?![\w.]))"
# One clock time: 15:00, 3.30 pm, 2 p.m., 11a, 13h10, 1315hrs, 14:00h.
_CLOCK = (r"(?:(?P<{0}h>[01]?\d|2[0-3])(?:(?P<{0}sep>[:h])(?P<{0}m>[0-5]\d)"
          r"(?:h(?:rs?)?\b)?"
          r"|\.(?P<{0}dm>[0-5]\d)(?=\s?[apAP]\.?\s?[mM]))?\s?"
          + _MERIDIEM.format("{0}ap")
          + r"?|(?P<{0}h4>[01]\d|2[0-3])(?P<{0}m4>[0-5]\d)\s?(?:hrs?\b|h\b))")
_TIME_RE = re.compile(
    r"(?<![\w:./])" + _CLOCK.format("a")
    + r"(?:\s?(?:-|–|—|to|until|till)\s?" + _CLOCK.format("b") + r")?"
    + rf"(?:\s?\(?\s?(?:{_ZONE}|{_PLACE_ZONE})\)?)?(?![\w:])")
# A four-digit time is only a time with "hrs" or a zone: "1435 UTC" (else a year).
_FOUR_ZONE_RE = re.compile(
    rf"(?<![\w:./])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s?(?={_ZONE}\b)")


# "18.30–20.00" is a time only where a label or "at" says so (else it is a number).
_DOT_TIME_RE = re.compile(
    r"(?i:\b(?:time|at|from|between|opened|closed|start(?:ed|s)?|began|ended|close|open)"
    r"\b)[:\s]{1,3}(?P<a>(?:[01]?\d|2[0-3])\.[0-5]\d)(?:\s?(?:-|–|—|to|until)\s?"
    r"(?P<b>(?:[01]?\d|2[0-3])\.[0-5]\d))?(?![\d.]\d)"
    rf"(?:\s?\(?\s?(?P<zone>{_ZONE})\b\)?)?")
# What each of the two grammars above cannot match without: cheap scans (a regex
# opening on a digit class is fast) that skip the grammar on most texts.
_FOUR_ZONE_HINT = re.compile(r"\d\d\d\d\s?[A-Z]")  # "1435 UTC"
_DOT_TIME_HINT = re.compile(r"\d\.[0-5]\d")  # "18.30"


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A clock time or range of times as written, with its zone when one is stated."""

    start: int  # character offsets in the text searched
    end: int
    text: str
    start_time: str  # HH:MM, 24 h
    end_time: str | None = None
    zone: str | None = None  # as written: "CET", "GMT+1", "Vienna time"
    offset: str | None = None  # "+01:00"; None for a place name or no zone


def us_zone_offset(zone: str, day: dt.date) -> str | None:
    """The offset of "ET", "PT"... on a day: daylight time from March to November."""
    if zone not in US_ZONES:
        return None
    march = dt.date(day.year, 3, 8)
    start = march + dt.timedelta(days=(6 - march.weekday()) % 7)
    november = dt.date(day.year, 11, 1)
    end = november + dt.timedelta(days=(6 - november.weekday()) % 7)
    hours = US_ZONES[zone] + (1 if start <= day < end else 0)
    return f"-{-hours:02d}:00"


def zone_offset(zone: str) -> str | None:
    """UTC offset of a written zone: "CEST" -> "+02:00", "GMT+1" -> "+01:00"."""
    zone = zone.strip()
    if zone in ZONE_OFFSETS:
        return ZONE_OFFSETS[zone]
    m = _OFFSET_RE.search(zone)
    if not zone.startswith(("UTC", "GMT")) or not m:
        return None
    sign = "-" if zone[m.start()] in "-−" else "+"
    return f"{sign}{int(m.group(1)):02d}:{m.group(2) or '00'}"


def _clock(m: re.Match[str], key: str) -> tuple[int, int, str | None] | None:
    """(hour, minute, 'a'/'p'/None) of one side of a time match."""
    if m.group(f"{key}h4"):
        return int(m.group(f"{key}h4")), int(m.group(f"{key}m4")), None
    if m.group(f"{key}h") is None:
        return None
    minute = m.group(f"{key}m") or m.group(f"{key}dm")
    ap = m.group(f"{key}ap")
    return int(m.group(f"{key}h")), int(minute or 0), ap[0].lower() if ap else None


def _is_clock(m: re.Match[str], key: str) -> bool:
    """A bare number is not a time: it needs minutes, am/pm or 'hrs'."""
    return bool(m.group(f"{key}h4") or m.group(f"{key}m") or m.group(f"{key}dm")
                or m.group(f"{key}ap"))


def _to24(hour: int, ap: str | None) -> int:
    """12-hour clock to 24-hour."""
    if ap == "p" and hour < 12:
        return hour + 12
    if ap == "a" and hour == 12:
        return 0
    return hour


def _pair(m: re.Match[str]) -> tuple[str, str | None] | None:
    """Start and end as HH:MM; a final am/pm covers both ends when that keeps order."""
    a, b = _clock(m, "a"), _clock(m, "b")
    if a is None or a[0] > 23 or not (_is_clock(m, "a") or (b and _is_clock(m, "b"))):
        return None
    if b is None:
        return f"{_to24(a[0], a[2]):02d}:{a[1]:02d}", None
    end_h = _to24(b[0], b[2])
    start_h = _to24(a[0], a[2])
    # "2:00–3:00 p.m." is 14:00-15:00, but "10:00-12:00 PM" is 10:00 to noon.
    if a[2] is None and b[2] == "p" and start_h + 12 <= end_h:
        start_h += 12
    return f"{start_h:02d}:{a[1]:02d}", f"{end_h:02d}:{b[1]:02d}"


def _zone_of(text: str) -> tuple[str | None, str | None]:
    """The zone written in a time match, and its offset."""
    z = _ZONE_RE.search(text)
    if z:
        return z.group("zone"), zone_offset(z.group("zone"))
    place = re.search(_PLACE_ZONE, text)
    return (place.group(0), None) if place else (None, None)


def find_times(text: str) -> list[TimeMention]:
    """Every clock time or time range in `text`, in order."""
    found: list[TimeMention] = []
    for m in _TIME_RE.finditer(text):
        pair = _pair(m)
        if pair is None:
            continue
        zone, offset = _zone_of(m.group(0))
        found.append(TimeMention(m.start(), m.end(), m.group(0).strip(), pair[0],
                                 pair[1], zone, offset))
    taken = [(t.start, t.end) for t in found]
    four = _FOUR_ZONE_RE.finditer(text) if _FOUR_ZONE_HINT.search(text) else ()
    for m in four:
        if any(s <= m.start() < e for s, e in taken):
            continue
        rest = text[m.end():]
        zone = _ZONE_RE.match(rest)
        if zone:
            end, name = m.end() + zone.end(), zone.group("zone")
            found.append(TimeMention(m.start(), end, text[m.start():end],
                                     f"{m.group('h')}:{m.group('m')}", None,
                                     name, zone_offset(name)))
    dotted = _DOT_TIME_RE.finditer(text) if _DOT_TIME_HINT.search(text) else ()
    for m in dotted:
        if any(s <= m.start("a") < e for s, e in taken):
            continue
        end_time = m.group("b").replace(".", ":").zfill(5) if m.group("b") else None
        zone = m.group("zone")
        found.append(TimeMention(m.start("a"), m.end(), text[m.start("a"):m.end()],
                                 m.group("a").replace(".", ":").zfill(5), end_time,
                                 zone, zone_offset(zone) if zone else None))
    return sorted(found, key=lambda t: t.start)
