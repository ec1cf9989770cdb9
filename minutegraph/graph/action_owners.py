"""Who owns an action item, as a human names them: the columns to correct."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from minutegraph import models


async def owner_changes(
    *,
    session: AsyncSession,
    person_id: int | None = None,
    organisation_id: int | None = None,
) -> dict[str, Any]:
    """The owner columns naming this person or organisation; LookupError if absent."""
    model = models.Person if person_id is not None else models.Organisation
    key = person_id if person_id is not None else organisation_id
    row = await session.get(model, key) if key is not None else None
    if row is None:
        raise LookupError(f"no {model.__tablename__} {key}")
    return {
        "owner_raw": row.name,
        "owner_person_id": person_id,
        "owner_organisation_id": organisation_id,
    }
