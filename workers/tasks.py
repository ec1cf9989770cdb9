"""The ingestion task, one code path for both runners (arq workers, InlineQueue).

`ingest_document(ctx, job_id)` is a plain arq task. `ctx` holds `sessions`,
`settings`, `extractor` (an `ingest.extractor.Extractor`; without one, the
extraction thread with `nlp`, a callable returning the process's pipeline),
`worker_id` (this process's name on the rows it claims) and `job_try` (1 for the
first run of a queue entry; arq sets it, InlineQueue too).

Outcomes, all recorded on the IngestJob row:
- the document is linked and the job succeeded, in one transaction;
- the document is unreadable (an IngestError): failed at once with its code,
  never retried, because reading it again gives the same answer;
- the database or Redis is unreachable, or the extraction process died
  (transient): the row goes back to queued
  and the task raises arq's `Retry` with an exponential backoff, until
  `settings.job_max_tries` runs, then the job fails with MG107;
- longer than `settings.job_timeout`: failed with MG108;
- a bug: failed with MG199 (logged with its traceback), never retried;
- cancelled, or taken over by another runner: the task stops and writes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from arq import Retry
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.report import Report
from minutegraph.errors import IngestError
from minutegraph.graph import jobs
from minutegraph.logs import job_logging
from minutegraph.metrics import observe_stage

log = logging.getLogger(__name__)

INTERNAL_ERROR = "MG199"
TIMED_OUT = "MG108"
UNREACHABLE = "MG109"
# Longest wait between two tries of a transient failure (seconds).
MAX_RETRY_DELAY = 300.0


def worker_name() -> str:
    """This process's name on the rows it claims: host, pid and a nonce."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


# SQLAlchemy's OperationalError: the database went away, or SQLite was locked.
# BrokenProcessPool: the extraction process died (killed, out of memory); the
# extractor makes another for the next try.
_TRANSIENT_TYPES = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    OperationalError,
    BrokenProcessPool,
)


# asyncpg's: the server is starting or going away, the link dropped, or a lock
# wait hit the server's lock_timeout.
_TRANSIENT_ASYNCPG = frozenset(
    {
        "CannotConnectNowError",
        "ConnectionDoesNotExistError",
        "TooManyConnectionsError",
        "LockNotAvailableError",
    }
)


def is_transient(exc: BaseException) -> bool:
    """A failure that may pass: a service unreachable, a lock or a dropped link."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(
            current, (*_TRANSIENT_TYPES, RedisConnectionError, RedisTimeoutError)
        ):
            return True
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        name = type(current).__name__
        if name in _TRANSIENT_ASYNCPG:
            return True  # asyncpg's, under SQLAlchemy's DBAPIError
        current = current.__cause__ or current.__context__
    return False


def retry_delay(settings: Any, job_try: int) -> float:
    """Seconds before try `job_try + 1`: the base delay doubled per try, capped."""
    return min(settings.job_retry_delay * 2 ** max(0, job_try - 1), MAX_RETRY_DELAY)


async def ingest_document(ctx: dict[str, Any], job_id: int) -> dict[str, Any]:
    """Extract and link the job's document; the outcome goes on the job row."""
    with job_logging(job_id):  # every line this job logs carries its id
        return await _claim_and_run(ctx, job_id)


async def _claim_and_run(ctx: dict[str, Any], job_id: int) -> dict[str, Any]:
    settings = ctx["settings"]
    try:
        claim = await jobs.claim(
            sessions=ctx["sessions"],
            job_id=job_id,
            worker=ctx["worker_id"],
            lease=settings.job_lease,
            max_attempts=settings.job_max_tries,
        )
    except Exception as exc:
        if is_transient(exc):
            raise _retry(ctx, job_id, exc) from exc
        raise
    if claim is None:
        return {"job": job_id, "outcome": "skipped"}
    try:
        async with asyncio.timeout(settings.job_timeout):
            return await _run(ctx, claim)
    except TimeoutError:
        message = f"took longer than the job timeout ({settings.job_timeout:g} s)"
        await _record_failure(ctx, claim, TIMED_OUT, message)
        return {"job": job_id, "outcome": "failed", "code": TIMED_OUT}
    except asyncio.CancelledError:
        # A worker shutting down: the job goes back to the queue for another.
        with contextlib.suppress(Exception):
            await asyncio.shield(
                jobs.release(
                    sessions=ctx["sessions"],
                    claim_=claim,
                    code="MG110",
                    message="interrupted by a worker shutdown; queued again",
                )
            )
        raise


