"""Logs: JSON lines with the request id and job id; no token or query text in them."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.logs import configure_logging, job_logging
from minutegraph.settings import Settings
from tests.api.tokens import make_token

log = logging.getLogger("tests.logs")


def free_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def json_log(settings: Settings) -> Iterator[io.StringIO]:
    """Where configure_logging writes JSON lines (DEBUG and up) during the test."""
    stream = io.StringIO()
    configure_logging(
        settings.model_copy(update={"log_format": "json", "log_level": "DEBUG"}),
        stream=stream,
    )
    yield stream
    configure_logging(settings)


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    """Every line written, each parsed as JSON (a line that is not fails the test)."""
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_json_lines_carry_the_request_id(settings: Settings) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"  # /readyz logs its failed check
    app = create_app(settings.model_copy(update={"redis_url": url}))
    stream = io.StringIO()
    with TestClient(app) as client:
        configure_logging(
            settings.model_copy(update={"log_format": "json"}), stream=stream
        )
        response = client.get("/readyz", headers={"x-request-id": "req-42.a:b"})
        configure_logging(settings)
    assert response.status_code == 503
    assert response.headers["x-request-id"] == "req-42.a:b"
    [line] = [x for x in lines(stream) if x["logger"] == "minutegraph.health"]
    assert line["request_id"] == "req-42.a:b"
    assert line["level"] == "WARNING"
    assert line["job_id"] is None
    assert "redis check failed" in line["message"]
    assert {"ts", "level", "logger", "message", "request_id", "job_id"} <= set(line)


@pytest.mark.parametrize("incoming", [None, "", "x" * 65, "a b", "id\nforged line"])
def test_a_missing_or_unsafe_request_id_is_replaced(
    settings: Settings, incoming: str | None
) -> None:
    headers = {} if incoming is None else {"x-request-id": incoming}
    with TestClient(create_app(settings)) as client:
        first = client.get("/healthz", headers=headers).headers["x-request-id"]
        second = client.get("/healthz", headers=headers).headers["x-request-id"]
    assert len(first) == 32
    int(first, 16)  # a uuid4 hex
    assert first != second


def test_every_line_a_job_writes_carries_its_id(json_log: io.StringIO) -> None:
    async def job(number: int) -> None:
        with job_logging(number):
            log.info("job starts")
            await asyncio.sleep(0)  # let the other job run in between
            await asyncio.create_task(_step())  # a task it starts inherits the id
            log.info("job ends")
        log.info("after the job")

    async def main() -> None:
        await asyncio.gather(job(7), job(8))

    asyncio.run(main())
    written = [x for x in lines(json_log) if x["logger"] == "tests.logs"]
    assert len(written) == 8
    for line in written:
        expected = None if line["message"] == "after the job" else line["job_id"]
        assert line["job_id"] == expected
    ids = sorted(x["job_id"] for x in written if x["job_id"] is not None)
    assert ids == [7, 7, 7, 8, 8, 8]


async def _step() -> None:
    log.info("a step of the job")


def test_text_lines_name_the_ids_and_exceptions_are_kept(settings: Settings) -> None:
    stream = io.StringIO()
    configure_logging(settings, stream=stream)
    try:
        with job_logging(12):
            log.warning("plain")
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            log.exception("failed")
    finally:
        configure_logging(settings)
    first, *rest = stream.getvalue().splitlines()
    assert first.endswith("WARNING tests.logs plain job_id=12")
    assert "Traceback (most recent call last)" in "\n".join(rest)
    json_settings = settings.model_copy(update={"log_format": "json"})
    stream = io.StringIO()
    configure_logging(json_settings, stream=stream)
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            log.exception("failed")
    finally:
        configure_logging(settings)
    [line] = lines(stream)
    assert "RuntimeError: boom" in line["exc_info"]


def test_no_token_or_query_text_in_the_logs(
    broken_settings: Settings, json_log: io.StringIO
) -> None:
    token = make_token(broken_settings, "editor")
    # The random part may itself hold "_": split off scheme and prefix only, so
    # the needle is always 12 characters (a 1-character one matched any log).
    secret = token.split("_", 2)[2][-12:]
    assert len(secret) == 12
    headers = {"authorization": f"Bearer {token}"}
    failing = f'{{ people(filter: {{search: "{token}"}}) {{ totalCount }} }}'
    with TestClient(create_app(broken_settings)) as client:
        configure_logging(
            broken_settings.model_copy(
                update={"log_format": "json", "log_level": "DEBUG"}
            ),
            stream=json_log,
        )
        masked = client.post("/graphql", json={"query": failing}, headers=headers)
        bad_variable = client.post(
            "/graphql",
            json={
                "query": "query ($n: Int) { meetings(first: $n) { totalCount } }",
                "variables": {"n": token},
            },
            headers=headers,
        )
        unknown = client.post(
            "/graphql",
            json={"query": "{ meetings { totalCount } }"},
            headers={"authorization": f"Bearer {token}x"},
        )
    assert masked.json()["errors"][0]["message"] == "Unexpected error."
    assert token in bad_variable.text  # the client is told; the log is not
    assert unknown.status_code == 401
    written = lines(json_log)
    assert written, "nothing was logged"
    text = json_log.getvalue()
    assert token not in text
    assert secret not in text
    [error] = [x for x in written if x["logger"] == "strawberry.execution"]
    assert error["message"] == "Unexpected error at people: OperationalError"
    assert "no such table: person" in error["exc_info"]  # the traceback stays


def test_uvicorn_access_lines_drop_the_query_string(settings: Settings) -> None:
    import uvicorn

    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)  # waiting for the server thread, not for an outcome
    assert server.started
    token = make_token(settings, "reader")
    stream = io.StringIO()
    configure_logging(settings.model_copy(update={"log_format": "json"}), stream=stream)
    try:
        query = urllib.request.quote('{ meetings { totalCount } } # "SECRET-1"')
        for path in ("/healthz?token=SECRET-2", f"/graphql?query={query}"):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={"authorization": f"Bearer {token}"},
            )
            with urllib.request.urlopen(request) as response:
                assert response.status == 200
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        configure_logging(settings)
    access = [x for x in lines(stream) if x["logger"] == "uvicorn.access"]
    messages = [x["message"] for x in access]
    assert any('"GET /healthz HTTP/1.1" 200' in m for m in messages), messages
    assert any('"GET /graphql HTTP/1.1" 200' in m for m in messages), messages
    assert all(x["request_id"] for x in access)
    assert "SECRET" not in stream.getvalue()
    assert token not in stream.getvalue()
