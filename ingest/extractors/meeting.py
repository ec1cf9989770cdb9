"""The meeting itself: title, date, times, time zone, location."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extractors.context import ExtractionContext, doc_text
from ingest.extractors.dates import (
    DateMention,
    doc_dates,
    document_order,
    find_dates,
    find_times,
    parse_iso,
    resolve,
)
from ingest.extractors.meeting_place import extract_location
from ingest.extractors.meeting_title import extract_title
from ingest.extractors.times import TimeMention, us_zone_offset
from ingest.model import Meeting

# The meeting is described at the top: title, date, time and place lines.
HEADER_BLOCKS = 12

# "Meeting Date/Time | 15/09/2021": a header table's label cell right before the date.
_DATE_CELL = re.compile(r"\bdate(?:\s*/\s*time)?\s*[:|]?\s*$", re.IGNORECASE)
_DATE_LABEL = re.compile(r"^\W*(?:meeting\s+)?date(?:\s*/\s*time)?\b\s*[:\-–]?\s*",
                         re.IGNORECASE)
# Dates that stamp the document or name another meeting, not this one.
_OTHER_DATE = re.compile(
    r"\b(?:issued?|publi(?:shed|cation)|updated|modified|created|printed|revised|"
    r"previous|last|next|circulated|version|deadline|due|approved|dated)\b[^\n]{0,30}$",
    re.IGNORECASE)
_OPENED = re.compile(
    r"\b(?:opened|open|call(?:ed)?\s(?:\w+\s){0,2}?to\sorder|commenced?|started|began|"
    r"start)\b",
    re.IGNORECASE)
_CLOSED = re.compile(
    r"\b(?:closed|close|adjourned|adjournment|ended|end|finished|concluded?)\b",
    re.IGNORECASE)
_HELD = re.compile(r"\b(?:this\s+meeting|meeting\s+(?:was|is)\s+held|held|convened|"
                   r"took\s+place)\b[^.]*$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# "2022-01-23 12:03:03": a clock with seconds stamps a file or post, not a meeting.
_CLOCK_STAMP = re.compile(r"[T\s]\d\d?:\d\d:\d\d")  # see _header_dates
_ALTERNATIVE = re.compile(r"\s*(?:[(\[/=]|i\.e\.|or)\s*", re.IGNORECASE)
_SCHEDULED = re.compile(r"\bscheduled\b", re.IGNORECASE)
# A front-matter date, "2020-02-25 14:00:00 +1000": used only when the text has none.
_STAMP = re.compile(r"^\s*(?P<date>\d{4}-\d\d-\d\d)(?:[ T](?P<time>\d\d:\d\d)(?::\d\d)?"
                    r"(?:\.\d+)?\s*(?P<zone>[+-]\d\d:?\d\d)?)?")


@dataclass(slots=True)
class _Found:
    """A date mention of the header with the block it sits in."""

    block: int
    mention: DateMention


def _line_of(text: str, pos: int) -> str:
    """The text of the line holding `pos`, up to `pos`."""
    return text[text.rfind("\n", 0, pos) + 1:pos]


def _header_dates(ctx: ExtractionContext) -> tuple[list[_Found], list[_Found]]:
    """Date mentions of the header blocks, without those that date something else.

    The second list holds timestamps ("Date: 2013-04-21T11:26:00"): a post's or a
    file's, they date the meeting only when nothing else in the header does.
    """
    found, stamps = [], []
    for i, doc in enumerate(ctx.docs[:HEADER_BLOCKS]):
        block, text = ctx.blocks[i], doc_text(doc)
        if block.kind == "list_item" and block.level > 0:
            continue  # a nested item is agenda content: "LAN Party, Friday 2/25/11"
        prose = len(text.strip()) > 80 and block.kind != "heading"
        for m in doc_dates(doc, ctx.date_order):
            if m.precision == "year" and len(text.strip()) > 20:
                continue  # a bare year in prose is rarely the meeting's date
            if m.precision == "month" and prose:
                continue  # "discussions started at the [August 2021 MGM]"
            if m.first.year is None or _OTHER_DATE.search(_line_of(text, m.start)):
                continue
            (stamps if _CLOCK_STAMP.match(text, m.end) else found).append(_Found(i, m))
    return found, stamps


def _held_on(ctx: ExtractionContext) -> _Found | None:
    """Past a long list: "The meeting was held on 5 March 2024" further down."""
    for i, doc in enumerate(ctx.docs[HEADER_BLOCKS:HEADER_BLOCKS + 40], HEADER_BLOCKS):
        for m in doc_dates(doc, ctx.date_order):
            if m.precision == "day" and m.first.year is not None \
                    and _HELD.search(doc_text(doc)[max(0, m.start - 40):m.start]) \
                    and not _OTHER_DATE.search(_line_of(doc_text(doc), m.start)):
                return _Found(i, m)
    return None


def _pick_date(ctx: ExtractionContext, found: list[_Found]) -> _Found | None:
    """A labelled "Date:" line first, then the title's date, then the first one."""
    for f in found:
        text = doc_text(ctx.docs[f.block])
        label = _DATE_LABEL.match(_line_of(text, f.mention.start)) or _DATE_CELL.search(
            text[:f.mention.start])
        prev = doc_text(ctx.docs[f.block - 1]) if f.block else ""
        under = f.mention.start == 0 and _DATE_LABEL.fullmatch(prev.strip() + " ")
        if label or under:
            return f
    heading = [f for f in found if ctx.blocks[f.block].kind == "heading"]
    day = [f for f in found if f.mention.precision == "day"]
    # "March 2023 OCapN meeting, 2023-03-24": the day, not the month
    heading_day = [f for f in heading if f.mention.precision == "day"]
    return (heading_day or heading or day or found or [None])[0]