async def _run(ctx: dict[str, Any], claim: jobs.Claim) -> dict[str, Any]:
    from ingest import ingestion  # spaCy loads only when a document needs it
    from ingest.extractor import ThreadExtractor

    settings, sessions = ctx["settings"], ctx["sessions"]
    started = time.perf_counter()
    timings: dict[str, float] = {"queued": round(claim.queued_for, 3)}
    heart = asyncio.create_task(_heartbeat(sessions, claim, settings.job_lease / 3))

    async def before_link() -> None:
        timings["extract"] = round(time.perf_counter() - started, 3)
        observe_stage("extract", timings["extract"])
        await jobs.set_stage(
            sessions=sessions, claim_=claim, stage="link", progress=0.6
        )

    async def on_commit(session: AsyncSession, report: Report) -> None:
        timings["link"] = round(time.perf_counter() - started - timings["extract"], 3)
        timings["total"] = round(time.perf_counter() - started, 3)
        observe_stage("link", timings["link"])
        await jobs.succeed(
            session, claim_=claim, report=report.as_dict(), timings=timings
        )

    try:
        report = await ingestion.ingest_document(
            sessions,
            claim.document_id,
            extractor=ctx.get("extractor") or ThreadExtractor(ctx["nlp"]()),
            date_order=settings.date_order,
            name_cache=ingestion.NAME_INDEXES if settings.name_index_cache else None,
            before_link=before_link,
            on_commit=on_commit,
        )
    except jobs.JobLost:
        log.info("job %s: cancelled or taken over; nothing written", claim.job_id)
        return {"job": claim.job_id, "outcome": "lost"}
    except IngestError as exc:  # unreadable: the same answer every time
        await _record_failure(ctx, claim, exc.code, exc.message, timings)
        return {"job": claim.job_id, "outcome": "failed", "code": exc.code}
    except LookupError:  # the document was deleted while extracting
        await _record_failure(ctx, claim, "MG106", "document deleted", timings)
        return {"job": claim.job_id, "outcome": "failed", "code": "MG106"}
    except Exception as exc:
        if is_transient(exc):
            await _release(ctx, claim, exc)
            raise _retry(ctx, claim.job_id, exc) from exc
        log.exception("job %s failed", claim.job_id)
        message = f"internal error ({type(exc).__name__})"
        await _record_failure(ctx, claim, INTERNAL_ERROR, message, timings)
        return {"job": claim.job_id, "outcome": "failed", "code": INTERNAL_ERROR}
    finally:
        heart.cancel()
    log.info("job %s: document %s linked", claim.job_id, claim.document_id)
    counts = {kind: dict(outcomes) for kind, outcomes in report.counts.items()}
    return {"job": claim.job_id, "outcome": "succeeded", "counts": counts}


async def _heartbeat(sessions: Any, claim: jobs.Claim, every: float) -> None:
    """Renew the claim until cancelled; a failed beat is retried at the next one."""
    while True:
        await asyncio.sleep(every)
        try:
            if not await jobs.beat(sessions=sessions, claim_=claim):
                return  # cancelled or taken over: the next step finds out
        except Exception as exc:  # noqa: BLE001 - a lost beat is retried next time
            log.warning(
                "job %s: heartbeat failed (%s)", claim.job_id, type(exc).__name__
            )


async def _record_failure(
    ctx: dict[str, Any],
    claim: jobs.Claim,
    code: str,
    message: str,
    timings: dict[str, float] | None = None,
) -> None:
    log.info("job %s failed: [%s] %s", claim.job_id, code, message)
    await jobs.fail(
        sessions=ctx["sessions"],
        claim_=claim,
        code=code,
        message=message,
        timings=timings,
    )


async def _release(ctx: dict[str, Any], claim: jobs.Claim, exc: BaseException) -> None:
    """Hand the job back after a transient failure (else the sweeper will)."""
    try:
        await jobs.release(
            sessions=ctx["sessions"],
            claim_=claim,
            code=UNREACHABLE,
            message=f"a service was unreachable ({type(exc).__name__}); retrying",
        )
    except Exception as again:  # noqa: BLE001 - the sweeper puts it back later
        log.warning(
            "job %s: could not hand back (%s)", claim.job_id, type(again).__name__
        )


def _retry(ctx: dict[str, Any], job_id: int, exc: BaseException) -> Retry:
    """arq's Retry with the backoff for this try."""
    job_try = int(ctx.get("job_try") or 1)
    delay = retry_delay(ctx["settings"], job_try)
    log.warning(
        "job %s: transient failure (%s), try %s; again in %.1f s",
        job_id,
        type(exc).__name__,
        job_try,
        delay,
    )
    return Retry(defer=delay)
