"""Documents and their ingestion jobs: register an upload, queue, track, reprocess."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.readers.dispatch import media_type_of, sniff
from minutegraph import models
from minutegraph.db import Sessions, write_session
from minutegraph.errors import DocumentTooLarge, EmptyDocument


@dataclass(slots=True)
class Accepted:
    """An upload stored and registered, with the job that ingests it."""

    document: models.Document
    job: models.IngestJob
    queue: bool  # a new job: enqueue it


def queue_key(job: models.IngestJob) -> str:
    """The queue's job id for an IngestJob row (`<task>:<natural key>`)."""
    return f"ingest_document:{job.id}"


def check_upload(*, data: bytes, filename: str, limit: int) -> str:
    """The media type of an acceptable upload; raises an IngestError otherwise."""
    if len(data) > limit:
        raise DocumentTooLarge(f"{filename}: {len(data)} bytes, the limit is {limit}")
    media_type = media_type_of(filename)
    if not data.strip():
        raise EmptyDocument(f"{filename}: the file is empty")
    sniff(data, filename, media_type)
    return media_type


async def accept_upload(
    *, sessions: Sessions, data: bytes, filename: str, storage_dir: Path, limit: int
) -> Accepted:
    """Check, store the original, register the document and its queued job."""
    from ingest.ingestion import register_document  # spaCy loads with it

    check_upload(data=data, filename=filename, limit=limit)
    registered = await register_document(
        sessions, data=data, filename=filename, storage_dir=storage_dir
    )
    async with write_session(sessions) as session:
        document = await session.get(models.Document, registered.document_id)
        assert document is not None
        job = await latest_job(session=session, document_id=document.id)
        created = job is None
        if job is None:
            job = models.IngestJob(document_id=document.id, status="queued")
            session.add(job)
            await session.flush()
    return Accepted(document=document, job=job, queue=created)


async def latest_job(
    *, session: AsyncSession, document_id: int
) -> models.IngestJob | None:
    """The document's newest ingestion job."""
    return await session.scalar(
        select(models.IngestJob)
        .where(models.IngestJob.document_id == document_id)
        .order_by(models.IngestJob.id.desc())
        .limit(1)
    )


async def unfinished_jobs(*, session: AsyncSession) -> list[models.IngestJob]:
    """Jobs still queued or running (left behind by a restart or a crash)."""
    stmt = select(models.IngestJob).where(
        models.IngestJob.status.in_(("queued", "running"))
    )
    return list((await session.scalars(stmt.order_by(models.IngestJob.id))).all())


async def create_job(*, sessions: Sessions, document_id: int) -> Accepted | None:
    """A new queued job for a registered document (reprocess); None if it is gone."""
    async with write_session(sessions) as session:
        document = await session.get(models.Document, document_id)
        if document is None:
            return None
        job = models.IngestJob(document_id=document_id, status="queued")
        session.add(job)
        await session.flush()
    return Accepted(document=document, job=job, queue=True)


async def start_job(*, sessions: Sessions, job_id: int) -> int | None:
    """Mark a job running (one more attempt); its document id, None if it is gone."""
    async with write_session(sessions) as session:
        job = await session.get(models.IngestJob, job_id)
        if job is None:
            return None
        job.status, job.stage, job.progress = "running", "extract", 0.0
        job.attempts += 1
        job.started_at, job.finished_at = models.utcnow(), None
        job.error_code = job.error_message = None
        return job.document_id


async def finish_job(
    *,
    sessions: Sessions,
    job_id: int,
    report: dict[str, Any] | None = None,
    error: tuple[str, str] | None = None,
) -> None:
    """Record a job's end: succeeded with the linker's report, or failed with a code."""
    async with write_session(sessions) as session:
        job = await session.get(models.IngestJob, job_id)
        if job is None:
            return  # its document was deleted meanwhile
        job.finished_at = dt.datetime.now(dt.UTC)
        if error is None:
            job.status, job.stage, job.progress, job.report = (
                "succeeded",
                "done",
                1.0,
                report,
            )
        else:
            job.status = "failed"
            job.error_code, job.error_message = error
