"""Query limits: rejected before execution, each with a stable `extensions.code`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.settings import Settings
from tests.api.conftest import post

# Depth 10: meetings(0) edges node attendances person meetings attendances ...
CHAIN = ("attendances", "person", "meetings")
WIDE_BUT_SMALL = """
query { meetings(first: 50) { edges { node {
  attendances { person { organisations { name } } }
} } } }
"""
TOO_MANY_NODES = """
query { meetings(first: 100) { edges { node {
  attendances { person { meetings { attendances { id } } } }
} } } }
"""
PAGE_IN_A_VARIABLE = """
query ($n: Int) { meetings(first: $n) { edges { node {
  attendances { person { meetings { attendances { id } } } }
} } } }
"""
THROUGH_A_FRAGMENT = """
query { people(first: 100) { edges { node { ...Deep } } } }
fragment Deep on Person { meetings { attendances { person { meetings { id } } } } }
"""


def nested(levels: int) -> str:
    """A meetings page with `levels` relation fields nested under each node."""
    inner = "id"
    for level in reversed(range(levels)):
        inner = f"{CHAIN[level % 3]} {{ {inner} }}"
    return f"query {{ meetings(first: 1) {{ edges {{ node {{ {inner} }} }} }} }}"


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """A client of an empty graph: limits do not depend on data."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def codes(client: TestClient, query: str, **variables: Any) -> set[str]:
    """The error codes a query gets; it must not have run (no data)."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    body = response.json()
    assert body.get("data") is None, body
    return {error["extensions"]["code"] for error in body["errors"]}


def test_depth_ten_runs_and_eleven_is_refused(client: TestClient) -> None:
    assert codes(client, nested(8)) >= {"QUERY_TOO_DEEP"}
    deep_but_fine = "query { meetings(first: 1) { edges { node { " + (
        "attendances { meeting { attendances { meeting { "
        "attendances { meeting { id } } } } } } } } } }"
    )
    assert post(client, deep_but_fine)["meetings"]["edges"] == []


def test_sixteen_aliases_are_refused(client: TestClient) -> None:
    fields = " ".join(f"a{i}: meetings(first: 1) {{ totalCount }}" for i in range(16))
    assert codes(client, "query { " + fields + " }") == {"TOO_MANY_ALIASES"}
    fine = " ".join(f"a{i}: meetings(first: 1) {{ totalCount }}" for i in range(15))
    assert post(client, "query { " + fine + " }")["a14"]["totalCount"] == 0


def test_more_than_two_thousand_tokens_are_refused(client: TestClient) -> None:
    query = "query { " + "__typename " * 2_000 + "}"
    assert codes(client, query) == {"TOO_MANY_TOKENS"}


def test_node_estimate_multiplies_page_sizes_down(client: TestClient) -> None:
    assert post(client, WIDE_BUT_SMALL)["meetings"]["edges"] == []
    assert codes(client, TOO_MANY_NODES) == {"TOO_MANY_NODES"}
    assert codes(client, THROUGH_A_FRAGMENT) == {"TOO_MANY_NODES"}


def test_a_page_size_in_a_variable_counts_as_the_cap(client: TestClient) -> None:
    assert codes(client, PAGE_IN_A_VARIABLE, n=1) == {"TOO_MANY_NODES"}


def test_the_estimate_counts_each_list_once() -> None:
    from graphql import parse, validate

    from resolvers.limits import NodeEstimate
    from resolvers.root import schema

    def estimate(query: str) -> list[str]:
        errors = validate(schema._schema, parse(query), [NodeEstimate])
        return [e.message.split(" nodes")[0] for e in errors]

    # 100 meetings + 100*20 attendances + 100*20*20 meetings + 100*20*20*20 = 842100
    assert estimate(TOO_MANY_NODES) == ["Estimated 842100"]
    assert estimate(WIDE_BUT_SMALL) == []


def test_switched_off_introspection_has_a_code_too(settings: Settings) -> None:
    closed = settings.model_copy(update={"graphiql": False})
    with TestClient(create_app(closed)) as client:
        query = "query { __schema { queryType { name } } }"
        assert codes(client, query) == {"INTROSPECTION_DISABLED"}
        assert (
            client.get("/graphql", headers={"accept": "text/html"}).status_code == 404
        )
        assert post(client, "query { meetings { totalCount } }")["meetings"] == {
            "totalCount": 0
        }


def test_nodes_by_id_count_one_per_id() -> None:
    from graphql import parse, validate

    from resolvers.limits import NodeEstimate
    from resolvers.root import schema

    def nodes(count: int) -> str:
        ids = ", ".join(f'"id{i}"' for i in range(count))
        return (
            f"query {{ nodes(ids: [{ids}]) {{ ... on Person {{ "
            "meetings { attendances { person { meetings { id } } } } } } }"
        )

    # 3 + 3*20 + 3*400 + 3*8000 = 25263; twenty ids would be 168420
    assert validate(schema._schema, parse(nodes(3)), [NodeEstimate]) == []
    [error] = validate(schema._schema, parse(nodes(20)), [NodeEstimate])
    assert error.message.startswith("Estimated 168420 nodes")
