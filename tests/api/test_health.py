"""/healthz is liveness without I/O; /readyz asks the database and Redis, briefly."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.db import create_engine, create_sessions
from minutegraph.health import readiness
from minutegraph.settings import Settings


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A local port that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    done = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not done.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    done.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine runs meanwhile."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    yield seen
    event.remove(Engine, "before_cursor_execute", count)


def test_healthz_answers_without_touching_the_database(
    settings: Settings, statements: list[str]
) -> None:
    with TestClient(create_app(settings)) as client:
        statements.clear()
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}
        assert statements == []
        client.get("/readyz")  # the listener does see the database's statements
        assert statements


def test_readyz_without_redis(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "redis": "not configured"},
    }


def test_readyz_with_redis(settings: Settings, redis_url: str) -> None:
    with_redis = settings.model_copy(update={"redis_url": redis_url})
    with TestClient(create_app(with_redis)) as client:
        response = client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


def test_readyz_refused_by_a_closed_redis_port_is_503_at_once(
    settings: Settings,
) -> None:
    url = f"redis://127.0.0.1:{closed_port()}/0"
    down = settings.model_copy(update={"redis_url": url})
    with TestClient(create_app(down)) as client:
        start = time.monotonic()
        response = client.get("/readyz")
        elapsed = time.monotonic() - start
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("failed: ")
    assert elapsed < 2.0


def test_readyz_gives_a_silent_redis_the_timeout_only(
    settings: Settings, silent_port: int
) -> None:
    url = f"redis://127.0.0.1:{silent_port}/0"
    silent = settings.model_copy(update={"redis_url": url, "readiness_timeout": 0.3})
    with TestClient(create_app(silent)) as client:
        start = time.monotonic()
        response = client.get("/readyz")
        elapsed = time.monotonic() - start
    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == "failed: timed out"
    assert elapsed < 1.5


def test_an_unreachable_database_is_not_ready(postgres_url: str) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url).set(port=closed_port())
    settings = Settings(database_url=url.render_as_string(hide_password=False))

    async def main() -> dict[str, str]:
        engine = create_engine(settings.database_url)
        try:
            return await readiness(create_sessions(engine), settings)
        finally:
            await engine.dispose()

    checks = asyncio.run(main())
    assert checks["database"].startswith("failed: ")
    assert checks["redis"] == "not configured"
