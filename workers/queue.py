"""Job queues: arq on Redis when `redis_url` is set, else in this process.

Both carry IngestJob ids under a key per document and extractor version
(`minutegraph.graph.jobs.queue_key`) and refuse a key they already hold, so a
document is never ingested twice at once. Both run the same task,
`workers.tasks.ingest_document`. `submit` never raises for an unreachable
Redis: the job row is already committed, and the sweeper offers it again.

`make_queue(settings, ctx)` picks one; the API holds it as `state.queue`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from arq import Retry
from arq.connections import ArqRedis, RedisSettings, create_pool
from arq.constants import in_progress_key_prefix

from minutegraph.graph.jobs import Pending, queue_key
from minutegraph.settings import Settings

log = logging.getLogger(__name__)

Task = Callable[..., Awaitable[Any]]
TASK_NAME = "ingest_document"
# How long an upload waits for Redis before leaving its job to the sweeper.
ENQUEUE_TIMEOUT = 2.0


def dumps(value: Any) -> bytes:
    """arq's job serializer: JSON, never pickle (a queue entry is only ids)."""
    return json.dumps(value, separators=(",", ":"), default=str).encode()


def loads(data: bytes) -> Any:
    """arq's job deserializer."""
    return json.loads(data)


def redis_settings(url: str) -> RedisSettings:
    """arq's connection settings for a redis:// URL; fail fast, the sweeper retries."""
    settings = RedisSettings.from_dsn(url)
    settings.conn_retries = 0
    settings.conn_timeout = 2
    return settings


class JobQueue(Protocol):
    """What the API and the sweeper need of a queue."""

    async def submit(self, pending: Pending) -> bool:
        """Offer a job; True when newly accepted, False when held or unreachable."""
        ...

    async def depth(self) -> int | None:
        """Jobs waiting in the queue, None when it cannot tell."""
        ...

    async def close(self) -> None:
        """Let go: the in-process queue finishes its jobs first."""
        ...


class InlineQueue:
    """Runs tasks as asyncio tasks in this process, at most `concurrency` at once.

    Mirrors arq: a key held (waiting or running) is refused; a task raising
    arq's `Retry` runs again after its delay with `ctx["job_try"]` one higher,
    up to `max_tries` runs.
    """

    def __init__(
        self, ctx: dict[str, Any], *, concurrency: int = 2, max_tries: int = 5
    ) -> None:
        self.ctx = ctx
        self.max_tries = max_tries
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._held: set[str] = set()
        # Referenced until done: the event loop keeps only weak references to tasks.
        self._running: set[asyncio.Task[Any]] = set()
        self._waiting = 0

    def enqueue(self, task: Task, *args: Any, job_id: str) -> bool:
        """Start `task(ctx, *args)` unless `job_id` is waiting or running."""
        if job_id in self._held:
            return False
        self._held.add(job_id)
        self._waiting += 1
        running = asyncio.create_task(self._run(task, args, job_id), name=job_id)
        self._running.add(running)
        running.add_done_callback(self._running.discard)
        return True

    async def submit(self, pending: Pending) -> bool:
        """Queue the ingestion of a job row."""
        from workers.tasks import ingest_document

        key = queue_key(document_id=pending.document_id)
        return self.enqueue(ingest_document, pending.job_id, job_id=key)

    async def depth(self) -> int:
        """Tasks waiting for a slot."""
        return self._waiting

    async def _run(self, task: Task, args: tuple[Any, ...], job_id: str) -> Any:
        """Run one task in a slot, with Retry; a failure is logged, never raised."""
        try:
            for job_try in range(1, self.max_tries + 1):
                async with self._slots:
                    if job_try == 1:
                        self._waiting -= 1
                    try:
                        return await task({**self.ctx, "job_try": job_try}, *args)
                    except Retry as retry:
                        delay = (retry.defer_score or 0) / 1000
                    except Exception:
                        log.exception("job %s failed", job_id)
                        return None
                await asyncio.sleep(delay)
            log.warning("job %s: %s tries, giving up", job_id, self.max_tries)
            return None
        finally:
            self._held.discard(job_id)

    async def drain(self) -> None:
        """Wait for every enqueued task, including those enqueued meanwhile."""
        while self._running:
            await asyncio.gather(*list(self._running), return_exceptions=True)

    async def close(self) -> None:
        """Finish the running and waiting jobs."""
        await self.drain()


class ArqQueue:
    """Enqueues on arq in Redis; connects lazily and again after Redis was down."""

    def __init__(self, settings: Settings) -> None:
        assert settings.redis_url, "ArqQueue needs settings.redis_url"
        self.settings = settings
        self._pool: ArqRedis | None = None
        self._lock = asyncio.Lock()
        self._down = False  # warned about this outage already

    async def pool(self) -> ArqRedis:
        """The connection pool, made on first use (Redis may be down at start-up)."""
        async with self._lock:
            if self._pool is None:
                self._pool = await create_pool(
                    redis_settings(self.settings.redis_url or ""),
                    job_serializer=dumps,
                    job_deserializer=loads,
                    default_queue_name=self.settings.queue_name,
                )
            return self._pool

    async def submit(self, pending: Pending) -> bool:
        """Enqueue; False (logged) when Redis holds the key or cannot be reached."""
        key = queue_key(
            document_id=pending.document_id, queue_name=self.settings.queue_name
        )
        try:
            async with asyncio.timeout(ENQUEUE_TIMEOUT):
                pool = await self.pool()
                if pending.abandoned:
                    # Its runner died holding arq's lock on the key: free it so
                    # that a live worker takes the job now, not when it expires.
                    await pool.delete(in_progress_key_prefix + key)
                job = await pool.enqueue_job(TASK_NAME, pending.job_id, _job_id=key)
        except Exception as exc:
            from workers.tasks import is_transient

            if not is_transient(exc):
                raise
            if not self._down:  # once per outage, not once per job
                log.warning(
                    "Redis unreachable (%s): jobs stay queued in the database "
                    "and the sweeper queues them when it is back",
                    type(exc).__name__,
                )
            self._down = True
            await self._reset()
            return False
        if self._down:
            log.info("Redis reachable again")
            self._down = False
        return job is not None

    async def depth(self) -> int | None:
        """Entries in the arq queue (waiting or running), None when Redis is down."""
        try:
            async with asyncio.timeout(ENQUEUE_TIMEOUT):
                pool = await self.pool()
                return int(await pool.zcard(self.settings.queue_name))
        except Exception:  # noqa: BLE001 - a gauge: unknown while Redis is down
            await self._reset()
            return None

    async def _reset(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            try:
                await pool.aclose(close_connection_pool=True)
            except Exception:
                log.debug("closing a broken Redis pool failed", exc_info=True)

    async def close(self) -> None:
        """Close the connection pool."""
        await self._reset()


def make_queue(settings: Settings, ctx: dict[str, Any]) -> InlineQueue | ArqQueue:
    """arq on Redis when configured, else the in-process queue over `ctx`."""
    if settings.redis_url:
        return ArqQueue(settings)
    return InlineQueue(
        ctx, concurrency=settings.ingest_concurrency, max_tries=settings.job_max_tries
    )
