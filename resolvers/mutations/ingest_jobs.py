"""Ingestion job mutations: cancel a queued or running job, retry a failed one."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable

import strawberry

from minutegraph import models
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


Change = Callable[..., Awaitable[tuple[models.IngestJob | None, bool]]]


async def _apply(
    info: Info, id: strawberry.ID, change: Change, verb: str
) -> models.IngestJob | IngestJobNotFound | IngestJobConflict:
    """Run `change` on the job; its row, or why it did not apply."""
    key = _key(id)
    if key is None:
        return _not_found(id)
    row, changed = await change(sessions=info.context.sessions, job_id=key)
    if row is None:
        return _not_found(id)
    if not changed:
        return IngestJobConflict(
            code="CONFLICT",
            message=f"a {row.status} job cannot be {verb}",
            job=IngestJob.from_row(row),
        )
    return row


async def ingest_job_cancel(info: Info, id: strawberry.ID) -> IngestJobCancelResult:
    """Cancel a queued or running job; nothing it had not committed is written."""
    row = await _apply(info, id, jobs.cancel, "cancelled")
    if not isinstance(row, models.IngestJob):
        return row  # not found, or finished or cancelled already
    return IngestJobCancelSuccess(job=IngestJob.from_row(row))


async def ingest_job_retry(info: Info, id: strawberry.ID) -> IngestJobRetryResult:
    """Queue a failed or cancelled job again."""
    row = await _apply(info, id, jobs.retry, "retried")
    if not isinstance(row, models.IngestJob):
        return row  # not found, or queued, running or succeeded
    await info.context.queue.submit(Pending(row.id, row.document_id))
    return IngestJobRetrySuccess(job=IngestJob.from_row(row))
