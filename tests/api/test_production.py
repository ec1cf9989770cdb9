"""CORS for configured origins only; anonymous writes as an editor when switched on."""

from __future__ import annotations

from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.settings import Settings
from schema.node import to_global_id
from tests.api.conftest import post
from tests.api.tokens import bearer

APP_ORIGIN = "https://app.example.org"
PREFLIGHT = {
    "access-control-request-method": "POST",
    "access-control-request-headers": "authorization, content-type",
}
RENAME = """
mutation ($id: ID!) {
  organisationUpdate(id: $id, input: {name: "Renamed"}) {
    __typename
    ... on MutationError { code }
  }
}
"""
DELETE = """
mutation ($id: ID!) { documentDelete(id: $id) { __typename } }
"""


def codes(response_json: dict) -> list[str]:
    """The errors' extensions.code values."""
    return [e["extensions"]["code"] for e in response_json.get("errors", [])]


def test_no_cors_headers_without_origins(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/graphql",
            json={"query": "{ meetings { totalCount } }"},
            headers={"origin": APP_ORIGIN},
        )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_cors_for_the_configured_origins_only(settings: Settings) -> None:
    open_to_app = settings.model_copy(update={"cors_origins": [APP_ORIGIN]})
    with TestClient(create_app(open_to_app)) as client:
        allowed = client.options(
            "/graphql", headers={"origin": APP_ORIGIN, **PREFLIGHT}
        )
        refused = client.options(
            "/graphql", headers={"origin": "https://evil.example", **PREFLIGHT}
        )
        simple = client.post(
            "/graphql",
            json={"query": "{ meetings { totalCount } }"},
            headers={"origin": APP_ORIGIN},
        )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "authorization" in allowed.headers["access-control-allow-headers"]
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    assert simple.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "x-request-id" in simple.headers["access-control-expose-headers"]


def test_anonymous_writes_are_refused_by_default(settings: Settings) -> None:
    org = to_global_id("Organisation", 1)
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/graphql", json={"query": RENAME, "variables": {"id": org}}
        )
    assert codes(response.json()) == ["UNAUTHENTICATED"]


def test_anonymous_writes_run_as_an_editor_when_switched_on(settings: Settings) -> None:
    open_writes = settings.model_copy(update={"anonymous_write": True})
    org = to_global_id("Organisation", 1)
    document = to_global_id("Document", 1)
    with TestClient(create_app(open_writes)) as client:
        renamed = post(client, RENAME, id=org)["organisationUpdate"]
        deleted = client.post(
            "/graphql", json={"query": DELETE, "variables": {"id": document}}
        )
        as_admin = client.post(
            "/graphql",
            json={"query": DELETE, "variables": {"id": document}},
            headers=bearer(open_writes, "admin"),
        )
        bad_token = client.post(
            "/graphql",
            json={"query": RENAME, "variables": {"id": org}},
            headers={"authorization": "Bearer nope"},
        )
    assert renamed == {"__typename": "NotFound", "code": "NOT_FOUND"}  # it ran
    assert codes(deleted.json()) == ["FORBIDDEN"]  # deletes still need an admin
    assert codes(as_admin.json()) == []  # a token's own role still counts
    assert bad_token.status_code == 401  # a bad token is not anonymous


def test_anonymous_writes_let_reading_through(settings: Settings) -> None:
    closed = settings.model_copy(update={"anonymous_read": False})
    open_writes = closed.model_copy(update={"anonymous_write": True})
    query = {"query": "{ meetings { totalCount } }"}
    with TestClient(create_app(closed)) as client:
        assert codes(client.post("/graphql", json=query).json()) == ["UNAUTHENTICATED"]
    with TestClient(create_app(open_writes)) as client:
        assert codes(client.post("/graphql", json=query).json()) == []
