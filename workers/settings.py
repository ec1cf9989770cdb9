"""arq worker settings: `minutegraph worker` (or `arq workers.settings.WorkerSettings`).

`worker_options(settings)` gives the arq `Worker` keyword arguments for
minutegraph's settings: the ingestion task, JSON (de)serialization, the queue
name, concurrency, timeout, no kept results (a finished key may be queued again
at once: the job's row, not Redis, keeps its outcome), a health-check key per
host, and `on_startup` / `on_shutdown`, which make the engine and the
extractor (its child processes, or the spaCy pipeline for a thread) once per
process and run the sweeper.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from typing import TYPE_CHECKING, Any

from arq import func

from minutegraph.db import create_engine, create_sessions
from minutegraph.settings import Settings, get_settings
from workers import queue as queues
from workers.sweeper import sweep_forever
from workers.tasks import ingest_document, worker_name

if TYPE_CHECKING:
    from ingest.extractor import Extractor

log = logging.getLogger(__name__)

# arq's own timeout is a backstop behind the task's (settings.job_timeout).
TIMEOUT_MARGIN = 30.0
# How often a worker refreshes its health-check key (it expires a second later).
HEALTH_CHECK_INTERVAL = 10
# Seconds between two looks at the queue for jobs to start.
POLL_DELAY = 0.05


def health_check_key(settings: Settings, host: str | None = None) -> str:
    """The Redis key a worker on `host` refreshes while it is alive."""
    return f"{settings.queue_name}:health-check:{host or socket.gethostname()}"


async def on_startup(ctx: dict[str, Any]) -> None:
    """Make what the tasks share, once per process; sweep; start the sweeper."""
    settings: Settings = ctx.setdefault("settings", get_settings())
    if "sessions" not in ctx:  # a worker made again after Redis was down keeps these
        # No pre-ping: it costs a checkout three round trips (a job checks out
        # four times). A connection PostgreSQL dropped fails the job's next
        # statement as transient instead: the job goes back with arq's Retry,
        # the pool is invalidated, and the next try runs on new connections
        # (tests/workers/test_arq_worker.py). The API keeps its pre-ping: a
        # failed request would reach a user.
        engine = create_engine(settings.database_url, pool_pre_ping=False)
        try:
            extractor = await _start_extractor(settings)
        except BaseException:
            # All or nothing: `run_worker` calls this again on a transient
            # failure (a child that died starting), and a ctx left half made
            # would be taken for a whole one.
            await engine.dispose()
            raise
        ctx.update(
            engine=engine,
            sessions=create_sessions(engine),
            extractor=extractor,
            worker_id=worker_name(),
            queue=queues.ArqQueue(settings),
        )
    ctx["sweeper"] = _start_sweeper(ctx, settings)
    log.info("worker %s ready on queue %s", ctx["worker_id"], settings.queue_name)


async def _start_extractor(settings: Settings) -> Extractor:
    """Child processes with their pipelines, or this process's pipeline: built
    now, not on the first job."""
    # spaCy loads with the worker, not before.
    from ingest.extractor import ProcessExtractor, ThreadExtractor
    from ingest.nlp import build_nlp

    processes = settings.extract_processes_for("worker")
    if processes == 0:
        return ThreadExtractor(build_nlp(settings.spacy_model))
    extractor = ProcessExtractor(processes, model=settings.spacy_model)
    try:
        await extractor.start()
    except BaseException:
        await extractor.close()  # the children that did start
        raise
    return extractor


def _start_sweeper(ctx: dict[str, Any], settings: Settings) -> asyncio.Task[None]:
    return asyncio.create_task(
        sweep_forever(
            sessions=ctx["sessions"],
            queue=ctx["queue"],
            lease=settings.job_lease,
            interval=settings.sweep_interval,
        ),
        name="minutegraph-sweeper",
    )


async def on_shutdown(ctx: dict[str, Any]) -> None:
    """Stop the sweeper (the engine goes with `close_resources`)."""
    sweeper = ctx.pop("sweeper", None)
    if sweeper is not None:
        sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeper


async def close_resources(ctx: dict[str, Any]) -> None:
    """Dispose of what `on_startup` made.

    Not `on_shutdown`'s work: `run_worker` calls that each time Redis went away
    and makes the arq worker again with the same ctx, engine and extractor.
    """
    await on_shutdown(ctx)
    extractor = ctx.pop("extractor", None)
    if extractor is not None:
        await extractor.close()
    queue = ctx.pop("queue", None)
    if queue is not None:
        await queue.close()
    engine = ctx.pop("engine", None)
    if engine is not None:
        await engine.dispose()
    ctx.pop("sessions", None)


def worker_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for arq's `Worker` under these settings."""
    if not settings.redis_url:
        raise ValueError("workers need MINUTEGRAPH_REDIS_URL (a redis:// URL)")
    return {
        "functions": [
            func(
                ingest_document,
                name=queues.TASK_NAME,
                # The job row counts attempts and gives up (MG107); arq must not
                # drop a job before the task had its say.
                max_tries=settings.job_max_tries + 2,
            )
        ],
        "redis_settings": queues.redis_settings(settings.redis_url),
        "queue_name": settings.queue_name,
        "job_serializer": queues.dumps,
        "job_deserializer": queues.loads,
        "max_jobs": settings.worker_concurrency,
        "job_timeout": settings.job_timeout + TIMEOUT_MARGIN,
        "keep_result": 0,
        "on_startup": on_startup,
        "on_shutdown": on_shutdown,
        "health_check_interval": HEALTH_CHECK_INTERVAL,
        "health_check_key": health_check_key(settings),
        "ctx": {"settings": settings},
        # arq fills free job slots once per poll: a worker starts at most
        # max_jobs jobs per poll_delay (at 0.2 s, 10 a second, under what one
        # core extracts). A poll is one cheap Redis read.
        "poll_delay": POLL_DELAY,
    }


def worker_settings(settings: Settings) -> type:
    """An arq settings class for these settings."""
    return type("WorkerSettings", (), worker_options(settings))


def __getattr__(name: str) -> Any:
    """`WorkerSettings`, made from the environment when arq's CLI asks for it.

    `arq workers.settings.WorkerSettings` runs the same worker as
    `minutegraph worker`; nothing is read from the environment at import.
    """
    if name == "WorkerSettings":
        return worker_settings(get_settings())
    raise AttributeError(name)
