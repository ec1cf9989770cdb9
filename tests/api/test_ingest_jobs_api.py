"""ingestJobCancel and ingestJobRetry over GraphQL, against the task that runs jobs.

Jobs are registered while the app runs (its start-up sweep would run them), then
cancelled or retried through the API; the real task then runs on them, in the
app's in-process queue or on an engine of its own as a worker process would.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from starlette.testclient import TestClient

from ingest import ingestion
from ingest.extractor import ThreadExtractor
from minutegraph import models
from minutegraph.app import create_app
from minutegraph.db import GRAPH_LOCK, engine_scope
from minutegraph.graph import jobs
from minutegraph.settings import Settings
from schema.node import to_global_id
from tests.api.conftest import CORPUS_FILES
from tests.api.test_documents import DOCUMENT_UPLOAD, send, upload
from tests.api.test_ingest_job_subscription import follow
from tests.api.tokens import bearer
from tests.workers.rows import (
    BROKEN_DOCX,
    asyncpg_dsn,
    count,
    graph_lock_waiter,
    job_row,
    register_file,
    task_ctx,
)
from workers import tasks

MINUTES = CORPUS_FILES[3]  # a short Markdown file: quick to ingest
RUNNER = "elsewhere:1:runner"  # a worker process's name on the rows it claims

INGEST_JOB_CANCEL = """
mutation ($id: ID!) {
  ingestJobCancel(id: $id) {
    __typename
    ... on IngestJobCancelSuccess { job { id status attempts finishedAt } }
    ... on IngestJobConflict { code message job { id status } }
    ... on IngestJobNotFound { code message id }
  }
}
"""

INGEST_JOB_RETRY = """
mutation ($id: ID!) {
  ingestJobRetry(id: $id) {
    __typename
    ... on IngestJobRetrySuccess {
      job { id status attempts progress errorCode errorMessage finishedAt }
    }
    ... on IngestJobConflict { code message job { id status } }
    ... on IngestJobNotFound { code message id }
  }
}
"""


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings on the test's database; the periodic sweep out of the way."""
    return Settings(
        database_url=database_url,
        storage_dir=tmp_path / "originals",
        sweep_interval=3600,
        job_poll_interval=0.02,
    )


@pytest.fixture
def editor(settings: Settings) -> dict[str, str]:
    """An editor's headers."""
    return bearer(settings, "editor")


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """The app, lifespan running (in-process queue, no Redis)."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _queued(settings: Settings, path: Path) -> int:
    """A document and its queued job, registered without running it; the job's key."""

    async def main() -> int:
        async with engine_scope(settings.database_url) as (_, sessions):
            job_id, _ = await register_file(sessions, settings, path)
        return job_id

    return asyncio.run(main())


def _run_task(settings: Settings, nlp: Any, job_id: int) -> dict[str, Any]:
    """Run the task on an engine of its own, as a worker process would."""

    async def main() -> dict[str, Any]:
        async with engine_scope(settings.database_url) as (_, sessions):
            ctx = task_ctx(settings, sessions, nlp, worker_id=RUNNER)
            return await tasks.ingest_document(ctx, job_id)

    return asyncio.run(main())


def _row_and_meetings(settings: Settings, job_id: int) -> tuple[models.IngestJob, int]:
    async def main() -> tuple[models.IngestJob, int]:
        async with engine_scope(settings.database_url) as (_, sessions):
            return await job_row(sessions, job_id), await count(
                sessions, models.Meeting
            )

    return asyncio.run(main())


def test_cancel_a_queued_job_then_its_task_skips_it(
    settings: Settings, editor: dict[str, str], client: TestClient, nlp: Any
) -> None:
    """Cancelled while queued: the task run on it later writes nothing; retrying
    it queued, or cancelling it again, is a CONFLICT; retrying it cancelled
    ingests it."""
    key = _queued(settings, MINUTES)
    job_id = to_global_id("IngestJob", key)
    queued = send(client, editor, INGEST_JOB_RETRY, id=job_id)["ingestJobRetry"]
    assert queued == {
        "__typename": "IngestJobConflict",
        "code": "CONFLICT",
        "message": "a queued job cannot be retried",
        "job": {"id": job_id, "status": "queued"},
    }
    result = send(client, editor, INGEST_JOB_CANCEL, id=job_id)["ingestJobCancel"]
    assert result["__typename"] == "IngestJobCancelSuccess"
    assert result["job"]["id"] == job_id
    assert (result["job"]["status"], result["job"]["attempts"]) == ("cancelled", 0)
    assert result["job"]["finishedAt"]

    assert _run_task(settings, nlp, key) == {"job": key, "outcome": "skipped"}
    row, meetings = _row_and_meetings(settings, key)
    assert (row.status, row.attempts, row.worker) == ("cancelled", 0, None)
    assert meetings == 0

    again = send(client, editor, INGEST_JOB_CANCEL, id=job_id)["ingestJobCancel"]
    assert again == {
        "__typename": "IngestJobConflict",
        "code": "CONFLICT",
        "message": "a cancelled job cannot be cancelled",
        "job": {"id": job_id, "status": "cancelled"},
    }

    retried = send(client, editor, INGEST_JOB_RETRY, id=job_id)["ingestJobRetry"]
    assert retried["__typename"] == "IngestJobRetrySuccess"
    assert retried["job"]["status"] == "queued"
    last = follow(client, job_id)[-1]
    assert (last["status"], last["attempts"]) == ("succeeded", 1)
    assert _row_and_meetings(settings, key)[1] == 1


