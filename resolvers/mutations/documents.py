"""Document mutations: upload (one or many), reprocess, delete; and `ingestJob(id)`."""

from __future__ import annotations

import contextlib
from pathlib import Path

import strawberry
from strawberry.file_uploads import Upload

from minutegraph.db import write_session
from minutegraph.errors import DocumentTooLarge as TooLarge
from minutegraph.errors import IngestError
from minutegraph.graph.document_delete import delete_document
from minutegraph.graph.documents import Accepted, accept_upload, create_job
from minutegraph.graph.jobs import Pending
from resolvers.context import Info
from schema.document import Document, IngestJob
from schema.document_results import (
    DeletedCount,
    DocumentDeleteResult,
    DocumentDeleteSuccess,
    DocumentNotFound,
    DocumentReprocessResult,
    DocumentReprocessSuccess,
    DocumentTooLarge,
    DocumentUploadResult,
    DocumentUploadSuccess,
    UnsupportedDocument,
)
from schema.node import key_of


async def _enqueue(info: Info, accepted: Accepted) -> None:
    """Offer the job to the queue (it drops a job it holds; when Redis is down,
    the row is committed and the workers' sweeper queues it later)."""
    if accepted.queue or accepted.job.status == "queued":
        await info.context.queue.submit(Pending(accepted.job.id, accepted.document.id))


async def _upload_one(info: Info, file: Upload) -> DocumentUploadResult:
    """Store one file and queue it, or say why not."""
    settings = info.context.settings
    filename = Path(getattr(file, "filename", None) or "upload").name
    limit = settings.max_upload_bytes
    data = await file.read(limit + 1)  # never hold more than the limit allows
    try:
        accepted = await accept_upload(
            sessions=info.context.sessions,
            data=data,
            filename=filename,
            storage_dir=settings.storage_dir,
            limit=limit,
        )
    except TooLarge as exc:
        return DocumentTooLarge(
            code=exc.code, message=exc.message, filename=filename, limit_bytes=limit
        )
    except IngestError as exc:
        return UnsupportedDocument(
            code=exc.code, message=exc.message, filename=filename
        )
    await _enqueue(info, accepted)
    return DocumentUploadSuccess(
        document=Document.from_row(accepted.document),
        job=IngestJob.from_row(accepted.job),
    )


async def document_upload(info: Info, file: Upload) -> DocumentUploadResult:
    """Store the original, register the document and queue its ingestion."""
    return await _upload_one(info, file)


async def documents_upload(
    info: Info, files: list[Upload]
) -> list[DocumentUploadResult]:
    """Upload several files: one result each, in order; a bad file fails alone."""
    return [await _upload_one(info, file) for file in files]


def _not_found(id: strawberry.ID) -> DocumentNotFound:
    return DocumentNotFound(code="NOT_FOUND", message=f"no document {id}", id=id)


def _document_key(id: strawberry.ID) -> int | None:
    with contextlib.suppress(ValueError):
        return key_of(id, "Document")
    return None


async def document_reprocess(info: Info, id: strawberry.ID) -> DocumentReprocessResult:
    """Re-extract and re-link a document in a new job; corrections are kept."""
    key = _document_key(id)
    accepted = None
    if key is not None:
        accepted = await create_job(sessions=info.context.sessions, document_id=key)
    if accepted is None:
        return _not_found(id)
    await _enqueue(info, accepted)
    return DocumentReprocessSuccess(
        document=Document.from_row(accepted.document),
        job=IngestJob.from_row(accepted.job),
    )


async def document_delete(info: Info, id: strawberry.ID) -> DocumentDeleteResult:
    """Delete a document, its facts and the nodes no other source supports."""
    key = _document_key(id)
    deleted = None
    if key is not None:
        async with write_session(info.context.sessions, exclusive=True) as session:
            deleted = await delete_document(session=session, document_id=key)
    if deleted is None:
        return _not_found(id)
    deleted.storage_path.unlink(missing_ok=True)  # one document per sha256
    relinked = []
    for rendition in deleted.renditions:  # their facts were this document's
        accepted = await create_job(
            sessions=info.context.sessions, document_id=rendition
        )
        if accepted is not None:
            await _enqueue(info, accepted)
            relinked.append(IngestJob.from_row(accepted.job))
    counts = [
        DeletedCount(kind=kind, count=per["delete"])
        for kind, per in sorted(deleted.report.counts.items())
        if per.get("delete")
    ]
    return DocumentDeleteSuccess(deleted_id=id, deleted=counts, relinked=relinked)


async def ingest_job(info: Info, id: strawberry.ID) -> IngestJob | None:
    """The ingestion job with this global ID, or null."""
    with contextlib.suppress(ValueError):
        key = key_of(id, "IngestJob")
        row = await info.context.loaders.ingest_job_by_id.load(key)
        return IngestJob.from_row(row) if row is not None else None
    return None
