"""The graph's events as an iCalendar feed (RFC 5545).

Decisions, so that calendar clients show what the minutes say and nothing more:

- UID is `event-<key>@minutegraph`; it never changes for an event.
- DTSTAMP is when the event entered the graph (the store's revision time, as
  RFC 5545 3.8.7.2 allows for a feed without METHOD), so the feed is stable.
- Day-precision events are all-day (`DTSTART;VALUE=DATE`, DTEND the day after
  the last day). With a start time they are timed: the stated UTC offset (see
  `graph.calendar`) converts the times to UTC (`...Z`); with no offset they are
  floating local times. A range with times runs from the first day's start to
  the last day's end; without an end time a timed event has no DTEND.
- Month-precision events ("in May 2023") are all-day over the whole month(s),
  so they show up in the right place; year-precision events are left out, as a
  year-long block would hide everything else.
- Lines end in CRLF and are folded at 75 octets; text escapes `\\ ; , newline`.
"""

from __future__ import annotations

import datetime as dt

from minutegraph import models

PRODID = "-//minutegraph//minutegraph calendar//EN"


def escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and newlines."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    parts: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _period_end(iso: str) -> dt.date:
    """The day after the last day an ISO date of day or month precision covers."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return dt.date(*parts) + dt.timedelta(days=1)
    year, month = parts
    return dt.date(year + month // 12, month % 12 + 1, 1)


def _stamp(moment: dt.datetime, offset: str | None) -> str:
    if offset is None:
        return moment.strftime("%Y%m%dT%H%M%S")
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = (int(p) for p in offset[1:].split(":"))
    zone = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    utc = moment.replace(tzinfo=zone).astimezone(dt.UTC)
    return utc.strftime("%Y%m%dT%H%M%SZ")


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    hour, minute = (int(p) for p in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute))


def when(event: models.Event, offset: str | None) -> list[str]:
    """DTSTART (and DTEND) lines for an event; [] when it is left out."""
    if event.precision == "year":
        return []
    last_text = event.end_text or event.start_text
    day_after = _period_end(last_text)
    if event.precision != "day" or not event.start_time:
        start = event.start.strftime("%Y%m%d")
        end = day_after.strftime("%Y%m%d")
        return [f"DTSTART;VALUE=DATE:{start}", f"DTEND;VALUE=DATE:{end}"]
    begin = _at(event.start, event.start_time)
    lines = [f"DTSTART:{_stamp(begin, offset)}"]
    if event.end_time:
        finish = _at(day_after - dt.timedelta(days=1), event.end_time)
        if finish < begin:  # "22:00-01:00": it ends the next morning
            finish += dt.timedelta(days=1)
        lines.append(f"DTEND:{_stamp(finish, offset)}")
    return lines


def vevent(event: models.Event, offset: str | None) -> list[str]:
    """The VEVENT lines of one event (unfolded); [] when it is left out."""
    dates = when(event, offset)
    if not dates:
        return []
    created = event.created_at
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.id}@minutegraph",
        f"DTSTAMP:{created.astimezone(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}",
        *dates,
        f"SUMMARY:{escape(event.title)}",
        f"CATEGORIES:{escape(event.kind.upper())}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    if event.status == "moved":
        lines.append("COMMENT:The date was changed in later minutes.")
    return [*lines, "END:VEVENT"]


def render(events: list[tuple[models.Event, str | None]]) -> str:
    """A VCALENDAR holding these events, folded, with CRLF line ends."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    for event, offset in events:
        lines += vevent(event, offset)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
