"""Merging duplicates by hand: all the one row had moves to the other, aliases too.

Aliases carry the decision: the merged-away names now resolve to the survivor, so
later ingests (of new documents, or the same ones after an extractor upgrade) keep
the merge without a rule of their own.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from minutegraph import models


async def _move_memberships(
    session: AsyncSession, *, column: str, into_id: int, from_id: int
) -> None:
    other = "organisation_id" if column == "person_id" else "person_id"
    rows = (
        await session.scalars(
            select(models.Membership).where(
                getattr(models.Membership, column).in_([into_id, from_id])
            )
        )
    ).all()
    kept = {getattr(r, other): r for r in rows if getattr(r, column) == into_id}
    for row in rows:
        if getattr(row, column) != from_id:
            continue
        twin = kept.get(getattr(row, other))
        if twin is None:
            setattr(row, column, into_id)
            continue
        seen = [
            d
            for d in (twin.first_seen, twin.last_seen, row.first_seen, row.last_seen)
            if d is not None
        ]
        twin.first_seen, twin.last_seen = (
            min(seen, default=None),
            max(seen, default=None),
        )
        await session.delete(row)
    await session.flush()


async def _move_owner_corrections(
    session: AsyncSession, *, field: str, into_id: int, from_id: int
) -> None:
    """Action-item owner corrections naming the merged-away row name the survivor."""
    rows = await session.scalars(
        select(models.Correction).where(
            models.Correction.target == "action_item", models.Correction.field == field
        )
    )
    for row in rows.all():
        if row.value == from_id:  # JSON values compare in Python on every database
            row.value = into_id


async def merge_organisations(
    *, session: AsyncSession, into_id: int, from_id: int
) -> models.Organisation:
    """Fold organisation `from_id` into `into_id` and delete it."""
    into = await session.get(models.Organisation, into_id)
    source = await session.get(models.Organisation, from_id)
    if into is None or source is None or into_id == from_id:
        raise LookupError("both organisations must exist and differ")
    if into.acronym is None and source.acronym:
        into.acronym = source.acronym
    await session.execute(
        update(models.Alias)
        .where(models.Alias.organisation_id == from_id)
        .values(organisation_id=into_id, origin="human")
    )
    for model, column in (
        (models.Attendance, "organisation_id"),
        (models.ActionItem, "owner_organisation_id"),
        (models.Event, "organisation_id"),
    ):
        await session.execute(
            update(model)
            .where(getattr(model, column) == from_id)
            .values({column: into_id})
        )
    await _move_memberships(
        session, column="organisation_id", into_id=into_id, from_id=from_id
    )
    await _move_owner_corrections(
        session, field="owner_organisation_id", into_id=into_id, from_id=from_id
    )
    await session.delete(source)
    await session.flush()
    return into


async def merge_people(
    *, session: AsyncSession, into_id: int, from_id: int
) -> models.Person:
    """Fold person `from_id` into `into_id` and delete them."""
    into = await session.get(models.Person, into_id)
    source = await session.get(models.Person, from_id)
    if into is None or source is None or into_id == from_id:
        raise LookupError("both people must exist and differ")
    await session.execute(
        update(models.Alias)
        .where(models.Alias.person_id == from_id)
        .values(person_id=into_id, origin="human")
    )
    for model, column in (
        (models.Attendance, "person_id"),
        (models.ActionItem, "owner_person_id"),
    ):
        await session.execute(
            update(model)
            .where(getattr(model, column) == from_id)
            .values({column: into_id})
        )
    await _move_memberships(
        session, column="person_id", into_id=into_id, from_id=from_id
    )
    await _move_owner_corrections(
        session, field="owner_person_id", into_id=into_id, from_id=from_id
    )
    await session.delete(source)
    await session.flush()
    return into
