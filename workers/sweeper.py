"""The sweeper: jobs a dead process left, and jobs Redis lost, back into the queue.

It runs once when a runner starts (an arq worker, or the API with the in-process
queue) and then every `settings.sweep_interval` seconds. See
`minutegraph.graph.jobs.sweep` for what it does to the rows.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from minutegraph.db import Sessions
from minutegraph.graph import jobs

log = logging.getLogger(__name__)


async def sweep_once(
    *, sessions: Sessions, queue: Any, lease: float
) -> tuple[int, int]:
    """One sweep: (abandoned jobs put back, jobs newly queued)."""
    abandoned, queued = await jobs.sweep(
        sessions=sessions, lease=lease, submit=queue.submit
    )
    if abandoned or queued:
        log.info(
            "sweeper: %s abandoned job(s) put back, %s job(s) queued", abandoned, queued
        )
    return abandoned, queued


async def sweep_forever(
    *,
    sessions: Sessions,
    queue: Any,
    lease: float,
    interval: float,
    sweep_first: bool = True,
) -> None:
    """Sweep (now, unless not `sweep_first`) and then every `interval` seconds.

    A failed sweep (the database or Redis unreachable) is logged; the next one
    tries again.
    """
    if not sweep_first:
        await asyncio.sleep(interval)
    while True:
        try:
            await sweep_once(sessions=sessions, queue=queue, lease=lease)
        except Exception as exc:  # noqa: BLE001 - the next sweep tries again
            log.warning("sweeper: sweep failed (%s: %s)", type(exc).__name__, exc)
        await asyncio.sleep(interval)


@contextlib.asynccontextmanager
async def sweeping(*, sessions: Sessions, queue: Any, settings: Any) -> Any:
    """Sweep once now, then every `settings.sweep_interval` s during the block."""
    try:
        await sweep_once(sessions=sessions, queue=queue, lease=settings.job_lease)
    except Exception as exc:  # noqa: BLE001 - the periodic sweep tries again
        log.warning("sweeper: sweep failed (%s: %s)", type(exc).__name__, exc)
    task = asyncio.create_task(
        sweep_forever(
            sessions=sessions,
            queue=queue,
            lease=settings.job_lease,
            interval=settings.sweep_interval,
            sweep_first=False,
        ),
        name="minutegraph-sweeper",
    )
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
