"""`orderBy` inputs of the root lists: a field and a direction."""

from enum import Enum

import strawberry


@strawberry.enum(description="Which way a list runs.")
class OrderDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.enum(description="What organisations can be ordered by.")
class OrganisationOrderField(Enum):
    NAME = "name"
    CREATED = "created"


@strawberry.enum(description="What people can be ordered by.")
class PersonOrderField(Enum):
    NAME = "name"
    CREATED = "created"


@strawberry.enum(description="What meetings can be ordered by (undated ones last).")
class MeetingOrderField(Enum):
    DATE = "date"
    TITLE = "title"
    CREATED = "created"


@strawberry.enum(description="What events and dialogues can be ordered by.")
class EventOrderField(Enum):
    START = "start"
    TITLE = "title"
    CREATED = "created"


@strawberry.enum(description="What action items can be ordered by (no due date last).")
class ActionItemOrderField(Enum):
    CREATED = "created"
    DUE = "due"
    STATUS = "status"


@strawberry.enum(description="What documents can be ordered by.")
class DocumentOrderField(Enum):
    UPLOADED = "uploaded"
    FILENAME = "filename"


def _direction() -> OrderDirection:
    return strawberry.field(
        default=OrderDirection.ASC, description="ASC (the default) or DESC."
    )


@strawberry.input(description="An ordering of organisations; ties go by id.")
class OrganisationOrder:
    field: OrganisationOrderField = strawberry.field(description="Ordered by.")
    direction: OrderDirection = _direction()


@strawberry.input(description="An ordering of people; ties go by id.")
class PersonOrder:
    field: PersonOrderField = strawberry.field(description="Ordered by.")
    direction: OrderDirection = _direction()


@strawberry.input(description="An ordering of meetings; ties go by id.")
class MeetingOrder:
    field: MeetingOrderField = strawberry.field(description="Ordered by.")
    direction: OrderDirection = _direction()


@strawberry.input(description="An ordering of events; ties go by id.")
class EventOrder:
    field: EventOrderField = strawberry.field(description="Ordered by.")
    direction: OrderDirection = _direction()


@strawberry.input(description="An ordering of action items; ties go by id.")
class ActionItemOrder:
    field: ActionItemOrderField = strawberry.field(description="Ordered by.")
    direction: OrderDirection = _direction()


@strawberry.input(description="An ordering of documents; ties go by id.")
class DocumentOrder:
    field: DocumentOrderField = strawberry.field(description="Ordered by.")
    direction: OrderDirection = _direction()
