"""Uploads through GraphQL, ingested by arq workers in other processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from minutegraph.app import create_app
from tests.api.conftest import CORPUS_FILES, post
from tests.api.test_documents import DOCUMENTS_UPLOAD, upload
from tests.api.tokens import bearer
from tests.workers.harness import Deployment

MEETINGS = "{ meetings(first: 10) { totalCount edges { node { title date } } } }"


@pytest.fixture
def deployment(postgres_run, redis_url: str, tmp_path: Path) -> Iterator[Deployment]:
    """This test's PostgreSQL database (emptied) and arq queue; workers stop after."""
    postgres_run.truncate()
    deployment = Deployment.make(
        database_url=postgres_run.url, redis_url=redis_url, tmp_path=tmp_path
    )
    try:
        yield deployment
    finally:
        deployment.stop_workers()
        deployment.clear_queue()


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
