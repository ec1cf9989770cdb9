"""Job rows for tests: register a document with its queued job, read and set rows."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url

from minutegraph import models
from minutegraph.db import Sessions, write_session
from minutegraph.graph.documents import accept_upload
from minutegraph.settings import Settings

# A .docx that is no zip: the reader fails on it with MG102, every time.
BROKEN_DOCX = ("broken.docx", b"PK\x03\x04 not really a zip")


async def register(
    sessions: Sessions, settings: Settings, name: str, data: bytes
) -> tuple[int, int]:
    """Store a file and its queued job, as an upload does, without running it.

    Returns (job id, document id).
    """
    accepted = await accept_upload(
        sessions=sessions,
        data=data,
        filename=name,
        storage_dir=settings.storage_dir,
        limit=settings.max_upload_bytes,
    )
    return accepted.job.id, accepted.document.id


async def register_file(
    sessions: Sessions, settings: Settings, path: Path
) -> tuple[int, int]:
    """`register` for a file on disk."""
    return await register(sessions, settings, path.name, path.read_bytes())


async def job_row(sessions: Sessions, job_id: int) -> models.IngestJob:
    """The job's row as committed now."""
    async with sessions() as session:
        row = await session.get(models.IngestJob, job_id)
    assert row is not None, f"no job {job_id}"
    return row


async def set_row(sessions: Sessions, job_id: int, **values: Any) -> None:
    """Overwrite columns of a job row (a state another process left behind)."""
    async with write_session(sessions) as session:
        await session.execute(
            update(models.IngestJob)
            .where(models.IngestJob.id == job_id)
            .values(**values)
        )


async def count(sessions: Sessions, model: type[Any]) -> int:
    """Rows in a table."""
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(model)) or 0


def task_ctx(
    settings: Settings,
    sessions: Sessions,
    nlp: Any,
    *,
    worker_id: str = "tests:1:runner",
    job_try: int = 1,
) -> dict[str, Any]:
    """The ctx a runner hands `workers.tasks.ingest_document`."""
    return {
        "settings": settings,
        "sessions": sessions,
        "nlp": lambda: nlp,
        "worker_id": worker_id,
        "job_try": job_try,
    }


async def graph_lock_waiter(holder: Any) -> int:
    """The pid of a backend waiting for the graph lock `holder` (asyncpg) holds."""
    while True:
        # The holder is in a transaction, which would keep reading the first
        # snapshot it took of pg_stat_activity: drop it every time.
        await holder.execute("SELECT pg_stat_clear_snapshot()")
        pid = await holder.fetchval(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid()"
            " AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
        )
        if pid is not None:
            return int(pid)
        await asyncio.sleep(0.02)


def asyncpg_dsn(url: str) -> str:
    """A SQLAlchemy postgresql+asyncpg URL as asyncpg's own DSN."""
    return (
        make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    )


async def all_jobs(sessions: Sessions) -> list[models.IngestJob]:
    """Every job row, oldest first."""
    async with sessions() as session:
        rows = await session.scalars(
            select(models.IngestJob).order_by(models.IngestJob.id)
        )
        return list(rows.all())
