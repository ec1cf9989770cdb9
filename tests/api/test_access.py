"""Who may read and upload: anonymous reading, the CSRF guard on multipart posts."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.settings import Settings
from resolvers.auth import CSRF_HEADER
from tests.api.conftest import post
from tests.api.tokens import bearer

MEETINGS = "query { meetings { totalCount } }"
INTROSPECTION = "query { __schema { queryType { name } } }"


@pytest.fixture
def closed(settings: Settings) -> Settings:
    """Settings of a server that others reach: no anonymous reading."""
    return settings.model_copy(update={"anonymous_read": False})


def test_anonymous_reading_is_on_in_the_embedded_default(settings: Settings) -> None:
    assert Settings().anonymous_read is True
    with TestClient(create_app(settings)) as client:
        assert post(client, MEETINGS)["meetings"]["totalCount"] == 0


def test_without_anonymous_reading_a_token_is_needed(closed: Settings) -> None:
    with TestClient(create_app(closed)) as client:
        body = client.post("/graphql", json={"query": MEETINGS}).json()
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
        client.headers.update(bearer(closed, "reader"))
        assert post(client, MEETINGS)["meetings"]["totalCount"] == 0
        assert post(client, INTROSPECTION)["__schema"]["queryType"]["name"] == "Query"


def _multipart(client: TestClient, **headers: str) -> int:
    operations = json.dumps({"query": "{ __typename }", "variables": {}})
    response = client.post(
        "/graphql",
        data={"operations": operations, "map": "{}"},
        files={"0": ("a.txt", b"minutes", "text/plain")},
        headers=headers,
    )
    return response.status_code


def test_a_multipart_post_needs_the_csrf_header(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert _multipart(client) == 400
        assert _multipart(client, **{CSRF_HEADER: "1"}) == 200


def test_a_cross_site_multipart_post_is_refused(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        csrf = {CSRF_HEADER: "1"}
        assert _multipart(client, origin="https://evil.example", **csrf) == 403
        assert _multipart(client, origin="http://testserver", **csrf) == 200
    trusted = settings.model_copy(update={"trusted_origins": ["https://app.example"]})
    with TestClient(create_app(trusted)) as client:
        assert _multipart(client, origin="https://app.example", **csrf) == 200


def test_a_json_post_needs_no_csrf_header(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/graphql",
            json={"query": MEETINGS},
            headers={"origin": "https://x.example"},
        )
        assert response.status_code == 200


def _ws_query(client: TestClient, payload: dict) -> dict:
    """Run MEETINGS over graphql-transport-ws after connection_init(payload)."""
    with client.websocket_connect(
        "/graphql", subprotocols=["graphql-transport-ws"]
    ) as ws:
        ws.send_json({"type": "connection_init", "payload": payload})
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": MEETINGS}})
        return ws.receive_json()


def test_a_websocket_sends_its_token_in_connection_init(closed: Settings) -> None:
    with TestClient(create_app(closed)) as client:
        anonymous = _ws_query(client, {})
        assert anonymous["payload"]["errors"][0]["extensions"]["code"] == (
            "UNAUTHENTICATED"
        )
        token = bearer(closed, "reader")["authorization"]
        message = _ws_query(client, {"authorization": token})
        assert message["type"] == "next", message
        assert message["payload"]["data"] == {"meetings": {"totalCount": 0}}


def test_a_websocket_with_a_bad_token_is_closed(settings: Settings) -> None:
    from starlette.websockets import WebSocketDisconnect

    with TestClient(create_app(settings)) as client:
        with client.websocket_connect(
            "/graphql", subprotocols=["graphql-transport-ws"]
        ) as ws:
            ws.send_json(
                {"type": "connection_init", "payload": {"authorization": "Bearer x"}}
            )
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_json()
        assert closed.value.code == 4403
