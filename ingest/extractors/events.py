"""Events: every dated happening other than the meeting itself; dialogue figures."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ingest.extractors.context import ExtractionContext, span_text
from ingest.extractors.dates import (
    DateMention,
    doc_dates,
    parse_iso,
    resolve,
)
from ingest.extractors.dialogues import (
    DIALOGUE_RE,
    dialogue_in,
    dialogue_title,
    extract_figures,
)
from ingest.extractors.events_filters import (
    OR_NEXT,
    POSTPONED_TO,
    YEAR_NAME,
    action_sections,
    is_not_event,
    is_past,
    moved_to,
    short_year_name,
)
from ingest.extractors.events_headings import cell_title, heading_title
from ingest.extractors.events_kinds import event_kind_in
from ingest.extractors.events_merge import Found, add_event, merge_events
from ingest.extractors.events_places import place_of, time_after
from ingest.extractors.events_schedule import add_schedule_dates, schedule_title
from ingest.extractors.events_titles import event_title, has_content
from ingest.model import DialogueFigures, Event

_CONTENT = re.compile(r"[a-z]{3,}")
# A topic named alone, capitalised: "International Cooperation", "Smuggling of Arms".
_TOPIC_ALONE = re.compile(
    r"[A-Z][a-z][\w-]*(?:\s(?:in|of|and|on|for|the|[A-Z][\w-]*)){0,3}")
_DIALOGUE_WORD = re.compile(r"dialogue|\bCDs?\b", re.IGNORECASE)
_LABEL_AFTER = re.compile(r"\s*:")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence's text and where it starts in its block."""

    text: str
    start_char: int


@dataclass(slots=True)
class _Reading:
    """What the reader knows while walking the document."""

    meeting_date: dt.date | None
    topics: dict[str, str]  # dialogue topic (folded) -> dialogue title
    header_end: int  # the last block of the meeting's header
    years: dict[tuple[int, int], int]  # (month, day) -> year, as written in full
    actions: frozenset[int]  # blocks under an "Actions" heading
    schedule: frozenset[int]  # list items opening with a date: "2/16 Ann - Git"
    nearest: bool = False  # no meeting date: a left-out year is the nearest one
    last_dialogue: str | None = None
    previous: str | None = None  # the last sentence of the block before


def _topics(ctx: ExtractionContext) -> dict[str, str]:
    """Every dialogue the document names, by folded topic."""
    found: dict[str, str] = {}
    for block in ctx.blocks:
        for m in DIALOGUE_RE.finditer(block.text):
            title = dialogue_title(m.group("topic"))
            topic = title.removeprefix("Constructive Dialogue on ").lower()
            found.setdefault(topic, title)
    return found


def _first_full_date(mentions: list[list[DateMention]]) -> dt.date | None:
    """With no meeting date, the first date written with its year stands in for it."""
    for block in mentions:
        for m in block:
            if m.first.year and m.first.month:
                return dt.date(m.first.year, m.first.month, m.first.day or 1)
    return None


def _full_dates(mentions: list[list[DateMention]]) -> dict[tuple[int, int], int]:
    """The days the document writes with a year, for the same days written without."""
    years: dict[tuple[int, int], int] = {}
    for block in mentions:
        for m in block:
            part = m.first
            if part.year and part.month and part.day:
                years.setdefault((part.month, part.day), part.year)
    return years


def _as_dialogue(title: str, sentence: str, reading: _Reading) -> str:
    """A dialogue's topic written alone ("Firearms on 5 May") is that dialogue."""
    if not _DIALOGUE_WORD.search(sentence):
        return title
    if title.lower() in reading.topics:
        return reading.topics[title.lower()]
    if _TOPIC_ALONE.fullmatch(title) and not _DIALOGUE_WORD.search(title):
        return dialogue_title(title)  # "Trafficking in Persons on 4 October"
    return title