def _block_times(ctx: ExtractionContext) -> list[tuple[int, TimeMention]]:
    """Every time written in the document, with its block."""
    return [(i, t) for i, block in enumerate(ctx.blocks) if _DIGIT.search(block.text)
            for t in find_times(block.text)]


def _labelled_time(ctx: ExtractionContext, times: list[tuple[int, TimeMention]],
                   label: re.Pattern[str]) -> TimeMention | None:
    """A time written after an "Opened:" / "Closed:" label, or under such a heading."""
    for i, t in times:
        block = ctx.blocks[i]
        before = block.text[:t.start]
        prev = ctx.blocks[i - 1].text if i else ""
        inline = label.search(before[-45:]) and not _SCHEDULED.search(before)
        first = not before.strip(" -*•#\t")
        under = first and len(prev) < 40 and label.search(prev)
        # "### 21:30 Close": an agenda slot that names the close
        slot = first and len(block.text) < 40 and label.match(
            block.text[t.end:].strip(" -:–—"))
        if inline or under or slot:
            return t
    return None


def _same_moment(ctx: ExtractionContext, times: list[tuple[int, TimeMention]],
                 found: TimeMention | None, zone: str | None) -> TimeMention | None:
    """ "1:02 EST (17:02 UTC)" is one moment twice: the one in the header's zone."""
    if found is None or zone is None or found.zone == zone:
        return found
    for k, (i, t) in enumerate(times):
        if t is found and k + 1 < len(times) and times[k + 1][0] == i:
            other = times[k + 1][1]
            gap = ctx.blocks[i].text[t.end:other.start]
            if _ALTERNATIVE.fullmatch(gap) and other.zone == zone:
                return other
    return found


def _header_time(ctx: ExtractionContext, date: _Found | None) -> TimeMention | None:
    """The time written with the meeting date, else the first one of the header."""
    if date is not None and date.mention.time is not None:
        return _with_end(ctx, date.block, date.mention.time)
    start = date.block if date is not None else 0
    lines = [ctx.blocks[start].text] if start < len(ctx.blocks) else []
    for i in range(start + 1, min(start + 6, len(ctx.blocks))):
        others = [m for m in doc_dates(ctx.docs[i], ctx.date_order)
                  if date is None or m.first != date.mention.first]
        if others:
            break  # "Next meeting: 14 February, 6pm" times another meeting
        lines.append(ctx.blocks[i].text)
    times = find_times(" ".join(lines))
    return times[0] if times else None


