"""Watch an ingestion job's row until it ends: the data behind `ingestJob(id)`.

Why poll the database: the IngestJob row is the jobs' source of truth and the only
channel both runners share. InlineQueue tasks in this process and arq workers in
another (issue 5) both write it and neither publishes events, so an in-process
broadcast would miss the workers and a Redis channel would miss the inline runner.
One small primary-key SELECT per tick (`settings.job_poll_interval`, 0.25 s by
default), each in a fresh session, sees every committed state whichever process
wrote it and needs nothing beyond the database. A state shorter than one tick may
be skipped; the final one never is. The watch ends on a final status, when the row
disappears (its document was deleted), or when the consumer closes the generator
(the client went away): nothing runs after that.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from minutegraph import models
from minutegraph.db import Sessions

FINAL_STATUSES = frozenset({"succeeded", "failed", "cancelled"})

_JOB = models.IngestJob
_COLUMNS = (
    _JOB.id,
    _JOB.document_id,
    _JOB.status,
    _JOB.stage,
    _JOB.progress,
    _JOB.attempts,
    _JOB.error_code,
    _JOB.error_message,
    _JOB.report,
    _JOB.created_at,
    _JOB.started_at,
    _JOB.finished_at,
)


@dataclass(frozen=True, slots=True)
class JobState:
    """One job's state as its row holds it; equal states mean nothing changed."""

    id: int
    document_id: int
    status: str
    stage: str | None
    progress: float
    attempts: int
    error_code: str | None
    error_message: str | None
    report: dict[str, Any] | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None

    @property
    def final(self) -> bool:
        """True once the job succeeded, failed or was cancelled."""
        return self.status in FINAL_STATUSES


async def get_state(*, session: AsyncSession, job_id: int) -> JobState | None:
    """The job's current state (plain columns, never a cached object); None if gone."""
    row = (
        await session.execute(select(*_COLUMNS).where(_JOB.id == job_id))
    ).one_or_none()
    return JobState(*row) if row is not None else None


async def watch(
    *, sessions: Sessions, job_id: int, interval: float
) -> AsyncIterator[JobState]:
    """Yield the job's state now and after every change; end after a final one."""
    last: JobState | None = None
    while True:
        async with sessions() as session:
            state = await get_state(session=session, job_id=job_id)
        if state is None:
            return  # unknown, or deleted with its document
        if state != last:
            yield state
            last = state
        if state.final:
            return
        await asyncio.sleep(interval)
