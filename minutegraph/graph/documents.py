"""Documents and their ingestion jobs: register an upload, queue, track, reprocess."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


async def create_job(*, sessions: Sessions, document_id: int) -> Accepted | None:
    """A queued job for a registered document (reprocess); None if it is gone.

    A job of the document still queued or running is that job: the same bytes
    with the same extractor give the same graph, and one document is never
    ingested twice at once.
    """
    async with write_session(sessions) as session:
        document = await session.get(models.Document, document_id)
        if document is None:
            return None
        job = await latest_job(session=session, document_id=document_id)
        if job is None or job.status not in ("queued", "running"):
            job = models.IngestJob(document_id=document_id, status="queued")
            session.add(job)
            await session.flush()
    return Accepted(document=document, job=job, queue=True)
