"""ActionItem: work someone is to do after a meeting."""

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


@strawberry.type(description="An action item: text, owner, due date and status.")
class ActionItem(Node):
    text: str = strawberry.field(description="What is to be done.")
    owner_raw: str | None = strawberry.field(description="The owner as written.")
    due: str | None = strawberry.field(description="ISO date at its precision.")
    status: str = strawberry.field(description="open or done.")
    provenance: Provenance = strawberry.field(description="Where this was read.")
    row: strawberry.Private[models.ActionItem]

    @classmethod
    def from_row(cls, row: models.ActionItem) -> Self:
        """The schema object for a row."""
        return cls(
            id=to_global_id("ActionItem", row.id),
            text=row.text,
            owner_raw=row.owner_raw,
            due=row.due,
            status=row.status,
            provenance=Provenance.of(row),
            row=row,
        )

    @strawberry.field(description="The meeting that agreed it.")
    async def meeting(self, info: Info) -> MeetingRef:
        from schema.meeting import Meeting

        row = await info.context.loaders.meeting_by_id.load(self.row.meeting_id)
        return Meeting.from_row(row)

    @strawberry.field(description="The owner, when a person was resolved.")
    async def owner(self, info: Info) -> PersonRef | None:
        from schema.person import Person

        if self.row.owner_person_id is None:
            return None
        row = await info.context.loaders.person_by_id.load(self.row.owner_person_id)
        return Person.from_row(row) if row else None

    @strawberry.field(description="The owning organisation, when resolved.")
    async def owner_organisation(self, info: Info) -> OrganisationRef | None:
        from schema.organisation import Organisation

        key = self.row.owner_organisation_id
        if key is None:
            return None
        row = await info.context.loaders.organisation_by_id.load(key)
        return Organisation.from_row(row) if row else None
