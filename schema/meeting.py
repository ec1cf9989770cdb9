"""Meeting: what one set of minutes records."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from minutegraph import models
from resolvers.context import Info
from schema.attendance_status import AttendanceStatus, StatusArgument, with_status
from schema.node import Node, to_global_id
from schema.provenance import Provenance

if TYPE_CHECKING:
    from schema.action_item import ActionItem
    from schema.attendance import Attendance
    from schema.document import Document
    from schema.event import DialogueFigure, Event, Mention

AttendanceRef = Annotated["Attendance", strawberry.lazy("schema.attendance")]
EventRef = Annotated["Event", strawberry.lazy("schema.event")]
MentionRef = Annotated["Mention", strawberry.lazy("schema.event")]
FigureRef = Annotated["DialogueFigure", strawberry.lazy("schema.event")]
ActionItemRef = Annotated["ActionItem", strawberry.lazy("schema.action_item")]
DocumentRef = Annotated["Document", strawberry.lazy("schema.document")]


@strawberry.type(description="A meeting recorded by one set of minutes.")
class Meeting(Node):
    title: str | None = strawberry.field(description="The meeting's name.")
    date: dt.date | None = strawberry.field(description="The first day it covers.")
    date_text: str | None = strawberry.field(
        description="The date as ISO text at its precision (2023-02, 2023-02-15)."
    )
    start_time: str | None = strawberry.field(description="HH:MM, when stated.")
    end_time: str | None = strawberry.field(description="HH:MM, when stated.")
    timezone: str | None = strawberry.field(description="UTC offset, when stated.")
    location: str | None = strawberry.field(description="Where it was held.")
    provenance: Provenance = strawberry.field(description="Where this was read.")
    row: strawberry.Private[models.Meeting]

    @classmethod
    def from_row(cls, row: models.Meeting) -> Self:
        """The schema object for a row."""
        return cls(
            id=to_global_id("Meeting", row.id),
            title=row.title,
            date=row.date,
            date_text=row.date_text,
            start_time=row.start_time,
            end_time=row.end_time,
            timezone=row.timezone,
            location=row.location,
            provenance=Provenance.of(row),
            row=row,
        )

    @strawberry.field(
        description="People listed as present by default, or as sending apologies."
    )
    async def attendances(
        self,
        info: Info,
        status: StatusArgument = AttendanceStatus.PRESENT,
    ) -> list[AttendanceRef]:
        from schema.attendance import Attendance

        rows = await info.context.loaders.attendances_by_meeting_id.load(self.row.id)
        return [Attendance.from_row(row) for row in with_status(rows, status)]

    @strawberry.field(description="Events these minutes name, as they state them.")
    async def mentions(self, info: Info) -> list[MentionRef]:
        from schema.event import Mention

        rows = await info.context.loaders.mentions_by_meeting_id.load(self.row.id)
        return [Mention.from_row(row) for row in rows]

    @strawberry.field(description="Events these minutes name, as graph nodes.")
    async def events(self, info: Info) -> list[EventRef]:
        from schema.event import Event

        rows = await info.context.loaders.events_by_meeting_id.load(self.row.id)
        return [Event.from_row(row) for row in rows]

    @strawberry.field(description="Dialogue figures these minutes report.")
    async def figures(self, info: Info) -> list[FigureRef]:
        from schema.event import DialogueFigure

        rows = await info.context.loaders.figures_by_meeting_id.load(self.row.id)
        return [DialogueFigure.from_row(row) for row in rows]

    @strawberry.field(description="Action items agreed, in document order.")
    async def action_items(self, info: Info) -> list[ActionItemRef]:
        from schema.action_item import ActionItem

        rows = await info.context.loaders.action_items_by_meeting_id.load(self.row.id)
        return [ActionItem.from_row(row) for row in rows]

    @strawberry.field(description="The minutes document.")
    async def document(self, info: Info) -> DocumentRef:
        from schema.document import Document

        row = await info.context.loaders.document_by_id.load(self.row.document_id)
        return Document.from_row(row)
