"""Constructive dialogues: their names ("CD on Firearms") and the figures reported."""

from __future__ import annotations

import re

from ingest.extractors.context import ExtractionContext
from ingest.extractors.dates import find_dates, parse_iso, resolve
from ingest.model import DialogueFigures

# "Constructive Dialogue on Technical Assistance", "CD on Firearms": the topic is a run
# of capitalised words with the small words that join them.
_TOPIC = r"[A-Z][\w'’-]*(?:\s(?:in|of|and|on|for|the|to|[A-Z][\w'’-]*))*"
DIALOGUE_RE = re.compile(
    rf"\b(?:Constructive\s+Dialogue|CD)s?\s+on\s+(?:the\s+)?(?P<topic>{_TOPIC})")
# "the dialogue" refers to the dialogue last named.
DIALOGUE_REF_RE = re.compile(r"\b(?:the|this)\s+dialogue\b", re.IGNORECASE)
_TRAILING_SMALL = re.compile(r"(?:\s(?:in|of|and|on|for|the|to))+$")

_QUALIFIER = r"(?P<q>about|around|approximately|over|more than|some)?\s?"
_COUNT = (_QUALIFIER + r"(?P<n>\d{1,5})\s(?:applicants|organi[sz]ations|NGOs)?"
          r"[^.;()\d]{0,40}?\bfor\s(?P<target>the\s(?:Constructive\sDialogue|CD|dialogue)"
          r"[^(.;,]*?)\s?\((?P<w>\d{1,5})\sof\swhich\s(?:have\s)?(?:expressed\sinterest"
          r"|wish|wished|want|wanted|asked|would\slike)")
_FIGURE_RE = re.compile(_COUNT, re.IGNORECASE)
_AS_OF_RE = re.compile(r"\bas\s(?:of|at)\s(?P<date>[^:;,.]{3,30})", re.IGNORECASE)
# "216 organisations are registered for the dialogue and 72 have asked to speak"
_REGISTERED_RE = re.compile(
    _QUALIFIER + r"(?P<n>\d{1,5})\s(?:applicants|organi[sz]ations|NGOs)\s"
    r"(?:are|were|have)\s(?:registered|applied)\sfor\s(?P<target>the\s(?:Constructive\sDialogue|CD|dialogue)"
    r"[^.;,]*?)\sand\s(?P<w>\d{1,5})\s(?:have|had)\s(?:asked|expressed|wish)",
    re.IGNORECASE)


def dialogue_title(topic: str) -> str:
    """The full name of a dialogue on `topic`."""
    return f"Constructive Dialogue on {_TRAILING_SMALL.sub('', topic.strip())}"


def dialogue_in(text: str) -> str | None:
    """The last dialogue named in `text`, as its full name."""
    found = list(DIALOGUE_RE.finditer(text))
    return dialogue_title(found[-1].group("topic")) if found else None


def _qualifier(word: str | None) -> str | None:
    """ "about 211" -> about, "over 250" -> over."""
    if not word:
        return None
    return "over" if word.lower() in ("over", "more than") else "about"


def _as_of(ctx: ExtractionContext, text: str) -> str | None:
    """The reference date of the figures ("as of 20 March")."""
    m = _AS_OF_RE.search(text)
    if not m:
        return None
    dates = find_dates(m.group("date"), order=ctx.date_order)
    if not dates:
        return None
    return resolve(dates[0], meeting_date=parse_iso(ctx.meeting.date), past=True)[0]


def extract_figures(ctx: ExtractionContext, last_dialogue: list[str | None]
                    ) -> list[DialogueFigures]:
    """Applicants and speakers reported per dialogue, in reading order.

    `last_dialogue[i]` is the dialogue named last before block i, for "the dialogue".
    """
    out: list[DialogueFigures] = []
    for i, block in enumerate(ctx.blocks):
        text = block.text
        if "dialogue" not in text.lower() and "CD" not in text:
            continue
        qualifier = None
        for m in [*_FIGURE_RE.finditer(text), *_REGISTERED_RE.finditer(text)]:
            qualifier = _qualifier(m.group("q")) or qualifier
            title = dialogue_in(m.group("target")) or last_dialogue[i]
            if title is None:
                continue
            out.append(DialogueFigures(
                dialogue=title, provenance=ctx.provenance(i, m.start(), m.end()),
                applicants=int(m.group("n")), qualifier=qualifier,  # type: ignore[arg-type]
                wish_to_speak=int(m.group("w")), as_of=_as_of(ctx, text[:m.start()])))
    return out
