"""N+1 guard: a nested query costs the same number of statements for 5 and 100."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.settings import Settings
from tests.api.conftest import add_meetings, post

MEETINGS_ATTENDANCES_PEOPLE_ORGANISATIONS = """
query ($first: Int!) {
  meetings(first: $first) {
    edges { node {
      title
      attendances { rawName person { name organisations { name } } }
    } }
  }
}
"""


@contextmanager
def counted() -> Iterator[list[str]]:
    """Every SQL statement any engine runs inside the block."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def _cost(client: TestClient, first: int) -> tuple[int, int]:
    with counted() as statements:
        data = post(client, MEETINGS_ATTENDANCES_PEOPLE_ORGANISATIONS, first=first)
    meetings = [edge["node"] for edge in data["meetings"]["edges"]]
    assert len(meetings) == first
    assert all(m["attendances"][0]["person"]["organisations"] for m in meetings)
    return len(statements), len(meetings)


def test_nested_query_costs_the_same_for_5_and_100(settings: Settings, nlp) -> None:
    add_meetings(settings, 100, nlp)
    with TestClient(create_app(settings)) as client:
        few, _ = _cost(client, 5)
        many, _ = _cost(client, 100)
    assert few == many, (few, many)
    assert few <= 12, few
