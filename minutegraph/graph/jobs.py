"""An ingestion job's life on its row: claim, heartbeat, stage, finish, release, sweep.

The IngestJob row is the jobs' source of truth; queues (in-process or arq on
Redis) carry only its id. A runner *claims* a row before working on it: the row
becomes `running` under the runner's name with a fresh heartbeat. Every later
write is conditional on that claim still holding (status running, same worker),
so a job cancelled meanwhile, or taken over after its runner was presumed dead,
is never written by the old runner. The graph and the job's success commit in
one transaction (see `succeed`), which is why a job completes at most once.

A running row whose heartbeat is older than the lease belongs to a dead process;
`sweep` puts it back to queued, and re-offers every queued row to the queue (an
idempotent enqueue: the queue drops ids it already holds).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.model import EXTRACTOR_VERSION
from minutegraph import models
from minutegraph.db import Sessions, write_session

_JOB = models.IngestJob
UNFINISHED = ("queued", "running")
CANCELLABLE = UNFINISHED
RETRYABLE = ("failed", "cancelled")


class JobLost(Exception):
    """The claim no longer holds: the job was cancelled or taken over."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A runner's hold on a job row."""

    job_id: int
    document_id: int
    worker: str
    attempt: int
    queued_for: float  # seconds between creation (or the last release) and claim


def queue_key(*, document_id: int, queue_name: str = "") -> str:
    """The queue's id for ingesting a document with this extractor version.

    One id per document and extractor version: a queue holding it refuses a
    second copy, so a document is never ingested twice at once. `queue_name`
    prefixes it so that deployments (or test runs) may share one Redis.
    """
    key = f"ingest:{document_id}:{EXTRACTOR_VERSION}"
    return f"{queue_name}:{key}" if queue_name else key


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives naive datetimes back; they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


def _claimed(job_id: int, worker: str) -> Any:
    return (_JOB.id == job_id) & (_JOB.status == "running") & (_JOB.worker == worker)


GAVE_UP = "MG107"


async def claim(
    *, sessions: Sessions, job_id: int, worker: str, lease: float, max_attempts: int
) -> Claim | None:
    """Take the job for `worker`; None when it is gone, over, or held by a live runner.

    A job already attempted `max_attempts` times (its runners died, or it kept
    meeting transient failures) fails instead, so that a document that kills its
    worker cannot loop for ever.
    """
    async with write_session(sessions) as session:
        job = await session.get(_JOB, job_id, with_for_update=True)
        if job is None or job.status not in UNFINISHED:
            return None
        now = _now()
        beat = _aware(job.heartbeat_at)
        alive = beat is not None and (now - beat).total_seconds() < lease
        if job.status == "running" and job.worker != worker and alive:
            return None  # another runner holds it and beats its heart
        if job.attempts >= max_attempts:
            job.status, job.worker, job.finished_at = "failed", None, now
            job.error_code = GAVE_UP
            job.error_message = f"gave up after {job.attempts} attempts" + (
                f" (last: {job.error_message})" if job.error_message else ""
            )
            return None
        since = _aware(job.heartbeat_at if job.status == "queued" else None)
        since = since or _aware(job.created_at) or now
        job.status, job.stage, job.progress = "running", "extract", 0.05
        job.worker, job.heartbeat_at = worker, now
        job.attempts += 1
        job.started_at, job.finished_at = now, None
        job.error_code = job.error_message = None
        job.timings = None
        return Claim(
            job_id=job.id,
            document_id=job.document_id,
            worker=worker,
            attempt=job.attempts,
            queued_for=max(0.0, (now - since).total_seconds()),
        )


async def _update_claimed(sessions: Sessions, claim_: Claim, **values: Any) -> bool:
    async with write_session(sessions) as session:
        result = await session.execute(
            update(_JOB)
            .where(_claimed(claim_.job_id, claim_.worker))
            .values(heartbeat_at=_now(), **values)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)


async def beat(*, sessions: Sessions, claim_: Claim) -> bool:
    """Renew the claim's heartbeat; False when the claim no longer holds."""
    return await _update_claimed(sessions, claim_)


async def set_stage(
    *, sessions: Sessions, claim_: Claim, stage: str, progress: float
) -> None:
    """Record the stage a claimed job entered; JobLost when the claim is gone."""
    if not await _update_claimed(sessions, claim_, stage=stage, progress=progress):
        raise JobLost(f"job {claim_.job_id} was cancelled or taken over")


