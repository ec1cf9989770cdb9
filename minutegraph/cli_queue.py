"""`minutegraph ingest --queue`: hand files to the arq workers and follow their jobs.

Each file goes the way an upload goes (`accept_upload`: checked, stored, its
document and queued job committed), then its job id is offered to arq. The
command then reads the job rows, the jobs' source of truth, a few times a second
and shows them with a rich progress bar until every job is final (or `--timeout`
passes). When Redis is unreachable the jobs stay registered (the workers'
sweeper queues them once it is back); the command says so, offers them again
every few seconds and keeps following.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from sqlalchemy import select

from minutegraph import models
from minutegraph.db import Sessions
from minutegraph.errors import IngestError
from minutegraph.graph.jobs import Pending
from minutegraph.settings import Settings

FINAL = ("succeeded", "failed", "cancelled")
STATES = ("queued", "running", *FINAL)
POLL_INTERVAL = 0.3  # seconds between two reads of the job rows
RESUBMIT_INTERVAL = 5.0  # seconds between two offers while Redis is unreachable
OUTCOMES = ("insert", "update", "noop", "delete")


@dataclass(slots=True)
class Handed:
    """A file registered as a document, with the job that ingests it."""

    path: Path
    document_id: int
    job_id: int
    earlier: bool  # the same bytes were registered before: their job, not a new one


@dataclass(slots=True)
class Batch:
    """What `hand_over` did: jobs to follow, refusals, offers Redis did not take."""

    handed: list[Handed] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "path: [code] message"
    unsent: list[Handed] = field(default_factory=list)  # Redis was unreachable


@dataclass(slots=True)
class JobState:
    """A job row as last read."""

    status: str
    stage: str | None = None
    error_code: str | None = None
    error_message: str | None = None


class Queue:
    """The arq queue, telling "Redis holds the key already" from "Redis is down"."""

    def __init__(self, settings: Settings) -> None:
        from workers.queue import ArqQueue

        self.arq = ArqQueue(settings)

    async def offer(self, handed: Handed) -> bool:
        """Offer a job; False only when Redis cannot be reached."""
        if await self.arq.submit(Pending(handed.job_id, handed.document_id)):
            return True
        return await self.arq.depth() is not None  # None: Redis unreachable

    async def close(self) -> None:
        """Close the connection pool."""
        await self.arq.close()


async def hand_over(
    paths: list[Path], *, settings: Settings, sessions: Sessions, queue: Queue
) -> Batch:
    """Register every acceptable file with a queued job and offer the jobs to arq.

    Once Redis is found unreachable the remaining jobs are only registered (a
    connection attempt per file would cost seconds each); `follow` offers them.
    """
    from minutegraph.graph.documents import accept_upload

    batch = Batch()
    for path in paths:
        try:
            data = path.read_bytes()
            accepted = await accept_upload(
                sessions=sessions,
                data=data,
                filename=path.name,
                storage_dir=settings.storage_dir,
                limit=settings.max_upload_bytes,
            )
        except IngestError as exc:
            batch.refused.append(f"{path}: {exc}")
            continue
        except OSError as exc:
            batch.refused.append(
                f"{path}: [MG106] cannot open the file ({exc.strerror})"
            )
            continue
        handed = Handed(
            path, accepted.document.id, accepted.job.id, earlier=not accepted.queue
        )
        batch.handed.append(handed)
        if not (accepted.queue or accepted.job.status == "queued"):
            continue  # an earlier job of the same bytes, already running or over
        if batch.unsent or not await queue.offer(handed):
            batch.unsent.append(handed)
    return batch


async def read_states(sessions: Sessions, job_ids: list[int]) -> dict[int, JobState]:
    """The jobs' rows as they are now (one statement)."""
    job = models.IngestJob
    async with sessions() as session:
        rows = await session.execute(
            select(
                job.id, job.status, job.stage, job.error_code, job.error_message
            ).where(job.id.in_(job_ids))
        )
        return {row[0]: JobState(*row[1:]) for row in rows}


def _describe(states: dict[int, JobState]) -> tuple[str, str]:
    """Per-state counts and the stages of running jobs, as progress-bar text."""
    seen = Counter(state.status for state in states.values())
    counts = " · ".join(f"{name} {seen[name]}" for name in STATES if seen[name])
    stages = Counter(
        state.stage or "starting"
        for state in states.values()
        if state.status == "running"
    )
    running = ", ".join(f"{stage} {n}" for stage, n in sorted(stages.items()))
    return counts, f"({running})" if running else ""


