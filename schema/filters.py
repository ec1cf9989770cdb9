"""Typed filters for the root lists."""

import datetime as dt

import strawberry


@strawberry.input(description="Which organisations to list.")
class OrganisationFilter:
    search: str | None = strawberry.field(
        default=None, description="Part of a name, acronym or alias (any case)."
    )
    kind: str | None = strawberry.field(default=None, description="ngo, un_body...")


@strawberry.input(description="Which people to list.")
class PersonFilter:
    search: str | None = strawberry.field(
        default=None, description="Part of a name or alias (any case)."
    )
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only members of this organisation."
    )


@strawberry.input(description="Which meetings to list.")
class MeetingFilter:
    date_from: dt.date | None = strawberry.field(
        default=None, description="On or after this day."
    )
    date_to: dt.date | None = strawberry.field(
        default=None, description="On or before this day."
    )
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only meetings this organisation attended."
    )


@strawberry.input(description="Which events to list.")
class EventFilter:
    date_from: dt.date | None = strawberry.field(
        default=None, description="Not over before this day."
    )
    date_to: dt.date | None = strawberry.field(
        default=None, description="Starting on or before this day."
    )
    kind: str | None = strawberry.field(
        default=None, description="meeting, dialogue, session, side_event..."
    )
    upcoming: bool = strawberry.field(
        default=False, description="Only events not over yet (today, UTC)."
    )


@strawberry.input(description="Which action items to list.")
class ActionItemFilter:
    status: str | None = strawberry.field(default=None, description="open or done.")
    owner_id: strawberry.ID | None = strawberry.field(
        default=None, description="Owned by this person or organisation."
    )
    due_before: dt.date | None = strawberry.field(
        default=None, description="Due before this day."
    )


@strawberry.input(description="Which documents to list.")
class DocumentFilter:
    search: str | None = strawberry.field(
        default=None, description="Part of the file name."
    )
