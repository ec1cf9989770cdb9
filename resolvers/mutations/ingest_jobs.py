"""Ingestion job mutations: cancel a queued or running job, retry a failed one."""

from __future__ import annotations

import contextlib

import strawberry

from minutegraph.graph import jobs
from minutegraph.graph.jobs import Pending
from resolvers.context import Info
from schema.document import IngestJob
from schema.document_results import (
    IngestJobCancelResult,
    IngestJobCancelSuccess,
    IngestJobConflict,
    IngestJobNotFound,
    IngestJobRetryResult,
    IngestJobRetrySuccess,
)
from schema.node import key_of


def _key(id: strawberry.ID) -> int | None:
    with contextlib.suppress(ValueError):
        return key_of(id, "IngestJob")
    return None


def _not_found(id: strawberry.ID) -> IngestJobNotFound:
    return IngestJobNotFound(code="NOT_FOUND", message=f"no ingestion job {id}", id=id)


async def ingest_job_cancel(info: Info, id: strawberry.ID) -> IngestJobCancelResult:
    """Cancel a queued or running job; nothing it had not committed is written."""
    key = _key(id)
    row, cancelled = None, False
    if key is not None:
        row, cancelled = await jobs.cancel(sessions=info.context.sessions, job_id=key)
    if row is None:
        return _not_found(id)
    if not cancelled:  # finished, or cancelled already
        return IngestJobConflict(
            code="CONFLICT",
            message=f"a {row.status} job cannot be cancelled",
            job=IngestJob.from_row(row),
        )
    return IngestJobCancelSuccess(job=IngestJob.from_row(row))


async def ingest_job_retry(info: Info, id: strawberry.ID) -> IngestJobRetryResult:
    """Queue a failed or cancelled job again."""
    key = _key(id)
    row, queued = None, False
    if key is not None:
        row, queued = await jobs.retry(sessions=info.context.sessions, job_id=key)
    if row is None:
        return _not_found(id)
    if not queued:  # queued, running or succeeded
        return IngestJobConflict(
            code="CONFLICT",
            message=f"a {row.status} job cannot be retried",
            job=IngestJob.from_row(row),
        )
    await info.context.queue.submit(Pending(row.id, row.document_id))
    return IngestJobRetrySuccess(job=IngestJob.from_row(row))
