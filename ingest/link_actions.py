"""Action items: upserted by their text in a meeting, human corrections re-applied."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.link_rows import RowSync, source_values
from ingest.model import ActionItem
from ingest.naming_text import fold
from ingest.report import Report
from minutegraph import models

# (person id, organisation id) for an owner as written, or (None, None).
OwnerResolver = Callable[[str], Awaitable[tuple[int | None, int | None]]]


def action_key(text: str) -> str:
    """The natural key of an action within its meeting: its folded text."""
    return fold(text)[:500]


def correction_key(document: models.Document, text_key: str) -> str:
    """What a correction of an action item is filed under: survives re-extraction."""
    return f"{document.sha256}:{text_key}"


async def corrections_for(
    session: AsyncSession, target: str, keys: list[str]
) -> dict[str, dict[str, object]]:
    """Active corrections for these keys: {key: {field: value}}."""
    if not keys:
        return {}
    rows = (
        await session.scalars(
            select(models.Correction).where(
                models.Correction.target == target,
                models.Correction.target_key.in_(keys),
                models.Correction.active.is_(True),
            )
        )
    ).all()
    found: dict[str, dict[str, object]] = {}
    for row in rows:
        found.setdefault(row.target_key, {})[row.field] = row.value
    return found


async def link_actions(
    session: AsyncSession,
    report: Report,
    *,
    document: models.Document,
    meeting: models.Meeting,
    items: list[ActionItem],
    resolve_owner: OwnerResolver,
) -> None:
    """Upsert this meeting's action items; stale ones go, corrections win."""
    stored = await session.scalars(
        select(models.ActionItem).where(models.ActionItem.meeting_id == meeting.id)
    )
    rows = RowSync(
        session,
        report,
        "action_item",
        models.ActionItem,
        {a.text_key: a for a in stored},
    )
    keyed: dict[str, ActionItem] = {}
    for item in items:
        keyed.setdefault(action_key(item.text), item)
    fixes = await corrections_for(
        session, "action_item", [correction_key(document, k) for k in keyed]
    )
    for position, (key, item) in enumerate(keyed.items()):
        person_id, organisation_id = (
            await resolve_owner(item.owner) if item.owner else (None, None)
        )
        values = {
            "text": item.text,
            "owner_raw": item.owner,
            "due": item.due,
            "owner_person_id": person_id,
            "owner_organisation_id": organisation_id,
            "status": "open",
            "position": position,
            **source_values(document.id, item.provenance),
        }
        values.update(fixes.get(correction_key(document, key), {}))
        rows.put(key, values, meeting_id=meeting.id, text_key=key)
    await rows.finish()
