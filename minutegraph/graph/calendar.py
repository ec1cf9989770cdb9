"""The events a calendar feed lists: by organisation and date range, with offsets.

An organisation's calendar holds the events it shared itself and the events
mentioned in minutes of meetings it attended. A timed event takes the UTC offset
stated by its own meeting's minutes or, failing that, by the first minutes that
mention it with one; with none stated its times stay floating.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from minutegraph import models
from minutegraph.graph.listing import events


async def organisation_id(*, session: AsyncSession, name: str) -> int | None:
    """The organisation whose name, acronym or an alias is `name` (any case)."""
    folded = name.strip().casefold()
    org = models.Organisation
    alias = exists().where(
        models.Alias.organisation_id == org.id, func.lower(models.Alias.name) == folded
    )
    stmt = select(org.id).where(
        or_(func.lower(org.name) == folded, func.lower(org.acronym) == folded, alias)
    )
    found = (await session.scalars(stmt.order_by(org.id).limit(2))).all()
    return found[0] if len(found) == 1 else None


def _of_organisation(stmt: Select, organisation_id: int) -> Select:
    attended = exists().where(
        models.Mention.event_id == models.Event.id,
        models.Attendance.meeting_id == models.Mention.meeting_id,
        models.Attendance.organisation_id == organisation_id,
        models.Attendance.status == "present",
    )
    return stmt.where(or_(models.Event.organisation_id == organisation_id, attended))


async def _offsets(session: AsyncSession, event_ids: list[int]) -> dict[int, str]:
    zone = models.Meeting.timezone
    own = (
        select(models.Event.id, zone)
        .join(models.Meeting, models.Meeting.id == models.Event.meeting_id)
        .where(models.Event.id.in_(event_ids), zone.is_not(None))
    )
    mentioned = (
        select(models.Mention.event_id, zone)
        .join(models.Meeting, models.Meeting.id == models.Mention.meeting_id)
        .where(models.Mention.event_id.in_(event_ids), zone.is_not(None))
        .order_by(models.Mention.id)
    )
    offsets: dict[int, str] = {}
    for stmt in (own, mentioned):
        for event_id, offset in (await session.execute(stmt)).all():
            offsets.setdefault(event_id, offset)
    return offsets


async def get_all(
    *,
    session: AsyncSession,
    organisation_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[tuple[models.Event, str | None]]:
    """Events overlapping the range (by start, id), each with its UTC offset or None."""
    stmt = events(date_from=date_from, date_to=date_to)
    if organisation_id is not None:
        stmt = _of_organisation(stmt, organisation_id)
    rows = await session.scalars(stmt.order_by(models.Event.start, models.Event.id))
    found = list(rows.all())
    offsets = await _offsets(session, [e.id for e in found]) if found else {}
    return [(event, offsets.get(event.id)) for event in found]
