"""The ingestion task's outcomes on real databases: each ends on the job row.

Unreadable documents fail at once; an unreachable database raises arq's Retry
with a doubling delay and the job runs again; a job over its timeout fails with
MG108; one attempted too often fails with MG107; a claim held by a live runner
is left alone, a dead runner's is taken over.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from arq import Retry

from minutegraph import models
from minutegraph.db import GRAPH_LOCK, create_engine, create_sessions, engine_scope
from minutegraph.graph import jobs
from minutegraph.graph.jobs import queue_key
from minutegraph.migrate import upgrade
from minutegraph.settings import Settings
from tests.api.conftest import CORPUS_FILES
from tests.workers.rows import (
    BROKEN_DOCX,
    asyncpg_dsn,
    count,
    graph_lock_waiter,
    job_row,
    register,
    register_file,
    set_row,
    task_ctx,
)
from workers.queue import InlineQueue
from workers.tasks import MAX_RETRY_DELAY, ingest_document, is_transient, retry_delay

MINUTES = CORPUS_FILES[3]  # a short Markdown file: quick to ingest


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings on the test's database (SQLite or PostgreSQL)."""
    return Settings(database_url=database_url, storage_dir=tmp_path / "originals")


def test_unreadable_document_fails_at_once_without_retry(
    settings: Settings, nlp: Any
) -> None:
    """A broken .docx: failed with MG102 on the first attempt, no Retry raised."""

    async def main() -> tuple[dict[str, Any], models.IngestJob, int]:
        async with engine_scope(settings.database_url) as (_, sessions):
            job_id, _ = await register(sessions, settings, *BROKEN_DOCX)
            outcome = await ingest_document(task_ctx(settings, sessions, nlp), job_id)
            return outcome, await job_row(sessions, job_id), job_id

    outcome, row, job_id = asyncio.run(main())
    assert outcome == {"job": job_id, "outcome": "failed", "code": "MG102"}
    assert (row.status, row.error_code, row.attempts) == ("failed", "MG102", 1)
    assert row.error_message
    assert row.finished_at is not None
    assert row.worker == "tests:1:runner"  # who failed it stays on the row


def test_retry_delay_doubles_per_try_up_to_a_cap() -> None:
    settings = Settings(job_retry_delay=2.0)
    assert [retry_delay(settings, n) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 16.0]
    assert retry_delay(settings, 30) == MAX_RETRY_DELAY


def _sqlite_settings(tmp_path: Path, **overrides: Any) -> Settings:
    url = f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}"
    upgrade(url)
    return Settings(database_url=url, storage_dir=tmp_path / "originals", **overrides)


