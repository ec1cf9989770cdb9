"""Tasks: plain `async def task(ctx, ...)`, run by InlineQueue now and arq later.

`ctx` holds `sessions`, `settings` and `nlp` (a callable returning the spaCy
pipeline, built once per process).
"""

from __future__ import annotations

import logging
from typing import Any

from minutegraph.errors import IngestError
from minutegraph.graph.documents import (
    finish_job,
    queue_key,
    start_job,
    unfinished_jobs,
)

log = logging.getLogger(__name__)

INTERNAL_ERROR = "MG199"


async def ingest_document(ctx: dict[str, Any], job_id: int) -> dict[str, Any] | None:
    """Extract and link the job's document, recording the outcome on the job row."""
    from ingest import ingestion  # spaCy loads only when a document needs it

    sessions, settings = ctx["sessions"], ctx["settings"]
    document_id = await start_job(sessions=sessions, job_id=job_id)
    if document_id is None:
        return None  # the document was deleted before the job ran
    try:
        report = await ingestion.ingest_document(
            sessions, document_id, nlp=ctx["nlp"](), date_order=settings.date_order
        )
    except IngestError as exc:  # a broken file: this job fails, nothing else
        await finish_job(
            sessions=sessions, job_id=job_id, error=(exc.code, exc.message)
        )
        return None
    except LookupError:  # deleted while extracting
        await finish_job(
            sessions=sessions, job_id=job_id, error=("MG106", "document deleted")
        )
        return None
    except Exception as exc:
        log.exception("ingest job %s failed", job_id)
        message = f"internal error ({type(exc).__name__})"
        await finish_job(
            sessions=sessions, job_id=job_id, error=(INTERNAL_ERROR, message)
        )
        raise
    result = report.as_dict()
    await finish_job(sessions=sessions, job_id=job_id, report=result)
    return result


async def requeue_unfinished(queue: Any) -> int:
    """Enqueue the jobs a restart or crash left queued or running; how many."""
    async with queue.ctx["sessions"]() as session:
        jobs = await unfinished_jobs(session=session)
    for job in jobs:
        queue.enqueue(ingest_document, job.id, job_id=queue_key(job))
    return len(jobs)
