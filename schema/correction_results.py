"""Inputs and result unions of the correction mutations (and eventCreate)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry

from schema.action_item import ActionItem
from schema.errors import Conflict, Invalid, NotFound
from schema.event import Event
from schema.organisation import Organisation
from schema.person import Person


@strawberry.input(description="New name, acronym and aliases; old names stay aliases.")
class OrganisationUpdateInput:
    name: str | None = strawberry.field(default=None, description="The new name.")
    acronym: str | None = strawberry.field(default=None, description="An acronym.")
    aliases: list[str] = strawberry.field(
        default_factory=list, description="More names that resolve to it."
    )


@strawberry.input(description="New name and aliases; the old name stays an alias.")
class PersonUpdateInput:
    name: str | None = strawberry.field(default=None, description="The new name.")
    aliases: list[str] = strawberry.field(
        default_factory=list, description="More names that resolve to them."
    )


@strawberry.enum(description="Whether an action item is still to be done.")
class ActionItemStatus(Enum):
    OPEN = "open"
    DONE = "done"


@strawberry.input(description="Status, owner, due date: kept across re-ingests.")
class ActionItemUpdateInput:
    status: ActionItemStatus | None = strawberry.field(
        default=None, description="open or done; a closed item stays closed."
    )
    owner_id: strawberry.ID | None = strawberry.field(
        default=None, description="The owner: a Person or an Organisation."
    )
    due: dt.date | None = strawberry.field(default=None, description="Due date.")


@strawberry.input(
    description="Event fields to correct: unset ones stay, null clears an optional one."
)
class EventUpdateInput:
    title: str | None = strawberry.field(
        default=strawberry.UNSET, description="Its name."
    )
    kind: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="meeting, dialogue, session, side_event...",
    )
    start: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="ISO date at its precision: 2025, 2025-03...",
    )
    end: str | None = strawberry.field(
        default=strawberry.UNSET, description="ISO end date."
    )
    start_time: str | None = strawberry.field(
        default=strawberry.UNSET, description="HH:MM."
    )
    end_time: str | None = strawberry.field(
        default=strawberry.UNSET, description="HH:MM."
    )
    location: str | None = strawberry.field(
        default=strawberry.UNSET, description="Where."
    )
    status: str | None = strawberry.field(
        default=strawberry.UNSET, description="scheduled, moved or cancelled."
    )


@strawberry.input(description="An event an organisation shares in the calendar.")
class EventCreateInput:
    organisation_id: strawberry.ID = strawberry.field(
        description="The Organisation sharing it."
    )
    title: str = strawberry.field(description="Its name.")
    start: str = strawberry.field(description="ISO date at its precision.")
    kind: str = strawberry.field(default="other", description="meeting, session...")
    end: str | None = strawberry.field(default=None, description="ISO end date.")
    start_time: str | None = strawberry.field(default=None, description="HH:MM.")
    end_time: str | None = strawberry.field(default=None, description="HH:MM.")
    location: str | None = strawberry.field(default=None, description="Where.")


@strawberry.type(description="The organisation as corrected.")
class OrganisationUpdateSuccess:
    organisation: Organisation = strawberry.field(description="The organisation.")


@strawberry.type(description="The surviving organisation, holding all of both.")
class OrganisationMergeSuccess:
    organisation: Organisation = strawberry.field(description="The survivor.")


@strawberry.type(description="The person as corrected.")
class PersonUpdateSuccess:
    person: Person = strawberry.field(description="The person.")


@strawberry.type(description="The surviving person, holding all of both.")
class PersonMergeSuccess:
    person: Person = strawberry.field(description="The survivor.")


@strawberry.type(description="The action item as corrected.")
class ActionItemUpdateSuccess:
    action_item: ActionItem = strawberry.field(description="The action item.")


@strawberry.type(description="The event as corrected.")
class EventUpdateSuccess:
    event: Event = strawberry.field(description="The event.")


@strawberry.type(description="The event now in the calendar.")
class EventCreateSuccess:
    event: Event = strawberry.field(description="The event.")


OrganisationUpdateResult = Annotated[
    OrganisationUpdateSuccess | NotFound | Invalid | Conflict,
    strawberry.union("OrganisationUpdateResult"),
]
OrganisationMergeResult = Annotated[
    OrganisationMergeSuccess | NotFound | Invalid,
    strawberry.union("OrganisationMergeResult"),
]
PersonUpdateResult = Annotated[
    PersonUpdateSuccess | NotFound | Invalid | Conflict,
    strawberry.union("PersonUpdateResult"),
]
PersonMergeResult = Annotated[
    PersonMergeSuccess | NotFound | Invalid, strawberry.union("PersonMergeResult")
]
ActionItemUpdateResult = Annotated[
    ActionItemUpdateSuccess | NotFound | Invalid,
    strawberry.union("ActionItemUpdateResult"),
]
EventUpdateResult = Annotated[
    EventUpdateSuccess | NotFound | Invalid, strawberry.union("EventUpdateResult")
]
EventCreateResult = Annotated[
    EventCreateSuccess | NotFound | Invalid, strawberry.union("EventCreateResult")
]
