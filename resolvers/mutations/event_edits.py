"""eventUpdate (a correction re-applied after every re-ingest) and eventCreate."""

from __future__ import annotations

from typing import Any

import strawberry

from minutegraph.graph import event_edits
from resolvers.context import Info
from resolvers.mutations.keys import key_or_invalid
from schema.correction_results import (
    EventCreateInput,
    EventCreateResult,
    EventCreateSuccess,
    EventUpdateInput,
    EventUpdateResult,
    EventUpdateSuccess,
)
from schema.errors import Invalid, NotFound
from schema.event import Event

# Input field -> event column, for the fields whose names differ.
_COLUMNS = {"start": "start_text", "end": "end_text"}
# Column -> input field name in GraphQL, to name the field at fault.
_INPUT_NAMES = {
    "start_text": "start",
    "end_text": "end",
    "start_time": "startTime",
    "end_time": "endTime",
}


def _changes(
    input: object, skip: tuple[str, ...] = (), *, keep_null: bool
) -> dict[str, Any]:
    """The columns an input states (unset fields, and nulls unless kept, left out)."""
    return {
        _COLUMNS.get(name, name): value
        for name, value in vars(input).items()
        if value is not strawberry.UNSET
        and (keep_null or value is not None)
        and name not in skip
    }


def _invalid(exc: event_edits.InvalidEventField) -> Invalid:
    name = _INPUT_NAMES.get(exc.field, exc.field)
    return Invalid.of(str(exc).replace(exc.field, name, 1), name)


async def event_update(
    info: Info, id: strawberry.ID, input: EventUpdateInput
) -> EventUpdateResult:
    """Correct an event; the correction wins over later re-extractions."""
    key = key_or_invalid(id, "id", "Event")
    if isinstance(key, Invalid):
        return key
    try:
        async with info.context.sessions.begin() as session:
            row = await event_edits.update_event(
                session=session, event_id=key, **_changes(input, keep_null=True)
            )
    except event_edits.InvalidEventField as exc:
        return _invalid(exc)
    except LookupError:
        return NotFound.of(id, "No event has this ID.")
    return EventUpdateSuccess(event=Event.from_row(row))


async def event_create(info: Info, input: EventCreateInput) -> EventCreateResult:
    """Put an event an organisation shares into the calendar (no document needed)."""
    key = key_or_invalid(input.organisation_id, "organisationId", "Organisation")
    if isinstance(key, Invalid):
        return key
    try:
        async with info.context.sessions.begin() as session:
            row = await event_edits.create_event(
                session=session,
                organisation_id=key,
                **_changes(input, skip=("organisation_id",), keep_null=False),
            )
    except event_edits.InvalidEventField as exc:
        return _invalid(exc)
    except LookupError:
        return NotFound.of(input.organisation_id, "No organisation has this ID.")
    return EventCreateSuccess(event=Event.from_row(row))
