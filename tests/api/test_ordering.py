"""`orderBy` on the root lists: every ordering pages forwards and backwards alike."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from starlette.testclient import TestClient

from minutegraph import models
from minutegraph.app import create_app
from minutegraph.db import engine_scope
from minutegraph.graph.ordering import FIELDS
from minutegraph.settings import Settings
from tests.api.conftest import post, post_errors

PAGE = """
query ($first: Int, $after: String, $last: Int, $before: String, $order: %s) {
  %s(first: $first, after: $after, last: $last, before: $before, orderBy: $order) {
    pageInfo { hasNextPage hasPreviousPage }
    edges { cursor node { %s } }
  }
}
"""
# root field -> (order input type, fields to read, graph noun)
LISTS = {
    "organisations": ("OrganisationOrder", "id name", "organisation"),
    "people": ("PersonOrder", "id name", "person"),
    "meetings": ("MeetingOrder", "id date title", "meeting"),
    "events": ("EventOrder", "id start title", "event"),
    "dialogues": ("EventOrder", "id start title", "event"),
    "actionItems": ("ActionItemOrder", "id due status", "action_item"),
    "documents": ("DocumentOrder", "id filename", "document"),
}
CASES = [
    (root, field.upper(), direction)
    for root, (_, _, noun) in LISTS.items()
    for field in FIELDS[noun]
    for direction in ("ASC", "DESC")
]
NAMES = ["Beta", "Alpha", "Gamma", "Alpha", "Delta"]
DATES = [dt.date(2023, 3, 1), None, dt.date(2023, 1, 5), dt.date(2023, 3, 1), None]
DUES = [None, "2023-05", "2023-04-01", None, "2024"]


async def _seed(url: str) -> None:
    async with engine_scope(url) as (_, sessions), sessions.begin() as session:
        for i, name in enumerate(NAMES):
            session.add(models.Organisation(name=name))
            session.add(models.Person(name=name))
            doc = models.Document(
                sha256=f"{i:064x}",
                filename=f"{name.lower()}.txt",
                media_type="text/plain",
                size=1,
                storage_path="-",
            )
            session.add(doc)
            await session.flush()
            title = None if i == 1 else name
            meeting = models.Meeting(document_id=doc.id, date=DATES[i], title=title)
            session.add(meeting)
            await session.flush()
            session.add(_event(i, name))
            session.add(
                models.ActionItem(
                    meeting_id=meeting.id,
                    document_id=doc.id,
                    text=f"Do {name}",
                    text_key=f"do {name}",
                    due=DUES[i],
                    status="open" if i % 2 else "done",
                )
            )


def _event(i: int, name: str) -> models.Event:
    start = DATES[i] or dt.date(2023, 2, 1)
    return models.Event(
        kind="dialogue",
        title=name,
        title_key=name.casefold(),
        start_text=start.isoformat(),
        start=start,
        precision="day",
    )


@pytest.fixture
def client(settings: Settings) -> Any:
    """A client over the small seeded graph (ties and missing values included)."""
    asyncio.run(_seed(settings.database_url))
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _page(client: TestClient, root: str, order: dict, **args: Any) -> dict[str, Any]:
    order_type, fields, _ = LISTS[root]
    query = PAGE % (order_type, root, fields)
    return post(client, query, order=order, **args)[root]


def _walk(client: TestClient, root: str, order: dict, *, forward: bool) -> list:
    nodes: list[dict] = []
    cursor: str | None = None
    while True:
        if forward:
            page = _page(client, root, order, first=2, after=cursor)
            nodes += [e["node"] for e in page["edges"]]
            more = page["pageInfo"]["hasNextPage"]
        else:
            page = _page(client, root, order, last=2, before=cursor)
            nodes[:0] = [e["node"] for e in page["edges"]]
            more = page["pageInfo"]["hasPreviousPage"]
        if not more:
            return nodes
        cursor = page["edges"][-1 if forward else 0]["cursor"]


@pytest.mark.parametrize(("root", "field", "direction"), CASES)
def test_pages_forwards_and_backwards(
    client: TestClient, root: str, field: str, direction: str
) -> None:
    order = {"field": field, "direction": direction}
    whole = [e["node"] for e in _page(client, root, order, first=100)["edges"]]
    assert len(whole) == len(NAMES)
    assert _walk(client, root, order, forward=True) == whole
    assert _walk(client, root, order, forward=False) == whole
    opposite = {**order, "direction": "ASC" if direction == "DESC" else "DESC"}
    reverse = [e["node"] for e in _page(client, root, opposite, first=100)["edges"]]
    key = field.lower()
    if key in whole[0] and None not in [n[key] for n in whole]:
        values = [n[key] for n in whole]
        assert values == sorted(values, reverse=direction == "DESC")
        assert [n[key] for n in reverse] == values[::-1]


def test_missing_values_come_last_both_ways(client: TestClient) -> None:
    for direction in ("ASC", "DESC"):
        order = {"field": "DATE", "direction": direction}
        meetings = [e["node"] for e in _page(client, "meetings", order)["edges"]]
        assert [m["date"] is None for m in meetings] == [False] * 3 + [True] * 2
        order = {"field": "DUE", "direction": direction}
        items = [e["node"] for e in _page(client, "actionItems", order)["edges"]]
        assert [i["due"] is None for i in items] == [False] * 3 + [True] * 2


def test_a_cursor_from_another_ordering_is_refused(client: TestClient) -> None:
    by_name = {"field": "NAME", "direction": "DESC"}
    cursor = _page(client, "people", by_name, first=1)["edges"][0]["cursor"]
    query = PAGE % ("PersonOrder", "people", "id")
    by_creation = {"field": "CREATED", "direction": "DESC"}
    errors = post_errors(client, query, order=by_creation, first=1, after=cursor)
    assert errors
    assert "not a cursor of this list" in errors[0]
    # The default ordering spelled out is the same ordering: its cursors carry over.
    default = post(client, "query { people(first: 1) { edges { cursor } } }")
    first = default["people"]["edges"][0]["cursor"]
    name_asc = {"field": "NAME", "direction": "ASC"}
    assert _page(client, "people", name_asc, first=1, after=first)["edges"]
