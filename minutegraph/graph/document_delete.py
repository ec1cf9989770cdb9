"""Deleting a document: its facts go, and the nodes no other source supports.

A node stays while anything else holds it up: another document's mention,
attendance, action item or membership, a human alias (an edit or a merge), or,
for an event, the organisation that shared it in the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.link_events import settle_event
from ingest.report import Report
from minutegraph import models


@dataclass(slots=True)
class Touched:
    """Nodes the document's facts pointed at, to check once the facts are gone."""

    people: set[int] = field(default_factory=set)
    organisations: set[int] = field(default_factory=set)
    events: set[int] = field(default_factory=set)


async def _ids(session: AsyncSession, *columns: object, where: object) -> set[int]:
    ids: set[int] = set()
    for column in columns:
        ids.update(i for i in (await session.scalars(select(column).where(where))) if i)
    return ids


async def _touched(session: AsyncSession, meeting_ids: list[int]) -> Touched:
    """What the document's meeting refers to."""
    m, a, i = models.Membership, models.Attendance, models.ActionItem
    in_meeting = a.meeting_id.in_(meeting_ids)
    touched = Touched()
    touched.people = await _ids(session, a.person_id, where=in_meeting)
    touched.people |= await _ids(
        session, i.owner_person_id, where=i.meeting_id.in_(meeting_ids)
    )
    touched.organisations = await _ids(session, a.organisation_id, where=in_meeting)
    touched.organisations |= await _ids(
        session, i.owner_organisation_id, where=i.meeting_id.in_(meeting_ids)
    )
    touched.organisations |= await _ids(
        session, m.organisation_id, where=m.person_id.in_(touched.people)
    )
    touched.events = await _ids(
        session,
        models.Mention.event_id,
        where=models.Mention.meeting_id.in_(meeting_ids),
    )
    touched.events |= await _ids(
        session,
        models.DialogueFigure.event_id,
        where=models.DialogueFigure.meeting_id.in_(meeting_ids),
    )
    return touched


async def _drop_memberships(session: AsyncSession, people: set[int]) -> int:
    """Memberships of these people that no remaining attendance states."""
    m, a = models.Membership, models.Attendance
    stated = exists().where(
        a.person_id == m.person_id, a.organisation_id == m.organisation_id
    )
    result = await session.execute(delete(m).where(m.person_id.in_(people), ~stated))
    return result.rowcount or 0


_OWNER = {"person_id": models.Person.id, "organisation_id": models.Organisation.id}


def _human_alias(column: str) -> object:
    """An alias a person gave the node (an edit or a merge)."""
    alias = models.Alias
    owner = getattr(alias, column) == _OWNER[column]
    return exists().where(owner, alias.origin == "human")


async def _drop_people(session: AsyncSession, people: set[int]) -> int:
    """People nothing else supports."""
    p, a, i, m = models.Person, models.Attendance, models.ActionItem, models.Membership
    result = await session.execute(
        delete(p).where(
            p.id.in_(people),
            ~exists().where(a.person_id == p.id),
            ~exists().where(i.owner_person_id == p.id),
            ~exists().where(m.person_id == p.id),
            ~_human_alias("person_id"),
        )
    )
    return result.rowcount or 0


async def _drop_organisations(session: AsyncSession, orgs: set[int]) -> int:
    """Organisations nothing else supports."""
    o, a, i = models.Organisation, models.Attendance, models.ActionItem
    m, e = models.Membership, models.Event
    result = await session.execute(
        delete(o).where(
            o.id.in_(orgs),
            ~exists().where(a.organisation_id == o.id),
            ~exists().where(i.owner_organisation_id == o.id),
            ~exists().where(m.organisation_id == o.id),
            ~exists().where(e.organisation_id == o.id),
            ~_human_alias("organisation_id"),
        )
    )
    return result.rowcount or 0


async def _drop_events(session: AsyncSession, events: set[int], report: Report) -> None:
    """Events no remaining minutes mention; the others settle on their mentions."""
    e, mention = models.Event, models.Mention
    result = await session.execute(
        delete(e).where(
            e.id.in_(events),
            ~exists().where(mention.event_id == e.id),
            e.organisation_id.is_(None),  # shared in the calendar: no document needed
        )
    )
    report.count("event", "delete", result.rowcount or 0)
    for node in (await session.scalars(select(e).where(e.id.in_(events)))).all():
        await settle_event(session, report, node)


@dataclass(slots=True)
class Deleted:
    """What a delete removed, and the original file to remove once committed."""

    report: Report
    storage_path: Path
    renditions: list[int]  # documents that were its duplicates: to link on their own


async def delete_document(*, session: AsyncSession, document_id: int) -> Deleted | None:
    """Remove a document, its facts and the nodes only it supported; None if absent."""
    document = await session.get(models.Document, document_id)
    if document is None:
        return None
    report = Report()
    meeting_ids = list(
        await session.scalars(
            select(models.Meeting.id).where(models.Meeting.document_id == document_id)
        )
    )
    touched = await _touched(session, meeting_ids)
    doc = models.Document
    renditions = list(
        await session.scalars(select(doc.id).where(doc.duplicate_of_id == document_id))
    )
    await session.execute(
        update(doc).where(doc.id.in_(renditions)).values(duplicate_of_id=None)
    )
    for model in (
        models.Mention,
        models.DialogueFigure,
        models.ActionItem,
        models.Attendance,
        models.Meeting,
    ):
        result = await session.execute(
            delete(model).where(model.document_id == document_id)
        )
        report.count(model.__tablename__, "delete", result.rowcount or 0)
    await session.execute(
        delete(models.Document).where(models.Document.id == document_id)
    )
    report.count("document", "delete")
    report.count(
        "membership", "delete", await _drop_memberships(session, touched.people)
    )
    report.count("person", "delete", await _drop_people(session, touched.people))
    report.count(
        "organisation",
        "delete",
        await _drop_organisations(session, touched.organisations),
    )
    await _drop_events(session, touched.events, report)
    return Deleted(
        report=report,
        storage_path=Path(document.storage_path),
        renditions=renditions,
    )