def _with_end(ctx: ExtractionContext, block: int, time: TimeMention) -> TimeMention:
    """ "16 June 17:00" then "When: from 17:00 to 18:00": the range gives the end."""
    if time.end_time is not None:
        return time
    for text in (b.text for b in ctx.blocks[block:block + 6]):
        for t in find_times(text) if _DIGIT.search(text) else ():
            if t.start_time == time.start_time and t.end_time is not None:
                return t
    return time


def _offset(time: TimeMention, date: str | None) -> str | None:
    """The UTC offset of a time's zone; "ET" and the like need the meeting's date."""
    day = parse_iso(date)
    if time.offset is None and time.zone and day is not None:
        return us_zone_offset(time.zone, day)
    return time.offset


def _from_front_matter(ctx: ExtractionContext, meeting: Meeting) -> None:
    """No date in the minutes: the front matter's title, else its date, dates them."""
    title = ctx.raw.metadata.get("title") or ""
    days = [m for m in find_dates(title, order=ctx.date_order)
            if m.precision != "year" and m.first.year is not None]
    named = resolve(days[0], meeting_date=None)[0] if days else None
    stamp = _STAMP.match(ctx.raw.metadata.get("date") or "")
    if named is not None and (stamp is None or days[0].precision == "day"
                              or not stamp.group("date").startswith(named)):
        meeting.date = named  # "Monthly General Meeting, October 2021": that month
        return
    if stamp is None:  # a stamp inside the title's month says which day
        return
    meeting.date = stamp.group("date")
    if stamp.group("time") and stamp.group("time") != "00:00":
        meeting.start_time = meeting.start_time or stamp.group("time")
        if stamp.group("zone") and meeting.timezone is None:
            zone = stamp.group("zone")
            meeting.timezone = f"{zone[:3]}:{zone[-2:]}"


def extract_meeting(ctx: ExtractionContext) -> Meeting:
    """The meeting the minutes record.

    Runs first: a document that writes "3/14/2021" switches `ctx.date_order` to
    month first for every extractor after it.
    """
    if ctx.date_order == "dmy":
        ctx.date_order = document_order(ctx.raw.text)
    meeting = Meeting()
    index, meeting.title = extract_title(ctx)
    if index is not None:
        meeting.provenance["title"] = ctx.provenance(index)
    found, stamps = _header_dates(ctx)
    date = _pick_date(ctx, found) or _held_on(ctx) or _pick_date(ctx, stamps)
    if date is not None:
        meeting.date = resolve(date.mention, meeting_date=None)[0]
        meeting.provenance["date"] = ctx.provenance(date.block, date.mention.start,
                                                    date.mention.end)
    times = _block_times(ctx)
    stated = _header_time(ctx, date)
    zone = stated.zone if stated is not None else None
    opened = _same_moment(ctx, times, _labelled_time(ctx, times, _OPENED), zone)
    closed = _same_moment(ctx, times, _labelled_time(ctx, times, _CLOSED), zone)
    # "Opened: 1315hrs" / "Closed: 1345hrs" say when it really ran; else the header
    header = stated if opened is None else None
    meeting.start_time = (opened or header).start_time if opened or header else None
    meeting.end_time = closed.start_time if closed else (
        header.end_time if header and opened is None else None)
    zones = [t for t in (header or stated, opened, closed) if t is not None and t.zone]
    meeting.timezone = _offset(zones[0], meeting.date) if zones else None
    if meeting.date is None:
        _from_front_matter(ctx, meeting)
    meeting.location = extract_location(
        ctx, date.block if date else None, date.mention if date else None,
        title=index)
    return meeting