def test_locked_sqlite_is_transient_then_the_retried_run_succeeds(
    tmp_path: Path, nlp: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Another connection holds the write lock: Retry with the doubling delay, the
    row stays queued; once the lock goes, InlineQueue's next try ingests it."""
    settings = _sqlite_settings(tmp_path, job_retry_delay=0.2)
    database = tmp_path / "graph.db"

    async def main() -> None:
        # A short busy timeout: "database is locked" after 0.1 s, not 30 s.
        engine = create_engine(settings.database_url, connect_args={"timeout": 0.1})
        sessions = create_sessions(engine)
        try:
            job_id, document_id = await register_file(sessions, settings, MINUTES)
            holder = sqlite3.connect(database, isolation_level=None)
            holder.execute("BEGIN EXCLUSIVE")
            try:
                for job_try, delay in ((1, 0.2), (2, 0.4), (3, 0.8)):
                    ctx = task_ctx(settings, sessions, nlp, job_try=job_try)
                    with pytest.raises(Retry) as caught:
                        await ingest_document(ctx, job_id)
                    assert caught.value.defer_score == pytest.approx(delay * 1000)
                row = await job_row(sessions, job_id)  # WAL: readers still read
                assert (row.status, row.attempts, row.worker) == ("queued", 0, None)

                queue = InlineQueue(task_ctx(settings, sessions, nlp), max_tries=5)
                key = queue_key(document_id=document_id)
                assert queue.enqueue(ingest_document, job_id, job_id=key)
                async with asyncio.timeout(60):  # the first try meets the lock
                    while "try 1; again in 0.2 s" not in caplog.text:
                        await asyncio.sleep(0.02)
            finally:
                holder.rollback()
                holder.close()
            await queue.drain()
            row = await job_row(sessions, job_id)
            assert (row.status, row.attempts, row.error_code) == ("succeeded", 1, None)
            assert await count(sessions, models.Meeting) == 1
        finally:
            await engine.dispose()

    with caplog.at_level("WARNING", logger="workers.tasks"):
        asyncio.run(main())
    assert "OperationalError" in caplog.text


def test_unreachable_postgres_at_claim_raises_retry(tmp_path: Path, nlp: Any) -> None:
    """Nothing listens on the port: the claim fails transiently, arq's Retry follows."""
    settings = Settings(
        database_url="postgresql+asyncpg://postgres@127.0.0.1:9/test",
        storage_dir=tmp_path,
        job_retry_delay=1.5,
    )

    async def main() -> Retry:
        async with engine_scope(settings.database_url) as (_, sessions):
            ctx = task_ctx(settings, sessions, nlp, job_try=2)
            with pytest.raises(Retry) as caught:
                await ingest_document(ctx, 1)
            return caught.value

    assert asyncio.run(main()).defer_score == pytest.approx(3000)


def test_connection_lost_while_linking_hands_the_job_back(
    postgres_run: Any, tmp_path: Path, nlp: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """The task's connection is killed while it waits to link: the row goes back to
    queued (MG109), Retry is raised, the graph is untouched; the next try links."""
    postgres_run.truncate()
    settings = Settings(
        database_url=postgres_run.url,
        storage_dir=tmp_path / "originals",
        job_retry_delay=0.5,
    )

    async def main() -> None:
        async with engine_scope(settings.database_url) as (_, sessions):
            job_id, _ = await register_file(sessions, settings, MINUTES)
            holder = await asyncpg.connect(asyncpg_dsn(settings.database_url))
            try:
                lock = holder.transaction()
                await lock.start()
                await holder.execute("SELECT pg_advisory_xact_lock($1)", GRAPH_LOCK)
                ctx = task_ctx(settings, sessions, nlp, job_try=1)
                task = asyncio.create_task(ingest_document(ctx, job_id))
                pid = await asyncio.wait_for(graph_lock_waiter(holder), 60)
                row = await job_row(sessions, job_id)
                assert (row.status, row.stage, row.attempts) == ("running", "link", 1)
                assert await holder.fetchval("SELECT pg_terminate_backend($1)", pid)
                with pytest.raises(Retry) as caught:
                    await asyncio.wait_for(task, 30)
                assert caught.value.defer_score == pytest.approx(500)
                row = await job_row(sessions, job_id)
                assert (row.status, row.stage, row.worker) == (
                    "queued",
                    "retrying",
                    None,
                )
                assert row.error_code == "MG109"
                assert "unreachable" in (row.error_message or "")
                await lock.rollback()
            finally:
                await holder.close()
            assert await count(sessions, models.Meeting) == 0
            again = await ingest_document(
                task_ctx(settings, sessions, nlp, job_try=2), job_id
            )
            assert again["outcome"] == "succeeded"
            row = await job_row(sessions, job_id)
            assert (row.status, row.attempts, row.error_code) == ("succeeded", 2, None)
            assert await count(sessions, models.Meeting) == 1

    with caplog.at_level("WARNING", logger="workers.tasks"):
        asyncio.run(main())
    # The disconnect itself is what the task saw, not an error raised over it.
    assert "transient failure (DBAPIError), try 1" in caplog.text


def test_a_job_over_its_timeout_fails_with_mg108(settings: Settings, nlp: Any) -> None:
    settings = settings.model_copy(update={"job_timeout": 0.001})

    async def main() -> tuple[dict[str, Any], models.IngestJob, int]:
        async with engine_scope(settings.database_url) as (_, sessions):
            job_id, _ = await register_file(sessions, settings, MINUTES)
            outcome = await ingest_document(task_ctx(settings, sessions, nlp), job_id)
            assert await count(sessions, models.Meeting) == 0
            return outcome, await job_row(sessions, job_id), job_id

    outcome, row, job_id = asyncio.run(main())
    assert outcome == {"job": job_id, "outcome": "failed", "code": "MG108"}
    assert (row.status, row.error_code, row.attempts) == ("failed", "MG108", 1)
    assert row.error_message == "took longer than the job timeout (0.001 s)"


def test_a_job_attempted_max_tries_times_gives_up(settings: Settings, nlp: Any) -> None:
    """Its runners kept dying or meeting outages: MG107, keeping the last reason."""
    last = "a service was unreachable (OSError); retrying"

    async def main() -> tuple[dict[str, Any], models.IngestJob, int]:
        async with engine_scope(settings.database_url) as (_, sessions):
            job_id, _ = await register_file(sessions, settings, MINUTES)
            await set_row(
                sessions,
                job_id,
                attempts=settings.job_max_tries,
                error_code="MG109",
                error_message=last,
            )
            outcome = await ingest_document(task_ctx(settings, sessions, nlp), job_id)
            assert await count(sessions, models.Meeting) == 0
            return outcome, await job_row(sessions, job_id), job_id

    outcome, row, job_id = asyncio.run(main())
    assert outcome == {"job": job_id, "outcome": "skipped"}
    assert (row.status, row.error_code, row.worker) == ("failed", "MG107", None)
    assert row.attempts == settings.job_max_tries
    assert row.error_message == f"gave up after 5 attempts (last: {last})"
    assert row.finished_at is not None


def test_a_live_claim_is_left_alone_and_a_dead_ones_taken_over(
    settings: Settings, nlp: Any
) -> None:
    """Another runner beating its heart keeps the job; once its heartbeat is older
    than the lease, this runner takes the job (attempt 2) and the old claim is void."""

    async def main() -> None:
        async with engine_scope(settings.database_url) as (_, sessions):
            job_id, _ = await register_file(sessions, settings, MINUTES)
            other = await jobs.claim(
                sessions=sessions,
                job_id=job_id,
                worker="elsewhere:1:alive",
                lease=settings.job_lease,
                max_attempts=settings.job_max_tries,
            )
            assert other is not None
            assert other.attempt == 1
            ctx = task_ctx(settings, sessions, nlp)
            assert await ingest_document(ctx, job_id) == {
                "job": job_id,
                "outcome": "skipped",
            }
            row = await job_row(sessions, job_id)
            assert (row.status, row.worker, row.attempts) == (
                "running",
                "elsewhere:1:alive",
                1,
            )
            stale = dt.datetime.now(dt.UTC) - dt.timedelta(
                seconds=settings.job_lease + 5
            )
            await set_row(sessions, job_id, heartbeat_at=stale)
            outcome = await ingest_document(ctx, job_id)
            assert outcome["outcome"] == "succeeded"
            row = await job_row(sessions, job_id)
            assert (row.status, row.worker, row.attempts) == (
                "succeeded",
                "tests:1:runner",
                2,
            )
            assert await count(sessions, models.Meeting) == 1
            # The dead runner's claim is gone: it may write nothing more.
            assert not await jobs.beat(sessions=sessions, claim_=other)
            with pytest.raises(jobs.JobLost):
                await jobs.set_stage(
                    sessions=sessions, claim_=other, stage="link", progress=0.6
                )

    asyncio.run(main())


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (ConnectionRefusedError(111, "refused"), True),
        (TimeoutError(), True),
        (asyncpg.exceptions.LockNotAvailableError("lock timeout"), True),
        (asyncpg.exceptions.CannotConnectNowError("starting up"), True),
        (asyncpg.exceptions.UniqueViolationError("duplicate key"), False),
        (FileNotFoundError(2, "no original"), False),
        (ValueError("a bug"), False),
    ],
)
def test_which_failures_are_transient(exc: BaseException, transient: bool) -> None:
    """Unreachable services and lock timeouts are retried; bugs, missing files not."""
    assert is_transient(exc) is transient
    wrapped = RuntimeError("while linking")
    wrapped.__cause__ = exc
    assert is_transient(wrapped) is transient  # found through the cause chain
