"""Uploads through GraphQL, ingested by the in-process runner (no Redis configured).

The counterpart of test_arq_worker.py: the same task, run by the API process's
InlineQueue, followed through the ingestJob subscription to the end.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from minutegraph import models
from minutegraph.app import create_app
from minutegraph.db import engine_scope
from minutegraph.settings import Settings
from tests.api.conftest import CORPUS_FILES, post
from tests.api.test_documents import DOCUMENTS_UPLOAD, upload
from tests.api.test_ingest_job_subscription import follow
from tests.api.tokens import bearer
from tests.processes import children, command, wait_until_gone
from tests.workers.rows import all_jobs

MEETINGS = "{ meetings(first: 10) { totalCount edges { node { title date } } } }"


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings on the test's database, no Redis: jobs run in the API process."""
    return Settings(
        database_url=database_url,
        storage_dir=tmp_path / "originals",
        job_poll_interval=0.02,
        ingest_concurrency=2,
    )


async def _jobs(settings: Settings) -> list[models.IngestJob]:
    async with engine_scope(settings.database_url) as (_, sessions):
        return await all_jobs(sessions)


def test_uploads_are_ingested_by_the_in_process_runner(settings: Settings) -> None:
    """The upload returns queued jobs; each is followed to succeeded; GraphQL reads."""
    assert settings.redis_url is None
    files = [(path.name, path.read_bytes()) for path in CORPUS_FILES[:3]]
    with TestClient(create_app(settings)) as client:
        results = upload(
            client, DOCUMENTS_UPLOAD, files, True, bearer(settings, "editor")
        )["documentsUpload"]
        assert [r["job"]["status"] for r in results] == ["queued"] * 3
        finals = [follow(client, r["job"]["id"])[-1] for r in results]
        meetings = post(client, MEETINGS)["meetings"]
    assert [(f["status"], f["final"], f["attempts"]) for f in finals] == [
        ("succeeded", True, 1)
    ] * 3, finals
    assert all(f["report"]["counts"] for f in finals)
    # The job rows say who ran them and how long each stage took.
    rows = asyncio.run(_jobs(settings))
    assert len(rows) == 3
    assert len({row.worker for row in rows}) == 1  # this API process
    assert all(set(row.timings or {}) >= {"queued", "extract", "link"} for row in rows)
    # The .docx and .txt of one meeting are one meeting.
    assert meetings["totalCount"] == 2


def test_the_in_process_runner_extracts_in_a_child_when_told(
    settings: Settings,
) -> None:
    """MINUTEGRAPH_EXTRACT_PROCESSES=1 in the API: the job's extraction runs in a
    child process of the API's, which stops with the app."""
    settings = settings.model_copy(update={"extract_processes": 1})
    [path] = CORPUS_FILES[:1]
    with TestClient(create_app(settings)) as client:
        [result] = upload(
            client,
            DOCUMENTS_UPLOAD,
            [(path.name, path.read_bytes())],
            True,
            bearer(settings, "editor"),
        )["documentsUpload"]
        final = follow(client, result["job"]["id"])[-1]
        extracting = [
            pid for pid in children(os.getpid()) if "spawn_main" in command(pid)
        ]
    assert (final["status"], final["attempts"]) == ("succeeded", 1), final
    assert len(extracting) == 1
    wait_until_gone(extracting)
