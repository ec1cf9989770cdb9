"""Person: someone the minutes name, one node across documents."""

from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from minutegraph import models
from resolvers.context import Info
from schema.attendance_status import AttendanceStatus, StatusArgument, with_status
from schema.node import Node, to_global_id

if TYPE_CHECKING:
    from schema.action_item import ActionItem
    from schema.attendance import Attendance
    from schema.meeting import Meeting
    from schema.membership import Membership
    from schema.organisation import Organisation

OrganisationRef = Annotated["Organisation", strawberry.lazy("schema.organisation")]
MembershipRef = Annotated["Membership", strawberry.lazy("schema.membership")]
AttendanceRef = Annotated["Attendance", strawberry.lazy("schema.attendance")]
MeetingRef = Annotated["Meeting", strawberry.lazy("schema.meeting")]
ActionItemRef = Annotated["ActionItem", strawberry.lazy("schema.action_item")]


@strawberry.type(description="A person named in minutes.")
class Person(Node):
    name: str = strawberry.field(description="The name, as the graph settled it.")
    row: strawberry.Private[models.Person]

    @classmethod
    def from_row(cls, row: models.Person) -> Self:
        """The schema object for a row."""
        return cls(id=to_global_id("Person", row.id), name=row.name, row=row)

    @strawberry.field(description="Every name that resolves to this person.")
    async def aliases(self, info: Info) -> list[str]:
        rows = await info.context.loaders.aliases_by_person_id.load(self.row.id)
        return [row.name for row in rows]

    @strawberry.field(description="Organisations the minutes list this person with.")
    async def organisations(self, info: Info) -> list[OrganisationRef]:
        from schema.organisation import Organisation

        rows = await info.context.loaders.organisations_by_person_id.load(self.row.id)
        return [Organisation.from_row(row) for row in rows]

    @strawberry.field(description="Affiliations, with role and dates seen.")
    async def memberships(self, info: Info) -> list[MembershipRef]:
        from schema.membership import Membership

        rows = await info.context.loaders.memberships_by_person_id.load(self.row.id)
        return [Membership.from_row(row) for row in rows]

    @strawberry.field(
        description="Each time the minutes list this person, present by default."
    )
    async def attendances(
        self,
        info: Info,
        status: StatusArgument = AttendanceStatus.PRESENT,
    ) -> list[AttendanceRef]:
        from schema.attendance import Attendance

        rows = await info.context.loaders.attendances_by_person_id.load(self.row.id)
        return [Attendance.from_row(row) for row in with_status(rows, status)]

    @strawberry.field(description="Meetings attended, newest first.")
    async def meetings(self, info: Info) -> list[MeetingRef]:
        from schema.meeting import Meeting

        rows = await info.context.loaders.meetings_by_person_id.load(self.row.id)
        return [Meeting.from_row(row) for row in rows]

    @strawberry.field(description="Action items this person owns.")
    async def action_items(self, info: Info) -> list[ActionItemRef]:
        from schema.action_item import ActionItem

        loader = info.context.loaders.action_items_by_owner_person_id
        return [ActionItem.from_row(row) for row in await loader.load(self.row.id)]