async def follow(
    batch: Batch,
    *,
    sessions: Sessions,
    queue: Queue,
    console: Console,
    timeout: float | None,
) -> dict[int, JobState]:
    """Show the jobs' progress until all are final or `timeout` seconds pass."""
    job_ids = list(dict.fromkeys(handed.job_id for handed in batch.handed))
    deadline = None if timeout is None else time.monotonic() + timeout
    next_offer = time.monotonic() + RESUBMIT_INTERVAL
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]} {task.fields[stages]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        bar = progress.add_task("jobs", total=len(job_ids), counts="", stages="")
        while True:
            states = await read_states(sessions, job_ids)
            counts, stages = _describe(states)
            done = sum(state.status in FINAL for state in states.values())
            progress.update(bar, completed=done, counts=counts, stages=stages)
            if done == len(job_ids):
                return states
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                return states
            if batch.unsent and now >= next_offer:
                await offer_unsent(batch, queue, states)
                next_offer = time.monotonic() + RESUBMIT_INTERVAL
            pause = POLL_INTERVAL
            if deadline is not None:
                pause = max(0.0, min(pause, deadline - time.monotonic()))
            await asyncio.sleep(pause)


async def offer_unsent(batch: Batch, queue: Queue, states: dict[int, JobState]) -> None:
    """Offer the jobs Redis missed again, while they are still queued."""
    still = [
        h for h in batch.unsent if states.get(h.job_id, JobState("")).status == "queued"
    ]
    batch.unsent = []
    for index, handed in enumerate(still):
        if not await queue.offer(handed):
            batch.unsent = still[index:]  # still down: the rest wait for next time
            return


async def reports(sessions: Sessions, job_ids: list[int]) -> dict[int, dict]:
    """The linker's report of each succeeded job."""
    job = models.IngestJob
    async with sessions() as session:
        rows = await session.execute(
            select(job.id, job.report).where(
                job.id.in_(job_ids), job.status == "succeeded"
            )
        )
        return {job_id: report or {} for job_id, report in rows}


def summary_table(
    batch: Batch, states: dict[int, JobState], found: dict[int, dict]
) -> Table:
    """Outcomes per node type over the jobs this run queued, like the sync path's."""
    total = len(batch.handed) + len(batch.refused)
    succeeded = [h for h in batch.handed if states[h.job_id].status == "succeeded"]
    earlier = sum(h.earlier for h in succeeded)
    title = f"Ingested {len(succeeded)} of {total} files"
    if earlier:
        title += f" ({earlier} already in the graph)"
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for job_id in dict.fromkeys(h.job_id for h in succeeded if not h.earlier):
        for kind, per in found.get(job_id, {}).get("counts", {}).items():
            for outcome, n in per.items():
                totals[kind][outcome] += n
    table = Table(title=title)
    for column in ("node", *OUTCOMES):
        table.add_column(column, justify="left" if column == "node" else "right")
    for kind, per in sorted(totals.items()):
        table.add_row(kind, *(str(per.get(o, 0)) for o in OUTCOMES))
    return table


def failure_lines(batch: Batch, states: dict[int, JobState]) -> list[str]:
    """One line per file that did not make it: refused, failed or cancelled."""
    lines = list(batch.refused)
    for handed in batch.handed:
        state = states[handed.job_id]
        if state.status == "failed":
            lines.append(
                f"{handed.path}: [{state.error_code}] {state.error_message} "
                f"(job {handed.job_id})"
            )
        elif state.status == "cancelled":
            lines.append(f"{handed.path}: job {handed.job_id} was cancelled")
    return lines


async def _run(
    paths: list[Path],
    settings: Settings,
    *,
    console: Console,
    err: Console,
    wait: bool,
    timeout: float | None,
) -> int:
    from minutegraph.db import engine_scope
    from minutegraph.migrate import upgrade_async

    await upgrade_async(settings.database_url)
    queue = Queue(settings)
    try:
        async with engine_scope(settings.database_url) as (_, sessions):
            batch = await hand_over(
                paths, settings=settings, sessions=sessions, queue=queue
            )
            if batch.unsent:
                _say(err, _unreachable(batch, wait))
            if not wait:
                return _print_jobs(batch, console, err)
            if not batch.handed:
                _print_lines(err, batch.refused)
                return 1
            try:
                states = await follow(
                    batch,
                    sessions=sessions,
                    queue=queue,
                    console=console,
                    timeout=timeout,
                )
            except asyncio.CancelledError:  # Ctrl-C: asyncio.run cancels us
                _say(err, "stopped following; the jobs go on in the workers")
                raise
            found = await reports(sessions, list(states))
    finally:
        await queue.close()
    console.print(summary_table(batch, states, found))
    lines = failure_lines(batch, states)
    _print_lines(err, lines)
    unfinished = [h for h in batch.handed if states[h.job_id].status not in FINAL]
    if unfinished:
        jobs = ", ".join(str(j) for j in dict.fromkeys(h.job_id for h in unfinished))
        _say(
            err,
            f"timed out after {timeout:g} s: {len(unfinished)} job(s) not finished "
            f"yet (job {jobs}); the workers go on with them",
        )
    return 1 if lines or unfinished else 0


def _unreachable(batch: Batch, wait: bool) -> str:
    n = len(batch.unsent)
    said = (
        f"Redis is unreachable: {n} job(s) are registered but not queued yet; "
        "the workers' sweeper queues them once Redis is back"
    )
    return said + ("; following their rows meanwhile" if wait else "")


def _print_jobs(batch: Batch, console: Console, err: Console) -> int:
    table = Table(
        title=f"Queued {len(batch.handed)} of "
        f"{len(batch.handed) + len(batch.refused)} files"
    )
    for column in ("file", "document", "job"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for handed in batch.handed:
        table.add_row(str(handed.path), str(handed.document_id), str(handed.job_id))
    console.print(table)
    _print_lines(err, batch.refused)
    return 1 if batch.refused else 0


def _say(err: Console, text: str) -> None:
    err.print(text, markup=False, highlight=False, soft_wrap=True)


def _print_lines(err: Console, lines: list[str]) -> None:
    for line in lines:
        _say(err, line)


def ingest_queued(
    paths: list[Path],
    settings: Settings,
    *,
    console: Console,
    err: Console,
    wait: bool = True,
    timeout: float | None = None,
) -> int:
    """Queue the files for the workers (and follow them); the exit code."""
    if not settings.redis_url:
        _say(
            err,
            "minutegraph ingest --queue needs MINUTEGRAPH_REDIS_URL (e.g. "
            "redis://127.0.0.1:6379/0) and running workers (`minutegraph worker`); "
            "without --queue the files are ingested here, synchronously.",
        )
        return 2
    try:
        return asyncio.run(
            _run(paths, settings, console=console, err=err, wait=wait, timeout=timeout)
        )
    except KeyboardInterrupt:
        return 130
