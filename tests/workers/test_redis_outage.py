"""Redis stops while uploads arrive, then starts again: every document is ingested.

The test runs a redis-server of its own on a free port (never the machine's
shared one), so that it may stop it. Uploads while it is down still succeed:
the original is stored and the job row committed before the mutation returns,
and the enqueue gives up quietly. The worker outlives the outage, connects
again, and its sweeper queues the jobs Redis never saw (a restarted Redis
without persistence comes back empty).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bench.docgen import generate_minutes
from minutegraph.app import create_app
from tests.api.test_documents import DOCUMENTS_UPLOAD, upload
from tests.api.tokens import bearer
from tests.factories import minutes_text
from tests.workers.harness import Deployment, RedisServer, deployed

DURING_OUTAGE = 6


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server of this test's own, running; stopped at the end."""
    try:
        server = RedisServer(tmp_path / "redis")
    except FileNotFoundError:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed: CI must provide it")
        pytest.skip("redis-server is not installed")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def deployment(
    postgres_run, own_redis: RedisServer, tmp_path: Path
) -> Iterator[Deployment]:
    """An emptied database and the test's own Redis; swept every 0.5 s."""
    with deployed(
        postgres_run, own_redis.url, tmp_path, clear_queue=False, sweep_interval=0.5
    ) as deployment:
        yield deployment


def test_uploads_while_redis_is_down_are_ingested_when_it_is_back(
    deployment: Deployment, own_redis: RedisServer
) -> None:
    """Uploads succeed without Redis; the worker survives and ingests them all.

    A job running when Redis goes needs only the database: it completes too.
    """
    settings = deployment.settings
    files = [("in-flight.docx", generate_minutes(seed=11, pages=100))]
    files += [
        (f"outage-{n}.md", minutes_text(n).encode()) for n in range(DURING_OUTAGE)
    ]
    with TestClient(create_app(settings)) as client:
        editor = bearer(settings, "editor")
        worker = deployment.start_worker()
        # Redis up: the worker takes a first upload (seconds of extraction).
        upload(client, DOCUMENTS_UPLOAD, files[:1], True, editor)
        [first] = deployment.jobs()
        deployment.wait_for_job(first.id, lambda row: row.status == "running")

        own_redis.stop()
        results = upload(client, DOCUMENTS_UPLOAD, files[1:], True, editor)[
            "documentsUpload"
        ]
        assert [r["__typename"] for r in results] == ["DocumentUploadSuccess"] * len(
            results
        )
        assert {r["job"]["status"] for r in results} == {"queued"}
        stored = [p for p in settings.storage_dir.rglob("*") if p.is_file()]
        assert len(stored) == len(files)
        # The worker lost Redis, tried to reconnect, failed, and lives on
        # (workers/run.py logs "starting again in" before each try).
        deployment.wait_for_output("starting again in", times=2)
        deployment.assert_alive([worker])
        waiting = [row.status for row in deployment.jobs()[1:]]
        assert waiting == ["queued"] * DURING_OUTAGE

        own_redis.start()
        rows = deployment.wait_for_jobs(len(files), timeout=90, alive=[worker])
    assert [row.status for row in rows] == ["succeeded"] * len(files), [
        (row.status, row.error_code, row.error_message) for row in rows
    ]
    assert all(row.attempts == 1 for row in rows)
    counts = deployment.counts()
    assert (counts["document"], counts["meeting"]) == (len(files), len(files))
    deployment.assert_alive([worker])
