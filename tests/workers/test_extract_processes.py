"""Jobs whose extraction runs in a child process: unreadable, timed out, or with
the child killed under a running `minutegraph worker`."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from bench.docgen import generate_minutes
from ingest.extractor import ProcessExtractor
from minutegraph.db import engine_scope
from minutegraph.migrate import upgrade
from minutegraph.settings import Settings
from tests.processes import alive, children, command, wait_until_busy
from tests.workers.harness import Deployment, deployed
from tests.workers.rows import BROKEN_DOCX, job_row, register, task_ctx
from workers.tasks import ingest_document

LONG = "plenary-200p.docx"  # seconds to extract


@pytest.fixture(scope="module")
def long_minutes() -> bytes:
    """A generated 200-page minutes .docx."""
    return generate_minutes(seed=7, pages=200)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A migrated SQLite database of the test's own; jobs time out after 1 s."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}"
    upgrade(url)
    return Settings(
        database_url=url, storage_dir=tmp_path / "originals", job_timeout=1.0
    )


def run_jobs(settings: Settings, files: list[tuple[str, bytes]]) -> list[Any]:
    """Register `files` and run their jobs one by one with one extraction process
    (started before each job, not in its time); returns each (outcome, job row,
    extraction process ids before, after)."""

    async def main() -> list[Any]:
        extractor = ProcessExtractor(1)
        await extractor.start()
        results: list[Any] = []
        try:
            async with engine_scope(settings.database_url) as (_, sessions):
                ctx = {**task_ctx(settings, sessions, None), "extractor": extractor}
                for name, data in files:
                    job_id, _ = await register(sessions, settings, name, data)
                    await extractor.start()  # one killed is made again first
                    before = extractor.pids
                    outcome = await ingest_document(ctx, job_id)
                    row = await job_row(sessions, job_id)
                    results.append((outcome, row, before, extractor.pids))
        finally:
            await extractor.close()
        return results

    return asyncio.run(main())


def test_an_unreadable_document_fails_at_once_from_the_child(
    settings: Settings,
) -> None:
    """MG102 on the first attempt, as with the thread; the child serves on."""
    [(outcome, row, pids, _), (_, again, _, later)] = run_jobs(
        settings, [BROKEN_DOCX, ("other.md", b"# Minutes\n\nPresent: Ann Lee\n")]
    )
    assert outcome == {"job": row.id, "outcome": "failed", "code": "MG102"}
    assert (row.status, row.attempts, row.error_code) == ("failed", 1, "MG102")
    assert again.status == "succeeded"
    assert later == pids


def test_a_job_over_its_timeout_kills_its_extraction_process(
    settings: Settings, long_minutes: bytes
) -> None:
    """MG108, and the child that was extracting is gone: the next job runs on a
    new one instead of waiting for the stuck extraction to end."""
    [(outcome, row, [stuck], after), (_, next_row, _, [fresh])] = run_jobs(
        settings, [(LONG, long_minutes), ("other.md", b"# Minutes\n\nPresent: Ann\n")]
    )
    assert outcome["code"] == "MG108"
    assert (row.status, row.error_code) == ("failed", "MG108")
    assert after == []  # killed, not kept for the next job
    assert not alive(stuck)
    assert fresh != stuck
    assert next_row.status == "succeeded"


@pytest.fixture
def deployment(postgres_run, redis_url: str, tmp_path: Path) -> Iterator[Deployment]:
    """An emptied database and a queue of its own; retries after 0.1 s."""
    with deployed(postgres_run, redis_url, tmp_path, job_retry_delay=0.1) as deployment:
        yield deployment


def extraction_processes(worker: int) -> list[int]:
    """A worker's extraction processes (not multiprocessing's resource tracker)."""
    return [pid for pid in children(worker) if "spawn_main" in command(pid)]


def test_a_killed_extraction_process_is_made_again_and_the_job_retried(
    deployment: Deployment, long_minutes: bytes
) -> None:
    """SIGKILL the child mid-extraction: the job is handed back as transient
    (MG109), runs again on a new child of the same worker and succeeds once."""
    deployment.upload([(LONG, long_minutes)])
    [job] = deployment.jobs()
    worker = deployment.start_worker()
    deployment.wait_for_job(
        job.id, lambda row: row.status == "running" and row.stage == "extract"
    )
    [child] = extraction_processes(worker.pid)
    wait_until_busy(child)
    os.kill(child, signal.SIGKILL)

    [done] = deployment.wait_for_jobs(1, timeout=90, alive=[worker])
    assert done.status == "succeeded", (done.error_code, done.error_message)
    assert done.attempts == 2
    assert deployment.counts()["meeting"] == 1
    output = deployment.worker_output()
    assert f"extraction process {child} died" in output
    assert "transient failure (BrokenProcessPool)" in output
    [fresh] = extraction_processes(worker.pid)
    assert fresh != child


def _spawned() -> list[int]:
    """This process's extraction children (not multiprocessing's tracker)."""
    return [
        pid
        for pid in children(os.getpid())
        if alive(pid) and "resource_tracker" not in command(pid)
    ]


def test_a_child_dying_at_worker_start_leaves_nothing_half_made(
    settings: Settings, redis_url: str
) -> None:
    """One of two children is killed while the worker starts: start-up fails as
    transient with the ctx untouched and the other child stopped, so that
    `run_worker`'s next start-up makes everything afresh."""
    import threading
    import time

    from workers import settings as worker_settings
    from workers.tasks import is_transient

    ctx: dict[str, Any] = {
        "settings": settings.model_copy(
            update={"redis_url": redis_url, "extract_processes": 2}
        )
    }

    def kill_one_child_while_it_starts() -> None:
        deadline = time.monotonic() + 30
        while not (spawned := _spawned()) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)  # building its pipeline
        os.kill(spawned[0], signal.SIGKILL)

    async def main() -> None:
        killer = threading.Thread(target=kill_one_child_while_it_starts)
        killer.start()
        try:
            with pytest.raises(BrokenProcessPool) as failed:
                await worker_settings.on_startup(ctx)
        finally:
            killer.join()
        assert is_transient(failed.value), failed.value
        assert sorted(ctx) == ["settings"]  # nothing half made
        assert not _spawned()  # the child that did start is stopped
        await worker_settings.on_startup(ctx)  # what run_worker does next
        try:
            assert {"engine", "sessions", "extractor", "queue"} <= ctx.keys()
            assert len(_spawned()) == 2
        finally:
            await worker_settings.close_resources(ctx)
        assert not _spawned()

    asyncio.run(main())
