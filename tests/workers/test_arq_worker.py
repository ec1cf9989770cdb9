"""Uploads through GraphQL, ingested by arq workers in other processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from minutegraph.app import create_app
from tests.api.conftest import CORPUS_FILES, post
from tests.api.test_documents import DOCUMENT_UPLOAD, DOCUMENTS_UPLOAD, upload
from tests.api.test_ingest_job_subscription import follow
from tests.api.tokens import bearer
from tests.workers.harness import Deployment, deployed

MEETINGS = "{ meetings(first: 10) { totalCount edges { node { title date } } } }"


@pytest.fixture
def deployment(postgres_run, redis_url: str, tmp_path: Path) -> Iterator[Deployment]:
    """This test's PostgreSQL database (emptied) and arq queue; workers stop after."""
    with deployed(postgres_run, redis_url, tmp_path) as deployment:
        yield deployment


def test_upload_is_ingested_by_an_arq_worker(deployment: Deployment) -> None:
    """The upload returns queued jobs; a worker process links them; GraphQL reads."""
    settings = deployment.settings
    files = [(path.name, path.read_bytes()) for path in CORPUS_FILES[:3]]
    with TestClient(create_app(settings)) as client:
        results = upload(
            client, DOCUMENTS_UPLOAD, files, True, bearer(settings, "editor")
        )["documentsUpload"]
        assert [r["job"]["status"] for r in results] == ["queued"] * 3
        assert all(job.status == "queued" for job in deployment.jobs())
        deployment.start_worker()
        rows = deployment.wait_for_jobs(3)
        assert [row.status for row in rows] == ["succeeded"] * 3, [
            (row.status, row.error_code, row.error_message) for row in rows
        ]
        assert all(row.worker and row.attempts == 1 for row in rows)
        assert all(set(row.timings) >= {"queued", "extract", "link"} for row in rows)
        meetings = post(client, MEETINGS)["meetings"]
    # The .docx and .txt of one meeting are one meeting.
    assert meetings["totalCount"] == 2


def test_progress_from_a_worker_process_reaches_the_subscription(
    deployment: Deployment,
) -> None:
    """The worker writes the row in another process; the subscriber sees it end."""
    settings = deployment.settings
    path = CORPUS_FILES[2]
    with TestClient(create_app(settings)) as client:
        result = upload(
            client,
            DOCUMENT_UPLOAD,
            [(path.name, path.read_bytes())],
            False,
            bearer(settings, "editor"),
        )["documentUpload"]
        job_id = result["job"]["id"]
        deployment.start_worker()
        states = follow(client, job_id)
    assert states[0]["status"] in ("queued", "running")
    assert states[-1]["status"] == "succeeded", states[-1]
    assert states[-1]["final"]
    assert states[-1]["progress"] == 1.0
    assert states[-1]["report"]["counts"]
    progress = [state["progress"] for state in states]
    assert progress == sorted(progress)  # it only moves forward


def _drop_connections(url: str) -> int:
    """Terminate every other session on the database, as a server restart does."""
    import asyncio

    import asyncpg
    from sqlalchemy.engine import make_url

    dsn = make_url(url).set(drivername="postgresql")

    async def main() -> int:
        conn = await asyncpg.connect(dsn.render_as_string(hide_password=False))
        try:
            return len(
                await conn.fetch(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        finally:
            await conn.close()

    return asyncio.run(main())


def test_a_worker_outlives_its_database_connections_dropping(
    postgres_run, redis_url: str, tmp_path: Path
) -> None:
    """The worker's pool does without a pre-ping (a round trip per checkout): when
    PostgreSQL drops its connections, the next job's first statement fails as a
    transient error, the job goes back with arq's Retry, and its next try, on new
    connections, succeeds; the worker lives on."""
    first, second = CORPUS_FILES[2], CORPUS_FILES[3]
    with deployed(postgres_run, redis_url, tmp_path, job_retry_delay=0.2) as deployment:
        deployment.upload([(first.name, first.read_bytes())])
        worker = deployment.start_worker()
        [done] = deployment.wait_for_jobs(1, alive=[worker])
        assert done.status == "succeeded"
        assert _drop_connections(deployment.settings.database_url) >= 1
        deployment.upload([(second.name, second.read_bytes())])
        rows = deployment.wait_for_jobs(2, alive=[worker])
        assert [row.status for row in rows] == ["succeeded"] * 2, [
            (row.status, row.error_code, row.error_message) for row in rows
        ]
        deployment.assert_alive([worker])
        # The dropped connection was met (no pre-ping hid it) and retried.
        assert "job 2: transient failure" in deployment.worker_output()
