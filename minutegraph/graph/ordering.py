"""Orderings the root lists offer: a field and a direction, named in every cursor.

Each ordering is a keyset `Order` whose name (`meeting:title:asc`) is written into
its cursors, so a cursor taken under one ordering is refused under another
instead of silently starting somewhere else. A nullable field sorts first by
whether it has a value, so rows without one come last whichever the direction;
ties are broken by id in the same direction. The lists' default orderings are
returned as the very `listing` orders, so a cursor from a page without `orderBy`
still works with the equivalent explicit ordering.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlalchemy import Date, String, case, func, literal

from minutegraph import models
from minutegraph.graph import listing
from minutegraph.graph.keyset import Order, SortKey

Kind = Literal["int", "str", "date"]
M = models


FILLER = {"str": literal("", String), "date": literal(dt.date.min, Date)}


def _nulls_last(column: Any, kind: Kind, descending: bool) -> list[SortKey]:
    """Keys for a nullable column: rows without a value after all others."""
    missing = case((column.is_(None), 1), else_=0)
    filled = func.coalesce(column, FILLER[kind])
    return [SortKey(missing, "int"), SortKey(filled, kind, descending)]


# noun -> field -> (model, column, cursor kind, nullable)
FIELDS: dict[str, dict[str, tuple[Any, Any, Kind, bool]]] = {
    "organisation": {
        "name": (M.Organisation, M.Organisation.name, "str", False),
        "created": (M.Organisation, M.Organisation.id, "int", False),
    },
    "person": {
        "name": (M.Person, M.Person.name, "str", False),
        "created": (M.Person, M.Person.id, "int", False),
    },
    "meeting": {
        "date": (M.Meeting, M.Meeting.date, "date", True),
        "title": (M.Meeting, M.Meeting.title, "str", True),
        "created": (M.Meeting, M.Meeting.id, "int", False),
    },
    "event": {
        "start": (M.Event, M.Event.start, "date", False),
        "title": (M.Event, M.Event.title, "str", False),
        "created": (M.Event, M.Event.id, "int", False),
    },
    "action_item": {
        "created": (M.ActionItem, M.ActionItem.id, "int", False),
        "due": (M.ActionItem, M.ActionItem.due, "str", True),
        "status": (M.ActionItem, M.ActionItem.status, "str", False),
    },
    "document": {
        "uploaded": (M.Document, M.Document.id, "int", False),
        "filename": (M.Document, M.Document.filename, "str", False),
    },
}

# noun -> (field, descending) of the list's default ordering, and that ordering.
DEFAULTS: dict[str, tuple[str, bool, Order]] = {
    "organisation": ("name", False, listing.ORGANISATIONS),
    "person": ("name", False, listing.PEOPLE),
    "meeting": ("date", True, listing.MEETINGS),
    "event": ("start", False, listing.EVENTS),
    "action_item": ("created", False, listing.ACTION_ITEMS),
    "document": ("uploaded", True, listing.DOCUMENTS),
}


def get(*, noun: str, field: str | None = None, descending: bool = False) -> Order:
    """The ordering of a noun's list by `field` (its default when None)."""
    default_field, default_descending, default = DEFAULTS[noun]
    if field is None or (field, descending) == (default_field, default_descending):
        return default
    model, column, kind, nullable = FIELDS[noun][field]
    if nullable:
        keys = _nulls_last(column, kind, descending)
    else:
        keys = [SortKey(column, kind, descending)]
    if column is not model.id:  # the id breaks ties and makes the key unique
        keys.append(SortKey(model.id, "int", descending))
    direction = "desc" if descending else "asc"
    return Order(f"{noun}:{field}:{direction}", tuple(keys))
