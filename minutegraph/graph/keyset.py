"""Keyset pagination: cursors hold the sort key and id, so pages never shift.

A cursor names a position in an ordering, not a list index: a document that
arrives between two requests adds rows, but rows already seen keep their place
and their cursor. Sort keys must be non-null (coalesce nullable columns), and the
last key must be unique (the id).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageError(ValueError):
    """A page request that cannot be served (bad cursor, size out of range)."""


@dataclass(frozen=True, slots=True)
class SortKey:
    """One column of an ordering, its direction and how its cursor value is typed."""

    column: ColumnElement[Any]
    kind: Literal["int", "str", "date"] = "int"
    descending: bool = False


@dataclass(frozen=True, slots=True)
class Order:
    """An ordering for one list: a name (kept in cursors) and its sort keys."""

    name: str
    keys: tuple[SortKey, ...]


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of rows, each with its cursor, and where the page sits."""

    rows: list[tuple[T, str]]
    has_next: bool
    has_previous: bool
    total: int


def encode_cursor(order: Order, values: tuple[Any, ...]) -> str:
    """An opaque cursor for a row with these sort key values."""
    plain = [v.isoformat() if isinstance(v, dt.date) else v for v in values]
    raw = json.dumps([order.name, plain], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(order: Order, cursor: str) -> tuple[Any, ...]:
    """The sort key values a cursor holds; PageError when it is not one of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        name, values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if name != order.name or len(values) != len(order.keys):
            raise PageError(f"cursor {cursor!r} is not a cursor of this list")
        return tuple(_typed(k, v) for k, v in zip(order.keys, values, strict=True))
    except (binascii.Error, json.JSONDecodeError, TypeError, ValueError) as exc:
        if isinstance(exc, PageError):
            raise
        raise PageError(f"invalid cursor {cursor!r}") from exc


def _typed(key: SortKey, value: Any) -> Any:
    if key.kind == "date":
        return dt.date.fromisoformat(value)
    if key.kind == "int" and not isinstance(value, int):
        raise PageError("invalid cursor")
    if key.kind == "str" and not isinstance(value, str):
        raise PageError("invalid cursor")
    return value


def beyond(order: Order, values: tuple[Any, ...], *, forward: bool) -> ColumnElement:
    """Rows strictly after (forward) or before these values in the ordering."""
    alternatives = []
    for i, key in enumerate(order.keys):
        equal = [k.column == v for k, v in zip(order.keys[:i], values[:i], strict=True)]
        later = (
            (key.column < values[i])
            if key.descending == forward
            else (key.column > values[i])
        )
        alternatives.append(and_(*equal, later))
    return or_(*alternatives)


def _sorted(stmt: Select, order: Order, *, reverse: bool) -> Select:
    clauses = [
        k.column.desc() if k.descending != reverse else k.column.asc()
        for k in order.keys
    ]
    return stmt.order_by(*clauses)


def _size(value: int | None, name: str) -> int | None:
    if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
        raise PageError(f"{name} must be between 0 and {MAX_PAGE_SIZE}")
    return value


async def fetch_page(
    *,
    session: AsyncSession,
    stmt: Select,
    order: Order,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Any]:
    """One page of `stmt` (which selects one entity) in `order`, Relay style."""
    first, last = _size(first, "first"), _size(last, "last")
    if first is not None and last is not None:
        raise PageError("pass either first or last, not both")
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    paged = stmt.add_columns(*(k.column for k in order.keys))
    if after is not None:
        paged = paged.where(beyond(order, decode_cursor(order, after), forward=True))
    if before is not None:
        paged = paged.where(beyond(order, decode_cursor(order, before), forward=False))
    backwards = last is not None
    size = last if backwards else (first if first is not None else DEFAULT_PAGE_SIZE)
    result = await session.execute(
        _sorted(paged, order, reverse=backwards).limit(size + 1)
    )
    rows = [(row[0], encode_cursor(order, tuple(row[1:]))) for row in result.all()]
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
        return Page(rows, before is not None, more, total or 0)
    return Page(rows, more, after is not None, total or 0)
