"""Events by hand: corrections every later settling re-applies, events shared directly.

A correction of an event is filed under the event's id and creation time (target
"event"; the time keeps a reused SQLite id from inheriting a deleted event's
corrections): the node survives re-ingestion (documents are matched to it), and
`ingest.link_events.settle_event` applies the corrections after settling the fields
from the mentions, so the human decision wins over the re-extraction. An event an
organisation shares itself (`organisation_id` set) has no mentions to settle from:
its own fields stand, and linking never deletes it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.link_rows import first_day, precision_of
from ingest.naming_text import fold
from minutegraph import models
from minutegraph.graph import corrections

KINDS = frozenset({"meeting", "dialogue", "session", "side_event", "deadline", "other"})
STATUSES = frozenset({"scheduled", "moved", "cancelled"})
EVENT_FIELDS = frozenset(
    {"title", "kind", "start_text", "end_text", "start_time", "end_time"}
    | {"location", "status"}
)
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


class InvalidEventField(ValueError):
    """A value an event field cannot take; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def _check_date(field: str, value: str | None) -> None:
    if value is not None and (not _ISO.fullmatch(value) or first_day(value) is None):
        raise InvalidEventField(field, f"{value!r} is not an ISO date YYYY[-MM[-DD]]")


def validate(changes: dict[str, Any]) -> None:
    """Raise InvalidEventField for the first value an event cannot take."""
    unknown = set(changes) - EVENT_FIELDS
    if unknown:
        raise InvalidEventField(sorted(unknown)[0], "not a field of an event")
    if "title" in changes and not (changes["title"] or "").strip():
        raise InvalidEventField("title", "must not be empty")
    if "kind" in changes and changes["kind"] not in KINDS:
        raise InvalidEventField("kind", f"must be one of {sorted(KINDS)}")
    if "status" in changes and changes["status"] not in STATUSES:
        raise InvalidEventField("status", f"must be one of {sorted(STATUSES)}")
    if "start_text" in changes and changes["start_text"] is None:
        raise InvalidEventField("start_text", "must not be null")
    for field in ("start_text", "end_text"):
        _check_date(field, changes.get(field))
    for field in ("start_time", "end_time"):
        value = changes.get(field)
        if value is not None and not _TIME.fullmatch(value):
            raise InvalidEventField(field, f"{value!r} is not HH:MM")


def column_values(changes: dict[str, Any]) -> dict[str, Any]:
    """The event columns stated `changes` set (derived dates and keys included)."""
    values = dict(changes)
    if "title" in changes:
        values["title_key"] = fold(changes["title"])[:512]
    if "start_text" in changes:
        values["start"] = first_day(changes["start_text"])
        values["precision"] = precision_of(changes["start_text"])
    if "end_text" in changes:
        values["end"] = first_day(changes["end_text"])
    return values


def correction_key(event: models.Event) -> str:
    """What corrections of this event are filed under: its id and creation time."""
    created = event.created_at
    if created.tzinfo is not None:
        created = created.astimezone(dt.UTC).replace(tzinfo=None)
    return f"{event.id}@{created.isoformat(timespec='microseconds')}"


async def corrected_values(
    *, session: AsyncSession, event: models.Event
) -> dict[str, Any]:
    """The columns the active corrections of an event set."""
    rows = (
        await session.scalars(
            select(models.Correction).where(
                models.Correction.target == "event",
                models.Correction.target_key == correction_key(event),
                models.Correction.active.is_(True),
            )
        )
    ).all()
    return column_values({row.field: row.value for row in rows})


async def update_event(
    *, session: AsyncSession, event_id: int, **changes: Any
) -> models.Event:
    """Change an event as a human correction that later settling re-applies."""
    validate(changes)
    event = await session.get(models.Event, event_id)
    if event is None:
        raise LookupError(f"no event {event_id}")
    for field, value in changes.items():
        await corrections.record(
            session=session,
            target="event",
            target_key=correction_key(event),
            field=field,
            value=value,
        )
    for column, value in column_values(changes).items():
        setattr(event, column, value)
    await session.flush()
    return event


async def create_event(
    *,
    session: AsyncSession,
    organisation_id: int,
    title: str,
    kind: str,
    start_text: str,
    **rest: Any,
) -> models.Event:
    """An event an organisation shares itself in the calendar (no document needed)."""
    changes = {"title": title, "kind": kind, "start_text": start_text, **rest}
    validate(changes)
    if await session.get(models.Organisation, organisation_id) is None:
        raise LookupError(f"no organisation {organisation_id}")
    values = {"end_text": None, "status": "scheduled", **column_values(changes)}
    event = models.Event(
        organisation_id=organisation_id,
        previous_starts=[],
        created_at=dt.datetime.now(dt.UTC),
        **values,
    )
    session.add(event)
    await session.flush()
    return event
