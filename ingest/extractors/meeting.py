"""The meeting itself: title, date, times, time zone, location."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ingest.extractors.context import ExtractionContext
from ingest.extractors.dates import DateMention, doc_dates, find_times, resolve
from ingest.extractors.times import TimeMention
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
_LOCATION = re.compile(
    r"(?:^|\n|\b(?=meeting\s+location))\W*(?:meeting\s+)?(?:location|venue|place|where)"
    r"\b\s*[:\-–]?\s*(?P<value>[^\n]+)", re.IGNORECASE)
# In a flattened header table the value stops where the next label starts.
_NEXT_LABEL = re.compile(
    r"\s+(?:Meeting\s+\w+|Issue\s+Date|Chair|Coordinator|Organi[sz]er|Date|Time|Type|"
    r"Project|Minutes|Secretary|Attendees)\b.*$")
# "Meeting Minutes – Webinar 15/09/2021" labels the document; the title comes next.
_GENERIC_TITLE = re.compile(
    r"^\W*(?:meeting\s+)?minutes(?:\s+of\s+(?:the\s+)?meeting)?\W*(?:\w+\W*)?$",
    re.IGNORECASE)
# A line giving the meeting's details is not its title: "Held at ... on 3 March".
_DETAILS = re.compile(
    r"^\W*(?:held|date|time|venue|location|place|at|on|present|chair)\b", re.IGNORECASE)
_PLACE_LEAD = re.compile(r"^[\s,.;:|–—()-]*(?:(?:at|in)\s+(?:the\s+)?)?", re.IGNORECASE)
_TRAILING_ON = re.compile(r"\s*\b(?:held\s+)?(?:on|at|dated?|of)\s*$", re.IGNORECASE)
_HELD_AT = re.compile(
    r"\b(?i:held)\s+(?:at|in)\s+(?P<value>[A-Z0-9][^\n]*?)(?=\s+on\s|,?\s+at\s+\d|,?\s+\d|"
    r"[.;]|$)")
_LABEL_LINE = re.compile(
    r"^\W*(?:date|time|location|venue|place|where|when|chair|present|attendees|"
    r"participants|minutes|notes|agenda|attendance|apologies)\b[\w /]{0,15}:\s",
    re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*[.)]?\s")
_OPENED = re.compile(
    r"\b(?:opened|open|call(?:ed)? to order|commenced|started|began|start)\b",
    re.IGNORECASE)
_CLOSED = re.compile(
    r"\b(?:closed|close|adjourned|adjournment|ended|end|finished)\b", re.IGNORECASE)
_SCHEDULED = re.compile(r"\bscheduled\b", re.IGNORECASE)


@dataclass(slots=True)
class _Found:
    """A date mention of the header with the block it sits in."""

    block: int
    mention: DateMention


def _line_of(text: str, pos: int) -> str:
    """The text of the line holding `pos`, up to `pos`."""
    return text[text.rfind("\n", 0, pos) + 1:pos]


def _header_dates(ctx: ExtractionContext) -> list[_Found]:
    """Date mentions of the header blocks, without those that date something else."""
    found = []
    for i, doc in enumerate(ctx.docs[:HEADER_BLOCKS]):
        text = doc.text
        for m in doc_dates(doc, ctx.date_order):
            if m.precision == "year" and len(text.strip()) > 20:
                continue  # a bare year in prose is rarely the meeting's date
            if m.first.year is None or _OTHER_DATE.search(_line_of(text, m.start)):
                continue
            found.append(_Found(i, m))
    return found


def _pick_date(ctx: ExtractionContext, found: list[_Found]) -> _Found | None:
    """A labelled "Date:" line first, then the title's date, then the first one."""
    for f in found:
        text = ctx.docs[f.block].text
        label = _DATE_LABEL.match(_line_of(text, f.mention.start)) or _DATE_CELL.search(
            text[:f.mention.start])
        prev = ctx.docs[f.block - 1].text if f.block else ""
        under = f.mention.start == 0 and _DATE_LABEL.fullmatch(prev.strip() + " ")
        if label or under:
            return f
    heading = [f for f in found if ctx.blocks[f.block].kind == "heading"]
    day = [f for f in found if f.mention.precision == "day"]
    return (heading or day or found or [None])[0]


