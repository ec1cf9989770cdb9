"""The in-process job queue used when no Redis is configured.

`InlineQueue.enqueue(task, *args, job_id=...)` has arq's shape (issue 5 puts arq
behind it): an id it has seen is skipped, like arq's `_job_id`, and every task is
a plain `async def task(ctx, *args)`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger(__name__)

Task = Callable[..., Awaitable[Any]]


class InlineQueue:
    """Runs tasks as asyncio tasks in this process, at most `concurrency` at once."""

    def __init__(self, ctx: dict[str, Any], *, concurrency: int = 2) -> None:
        self.ctx = ctx
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._seen: set[str] = set()
        # Referenced until done: the event loop keeps only weak references to tasks.
        self._running: set[asyncio.Task[Any]] = set()

    def enqueue(self, task: Task, *args: Any, job_id: str) -> bool:
        """Start `task(ctx, *args)` unless `job_id` was enqueued before."""
        if job_id in self._seen:
            return False
        self._seen.add(job_id)
        running = asyncio.create_task(self._run(task, args, job_id), name=job_id)
        self._running.add(running)
        running.add_done_callback(self._running.discard)
        return True

    async def _run(self, task: Task, args: tuple[Any, ...], job_id: str) -> Any:
        """Run one task in a slot; its failure is logged, never raised to the loop."""
        async with self._slots:
            try:
                return await task(self.ctx, *args)
            except Exception:
                log.exception("job %s failed", job_id)
                return None

    async def drain(self) -> None:
        """Wait for every enqueued task, including those enqueued meanwhile."""
        while self._running:
            await asyncio.gather(*list(self._running), return_exceptions=True)
