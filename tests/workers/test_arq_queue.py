"""arq on the shared Redis: one entry per document, JSON entries, the sweeper, and
`minutegraph worker` (--burst, --check, no Redis configured)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from arq.constants import in_progress_key_prefix, job_key_prefix
from redis.asyncio import Redis

from minutegraph.db import engine_scope
from minutegraph.graph.jobs import Pending, queue_key
from minutegraph.settings import Settings
from tests.api.conftest import CORPUS_FILES
from tests.workers.harness import MINUTEGRAPH, REPO, Deployment
from tests.workers.rows import job_row, register_file
from tests.workers.test_sweeper import Recording, five_jobs
from workers.queue import ArqQueue
from workers.sweeper import sweep_once


@pytest.fixture
def deployment(postgres_run, redis_url: str, tmp_path: Path) -> Iterator[Deployment]:
    """This test's PostgreSQL database (emptied) and arq queue; workers stop after."""
    postgres_run.truncate()
    deployment = Deployment.make(
        database_url=postgres_run.url,
        redis_url=redis_url,
        tmp_path=tmp_path,
        job_lease=120.0,  # a row "held by a live runner" stays so for the test
    )
    try:
        yield deployment
    finally:
        deployment.stop_workers()
        deployment.clear_queue()


def _key(settings: Settings, document_id: int) -> str:
    return queue_key(document_id=document_id, queue_name=settings.queue_name)


def test_one_entry_per_document_and_entries_are_json(deployment: Deployment) -> None:
    """Submitting a document twice gives one arq entry; Redis holds it as JSON."""
    settings = deployment.settings

    async def main() -> tuple[int, int, bytes | None]:
        async with engine_scope(settings.database_url) as (_, sessions):
            job_id, document_id = await register_file(
                sessions, settings, CORPUS_FILES[3]
            )
        queue = ArqQueue(settings)
        redis = Redis.from_url(settings.redis_url or "")
        try:
            assert await queue.submit(Pending(job_id, document_id)) is True
            assert await queue.submit(Pending(job_id, document_id)) is False
            assert await queue.depth() == 1
            raw = await redis.get(job_key_prefix + _key(settings, document_id))
        finally:
            await queue.close()
            await redis.aclose()
        return job_id, document_id, raw

    job_id, document_id, raw = asyncio.run(main())
    assert raw is not None
    entry = json.loads(raw)  # JSON, not pickle
    assert (entry["f"], entry["a"], entry["k"]) == ("ingest_document", [job_id], {})
    assert _key(settings, document_id).startswith(f"{settings.queue_name}:ingest:")


def test_sweep_then_a_burst_worker_drains_the_queue(deployment: Deployment) -> None:
    """The sweeper frees a dead worker's arq lock and queues three jobs; a second
    sweep offers them again and Redis refuses all three; `minutegraph worker
    --burst` then runs them and exits 0, leaving the live runner's job alone."""
    settings = deployment.settings

    async def sweep_twice() -> tuple[dict[str, int], list[Any], list[Any], int]:
        redis = Redis.from_url(settings.redis_url or "")
        queue = ArqQueue(settings)
        recording = Recording(queue)
        try:
            async with engine_scope(settings.database_url) as (_, sessions):
                keys = await five_jobs(sessions, settings)
                abandoned = await job_row(sessions, keys["abandoned"])
                lock = in_progress_key_prefix + _key(settings, abandoned.document_id)
                await redis.set(lock, b"1", ex=600)  # the dead worker's arq lock
                first = await sweep_once(
                    sessions=sessions, queue=recording, lease=settings.job_lease
                )
                assert first == (1, 3)
                assert not await redis.exists(lock)
                offered = list(recording.offers)
                recording.offers.clear()
                again = await sweep_once(
                    sessions=sessions, queue=recording, lease=settings.job_lease
                )
                assert again == (0, 0)
                depth = await queue.depth()
            return keys, offered, recording.offers, depth or 0
        finally:
            await queue.close()
            await redis.aclose()

    keys, offered, offered_again, depth = asyncio.run(sweep_twice())
    swept = [keys["queued"], keys["queued too"], keys["abandoned"]]
    # Only the dead runner's job was abandoned; Redis took all three.
    assert offered == [(key, key == swept[2], True) for key in swept]
    assert offered_again == [(key, False, False) for key in swept]
    assert depth == 3

    worker = deployment.start_worker("--burst")
    try:
        assert worker.wait(timeout=180) == 0, deployment.worker_output()
    except subprocess.TimeoutExpired:
        pytest.fail(f"the burst worker did not stop\n{deployment.worker_output()}")
    rows = {row.id: row for row in deployment.jobs()}
    assert [(rows[key].status, rows[key].attempts) for key in swept] == [
        ("succeeded", 1),
        ("succeeded", 1),
        ("succeeded", 2),
    ], deployment.worker_output()
    held, done = rows[keys["held"]], rows[keys["done"]]
    assert (held.status, held.worker, held.attempts) == ("running", "alive:2:y", 1)
    assert (done.status, done.attempts) == ("succeeded", 1)
    assert deployment.counts()["meeting"] == 2  # .docx and .txt of one meeting


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MINUTEGRAPH, "worker", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_worker_check_follows_a_live_worker(deployment: Deployment) -> None:
    """--check exits 1 with no worker, 0 while one runs, 1 again once it stopped."""
    env = deployment.env()
    assert _cli(env, "--check").returncode == 1
    worker = deployment.start_worker()
    deadline = time.monotonic() + 120
    while (check := _cli(env, "--check")).returncode != 0:
        assert worker.poll() is None, deployment.worker_output()
        assert time.monotonic() < deadline, deployment.worker_output()
        time.sleep(0.5)
    assert check.returncode == 0
    deployment.stop_workers()
    assert worker.returncode == 0, deployment.worker_output()
    assert _cli(env, "--check").returncode == 1


@pytest.mark.parametrize("args", [(), ("--burst",), ("--check",)])
def test_worker_without_redis_exits_2_and_says_why(args: tuple[str, ...]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINUTEGRAPH_")}
    env["PYTHONPATH"] = str(REPO)
    result = _cli(env, *args)
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "minutegraph worker needs MINUTEGRAPH_REDIS_URL" in message
    assert "without it the API ingests uploads in-process" in message