def test_retry_a_failed_job_runs_it_again(
    settings: Settings, editor: dict[str, str], client: TestClient
) -> None:
    """A broken .docx fails with MG102; retried, its attempts start over and it
    fails again with the same code (reading it again gives the same answer)."""
    uploaded = upload(client, DOCUMENT_UPLOAD, [BROKEN_DOCX], False, editor)
    job_id = uploaded["documentUpload"]["job"]["id"]
    first = follow(client, job_id)[-1]
    assert (first["status"], first["errorCode"], first["attempts"]) == (
        "failed",
        "MG102",
        1,
    )

    result = send(client, editor, INGEST_JOB_RETRY, id=job_id)["ingestJobRetry"]
    assert result == {
        "__typename": "IngestJobRetrySuccess",
        "job": {
            "id": job_id,
            "status": "queued",
            "attempts": 0,
            "progress": 0.0,
            "errorCode": None,
            "errorMessage": None,
            "finishedAt": None,
        },
    }
    second = follow(client, job_id)[-1]
    assert (second["status"], second["errorCode"], second["attempts"]) == (
        "failed",
        "MG102",
        1,
    )
    assert second["errorMessage"] == first["errorMessage"]


def test_finished_jobs_conflict_and_unknown_ids_are_not_found(
    settings: Settings, editor: dict[str, str], client: TestClient
) -> None:
    """A succeeded job can be neither cancelled nor retried; the row stays as it is."""
    data = MINUTES.read_bytes()
    uploaded = upload(client, DOCUMENT_UPLOAD, [(MINUTES.name, data)], False, editor)
    job_id = uploaded["documentUpload"]["job"]["id"]
    assert follow(client, job_id)[-1]["status"] == "succeeded"
    for mutation, name, verb in (
        (INGEST_JOB_CANCEL, "ingestJobCancel", "cancelled"),
        (INGEST_JOB_RETRY, "ingestJobRetry", "retried"),
    ):
        assert send(client, editor, mutation, id=job_id)[name] == {
            "__typename": "IngestJobConflict",
            "code": "CONFLICT",
            "message": f"a succeeded job cannot be {verb}",
            "job": {"id": job_id, "status": "succeeded"},
        }
        document_id = uploaded["documentUpload"]["document"]["id"]
        for missing in (to_global_id("IngestJob", 999), document_id, "bm9wZQ"):
            assert send(client, editor, mutation, id=missing)[name] == {
                "__typename": "IngestJobNotFound",
                "code": "NOT_FOUND",
                "message": f"no ingestion job {missing}",
                "id": missing,
            }
    last = follow(client, job_id)[-1]
    assert (last["status"], last["attempts"]) == ("succeeded", 1)


def test_readers_and_anonymous_clients_may_not_cancel_or_retry(
    settings: Settings, client: TestClient
) -> None:
    """A reader's token is FORBIDDEN, no token UNAUTHENTICATED; the job stays queued."""
    key = _queued(settings, MINUTES)
    job_id = to_global_id("IngestJob", key)
    reader = bearer(settings, "reader")
    for mutation in (INGEST_JOB_CANCEL, INGEST_JOB_RETRY):
        for headers, code in ((reader, "FORBIDDEN"), ({}, "UNAUTHENTICATED")):
            body = client.post(
                "/graphql",
                json={"query": mutation, "variables": {"id": job_id}},
                headers=headers,
            ).json()
            assert body["data"] is None
            assert [e["extensions"]["code"] for e in body["errors"]] == [code]
    row, _ = _row_and_meetings(settings, key)
    assert (row.status, row.finished_at) == ("queued", None)


async def _claim(sessions: Any, settings: Settings, key: int) -> jobs.Claim:
    claim = await jobs.claim(
        sessions=sessions,
        job_id=key,
        worker=RUNNER,
        lease=settings.job_lease,
        max_attempts=settings.job_max_tries,
    )
    assert claim is not None
    return claim


