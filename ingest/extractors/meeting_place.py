"""Where the meeting took place: a label, "held at", the date line, a platform."""

from __future__ import annotations

import re

from ingest.extractors.context import ExtractionContext, doc_text
from ingest.extractors.dates import DateMention, doc_dates, find_times

# The meeting's place is written at the top, with its title, date and time.
HEADER_BLOCKS = 12

_LOCATION = re.compile(
    r"(?:^|\n|\b(?=meeting\s+location))\W*(?:meeting\s+)?(?:location|venue|place|where)"
    r"\b\s*[:\-–]?\s*(?P<value>[^\n]+)", re.IGNORECASE)
# In a flattened header table the value stops where the next label starts.
_NEXT_LABEL = re.compile(
    r"\s+(?:Meeting\s+\w+|Issue\s+Date|Chair|Coordinator|Organi[sz]er|Date|Time|Type|"
    r"Project|Minutes|Secretary|Attendees)\b.*$")
# "(29/4/24) Meeting Minutes": the document's name, not a place.
_DOC_WORDS = re.compile(r"\b(?:agenda|minutes|notes)\b", re.IGNORECASE)
_PLACE_LEAD = re.compile(r"^[\s,.;:|–—()-]*(?:(?:at|in)\s+(?:the\s+)?)?", re.IGNORECASE)
# "held in The Community Centre on", "HELD AT THE VILLAGE HALL ON" (a capitals title).
_HELD_AT = re.compile(
    r"\b(?i:held\s+(?:at|in))\s+(?P<value>(?:the\s)?[A-Z0-9][^\n]*?)(?=\s+(?i:on)(?:\s|$)|"
    r",?\s+(?i:at)\s+\d|,?\s+\d|[.;]|$)")
# "tomorrow's videoconference at 14:00h through Vydeo": the platform is the place.
_VIA = re.compile(
    r"\b(?i:video[\s-]?conference|video[\s-]?call|teleconference|conference\s+call|"
    r"call|meeting|webinar|held)\b[^.\n]{0,30}?\b(?:(?i:through|via|over|using)\s+"
    r"(?P<value>[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2})|(?i:on)\s+(?P<platform>"
    r"(?:Microsoft\s)?Teams|Zoom|Google\sMeet|Jitsi(?:\sMeet)?|Webex|Skype|BlueJeans|"
    r"Whereby|Discord|Slack|Mumble|Matrix|IRC)\b)")
# "at 7pm at St Mary's Church Hall", ", online via Zoom": a place after the time.
_ONLINE = re.compile(r"^(?:online|remote(?:ly)?|virtual(?:ly)?)\b", re.IGNORECASE)
# "the minutes were circulated via Dropbox": how a document went round, not a place.
_SENT = re.compile(
    r"\b(?:circulated|sent|shared|recorded|distributed|e-?mailed|posted|published|"
    r"streamed|uploaded|announced)\b", re.IGNORECASE)
_NOT_PLACE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|email|e-mail|phone|telephone|"
    r"the|a|an|our)$", re.IGNORECASE)
# A line that names a place has a word for one: "Quashnet Valley Country Club".
_PLACE_NOUN = re.compile(
    r"\b(?:hall|room|cent(?:re|er)|club(?:house)?|house|building|library|offices?|"
    r"church|chapel|school|college|university|hotel|chambers?|pavilion|institute|"
    r"campus|court|lodge|inn|theat(?:re|er)|museum|gallery|hub|studio|suite|lounge|"
    r"barn|park|headquarters|premises|caf[eé]|restaurant|auditorium|online|zoom|teams|"
    r"jitsi|webex|skype|bluejeans)\b", re.IGNORECASE)
# A body's name ("Village Hall Management Committee") is no place.
_MEETING_WORDS = re.compile(
    r"\b(?:minutes|agenda|meeting|notes|committee|association|society|trust|group|"
    r"foundation|federation|union|network|alliance)\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_SMALL = frozenset({"of", "the", "and", "at", "on", "in", "de", "du", "la", "le", "&",
                    "-"})


def _labelled(ctx: ExtractionContext) -> str | None:
    """A "Location:" / "Venue:" line, else "held at X" in the header."""
    for doc in ctx.docs[:HEADER_BLOCKS]:
        m = _LOCATION.search(doc_text(doc))
        if m:
            value = _NEXT_LABEL.sub("", m.group("value")).strip(" .;|")
            if value:
                return value
    for doc in ctx.docs[:HEADER_BLOCKS]:
        held = _HELD_AT.search(doc_text(doc))
        if held:
            return held.group("value").strip(" ,")
    return None


def _place_after_date(ctx: ExtractionContext, block: int,
                      mention: DateMention) -> str | None:
    """The place on the date line: "1 October 2020, BlueJeans video-conference."."""
    text = doc_text(ctx.docs[block])
    after = mention.time.end if mention.time else mention.end
    line = text[after:].split("\n")[0]
    rest = _PLACE_LEAD.sub("", line).strip(" ,.;:|–—-()")
    short = ctx.blocks[block].kind == "heading" or len(text.split()) <= 14
    if len(rest.split()) > 6 or _DIGIT.search(rest) or _DOC_WORDS.search(rest) \
            or not rest or _NOT_PLACE.match(rest.split()[0]):
        return None  # "2024-04-10 (Wednesday)": a weekday is no place
    if _ONLINE.match(rest) and (short or len(rest) < len(line)):
        return rest  # ", online via Zoom"
    named = len(rest) < len(line.strip(" ,.;:|–—-()")) and _named_place(rest)
    return rest if rest[:1].isupper() and (short or named) else None


def _named_place(text: str) -> str | None:
    """A short capitalised name with a word for a place, and no date or verb."""
    text = text.strip(" \t,.;:|–—-()*")
    if not text[:1].isupper() or _DIGIT.search(text) or _MEETING_WORDS.search(text):
        return None
    words = text.split()
    if len(words) > 6 or any(not w[:1].isupper() and w.lower() not in _SMALL
                             for w in words):
        return None  # "Chat transcript from room: csaf" is a sentence, not a name
    return text if _PLACE_NOUN.search(text) else None


def _place_by_date(ctx: ExtractionContext, block: int,
                   title: int | None) -> str | None:
    """A place line beside the date line, or before the time on a line of its own."""
    for i in range(max(0, block - 1), min(block + 3, len(ctx.blocks))):
        text = ctx.blocks[i].text
        if i == title or ctx.blocks[i].kind == "heading" or len(text.split()) > 14:
            continue
        marks = [m.start for m in doc_dates(ctx.docs[i])] + [
            t.start for t in find_times(text)]
        head = text[:min(marks)] if marks else text
        place = _named_place(head.split("\n")[0])
        if place is not None and (marks or i != block):
            return place
    return None


def _via(ctx: ExtractionContext) -> str | None:
    """ "a videoconference at 14:00 through Vydeo": the platform named for the call."""
    for block in ctx.blocks[:HEADER_BLOCKS]:
        m = _VIA.search(block.text)
        if m and m.group("platform"):
            return m.group("platform")
        if m and not _NOT_PLACE.match(m.group("value").split()[0]) \
                and not _SENT.search(m.group(0)):
            return m.group("value")
    return None


def extract_location(ctx: ExtractionContext, block: int | None,
                     mention: DateMention | None, *,
                     title: int | None = None) -> str | None:
    """Where the meeting took place, from the header around its date line."""
    place = _labelled(ctx)
    if place is None and block is not None and mention is not None:
        place = _place_after_date(ctx, block, mention) or _place_by_date(
            ctx, block, title)
    return place or _via(ctx)
