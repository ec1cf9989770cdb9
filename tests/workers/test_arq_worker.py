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