async def succeed(
    session: AsyncSession,
    *,
    claim_: Claim,
    report: dict[str, Any],
    timings: dict[str, float],
) -> None:
    """Mark the job succeeded inside the transaction that linked its document.

    Raises JobLost (rolling the linking back with it) when the claim was lost
    meanwhile: the graph changes only if the job may still complete.
    """
    job = await session.get(_JOB, claim_.job_id, with_for_update=True)
    if job is None or job.status != "running" or job.worker != claim_.worker:
        raise JobLost(f"job {claim_.job_id} was cancelled or taken over")
    job.status, job.stage, job.progress = "succeeded", "done", 1.0
    job.report, job.timings = report, timings
    job.heartbeat_at = job.finished_at = _now()


async def fail(
    *,
    sessions: Sessions,
    claim_: Claim,
    code: str,
    message: str,
    timings: dict[str, float] | None = None,
) -> bool:
    """Mark a claimed job failed with a stable code; False if the claim was lost."""
    return await _update_claimed(
        sessions,
        claim_,
        status="failed",
        error_code=code,
        error_message=message,
        timings=timings,
        finished_at=_now(),
    )


async def release(
    *, sessions: Sessions, claim_: Claim, code: str, message: str
) -> bool:
    """Hand a claimed job back to the queue (a transient failure, a shutdown).

    It keeps the reason in its error fields until its next attempt starts.
    """
    return await _update_claimed(
        sessions,
        claim_,
        status="queued",
        stage="retrying",
        worker=None,
        error_code=code,
        error_message=message,
    )


async def fail_unclaimed(
    *, sessions: Sessions, job_id: int, code: str, message: str
) -> None:
    """Fail an unfinished job whatever holds it (retries exhausted)."""
    async with write_session(sessions) as session:
        await session.execute(
            update(_JOB)
            .where((_JOB.id == job_id) & _JOB.status.in_(UNFINISHED))
            .values(
                status="failed",
                worker=None,
                error_code=code,
                error_message=message,
                finished_at=_now(),
            )
            .execution_options(synchronize_session=False)
        )


async def cancel(
    *, sessions: Sessions, job_id: int
) -> tuple[models.IngestJob | None, bool]:
    """Cancel a queued or running job: its row (None when there is none) and
    whether this call cancelled it.

    A running job stops at its next step: its claim is gone, so nothing it does
    afterwards is written (the graph included). Other states are left as they are.
    """
    async with write_session(sessions) as session:
        job = await session.get(_JOB, job_id, with_for_update=True)
        if job is None or job.status not in CANCELLABLE:
            return job, False
        job.status, job.worker = "cancelled", None
        job.finished_at = _now()
        return job, True


async def retry(
    *, sessions: Sessions, job_id: int
) -> tuple[models.IngestJob | None, bool]:
    """Queue a failed or cancelled job again: its row (None when there is none)
    and whether this call queued it."""
    async with write_session(sessions) as session:
        job = await session.get(_JOB, job_id, with_for_update=True)
        if job is None or job.status not in RETRYABLE:
            return job, False
        job.status, job.stage, job.progress, job.worker = "queued", None, 0.0, None
        job.attempts = 0  # a new series of attempts
        job.error_code = job.error_message = None
        job.heartbeat_at = _now()  # queued again from now on
        job.finished_at = None
        return job, True


@dataclass(frozen=True, slots=True)
class Pending:
    """A job to (re-)offer to the queue; `abandoned` when its runner died."""

    job_id: int
    document_id: int
    abandoned: bool = False


async def sweep(
    *,
    sessions: Sessions,
    lease: float,
    submit: Callable[[Pending], Awaitable[bool]],
) -> tuple[int, int]:
    """Re-queue abandoned running jobs and offer every queued job to the queue.

    Returns (abandoned jobs put back, jobs the queue newly accepted). Safe to run
    from several processes at once: the queue's ids make offers idempotent and
    the put-back is conditional on the heartbeat it saw.
    """
    stale_before = _now() - dt.timedelta(seconds=lease)
    async with write_session(sessions) as session:
        put_back = set(
            (
                await session.scalars(
                    update(_JOB)
                    .where(
                        (_JOB.status == "running")
                        & or_(
                            _JOB.heartbeat_at.is_(None),
                            _JOB.heartbeat_at < stale_before,
                        )
                    )
                    .values(status="queued", stage="retrying", worker=None)
                    .returning(_JOB.id)
                    .execution_options(synchronize_session=False)
                )
            ).all()
        )
    async with sessions() as session:
        rows = (
            await session.execute(
                select(_JOB.id, _JOB.document_id)
                .where(_JOB.status == "queued")
                .order_by(_JOB.id)
            )
        ).all()
    accepted = 0
    for job_id, document_id in rows:
        pending = Pending(job_id, document_id, abandoned=job_id in put_back)
        accepted += bool(await submit(pending))
    return len(put_back), accepted
