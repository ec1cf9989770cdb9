"""DataLoaders, `<thing>_by_<key>`: one query per batch, each in a session of its own.

Sibling resolvers run concurrently, so no two batches share an `AsyncSession`.
Grouped loaders return lists aligned with their keys (empty when nothing matches).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, select
from strawberry.dataloader import DataLoader

from minutegraph import models
from minutegraph.db import Sessions

M = models


def by_id(sessions: Sessions, model: Any) -> DataLoader[int, Any | None]:
    """Rows of `model` by primary key (None for a key with no row)."""

    async def load(keys: list[int]) -> list[Any | None]:
        async with sessions() as session:
            rows = (
                await session.scalars(select(model).where(model.id.in_(keys)))
            ).all()
        found = {row.id: row for row in rows}
        return [found.get(key) for key in keys]

    return DataLoader(load_fn=load)


def grouped(
    sessions: Sessions, query: Callable[[list[int]], Select]
) -> DataLoader[int, list[Any]]:
    """Lists by key, from a query selecting (key, row) pairs for a batch of keys."""

    async def load(keys: list[int]) -> list[list[Any]]:
        async with sessions() as session:
            pairs = (await session.execute(query(keys))).all()
        found: dict[int, list[Any]] = defaultdict(list)
        seen: set[tuple[int, int]] = set()
        for key, row in pairs:
            if (key, id(row)) not in seen:  # a meeting two people attended is one
                seen.add((key, id(row)))
                found[key].append(row)
        return [found.get(key, []) for key in keys]

    return DataLoader(load_fn=load)


def by_column(model: Any, column: Any, *order: Any) -> Callable[[list[int]], Select]:
    """Rows of `model` whose `column` is one of the keys, in `order` then id."""
    return lambda keys: (
        select(column, model).where(column.in_(keys)).order_by(*order, model.id)
    )


def through(
    key: Any, model: Any, on: Any, *order: Any
) -> Callable[[list[int]], Select]:
    """Rows of `model` joined on `on` to a link table whose `key` is in the batch."""
    return lambda keys: (
        select(key, model).join(model, on).where(key.in_(keys)).order_by(*order)
    )


MEETING_NEWEST = (M.Meeting.date.desc(), M.Meeting.id.desc())
# A meeting someone attended: listed present there, not as sending apologies.
ATTENDED = (M.Meeting.id == M.Attendance.meeting_id) & (
    M.Attendance.status == "present"
)

# Grouped loaders by name: the (key, row) query each batch runs.
GROUPED: dict[str, Callable[[list[int]], Select]] = {
    "attendances_by_meeting_id": by_column(
        M.Attendance, M.Attendance.meeting_id, M.Attendance.position
    ),
    "attendances_by_person_id": by_column(M.Attendance, M.Attendance.person_id),
    "attendances_by_organisation_id": by_column(
        M.Attendance, M.Attendance.organisation_id
    ),
    "memberships_by_person_id": by_column(M.Membership, M.Membership.person_id),
    "memberships_by_organisation_id": by_column(
        M.Membership, M.Membership.organisation_id
    ),
    "organisations_by_person_id": through(
        M.Membership.person_id,
        M.Organisation,
        M.Organisation.id == M.Membership.organisation_id,
        M.Organisation.name,
        M.Organisation.id,
    ),
    "people_by_organisation_id": through(
        M.Membership.organisation_id,
        M.Person,
        M.Person.id == M.Membership.person_id,
        M.Person.name,
        M.Person.id,
    ),
    "meetings_by_person_id": through(
        M.Attendance.person_id,
        M.Meeting,
        ATTENDED,
        *MEETING_NEWEST,
    ),
    "meetings_by_organisation_id": through(
        M.Attendance.organisation_id,
        M.Meeting,
        ATTENDED,
        *MEETING_NEWEST,
    ),
    "meetings_by_event_id": through(
        M.Mention.event_id,
        M.Meeting,
        M.Meeting.id == M.Mention.meeting_id,
        *MEETING_NEWEST,
    ),
    "events_by_meeting_id": through(
        M.Mention.meeting_id,
        M.Event,
        M.Event.id == M.Mention.event_id,
        M.Mention.position,
        M.Mention.id,
    ),
    "mentions_by_meeting_id": by_column(
        M.Mention, M.Mention.meeting_id, M.Mention.position
    ),
    "mentions_by_event_id": by_column(M.Mention, M.Mention.event_id),
    "figures_by_event_id": lambda keys: (
        select(M.DialogueFigure.event_id, M.DialogueFigure)
        .join(M.Meeting, M.Meeting.id == M.DialogueFigure.meeting_id)
        .where(M.DialogueFigure.event_id.in_(keys))
        .order_by(M.Meeting.date, M.DialogueFigure.id)
    ),
    "figures_by_meeting_id": by_column(M.DialogueFigure, M.DialogueFigure.meeting_id),
    "action_items_by_meeting_id": by_column(
        M.ActionItem, M.ActionItem.meeting_id, M.ActionItem.position
    ),
    "action_items_by_owner_person_id": by_column(
        M.ActionItem, M.ActionItem.owner_person_id
    ),
    "action_items_by_owner_organisation_id": by_column(
        M.ActionItem, M.ActionItem.owner_organisation_id
    ),
    "events_by_organisation_id": by_column(M.Event, M.Event.organisation_id),
    "meetings_by_document_id": by_column(M.Meeting, M.Meeting.document_id),
    "aliases_by_organisation_id": by_column(M.Alias, M.Alias.organisation_id),
    "aliases_by_person_id": by_column(M.Alias, M.Alias.person_id),
    "ingest_jobs_by_document_id": by_column(M.IngestJob, M.IngestJob.document_id),
}


class Loaders:
    """Fresh loaders for one request (their caches must not outlive it)."""

    def __init__(self, sessions: Sessions) -> None:
        for name, model in (
            ("organisation", M.Organisation),
            ("person", M.Person),
            ("meeting", M.Meeting),
            ("attendance", M.Attendance),
            ("event", M.Event),
            ("action_item", M.ActionItem),
            ("document", M.Document),
            ("membership", M.Membership),
            ("ingest_job", M.IngestJob),
        ):
            setattr(self, f"{name}_by_id", by_id(sessions, model))
        for name, query in GROUPED.items():
            setattr(self, name, grouped(sessions, query))