def _letterhead(text: str) -> bool:
    """An organisation's name in capitals above the title: "ALLIANCE OF NGOs ON ..."."""
    letters = [ch for ch in text if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return len(text.split()) > 3 and upper > 0.8 * len(letters)


def _clean_title(text: str, dates: list[DateMention]) -> str:
    """A title without its date ("Committee Meeting - 2023-05-20")."""
    if dates:  # "Minutes of the meeting held on 5 March at 7pm": what comes first
        before = _TRAILING_ON.sub("", text[:dates[0].start].rstrip(" ,;:–—-|("))
        if re.search(r"[A-Za-z]{2}", before):
            text = before
    for m in sorted(dates, key=lambda d: -d.start):
        text = text[:m.start] + text[m.end:]
    text = re.sub(r"\(\s*\)", "", text)
    return re.sub(r"\s+", " ", text).strip(" \t,;:–—-|").strip()


def _title(ctx: ExtractionContext) -> tuple[int | None, str | None]:
    """The visible title: a top heading, else front matter, else a short first line."""
    head = list(enumerate(ctx.docs[:6]))
    candidates = [(i, d) for i, d in head if ctx.blocks[i].kind == "heading"]
    fallback = [(i, d) for i, d in head[:3] if ctx.blocks[i].kind == "paragraph"
                and len(d.text.split()) <= 12 and not d.text.rstrip().endswith(".")]
    for pool in (candidates, None, fallback):
        if pool is None:
            meta = ctx.raw.metadata.get("title")
            if meta and re.search(r"[A-Za-z]{3}", meta) \
                    and not re.fullmatch(r"[\d\-/ :TZ.]+", meta.strip()):
                return None, meta.strip()
            continue
        for i, doc in pool:
            title = _title_in(ctx, doc)
            if title is not None:
                return i, title
    for i, doc in candidates + fallback:  # "Minutes of the meeting" when nothing else
        title = _title_in(ctx, doc, generic=True)
        if title is not None:
            return i, title
    return None, None


def _title_in(ctx: ExtractionContext, doc: Doc, *, generic: bool = False) -> str | None:
    """The title a block gives; None for a label, a date line or a letterhead."""
    text = doc.text.strip()
    dates = doc_dates(doc, ctx.date_order)
    if (not text or _LABEL_LINE.match(text) or _NUMBERED.match(text)
            or _DETAILS.match(text) or (dates and dates[0].start == 0)
            or _letterhead(text)):
        return None
    title = _clean_title(text, dates)
    if (_GENERIC_TITLE.match(title) and not generic) or not re.search(r"[A-Za-z]{2}",
                                                                        title):
        return None
    return title


def _labelled_time(ctx: ExtractionContext,
                   label: re.Pattern[str]) -> TimeMention | None:
    """A time written after an "Opened:" / "Closed:" label, or under such a heading."""
    for i, block in enumerate(ctx.blocks):
        times = find_times(block.text) if re.search(r"\d", block.text) else []
        for t in times:
            before = block.text[:t.start]
            prev = ctx.blocks[i - 1].text if i else ""
            inline = label.search(before[-30:]) and not _SCHEDULED.search(before)
            under = not before.strip(" -*•\t") and len(prev) < 40 and label.search(prev)
            if inline or under:
                return t
    return None


def _header_time(ctx: ExtractionContext, date: _Found | None) -> TimeMention | None:
    """The time written with the meeting date, else the first one of the header."""
    if date is not None and date.mention.time is not None:
        return date.mention.time
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


def _location(ctx: ExtractionContext, date: _Found | None) -> str | None:
    """A "Location:" / "Venue:" line, else the place written after the date line."""
    for doc in ctx.docs[:HEADER_BLOCKS]:
        m = _LOCATION.search(doc.text)
        if m:
            value = _NEXT_LABEL.sub("", m.group("value")).strip(" .;|")
            if value:
                return value
    for doc in ctx.docs[:HEADER_BLOCKS]:
        held = _HELD_AT.search(doc.text)
        if held:
            return held.group("value").strip(" ,")
    return _place_after_date(ctx, date) if date is not None else None


def _place_after_date(ctx: ExtractionContext, date: _Found) -> str | None:
    """The place on the date line: "1 October 2020, BlueJeans video-conference."."""
    text = ctx.docs[date.block].text
    after = date.mention.time.end if date.mention.time else date.mention.end
    rest = _PLACE_LEAD.sub("", text[after:].split("\n")[0]).strip(" ,.;:|–—-()")
    short = ctx.blocks[date.block].kind == "heading" or len(text.split()) <= 14
    if short and rest[:1].isupper() and not re.search(r"\d", rest) \
            and len(rest.split()) <= 6:
        return rest
    return None


def extract_meeting(ctx: ExtractionContext) -> Meeting:
    """The meeting the minutes record."""
    meeting = Meeting()
    index, meeting.title = _title(ctx)
    if index is not None:
        meeting.provenance["title"] = ctx.provenance(index)
    date = _pick_date(ctx, _header_dates(ctx))
    if date is not None:
        meeting.date = resolve(date.mention, meeting_date=None)[0]
        meeting.provenance["date"] = ctx.provenance(date.block, date.mention.start,
                                                    date.mention.end)
    opened, closed = _labelled_time(ctx, _OPENED), _labelled_time(ctx, _CLOSED)
    header = _header_time(ctx, date) if opened is None and closed is None else None
    if header is not None:
        meeting.start_time, meeting.end_time = header.start_time, header.end_time
    else:
        meeting.start_time = opened.start_time if opened else None
        meeting.end_time = closed.start_time if closed else None
    zones = [t for t in (header, opened, closed) if t is not None and t.zone]
    meeting.timezone = zones[0].offset if zones else None
    meeting.location = _location(ctx, date)
    return meeting
