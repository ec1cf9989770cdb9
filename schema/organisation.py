"""Organisation: NGOs, UN bodies, member states, companies named in minutes."""

from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from minutegraph import models
from resolvers.context import Info
from schema.attendance_status import AttendanceStatus, StatusArgument, with_status
from schema.node import Node, to_global_id

if TYPE_CHECKING:
    from schema.action_item import ActionItem
    from schema.attendance import Attendance
    from schema.event import Event
    from schema.meeting import Meeting
    from schema.membership import Membership
    from schema.person import Person

PersonRef = Annotated["Person", strawberry.lazy("schema.person")]
MembershipRef = Annotated["Membership", strawberry.lazy("schema.membership")]
AttendanceRef = Annotated["Attendance", strawberry.lazy("schema.attendance")]
MeetingRef = Annotated["Meeting", strawberry.lazy("schema.meeting")]
ActionItemRef = Annotated["ActionItem", strawberry.lazy("schema.action_item")]
EventRef = Annotated["Event", strawberry.lazy("schema.event")]


@strawberry.type(description="An organisation, one node however the minutes name it.")
class Organisation(Node):
    name: str = strawberry.field(description="The name, as the graph settled it.")
    acronym: str | None = strawberry.field(description="Its acronym, when known.")
    kind: str | None = strawberry.field(
        description="ngo, un_body, member_state...; null when not stated."
    )
    row: strawberry.Private[models.Organisation]

    @classmethod
    def from_row(cls, row: models.Organisation) -> Self:
        """The schema object for a row."""
        return cls(
            id=to_global_id("Organisation", row.id),
            name=row.name,
            acronym=row.acronym,
            kind=row.kind,
            row=row,
        )

    @strawberry.field(description="Every name that resolves to this organisation.")
    async def aliases(self, info: Info) -> list[str]:
        rows = await info.context.loaders.aliases_by_organisation_id.load(self.row.id)
        return [row.name for row in rows]

    @strawberry.field(description="People the minutes list with this organisation.")
    async def people(self, info: Info) -> list[PersonRef]:
        from schema.person import Person

        rows = await info.context.loaders.people_by_organisation_id.load(self.row.id)
        return [Person.from_row(row) for row in rows]

    @strawberry.field(description="Its people's affiliations, with role and dates.")
    async def memberships(self, info: Info) -> list[MembershipRef]:
        from schema.membership import Membership

        loader = info.context.loaders.memberships_by_organisation_id
        return [Membership.from_row(row) for row in await loader.load(self.row.id)]

    @strawberry.field(
        description="Attendances listed under this organisation, present by default."
    )
    async def attendances(
        self,
        info: Info,
        status: StatusArgument = AttendanceStatus.PRESENT,
    ) -> list[AttendanceRef]:
        from schema.attendance import Attendance

        rows = await info.context.loaders.attendances_by_organisation_id.load(
            self.row.id
        )
        return [Attendance.from_row(row) for row in with_status(rows, status)]

    @strawberry.field(description="Meetings it attended, newest first.")
    async def meetings(self, info: Info) -> list[MeetingRef]:
        from schema.meeting import Meeting

        rows = await info.context.loaders.meetings_by_organisation_id.load(self.row.id)
        return [Meeting.from_row(row) for row in rows]

    @strawberry.field(description="Action items it owns.")
    async def action_items(self, info: Info) -> list[ActionItemRef]:
        from schema.action_item import ActionItem

        loader = info.context.loaders.action_items_by_owner_organisation_id
        return [ActionItem.from_row(row) for row in await loader.load(self.row.id)]

    @strawberry.field(description="Events it shared in the calendar.")
    async def events(self, info: Info) -> list[EventRef]:
        from schema.event import Event

        rows = await info.context.loaders.events_by_organisation_id.load(self.row.id)
        return [Event.from_row(row) for row in rows]
