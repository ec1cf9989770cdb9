"""The ingestJob(id) subscription over graphql-transport-ws, on the real job row."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient, WebSocketTestSession

from minutegraph.app import create_app
from minutegraph.db import engine_scope
from minutegraph.graph.documents import accept_upload
from minutegraph.settings import Settings
from schema.node import to_global_id
from tests.api.conftest import CORPUS_FILES
from tests.api.test_documents import DOCUMENT_UPLOAD, upload
from tests.api.tokens import bearer
from workers.tasks import ingest_document

INGEST_JOB_SUBSCRIPTION = """
subscription ($id: ID!) {
  ingestJob(id: $id) {
    __typename
    ... on IngestJobState {
      jobId status final stage progress attempts errorCode errorMessage
      createdAt startedAt finishedAt durationSeconds
      report {
        changed unresolvedCount ambiguousCount duplicateOfId
        counts { kind inserted updated unchanged deleted }
      }
    }
    ... on NotFound { code message id }
  }
}
"""

PROTOCOL = ["graphql-transport-ws"]


def open_subscription(
    ws: WebSocketTestSession, job_id: str, init: dict[str, str] | None = None
) -> None:
    """Initialise the connection (payload `init`) and subscribe as operation "1"."""
    ws.send_json({"type": "connection_init", "payload": init or {}})
    assert ws.receive_json()["type"] == "connection_ack"
    payload = {"query": INGEST_JOB_SUBSCRIPTION, "variables": {"id": job_id}}
    ws.send_json({"id": "1", "type": "subscribe", "payload": payload})


def next_state(ws: WebSocketTestSession) -> dict[str, Any]:
    """The next `next` message's ingestJob, asserting it carries no errors."""
    message = ws.receive_json()
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message["payload"]["errors"]
    return message["payload"]["data"]["ingestJob"]


def states_until_complete(ws: WebSocketTestSession) -> list[dict[str, Any]]:
    """Every state sent until the server completes the operation."""
    states = []
    while (message := ws.receive_json())["type"] != "complete":
        assert message["type"] == "next", message
        assert "errors" not in message["payload"], message["payload"]["errors"]
        states.append(message["payload"]["data"]["ingestJob"])
    assert message["id"] == "1"
    return states


