"""Relay connections: edges with keyset cursors, pageInfo and totalCount."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Self, TypeVar

import strawberry

from minutegraph.graph.keyset import Page

T = TypeVar("T")


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More rows follow this page.")
    has_previous_page: bool = strawberry.field(
        description="Rows come before this page."
    )
    start_cursor: str | None = strawberry.field(
        description="Cursor of the first row; pass as `before` for the page before."
    )
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last row; pass as `after` for the next page."
    )


@strawberry.type(description="A row and its cursor.")
class Edge(Generic[T]):
    node: T = strawberry.field(description="The row.")
    cursor: str = strawberry.field(
        description="Opaque keyset cursor: stable while documents arrive."
    )


@strawberry.type(description="One page of a list (first/after or last/before).")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The rows of this page.")
    page_info: PageInfo = strawberry.field(description="Where the page sits.")
    total_count: int = strawberry.field(description="Rows in the whole filtered list.")

    @classmethod
    def from_page(cls, page: Page[Any], wrap: Callable[[Any], T]) -> Self:
        """A connection of `page`'s rows, each wrapped as its schema type."""
        edges = [Edge(node=wrap(row), cursor=cursor) for row, cursor in page.rows]
        info = PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        )
        return cls(edges=edges, page_info=info, total_count=page.total)