def _resolve(reading: _Reading, mention: DateMention, text: str,
             pos: int) -> tuple[str, str | None]:
    """ISO start and end; a year left out is placed by the tense of the clause."""
    past = is_past(text, pos)
    start, stop = resolve(mention, meeting_date=reading.meeting_date, past=past,
                          nearest=reading.nearest)
    when, meeting = parse_iso(start), reading.meeting_date
    far = when is not None and meeting is not None and (when - meeting).days > 183
    if not past and far and mention.first.year is None and not reading.nearest \
            and is_past(text, pos, loose=True):
        # "the survey ran from January 10": half a year ahead, told in the past tense
        start, stop = resolve(mention, meeting_date=reading.meeting_date, past=True)
    return start, stop


def _event(ctx: ExtractionContext, reading: _Reading, block: int, sent: _Sentence,
           mention: DateMention, floor: int, previous: str | None,
           sibling: str | None) -> Found | None:
    """The event a date mention dates, or None when it dates none."""
    text = sent.text
    pos, end = mention.start - sent.start_char, mention.end - sent.start_char
    if is_not_event(ctx, block, text, pos, end, mention,
                    in_actions=block in reading.actions):
        return None
    moved = moved_to(text, pos, mention)
    if moved is not None:
        mention = moved
    mention = _fix_year(mention, reading.years)
    start, stop = _resolve(reading, mention, text, pos)
    if start.startswith("--"):
        return None  # no year to give it: neither the meeting nor the text dates it
    if ctx.meeting.date and ctx.meeting.date.startswith(start) and stop is None \
            and block <= reading.header_end:
        return None  # its own date line: "March 2023 Loom meeting, 2023-03-24"
    under = heading_title(ctx, block, mention)
    if under is not None and (not under or start == ctx.meeting.date):
        return None  # "## Agenda" / "22 March 2023": the meeting itself
    # "April 25 at 19:00 UTC (next meeting)": what follows the time names it
    named_end = mention.time.end - sent.start_char if mention.time else end
    scheduled = schedule_title(ctx.blocks[block].text, mention) \
        if block in reading.schedule else None
    title = scheduled or cell_title(ctx, block, mention) or under or event_title(
        text[floor:], pos - floor, named_end - floor, previous,
        dialogue_in(text[:pos]) or reading.last_dialogue, sibling)
    if mention.precision == "year":
        title = _year_title(text, pos, end) or title
    if not title or not has_content(title):
        return None
    title = _as_dialogue(title, ctx.blocks[block].text, reading)
    time = mention.time or time_after(text, end)
    after = time.end - sent.start_char if mention.time else end
    event = Event(title=title, kind=event_kind_in(title, text, pos), start=start,
                  end=stop, location=place_of(text, pos, after),
                  provenance=ctx.provenance(block, mention.start, mention.end),
                  start_time=time.start_time if time else None,
                  end_time=time.end_time if time else None)
    return Found(event, block, moved is not None)


def _year_title(text: str, pos: int, end: int) -> str | None:
    """The name a year dates: "Awards 2004" keeps its year, "Congress in 2026" not."""
    named = YEAR_NAME.search(text[:pos])
    if named is not None:
        name = (named.group("name") or named.group("brand")).strip()
        return name if named.group("sep") else f"{name} {text[pos:end]}"
    short = short_year_name(text, pos)
    return f"{short}{text[pos:end]}" if short else None  # "C3DIS'20"