def follow(
    client: TestClient, job_id: str, headers: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Subscribe, collect the states until complete, then check the socket is alive."""
    with client.websocket_connect(
        "/graphql", subprotocols=PROTOCOL, headers=dict(headers or {})
    ) as ws:
        open_subscription(ws, job_id)
        states = states_until_complete(ws)
        ws.send_json({"type": "ping"})  # the connection outlives the operation
        assert ws.receive_json()["type"] == "pong"
    return states


def test_upload_then_follow_until_succeeded(settings: Settings) -> None:
    """A corpus file uploaded through documentUpload ends succeeded with a report."""
    path = CORPUS_FILES[3]
    settings = settings.model_copy(update={"job_poll_interval": 0.02})
    editor = bearer(settings, "editor")
    with TestClient(create_app(settings)) as client:
        result = upload(
            client, DOCUMENT_UPLOAD, [(path.name, path.read_bytes())], False, editor
        )["documentUpload"]
        job_id = result["job"]["id"]
        states = follow(client, job_id)
    assert states, "at least the final state is sent"
    assert all(s["__typename"] == "IngestJobState" for s in states)
    assert all(s["jobId"] == job_id for s in states)
    assert [s["final"] for s in states] == [False] * (len(states) - 1) + [True]
    progress = [s["progress"] for s in states]
    assert progress == sorted(progress)
    last = states[-1]
    assert (last["status"], last["stage"], last["progress"]) == ("succeeded", "done", 1)
    assert last["errorCode"] is None
    assert last["attempts"] == 1
    assert last["startedAt"]
    assert last["finishedAt"]
    assert last["durationSeconds"] >= 0
    report = last["report"]
    assert report["changed"]
    kinds = {c["kind"]: c for c in report["counts"]}
    assert kinds["meeting"]["inserted"] == 1
    assert kinds["document"]["updated"] == 1


def test_broken_file_ends_failed_with_its_code(settings: Settings) -> None:
    """A .docx that is no zip ends failed with MG102 and no report."""
    settings = settings.model_copy(update={"job_poll_interval": 0.02})
    editor = bearer(settings, "editor")
    broken = [("broken.docx", b"PK\x03\x04 not really a zip")]
    with TestClient(create_app(settings)) as client:
        result = upload(client, DOCUMENT_UPLOAD, broken, False, editor)
        states = follow(client, result["documentUpload"]["job"]["id"])
    last = states[-1]
    assert (last["status"], last["final"]) == ("failed", True)
    assert last["errorCode"] == "MG102"
    assert last["errorMessage"]
    assert last["report"] is None


def queue_job(settings: Settings, path: Path) -> int:
    """Register a document and its queued job without running it; the job's key."""

    async def main() -> int:
        async with engine_scope(settings.database_url) as (_, sessions):
            accepted = await accept_upload(
                sessions=sessions,
                data=path.read_bytes(),
                filename=path.name,
                storage_dir=settings.storage_dir,
                limit=settings.max_upload_bytes,
            )
        return accepted.job.id

    return asyncio.run(main())


def run_job_elsewhere(settings: Settings, job_id: int, nlp: Any) -> None:
    """Run the task on its own engine and loop, as a worker process would."""

    async def main() -> None:
        async with engine_scope(settings.database_url) as (_, sessions):
            ctx = {
                "sessions": sessions,
                "settings": settings,
                "nlp": lambda: nlp,
                "worker_id": "elsewhere",
            }
            await ingest_document(ctx, job_id)

    asyncio.run(main())


def test_progress_written_by_another_runner_reaches_the_client(
    settings: Settings, nlp: Any
) -> None:
    """Queued first; a runner outside the app then moves the row to succeeded."""
    settings = settings.model_copy(update={"job_poll_interval": 0.02})
    with TestClient(create_app(settings)) as client:
        key = queue_job(settings, CORPUS_FILES[0])
        with client.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws:
            open_subscription(ws, to_global_id("IngestJob", key))
            first = next_state(ws)
            assert (first["status"], first["progress"], first["final"]) == (
                "queued",
                0,
                False,
            )
            assert first["attempts"] == 0
            assert first["startedAt"] is None
            run_job_elsewhere(settings, key, nlp)
            rest = states_until_complete(ws)
    assert rest[-1]["status"] == "succeeded"
    assert rest[-1]["report"]["counts"]


def test_unknown_ids_are_a_typed_not_found(settings: Settings) -> None:
    """A missing job or an ID of another type: one NotFound, then complete."""
    with TestClient(create_app(settings)) as client:
        for job_id in (to_global_id("IngestJob", 999), to_global_id("Document", 1)):
            states = follow(client, job_id)
            assert states == [
                {
                    "__typename": "NotFound",
                    "code": "NOT_FOUND",
                    "message": f"no ingestion job {job_id}",
                    "id": job_id,
                }
            ]


def test_client_can_stop_following(settings: Settings) -> None:
    """A client's complete ends the operation; the socket then closes cleanly."""
    settings = settings.model_copy(update={"job_poll_interval": 0.02})
    with TestClient(create_app(settings)) as client:
        key = queue_job(settings, CORPUS_FILES[2])  # never run: stays queued
        with client.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws:
            open_subscription(ws, to_global_id("IngestJob", key))
            assert next_state(ws)["status"] == "queued"
            ws.send_json({"id": "1", "type": "complete"})
            ws.send_json({"type": "ping"})
            assert ws.receive_json()["type"] == "pong"
            ws.close(1000)


def test_reading_rules_apply_to_subscriptions(settings: Settings) -> None:
    """Without anonymous reading, no token is UNAUTHENTICATED; a reader may follow."""
    settings = settings.model_copy(update={"anonymous_read": False})
    reader = bearer(settings, "reader")
    job_id = to_global_id("IngestJob", 999)
    with TestClient(create_app(settings)) as client:
        with client.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws:
            open_subscription(ws, job_id)
            message = ws.receive_json()
        assert message["type"] in {"error", "next"}, message
        errors = message["payload"]
        errors = errors if isinstance(errors, list) else errors["errors"]
        assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
        states = follow(client, job_id, headers=reader)
        assert states[0]["code"] == "NOT_FOUND"
        with client.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws:
            open_subscription(ws, job_id, init=reader)  # as a browser sends it
            assert next_state(ws)["code"] == "NOT_FOUND"
            assert ws.receive_json()["type"] == "complete"
