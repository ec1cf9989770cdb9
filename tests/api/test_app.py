"""The app factory: lifespan migrations, /healthz, GraphiQL and introspection flags."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse
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


def test_spacy_loads_only_when_a_document_needs_it() -> None:
    import subprocess
    import sys

    code = (
        "import sys, minutegraph.app as a; a.create_app(); "
        "sys.exit(1 if 'spacy' in sys.modules else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_lifespan_hands_out_one_lazy_pipeline(settings: Settings) -> None:
    app = create_app(settings)
    seen = []

    async def pipeline(request: Request) -> PlainTextResponse:
        seen.append(request.state.nlp())
        return PlainTextResponse("built")

    app.add_route("/nlp", pipeline)
    with TestClient(app) as client:
        assert client.get("/nlp").text == client.get("/nlp").text == "built"
    assert len(seen) == 2
    assert seen[0] is seen[1]
