"""Attendance: a person the minutes list at a meeting, as written and as linked."""

from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from minutegraph import models
from resolvers.context import Info
from schema.node import Node, to_global_id
from schema.provenance import Provenance

if TYPE_CHECKING:
    from schema.meeting import Meeting
    from schema.organisation import Organisation
    from schema.person import Person

PersonRef = Annotated["Person", strawberry.lazy("schema.person")]
OrganisationRef = Annotated["Organisation", strawberry.lazy("schema.organisation")]
MeetingRef = Annotated["Meeting", strawberry.lazy("schema.meeting")]


@strawberry.type(description="A person listed at a meeting, with the raw text kept.")
class Attendance(Node):
    status: str = strawberry.field(description="present or apologies.")
    position: int = strawberry.field(description="Order in the document's list.")
    raw_name: str = strawberry.field(description="The name as written.")
    raw_organisation: str | None = strawberry.field(
        description="The organisation as written."
    )
    group: str | None = strawberry.field(description="The list heading it sat under.")
    role: str | None = strawberry.field(description="Chair, rapporteur...")
    provenance: Provenance = strawberry.field(description="Where this was read.")
    row: strawberry.Private[models.Attendance]

    @classmethod
    def from_row(cls, row: models.Attendance) -> Self:
        """The schema object for a row."""
        return cls(
            id=to_global_id("Attendance", row.id),
            status=row.status,
            position=row.position,
            raw_name=row.raw_name,
            raw_organisation=row.raw_organisation,
            group=row.group,
            role=row.role,
            provenance=Provenance.of(row),
            row=row,
        )

    @strawberry.field(description="The meeting.")
    async def meeting(self, info: Info) -> MeetingRef:
        from schema.meeting import Meeting

        row = await info.context.loaders.meeting_by_id.load(self.row.meeting_id)
        return Meeting.from_row(row)

    @strawberry.field(description="The person; null when the name stayed unresolved.")
    async def person(self, info: Info) -> PersonRef | None:
        from schema.person import Person

        if self.row.person_id is None:
            return None
        row = await info.context.loaders.person_by_id.load(self.row.person_id)
        return Person.from_row(row) if row else None

    @strawberry.field(description="The organisation attended for, when resolved.")
    async def organisation(self, info: Info) -> OrganisationRef | None:
        from schema.organisation import Organisation

        if self.row.organisation_id is None:
            return None
        loader = info.context.loaders.organisation_by_id
        row = await loader.load(self.row.organisation_id)
        return Organisation.from_row(row) if row else None
