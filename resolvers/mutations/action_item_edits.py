"""actionItemUpdate: status, owner, due; a closed item stays closed after re-ingest."""

from __future__ import annotations

from typing import Any

import strawberry

from minutegraph.graph import action_owners, corrections
from resolvers.context import Info
from resolvers.mutations.keys import key_or_invalid, typed_key_or_invalid
from schema.action_item import ActionItem
from schema.correction_results import (
    ActionItemUpdateInput,
    ActionItemUpdateResult,
    ActionItemUpdateSuccess,
)
from schema.errors import Invalid, NotFound


async def action_item_update(
    info: Info, id: strawberry.ID, input: ActionItemUpdateInput
) -> ActionItemUpdateResult:
    """Correct an action item's status, owner or due date, for good."""
    key = key_or_invalid(id, "id", "ActionItem")
    if isinstance(key, Invalid):
        return key
    owner = None
    if input.owner_id is not None:
        owner = typed_key_or_invalid(
            input.owner_id, "ownerId", "Person", "Organisation"
        )
        if isinstance(owner, Invalid):
            return owner
    changes: dict[str, Any] = {}
    if input.status is not None:
        changes["status"] = input.status.value
    if input.due is not None:
        changes["due"] = input.due.isoformat()
    try:
        async with info.context.sessions.begin() as session:
            if owner is not None:
                type_name, owner_key = owner
                changes |= await action_owners.owner_changes(
                    session=session,
                    person_id=owner_key if type_name == "Person" else None,
                    organisation_id=owner_key if type_name != "Person" else None,
                )
            row = await corrections.update_action_item(
                session=session, action_id=key, **changes
            )
    except LookupError:
        return NotFound.of(id, "No action item (or owner) has this ID.")
    return ActionItemUpdateSuccess(action_item=ActionItem.from_row(row))
