"""Membership: a person's affiliation with an organisation, as minutes state it."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from minutegraph import models
from resolvers.context import Info
from schema.node import Node, to_global_id

if TYPE_CHECKING:
    from schema.meeting import Meeting
    from schema.organisation import Organisation
    from schema.person import Person

PersonRef = Annotated["Person", strawberry.lazy("schema.person")]
OrganisationRef = Annotated["Organisation", strawberry.lazy("schema.organisation")]
MeetingRef = Annotated["Meeting", strawberry.lazy("schema.meeting")]


@strawberry.type(description="A person's affiliation with an organisation.")
class Membership(Node):
    role: str | None = strawberry.field(description="The role stated, if any.")
    first_seen: dt.date | None = strawberry.field(
        description="Date of the first meeting listing it."
    )
    last_seen: dt.date | None = strawberry.field(
        description="Date of the latest meeting listing it."
    )
    row: strawberry.Private[models.Membership]

    @classmethod
    def from_row(cls, row: models.Membership) -> Self:
        """The schema object for a row."""
        return cls(
            id=to_global_id("Membership", row.id),
            role=row.role,
            first_seen=row.first_seen,
            last_seen=row.last_seen,
            row=row,
        )

    @strawberry.field(description="The person.")
    async def person(self, info: Info) -> PersonRef:
        from schema.person import Person

        row = await info.context.loaders.person_by_id.load(self.row.person_id)
        return Person.from_row(row)

    @strawberry.field(description="The organisation.")
    async def organisation(self, info: Info) -> OrganisationRef:
        from schema.organisation import Organisation

        loader = info.context.loaders.organisation_by_id
        return Organisation.from_row(await loader.load(self.row.organisation_id))

    @strawberry.field(description="The meeting whose minutes first stated it.")
    async def source_meeting(self, info: Info) -> MeetingRef | None:
        from schema.meeting import Meeting

        if self.row.source_meeting_id is None:
            return None
        row = await info.context.loaders.meeting_by_id.load(self.row.source_meeting_id)
        return Meeting.from_row(row) if row else None
