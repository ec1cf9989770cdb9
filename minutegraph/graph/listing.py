"""The read side: each noun's list under its filters, its order, and text search.

Plain statements and orderings with keyword-only arguments; the API pages them
with `keyset.fetch_page`, so GraphQL resolvers hold no query logic of their own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Select, exists, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from minutegraph import models
from minutegraph.graph.keyset import Order, SortKey

# A meeting with no date sorts after every dated one (newest first).
NO_DATE = literal(dt.date.min, Date)

ORGANISATIONS = Order(
    "organisation",
    (SortKey(models.Organisation.name, "str"), SortKey(models.Organisation.id)),
)
PEOPLE = Order(
    "person", (SortKey(models.Person.name, "str"), SortKey(models.Person.id))
)
MEETINGS = Order(
    "meeting",
    (
        SortKey(func.coalesce(models.Meeting.date, NO_DATE), "date", descending=True),
        SortKey(models.Meeting.id, descending=True),
    ),
)
EVENTS = Order("event", (SortKey(models.Event.start, "date"), SortKey(models.Event.id)))
ACTION_ITEMS = Order("action_item", (SortKey(models.ActionItem.id),))
DOCUMENTS = Order("document", (SortKey(models.Document.id, descending=True),))


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match, with LIKE's wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")


def organisations(*, search: str | None = None, kind: str | None = None) -> Select:
    """Organisations whose name, acronym or an alias contains `search`, of a kind."""
    stmt = select(models.Organisation)
    if search:
        alias = exists().where(
            models.Alias.organisation_id == models.Organisation.id,
            contains(models.Alias.name, search),
        )
        stmt = stmt.where(
            or_(
                contains(models.Organisation.name, search),
                contains(models.Organisation.acronym, search),
                alias,
            )
        )
    if kind:
        stmt = stmt.where(models.Organisation.kind == kind)
    return stmt


def people(*, search: str | None = None, organisation_id: int | None = None) -> Select:
    """People whose name or an alias contains `search`, members of an organisation."""
    stmt = select(models.Person)
    if search:
        alias = exists().where(
            models.Alias.person_id == models.Person.id,
            contains(models.Alias.name, search),
        )
        stmt = stmt.where(or_(contains(models.Person.name, search), alias))
    if organisation_id is not None:
        stmt = stmt.where(
            exists().where(
                models.Membership.person_id == models.Person.id,
                models.Membership.organisation_id == organisation_id,
            )
        )
    return stmt


def meetings(
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    organisation_id: int | None = None,
) -> Select:
    """Meetings in a date range (inclusive) where an organisation was present."""
    stmt = select(models.Meeting)
    if date_from is not None:
        stmt = stmt.where(models.Meeting.date >= date_from)
    if date_to is not None:
        stmt = stmt.where(models.Meeting.date <= date_to)
    if organisation_id is not None:
        stmt = stmt.where(
            exists().where(
                models.Attendance.meeting_id == models.Meeting.id,
                models.Attendance.organisation_id == organisation_id,
                models.Attendance.status == "present",
            )
        )
    return stmt


def events(
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    kind: str | None = None,
    upcoming_from: dt.date | None = None,
) -> Select:
    """Events overlapping a date range, of a kind, not over by `upcoming_from`."""
    stmt = select(models.Event)
    last_day = func.coalesce(models.Event.end, models.Event.start)
    if date_from is not None:
        stmt = stmt.where(last_day >= date_from)
    if date_to is not None:
        stmt = stmt.where(models.Event.start <= date_to)
    if kind:
        stmt = stmt.where(models.Event.kind == kind)
    if upcoming_from is not None:
        stmt = stmt.where(last_day >= upcoming_from)
    return stmt


def action_items(
    *,
    status: str | None = None,
    owner_person_id: int | None = None,
    owner_organisation_id: int | None = None,
    due_before: dt.date | None = None,
) -> Select:
    """Action items by status, owner (person or organisation) and due date."""
    stmt = select(models.ActionItem)
    if status:
        stmt = stmt.where(models.ActionItem.status == status)
    if owner_person_id is not None:
        stmt = stmt.where(models.ActionItem.owner_person_id == owner_person_id)
    if owner_organisation_id is not None:
        stmt = stmt.where(
            models.ActionItem.owner_organisation_id == owner_organisation_id
        )
    if due_before is not None:
        # `due` is ISO text at its precision, so text order is date order.
        stmt = stmt.where(models.ActionItem.due < due_before.isoformat())
    return stmt


def documents(*, search: str | None = None) -> Select:
    """Documents whose file name contains `search`."""
    stmt = select(models.Document)
    if search:
        stmt = stmt.where(contains(models.Document.filename, search))
    return stmt


def _titled(model: Any, column: Any) -> Any:
    return lambda text: select(model).where(contains(column, text))


# What `search` looks through, in the order results are listed.
SEARCHED = (
    (models.Organisation, lambda text: organisations(search=text)),
    (models.Person, lambda text: people(search=text)),
    (models.Meeting, _titled(models.Meeting, models.Meeting.title)),
    (models.Event, _titled(models.Event, models.Event.title)),
    (models.ActionItem, _titled(models.ActionItem, models.ActionItem.text)),
)


async def search(*, session: AsyncSession, text: str, limit: int) -> list[Any]:
    """Organisations, people, meetings, events and action items matching `text`."""
    found: list[Any] = []
    for model, statement in SEARCHED:
        if len(found) >= limit:
            break
        stmt = statement(text).order_by(model.id).limit(limit - len(found))
        found += (await session.scalars(stmt)).all()
    return found