def test_a_running_job_cancelled_stops_and_writes_nothing(
    settings: Settings, editor: dict[str, str], client: TestClient, nlp: Any
) -> None:
    """Claimed by a runner, cancelled through the API: the runner's task stops at
    its next step and the graph is untouched."""
    key = _queued(settings, MINUTES)

    async def main() -> dict[str, Any]:
        async with engine_scope(settings.database_url) as (_, sessions):
            claim = await _claim(sessions, settings, key)
            result = await asyncio.to_thread(
                send,
                client,
                editor,
                INGEST_JOB_CANCEL,
                id=to_global_id("IngestJob", key),
            )
            assert result["ingestJobCancel"]["__typename"] == "IngestJobCancelSuccess"
            ctx = task_ctx(settings, sessions, nlp, worker_id=RUNNER)
            return await tasks._run(ctx, claim)

    assert asyncio.run(main()) == {"job": key, "outcome": "lost"}
    row, meetings = _row_and_meetings(settings, key)
    assert (row.status, row.attempts, row.worker) == ("cancelled", 1, None)
    assert meetings == 0


def test_cancel_between_extracting_and_committing_rolls_the_linking_back(
    settings: Settings, editor: dict[str, str], client: TestClient, nlp: Any
) -> None:
    """The claim is lost after the job entered its link stage: `succeed`, inside the
    linking transaction, raises JobLost and nothing the linker wrote is kept."""
    key = _queued(settings, MINUTES)

    async def main() -> None:
        async with engine_scope(settings.database_url) as (_, sessions):
            claim = await _claim(sessions, settings, key)

            async def cancel_then_link() -> None:
                await jobs.set_stage(
                    sessions=sessions, claim_=claim, stage="link", progress=0.6
                )
                gid = to_global_id("IngestJob", key)
                result = await asyncio.to_thread(
                    send, client, editor, INGEST_JOB_CANCEL, id=gid
                )
                kind = result["ingestJobCancel"]["__typename"]
                assert kind == "IngestJobCancelSuccess"

            async def on_commit(session: Any, report: Any) -> None:
                assert report.changed()  # the linker did write, in this transaction
                await jobs.succeed(
                    session, claim_=claim, report=report.as_dict(), timings={}
                )

            with pytest.raises(jobs.JobLost):
                await ingestion.ingest_document(
                    sessions,
                    claim.document_id,
                    extractor=ThreadExtractor(nlp),
                    before_link=cancel_then_link,
                    on_commit=on_commit,
                )
            async with sessions() as session:
                document = await session.get(models.Document, claim.document_id)
                assert document is not None
                assert (document.linked_at, document.extraction) == (None, None)

    asyncio.run(main())
    row, meetings = _row_and_meetings(settings, key)
    assert (row.status, row.report) == ("cancelled", None)
    assert meetings == 0


def test_cancel_while_the_task_waits_to_link_on_postgres(
    postgres_run: Any, tmp_path: Path, nlp: Any
) -> None:
    """The real task, held at the graph lock, is cancelled through the API; once
    the lock is free it links, `succeed` finds the claim gone, all rolls back."""
    postgres_run.truncate()
    settings = Settings(
        database_url=postgres_run.url,
        storage_dir=tmp_path / "originals",
        sweep_interval=3600,
    )
    editor = bearer(settings, "editor")

    async def main(client: TestClient, key: int) -> dict[str, Any]:
        async with engine_scope(settings.database_url) as (_, sessions):
            holder = await asyncpg.connect(asyncpg_dsn(settings.database_url))
            try:
                lock = holder.transaction()
                await lock.start()
                await holder.execute("SELECT pg_advisory_xact_lock($1)", GRAPH_LOCK)
                ctx = task_ctx(settings, sessions, nlp, worker_id=RUNNER)
                task = asyncio.create_task(tasks.ingest_document(ctx, key))
                await asyncio.wait_for(graph_lock_waiter(holder), 60)
                assert (await job_row(sessions, key)).stage == "link"
                gid = to_global_id("IngestJob", key)
                result = await asyncio.to_thread(
                    send, client, editor, INGEST_JOB_CANCEL, id=gid
                )
                kind = result["ingestJobCancel"]["__typename"]
                assert kind == "IngestJobCancelSuccess"
                await lock.rollback()  # the task may link now
                return await asyncio.wait_for(task, 60)
            finally:
                await holder.close()

    with TestClient(create_app(settings)) as client:
        key = _queued(settings, MINUTES)
        outcome = asyncio.run(main(client, key))
    assert outcome == {"job": key, "outcome": "lost"}
    row, meetings = _row_and_meetings(settings, key)
    assert (row.status, row.stage, row.report) == ("cancelled", "link", None)
    assert meetings == 0
