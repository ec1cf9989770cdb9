"""The meeting's title: the visible one on top, without its date or document type."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ingest.extractors.context import ExtractionContext, doc_text
from ingest.extractors.dates import DateMention, doc_dates, find_dates

# Section headings name a part of the minutes, not the meeting.
_SECTION = re.compile(
    r"^\W*(?:attendees|attendance|in\s+attendance|present|members\s+present|"
    r"participants|apologies|regrets|absent|agenda|minutes|notes|actions?|action\s+items|discussion|"
    r"summary|decisions|links|welcome|introductions?|overview|previous\s+attendees)\W*$",
    re.IGNORECASE)
# "Meeting Minutes – Webinar 15/09/2021" labels the document; the title comes next.
_GENERIC = re.compile(
    r"^\W*(?:meeting|webinar|call|session|teleconference|meeting\s+minutes|minutes|notes|"
    r"agenda\s+(?:and|&)\s+minutes)\W*$", re.IGNORECASE)
# Document-type words around the name: "Minutes of ...", "... Meeting Notes".
_DOC_TYPE_LEAD = re.compile(
    r"^\W*(?:meeting\s+)?(?:minutes|notes|agenda)(?:\s*(?:/|and|&)\s*(?:minutes|notes|agenda))*"
    r"(?:\s+(?:of|for|from)(?:\s+the)?)?(?:\s*[:–—-])?\s+", re.IGNORECASE)
_DOC_TYPE_TAIL = re.compile(
    r"\s+(?:minutes|notes|agenda)(?:\s*(?:/|and|&)\s*(?:minutes|notes|agenda))*\W*$",
    re.IGNORECASE)
_DETAILS = re.compile(
    r"^\W*(?:held|date|time|venue|location|place|at|on|present|chair)\b", re.IGNORECASE)
_LABEL_LINE = re.compile(
    r"^\W*(?:meeting\s+)?(?:date|time|location|venue|place|where|when|chair|present|attendees|"
    r"participants|minutes|notes|agenda|attendance|apologies)\b[\w /]{0,15}:\s",
    re.IGNORECASE)
# "Number of Attendees: 7", "Meeting Date: 2023-03-14": a detail, not a name.
_KEY_VALUE = re.compile(r"^\W*[A-Z][\w ]{0,30}:\s+\S")
_KEY_NUMBER = re.compile(
    r"^\W*[A-Z][\w ]{0,30}:\s+\d+(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?\W*$", re.IGNORECASE)
_SET_OFF = re.compile(r"[,;:|–—-]\s*$")
_PAGE_SEPARATOR = re.compile(r"^\s+[|–—:-]\s+")
_CLOCK_LEAD = re.compile(r"^\W*\d{1,2}[:.]\d\d\b")  # "7:08 - Start": an agenda slot
_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*[.)]\s|^\s*\d+(?:\.\d+)+\s")
_TRAILING_ON = re.compile(r"\s*\b(?:held\s+)?(?:on|at|dated?|of|for|from)\s*$",
                          re.IGNORECASE)
# "22 May 2023 | Working Group Call Attendees: ...": the name runs to the next label.
_NEXT_LABEL = re.compile(r"\s+[A-Z]\w*:\s.*$", re.DOTALL)
_FILLER = frozenset({"and", "of", "the", "for", "from", "to", "on", "at"})
_SEPARATOR = re.compile(r"^\s*(?:\||[–—-]|:)?\s*")
# "... AGM MEETING HELD AT THE VILLAGE HALL ON": where it was held is no part of it.
_HELD = re.compile(r"\s+(?i:held|convened)\b.*$", re.DOTALL)
# An e-mail's greeting or a link is no title: "Dear all,", "... Vydeo: https://...".
_NOT_TITLE = re.compile(
    r"^\W*(?:dear|hi|hello|hey|good\s+(?:morning|afternoon|evening))\b|\S+://|,$",
    re.IGNORECASE)


def _letterhead(text: str) -> bool:
    """An organisation's name in capitals above the title: "ALLIANCE OF NGOs ON ..."."""
    if _DOC_TYPE_LEAD.match(text):
        return False  # "MINUTES OF THE PARISH COUNCIL MEETING" is the title
    letters = [ch for ch in text if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return len(text.split()) > 3 and upper > 0.8 * len(letters)


def clean_title(text: str, dates: list[DateMention], *,
                doc_type: bool = False) -> str:
    """A name without its day ("Committee Meeting - 2023-05-20") or "Minutes of"."""
    days = [d for d in dates if d.precision == "day"]
    if days:  # "Minutes of the meeting held on 5 March at 7pm": what comes first
        before = _TRAILING_ON.sub("", text[:days[0].start].rstrip(" ,;:–—-|("))
        after = text[days[0].time.end if days[0].time else days[0].end:]
        if not _named(before) and _named(after):
            text, days = after, []  # "Agenda for the 16 June 17:00 Fern WG Meeting"
        elif re.search(r"[A-Za-z]{2}", before):
            text = before
    for m in sorted(days, key=lambda d: -d.start):
        text = text[:m.start] + text[m.end:]
    held = _HELD.sub("", text)
    text = held if re.search(r"[A-Za-z]{2}", held) else text
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+", " ", text).strip(" \t,;:–—-|").strip()
    if doc_type:
        return text
    bare = _DOC_TYPE_TAIL.sub("", _DOC_TYPE_LEAD.sub("", text)).strip(" \t,;:–—-|")
    return bare if _named(bare) else text  # "Agenda and minutes" leaves only "and"


def _named(text: str) -> bool:
    """Some name is left past "Minutes of the" / "Agenda for the" and filler words."""
    bare = _DOC_TYPE_TAIL.sub("", _DOC_TYPE_LEAD.sub("", f"{text} "))
    return any(w.lower() not in _FILLER for w in re.findall(r"[A-Za-z]{2,}", bare))


def _details(text: str) -> bool:
    """Every line a "Label: value" ("Start Time: 7:08"), or one with a number."""
    lines = text.splitlines()
    if len(lines) > 1:
        return all(_KEY_VALUE.match(line) for line in lines)
    return bool(_KEY_NUMBER.match(text))


def _date_first(text: str, dates: list[DateMention], heading: bool) -> str | None:
    """The name after a leading date: "2021-04-14 Board Meeting", "22 May | WG"."""
    rest = text[dates[0].end:]
    if rest.lstrip().startswith(",") or not (heading or rest.lstrip().startswith("|")):
        return None  # "1 October 2020, BlueJeans video-conference." gives a place
    return _NEXT_LABEL.sub("", _SEPARATOR.sub("", rest, count=1))


def title_in(ctx: ExtractionContext, doc: Doc, *, heading: bool,
             generic: bool = False) -> str | None:
    """The title a block gives; None for a section label, date line or letterhead."""
    return _title_text(ctx, doc_text(doc).strip(), doc_dates(doc, ctx.date_order),
                       heading=heading, generic=generic)


def _title_text(ctx: ExtractionContext, text: str, dates: list[DateMention], *,
                heading: bool, generic: bool = False) -> str | None:
    """The title a line gives (see title_in)."""
    if (not text or _LABEL_LINE.match(text) or _NUMBERED.match(text) or _details(text)
            or _CLOCK_LEAD.match(text)
            or _NOT_TITLE.search(text)
            or _DETAILS.match(text) or _SECTION.match(text) or _letterhead(text)):
        return None
    if dates and dates[0].start == 0:
        rest = _date_first(text, dates, heading)
        if rest is None:
            return None
        text, dates = rest, find_dates(rest, order=ctx.date_order)
    title = clean_title(text, dates)
    if not heading and (len(title.split()) > 12 or title.endswith(".")):
        return None
    if not re.search(r"[A-Za-z]{2}", title):
        return None
    if _GENERIC.match(title):  # kept as written, and only when nothing better exists
        return clean_title(text, dates, doc_type=True) if generic else None
    return title


def _above_details(ctx: ExtractionContext, i: int) -> str | None:
    """ "HTTPAPI IETF119" over "Date: 2024-03-21": the line above the details."""
    lines = ctx.blocks[i].text.split("\n")
    below = lines[1:2] or [b.text for b in ctx.blocks[i + 1:i + 2]]
    if not below or not _LABEL_LINE.match(below[0]) or len(lines[0].split()) > 10:
        return None
    line = lines[0].strip()
    return _title_text(ctx, line, find_dates(line, order=ctx.date_order),
                       heading=False)


def _page_title(ctx: ExtractionContext, headings: list[tuple[int, Doc]]) -> str | None:
    """The name a web page's <title> adds after its heading ("Minutes 5 May – Loom")."""
    page = (ctx.raw.title or "").strip()
    if not headings or "html" not in ctx.raw.media_type:
        return None
    shown = ctx.blocks[headings[0][0]].text.strip()
    rest = page[len(shown):] if shown and page.startswith(shown) else ""
    if not _PAGE_SEPARATOR.match(rest):
        return None
    return _title_text(ctx, _PAGE_SEPARATOR.sub("", rest), [], heading=False)


def front_matter_title(ctx: ExtractionContext) -> str | None:
    """The front matter's title, when it names more than a date."""
    meta = (ctx.raw.metadata.get("title") or "").strip()
    if not re.search(r"[A-Za-z]{3}", meta):
        return None
    dates = find_dates(meta, order=ctx.date_order)
    last = dates[-1] if dates else None
    if last is not None and last.precision != "day" and not meta[last.end:].strip() \
            and _SET_OFF.search(meta[:last.start]):
        meta = meta[:last.start].rstrip(" ,;:–—-|")  # "General Meeting, October 2021"
    title = clean_title(meta, dates)
    return title or None


def extract_title(ctx: ExtractionContext) -> tuple[int | None, str | None]:
    """The visible title: a top heading, else front matter, else a short first line."""
    head = list(enumerate(ctx.docs[:6]))
    headings = [(i, d) for i, d in head if ctx.blocks[i].kind == "heading"]
    lines = [(i, d) for i, d in head[:3] if ctx.blocks[i].kind == "paragraph"]
    first = headings[0][0] if headings else len(head)
    top = any(ctx.blocks[i].level <= 1 for i, _ in headings)  # "# Title" (0: unknown)
    for i, doc in lines:  # "MINUTES OF ... MEETING" above every heading names it
        if i < first and _DOC_TYPE_LEAD.match(doc_text(doc)):
            title = title_in(ctx, doc, heading=False)
            if title is not None:
                return i, title
        title = _above_details(ctx, i) if i < first and not top else None
        if title is not None:
            return i, title
    meta = front_matter_title(ctx)
    if meta is not None and not top:
        return None, meta  # the page shows its front matter title above "## Sections"
    for i, doc in headings:
        title = title_in(ctx, doc, heading=True)
        if title is not None:
            return i, title
    if meta is not None:
        return None, meta
    return _fallback_title(ctx, headings, lines)


def _fallback_title(ctx: ExtractionContext, headings: list[tuple[int, Doc]],
                    lines: list[tuple[int, Doc]]) -> tuple[int | None, str | None]:
    """No named heading: the page's title, a short line, else "Minutes of ..."."""
    page = _page_title(ctx, headings)
    if page is not None:
        return None, page
    for i, doc in lines:
        title = title_in(ctx, doc, heading=False)
        if title is not None:
            return i, title
    for i, doc in headings + lines:  # "Minutes of the meeting" when nothing else
        heading = ctx.blocks[i].kind == "heading"
        title = title_in(ctx, doc, heading=heading, generic=True)
        if title is not None:
            return i, title
    return None, None