def _sentence_events(ctx: ExtractionContext, reading: _Reading, i: int,
                     sent: _Sentence, inside: list[DateMention],
                     found: list[Found]) -> None:
    """The events dated in one sentence, added to `found`."""
    floor, sibling, last, moved, since = 0, None, None, False, len(found)
    year: int | None = None  # "Awards 2004 took place on 5 May": 2004
    listed: int | None = None
    for k, m in enumerate(inside):
        if last is not None and _window_end(sent.text, last, m, sent.start_char):
            opened = parse_iso(found[-1].event.start)
            found[-1].event.end = resolve(m, meeting_date=opened)[0]
            continue
        if year is not None and m.first.year is None and m.first.month is not None:
            m = replace(m, first=replace(m.first, year=year))
        year = listed  # only the next date belongs to a named year; all to a label's
        labelled = _LABEL_AFTER.match(sent.text, m.end - sent.start_char)
        if m.precision == "year" and labelled:
            year = listed = m.first.year  # "Meeting dates for 2023: 12 Jan, 9 Feb"
        item = _event(ctx, reading, i, sent, m, floor, reading.previous, sibling)
        last = m if item is not None else None
        end = m.end - sent.start_char
        upto = inside[k + 1].start - sent.start_char if k + 1 < len(inside) else 0
        if item is not None and upto and POSTPONED_TO.match(sent.text[end:upto]):
            # "planned for 18 May is postponed to 25 May": only the new date holds
            floor, sibling, moved = upto, item.event.title, True
            continue
        if item is not None:
            item.moved = item.moved or moved
            add_event(found, item, since)
            sibling, moved = item.event.title, False
            year = m.first.year if m.precision == "year" else year
        # "late May or early June": one clause; "the report for Q2 2022 was
        # submitted on 31 July": a year inside a name does not end the clause
        if not OR_NEXT.match(sent.text[end:]) and m.precision != "year":
            floor = end


def _block_events(ctx: ExtractionContext, reading: _Reading, i: int,
                  mentions: list[DateMention]) -> list[Found]:
    """The events dated in one block, sentence by sentence."""
    found: list[Found] = []
    previous = reading.previous
    for span in ctx.docs[i].sents:
        sent = _Sentence(span_text(span), span.start_char)  # Span.text rebuilds it
        inside = [m for m in mentions if sent.start_char <= m.start < span.end_char]
        reading.previous = previous
        _sentence_events(ctx, reading, i, sent, inside, found)
        if len(sent.text.split()) > 3:
            previous = sent.text  # "RGr - No." names nothing a later date could take
        named = dialogue_in(sent.text)
        reading.last_dialogue = named or reading.last_dialogue
    return found


def _window_end(text: str, last: DateMention, mention: DateMention,
                offset: int) -> bool:
    """ "Jan 1st, mid April": a vaguer date right after a dated one closes a window."""
    between = text[last.end - offset:mention.start - offset]
    return (last.last is None and between.strip() == "," and mention.last is None
            and mention.modifier is not None and mention.precision != last.precision)


def _fix_year(mention: DateMention, years: dict[tuple[int, int], int]) -> DateMention:
    """A date written without a year takes the one the document gives it elsewhere."""
    first = mention.first
    if first.year is None and first.month and first.day and mention.last is None:
        year = years.get((first.month, first.day))
        if year is not None:
            return replace(mention, first=replace(first, year=year))
    return mention


def extract_events(ctx: ExtractionContext) -> tuple[list[Event], list[DialogueFigures]]:
    """Dated events in reading order, and the figures reported for dialogues."""
    dated = ctx.meeting.provenance.get("date")
    header_end = dated.block + 3 if dated is not None else -1
    mentions = [doc_dates(doc, ctx.date_order) for doc in ctx.docs]
    schedule = add_schedule_dates(ctx, mentions)
    years = _full_dates(mentions)
    reference = parse_iso(ctx.meeting.date) or _first_full_date(mentions)
    reading = _Reading(reference, _topics(ctx), header_end, years,
                       action_sections(ctx), schedule,
                       nearest=ctx.meeting.date is None)
    found: list[Found] = []
    last: list[str | None] = []
    for i in range(len(ctx.blocks)):
        last.append(reading.last_dialogue)
        if mentions[i]:
            found.extend(_block_events(ctx, reading, i, mentions[i]))
        sents = _SENTENCE_END.split(ctx.blocks[i].text)
        named = [s for s in sents if len(s.split()) > 3]
        reading.previous = named[-1] if named else reading.previous
    return merge_events(found), extract_figures(ctx, last)
