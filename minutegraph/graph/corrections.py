"""Human corrections of extracted facts, kept so re-extraction never undoes them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from minutegraph import models

ACTION_FIELDS = frozenset(
    {"status", "owner_raw", "owner_person_id", "owner_organisation_id", "due", "text"}
)


async def record(
    *, session: AsyncSession, target: str, target_key: str, field: str, value: Any
) -> None:
    """Store (or replace) one correction."""
    row = await session.scalar(
        select(models.Correction).where(
            models.Correction.target == target,
            models.Correction.target_key == target_key,
            models.Correction.field == field,
        )
    )
    if row is None:
        session.add(
            models.Correction(
                target=target, target_key=target_key, field=field, value=value
            )
        )
    else:
        row.value, row.active = value, True
    await session.flush()


async def update_action_item(
    *, session: AsyncSession, action_id: int, **changes: Any
) -> models.ActionItem:
    """Change an action item (status, owner, due, text) as a human correction."""
    unknown = set(changes) - ACTION_FIELDS
    if unknown:
        raise ValueError(f"cannot correct {sorted(unknown)} of an action item")
    action = await session.get(models.ActionItem, action_id)
    if action is None:
        raise LookupError(f"no action item {action_id}")
    document = await session.get(models.Document, action.document_id)
    assert document is not None
    key = f"{document.sha256}:{action.text_key}"
    for field, value in changes.items():
        await record(
            session=session,
            target="action_item",
            target_key=key,
            field=field,
            value=value,
        )
        setattr(action, field, value)
    await session.flush()
    return action
