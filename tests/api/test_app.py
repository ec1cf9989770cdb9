"""The app factory: lifespan migrations, /healthz, GraphiQL and introspection flags."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.settings import Settings
from tests.api.conftest import post, post_errors

INTROSPECTION = "query { __schema { queryType { name } } }"
EMPTY = "query { meetings { totalCount edges { node { id } } } }"


def test_lifespan_migrates_a_new_database(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'new' / 'graph.db'}"
    with TestClient(create_app(Settings(database_url=url))) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        data = post(client, EMPTY)
    assert data == {"meetings": {"totalCount": 0, "edges": []}}


def test_graphiql_and_introspection_on_by_default(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        page = client.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 200
        assert "graphiql" in page.text.lower()
        assert post(client, INTROSPECTION)["__schema"]["queryType"]["name"] == "Query"


def test_graphiql_and_introspection_switch_off(settings: Settings) -> None:
    closed = settings.model_copy(update={"graphiql": False})
    with TestClient(create_app(closed)) as client:
        page = client.get("/graphql", headers={"accept": "text/html"})
        assert "graphiql" not in page.text.lower()
        assert post_errors(client, INTROSPECTION)
        assert post(client, EMPTY)["meetings"]["totalCount"] == 0
