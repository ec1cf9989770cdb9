"""Global IDs back to objects: `node(id)` and `nodes(ids)`."""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry

from minutegraph import models
from resolvers.context import Info
from schema.action_item import ActionItem
from schema.attendance import Attendance
from schema.document import Document, IngestJob
from schema.event import Event
from schema.meeting import Meeting
from schema.membership import Membership
from schema.node import Node, from_global_id
from schema.organisation import Organisation
from schema.person import Person

# Type name in the global ID -> (loader attribute, table, schema type).
NODE_TYPES: dict[str, tuple[str, Any, Any]] = {
    "Organisation": ("organisation_by_id", models.Organisation, Organisation),
    "Person": ("person_by_id", models.Person, Person),
    "Membership": ("membership_by_id", models.Membership, Membership),
    "Meeting": ("meeting_by_id", models.Meeting, Meeting),
    "Attendance": ("attendance_by_id", models.Attendance, Attendance),
    "Event": ("event_by_id", models.Event, Event),
    "ActionItem": ("action_item_by_id", models.ActionItem, ActionItem),
    "Document": ("document_by_id", models.Document, Document),
    "IngestJob": ("ingest_job_by_id", models.IngestJob, IngestJob),
}


def wrap(row: Any) -> Node:
    """The schema object of any node row."""
    for _loader, model, schema_type in NODE_TYPES.values():
        if isinstance(row, model):
            return schema_type.from_row(row)
    raise TypeError(f"no node type for {type(row).__name__}")


async def node(info: Info, id: strawberry.ID) -> Node | None:
    """The object with this global ID, or null when there is none."""
    type_name, key = from_global_id(id)
    if type_name not in NODE_TYPES:
        return None
    loader_name, _model, schema_type = NODE_TYPES[type_name]
    row = await getattr(info.context.loaders, loader_name).load(key)
    return schema_type.from_row(row) if row is not None else None


async def nodes(info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
    """The objects with these global IDs, in order (null where there is none)."""
    return list(await asyncio.gather(*(node(info, i) for i in ids)))
