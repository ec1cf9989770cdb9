"""Event, Mention and DialogueFigure: dated happenings and what minutes say of them.

A dialogue is an Event of kind "dialogue": it has a topic, the dates it had before
it moved, and the figures each meeting reported for it.
"""

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from minutegraph import models
from resolvers.context import Info
from schema.node import Node, to_global_id
from schema.provenance import Provenance

if TYPE_CHECKING:
    from schema.meeting import Meeting
    from schema.organisation import Organisation

MeetingRef = Annotated["Meeting", strawberry.lazy("schema.meeting")]
OrganisationRef = Annotated["Organisation", strawberry.lazy("schema.organisation")]


async def _meeting(info: Info, meeting_id: int | None) -> MeetingRef | None:
    from schema.meeting import Meeting

    if meeting_id is None:
        return None
    row = await info.context.loaders.meeting_by_id.load(meeting_id)
    return Meeting.from_row(row) if row else None


@strawberry.type(description="A dated happening: session, side event, deadline...")
class Event(Node):
    kind: str = strawberry.field(
        description="meeting, dialogue, session, side_event, deadline or other."
    )
    title: str = strawberry.field(description="Its name.")
    topic: str | None = strawberry.field(description="A dialogue's topic.")
    start: dt.date = strawberry.field(description="The first day it covers.")
    start_text: str = strawberry.field(description="Start as ISO at its precision.")
    end: dt.date | None = strawberry.field(description="The last day, if stated.")
    end_text: str | None = strawberry.field(description="End as ISO at its precision.")
    precision: str = strawberry.field(description="day, month or year.")
    start_time: str | None = strawberry.field(description="HH:MM, when stated.")
    end_time: str | None = strawberry.field(description="HH:MM, when stated.")
    location: str | None = strawberry.field(description="Where, when stated.")
    status: str = strawberry.field(description="scheduled or moved.")
    previous_starts: list[str] = strawberry.field(
        description="Earlier start dates, when the event moved."
    )
    row: strawberry.Private[models.Event]

    @classmethod
    def from_row(cls, row: models.Event) -> Self:
        """The schema object for a row."""
        return cls(
            id=to_global_id("Event", row.id),
            kind=row.kind,
            title=row.title,
            topic=row.topic,
            start=row.start,
            start_text=row.start_text,
            end=row.end,
            end_text=row.end_text,
            precision=row.precision,
            start_time=row.start_time,
            end_time=row.end_time,
            location=row.location,
            status=row.status,
            previous_starts=list(row.previous_starts or []),
            row=row,
        )

    @strawberry.field(description="Meetings whose minutes mention it, newest first.")
    async def meetings(self, info: Info) -> list[MeetingRef]:
        from schema.meeting import Meeting

        rows = await info.context.loaders.meetings_by_event_id.load(self.row.id)
        return [Meeting.from_row(row) for row in rows]

    @strawberry.field(description="What each set of minutes says of it.")
    async def mentions(self, info: Info) -> list["Mention"]:
        rows = await info.context.loaders.mentions_by_event_id.load(self.row.id)
        return [Mention.from_row(row) for row in rows]

    @strawberry.field(description="A dialogue's figures over time (by meeting date).")
    async def figures(self, info: Info) -> list["DialogueFigure"]:
        rows = await info.context.loaders.figures_by_event_id.load(self.row.id)
        return [DialogueFigure.from_row(row) for row in rows]

    @strawberry.field(description="The meeting this event is, once minutes arrive.")
    async def meeting(self, info: Info) -> MeetingRef | None:
        return await _meeting(info, self.row.meeting_id)

    @strawberry.field(description="The minutes' meeting that moved its date.")
    async def date_changed_in(self, info: Info) -> MeetingRef | None:
        return await _meeting(info, self.row.date_changed_in_meeting_id)

    @strawberry.field(description="The organisation that shared it, if any.")
    async def organisation(self, info: Info) -> OrganisationRef | None:
        from schema.organisation import Organisation

        if self.row.organisation_id is None:
            return None
        row = await info.context.loaders.organisation_by_id.load(
            self.row.organisation_id
        )
        return Organisation.from_row(row) if row else None


@strawberry.type(description="An event as one meeting's minutes state it.")
class Mention:
    title_in_document: str = strawberry.field(description="The title as written.")
    kind_in_document: str = strawberry.field(description="The kind read there.")
    start_in_document: str | None = strawberry.field(description="Start read there.")
    end_in_document: str | None = strawberry.field(description="End read there.")
    provenance: Provenance = strawberry.field(description="Where this was read.")
    row: strawberry.Private[models.Mention]

    @classmethod
    def from_row(cls, row: models.Mention) -> Self:
        """The schema object for a row."""
        return cls(
            title_in_document=row.title_in_document,
            kind_in_document=row.kind_in_document,
            start_in_document=row.start_in_document,
            end_in_document=row.end_in_document,
            provenance=Provenance.of(row),
            row=row,
        )

    @strawberry.field(description="The meeting whose minutes mention the event.")
    async def meeting(self, info: Info) -> MeetingRef:
        return await _meeting(info, self.row.meeting_id)

    @strawberry.field(description="The event mentioned.")
    async def event(self, info: Info) -> Event:
        return Event.from_row(
            await info.context.loaders.event_by_id.load(self.row.event_id)
        )


@strawberry.type(description="Figures one meeting reports for a dialogue.")
class DialogueFigure:
    applicants: int | None = strawberry.field(description="Applicants reported.")
    qualifier: str | None = strawberry.field(description="about or over, if stated.")
    wish_to_speak: int | None = strawberry.field(description="Who wish to speak.")
    as_of: str | None = strawberry.field(description="Date the figures are as of.")
    provenance: Provenance = strawberry.field(description="Where this was read.")
    row: strawberry.Private[models.DialogueFigure]

    @classmethod
    def from_row(cls, row: models.DialogueFigure) -> Self:
        """The schema object for a row."""
        return cls(
            applicants=row.applicants,
            qualifier=row.qualifier,
            wish_to_speak=row.wish_to_speak,
            as_of=row.as_of,
            provenance=Provenance.of(row),
            row=row,
        )

    @strawberry.field(description="The meeting that reported them.")
    async def meeting(self, info: Info) -> MeetingRef:
        return await _meeting(info, self.row.meeting_id)

    @strawberry.field(description="The dialogue.")
    async def dialogue(self, info: Info) -> Event:
        return Event.from_row(
            await info.context.loaders.event_by_id.load(self.row.event_id)
        )
