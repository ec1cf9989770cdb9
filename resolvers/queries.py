"""Root list resolvers: filters to graph statements, pages through keyset cursors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

import strawberry
from sqlalchemy import Select

from minutegraph.graph import keyset, listing, ordering
from resolvers.context import Info
from resolvers.nodes import wrap
from schema.action_item import ActionItem
from schema.document import Document
from schema.event import Event
from schema.filters import (
    ActionItemFilter,
    DocumentFilter,
    EventFilter,
    MeetingFilter,
    OrganisationFilter,
    PersonFilter,
)
from schema.meeting import Meeting
from schema.node import Node, from_global_id, key_of
from schema.ordering import (
    ActionItemOrder,
    DocumentOrder,
    EventOrder,
    MeetingOrder,
    OrderDirection,
    OrganisationOrder,
    PersonOrder,
)
from schema.organisation import Organisation
from schema.pagination import Connection
from schema.person import Person

FirstArg = Annotated[
    int | None,
    strawberry.argument(description="Rows after `after` (default 20, max 100)."),
]
AfterArg = Annotated[
    str | None, strawberry.argument(description="Cursor to page forwards from.")
]
LastArg = Annotated[
    int | None, strawberry.argument(description="Rows before `before` (max 100).")
]
BeforeArg = Annotated[
    str | None, strawberry.argument(description="Cursor to page backwards from.")
]


def _order(noun: str, order_by: Any | None) -> keyset.Order:
    if order_by is None:
        return ordering.get(noun=noun)
    descending = order_by.direction is OrderDirection.DESC
    return ordering.get(noun=noun, field=order_by.field.value, descending=descending)


async def _page(
    info: Info,
    stmt: Select,
    order: keyset.Order,
    wrap_row: Callable[[Any], Any],
    pages: dict[str, Any],
) -> Connection[Any]:
    async with info.context.sessions() as session:
        page = await keyset.fetch_page(session=session, stmt=stmt, order=order, **pages)
    return Connection.from_page(page, wrap_row)


def _pages(
    first: int | None, after: str | None, last: int | None, before: str | None
) -> dict[str, Any]:
    return {"first": first, "after": after, "last": last, "before": before}


async def organisations(
    info: Info,
    filter: OrganisationFilter | None = None,
    first: FirstArg = None,
    after: AfterArg = None,
    last: LastArg = None,
    before: BeforeArg = None,
    order_by: Annotated[
        OrganisationOrder | None,
        strawberry.argument(description="Field and direction (default: by name)."),
    ] = None,
) -> Connection[Organisation]:
    """Organisations by name."""
    f = filter or OrganisationFilter()
    stmt = listing.organisations(search=f.search, kind=f.kind)
    return await _page(
        info,
        stmt,
        _order("organisation", order_by),
        Organisation.from_row,
        _pages(first, after, last, before),
    )


async def people(
    info: Info,
    filter: PersonFilter | None = None,
    first: FirstArg = None,
    after: AfterArg = None,
    last: LastArg = None,
    before: BeforeArg = None,
    order_by: Annotated[
        PersonOrder | None,
        strawberry.argument(description="Field and direction (default: by name)."),
    ] = None,
) -> Connection[Person]:
    """People by name."""
    f = filter or PersonFilter()
    stmt = listing.people(
        search=f.search, organisation_id=key_of(f.organisation_id, "Organisation")
    )
    pages = _pages(first, after, last, before)
    return await _page(info, stmt, _order("person", order_by), Person.from_row, pages)


async def meetings(
    info: Info,
    filter: MeetingFilter | None = None,
    first: FirstArg = None,
    after: AfterArg = None,
    last: LastArg = None,
    before: BeforeArg = None,
    order_by: Annotated[
        MeetingOrder | None,
        strawberry.argument(description="Field and direction (default: newest first)."),
    ] = None,
) -> Connection[Meeting]:
    """Meetings, newest first."""
    f = filter or MeetingFilter()
    stmt = listing.meetings(
        date_from=f.date_from,
        date_to=f.date_to,
        organisation_id=key_of(f.organisation_id, "Organisation"),
    )
    pages = _pages(first, after, last, before)
    return await _page(info, stmt, _order("meeting", order_by), Meeting.from_row, pages)


def _events_stmt(f: EventFilter, kind: str | None) -> Select:
    today = dt.datetime.now(dt.UTC).date()
    return listing.events(
        date_from=f.date_from,
        date_to=f.date_to,
        kind=kind,
        upcoming_from=today if f.upcoming else None,
    )


async def events(
    info: Info,
    filter: EventFilter | None = None,
    first: FirstArg = None,
    after: AfterArg = None,
    last: LastArg = None,
    before: BeforeArg = None,
    order_by: Annotated[
        EventOrder | None,
        strawberry.argument(description="Field and direction (default: by start)."),
    ] = None,
) -> Connection[Event]:
    """Events by start date."""
    f = filter or EventFilter()
    pages = _pages(first, after, last, before)
    stmt = _events_stmt(f, f.kind)
    return await _page(info, stmt, _order("event", order_by), Event.from_row, pages)


async def dialogues(
    info: Info,
    filter: EventFilter | None = None,
    first: FirstArg = None,
    after: AfterArg = None,
    last: LastArg = None,
    before: BeforeArg = None,
    order_by: Annotated[
        EventOrder | None,
        strawberry.argument(description="Field and direction (default: by start)."),
    ] = None,
) -> Connection[Event]:
    """Constructive dialogues (events of kind dialogue) by start date."""
    f = filter or EventFilter()
    pages = _pages(first, after, last, before)
    stmt = _events_stmt(f, "dialogue")
    return await _page(info, stmt, _order("event", order_by), Event.from_row, pages)


async def action_items(
    info: Info,
    filter: ActionItemFilter | None = None,
    first: FirstArg = None,
    after: AfterArg = None,
    last: LastArg = None,
    before: BeforeArg = None,
    order_by: Annotated[
        ActionItemOrder | None,
        strawberry.argument(description="Field and direction (default: as recorded)."),
    ] = None,
) -> Connection[ActionItem]:
    """Action items in the order they were recorded."""
    f = filter or ActionItemFilter()
    owner_type, owner_key = from_global_id(f.owner_id) if f.owner_id else (None, None)
    if owner_type not in (None, "Person", "Organisation"):
        raise ValueError("ownerId must be a Person or an Organisation")
    stmt = listing.action_items(
        status=f.status,
        owner_person_id=owner_key if owner_type == "Person" else None,
        owner_organisation_id=owner_key if owner_type == "Organisation" else None,
        due_before=f.due_before,
    )
    pages = _pages(first, after, last, before)
    return await _page(
        info, stmt, _order("action_item", order_by), ActionItem.from_row, pages
    )


async def documents(
    info: Info,
    filter: DocumentFilter | None = None,
    first: FirstArg = None,
    after: AfterArg = None,
    last: LastArg = None,
    before: BeforeArg = None,
    order_by: Annotated[
        DocumentOrder | None,
        strawberry.argument(description="Field and direction (default: newest first)."),
    ] = None,
) -> Connection[Document]:
    """Documents, newest first."""
    f = filter or DocumentFilter()
    stmt = listing.documents(search=f.search)
    pages = _pages(first, after, last, before)
    return await _page(
        info, stmt, _order("document", order_by), Document.from_row, pages
    )


async def search(info: Info, text: str, first: int = 20) -> list[Node]:
    """Organisations, people, meetings, events and action items matching `text`."""
    if not 0 <= first <= keyset.MAX_PAGE_SIZE:
        raise keyset.PageError(f"first must be between 0 and {keyset.MAX_PAGE_SIZE}")
    async with info.context.sessions() as session:
        rows = await listing.search(session=session, text=text, limit=first)
    return [wrap(row) for row in rows]
