"""The extraction model: what one document says, each fact tied to its source text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

EXTRACTOR_VERSION = "0.2.0"
FORMAT = "minutes-extract/1"

EventKind = Literal["meeting", "dialogue", "session", "side_event", "deadline", "other"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact was read: block index, character span inside it, and the text."""

    block: int
    start: int
    end: int
    snippet: str

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "block": self.block,
            "start": self.start,
            "end": self.end,
            "snippet": self.snippet,
        }


@dataclass(slots=True)
class Meeting:
    """The meeting the minutes record."""

    title: str | None = None
    date: str | None = None  # ISO, as precise as the document: 2023-02-15, 2004
    start_time: str | None = None  # HH:MM
    end_time: str | None = None
    timezone: str | None = None  # +01:00
    location: str | None = None
    provenance: dict[str, Provenance] = field(default_factory=dict)

    def as_contract(self) -> dict[str, Any]:
        """The contract's `meeting` object."""
        return {
            "title": self.title,
            "date": self.date,
            "start_time": self.start_time,
            "end_time": self.end_time,
            "timezone": self.timezone,
            "location": self.location,
        }


@dataclass(slots=True)
class Attendee:
    """A person the minutes record as present."""

    name: str
    organisation: str | None
    group: str | None
    provenance: Provenance
    role: str | None = None  # chair, note taker, observer...

    def as_contract(self) -> dict[str, Any]:
        """The contract's attendee object."""
        return {
            "name": self.name,
            "organisation": self.organisation,
            "group": self.group,
        }


@dataclass(slots=True)
class Event:
    """A dated happening the minutes mention, other than the meeting itself."""

    title: str
    kind: EventKind
    start: str  # ISO at the document's precision
    provenance: Provenance
    end: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    location: str | None = None

    def as_contract(self) -> dict[str, Any]:
        """The contract's event object."""
        return {
            "title": self.title,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "start_time": self.start_time,
            "end_time": self.end_time,
            "location": self.location,
        }


@dataclass(slots=True)
class DialogueFigures:
    """Figures the minutes report for one constructive dialogue."""

    dialogue: str  # the dialogue's title as the extraction names it
    provenance: Provenance
    applicants: int | None = None
    qualifier: Literal["about", "over"] | None = None
    wish_to_speak: int | None = None
    as_of: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "dialogue": self.dialogue,
            "applicants": self.applicants,
            "qualifier": self.qualifier,
            "wish_to_speak": self.wish_to_speak,
            "as_of": self.as_of,
        }


@dataclass(slots=True)
class ActionItem:
    """Work someone is to do after the meeting."""

    text: str
    owner: str | None
    due: str | None
    provenance: Provenance

    def as_contract(self) -> dict[str, Any]:
        """The contract's action item object."""
        return {"text": self.text, "owner": self.owner, "due": self.due}


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document."""

    filename: str
    media_type: str
    meeting: Meeting
    attendees: list[Attendee] = field(default_factory=list)
    # People the minutes file under Apologies / Regrets / Absent: not attendees
    # (the contract leaves them out), kept for the graph's "apologies" attendances.
    apologies: list[Attendee] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    dialogue_figures: list[DialogueFigures] = field(default_factory=list)
    extractor_version: str = EXTRACTOR_VERSION

    def as_contract(self, *, explain: bool = False) -> dict[str, Any]:
        """The `minutes-extract/1` object; `explain` adds each fact's source."""
        out: dict[str, Any] = {
            "format": FORMAT,
            "source": {"filename": self.filename, "media_type": self.media_type},
            "meeting": self.meeting.as_contract(),
            "attendees": [a.as_contract() for a in self.attendees],
            "events": [e.as_contract() for e in self.events],
            "action_items": [a.as_contract() for a in self.action_items],
        }
        if explain:
            out["apologies"] = [a.as_contract() for a in self.apologies]
            out["meeting"]["provenance"] = {
                k: p.as_dict() for k, p in self.meeting.provenance.items()
            }
            for key, items in (
                ("attendees", self.attendees),
                ("apologies", self.apologies),
                ("events", self.events),
                ("action_items", self.action_items),
            ):
                for obj, item in zip(out[key], items, strict=True):
                    obj["provenance"] = item.provenance.as_dict()
            out["dialogue_figures"] = [
                {**f.as_dict(), "provenance": f.provenance.as_dict()}
                for f in self.dialogue_figures
            ]
            out["extractor_version"] = self.extractor_version
        return out
