"""Run an arq worker until told to stop, outliving Redis restarts.

arq's `Worker.main` ends with an exception when Redis goes away. `run_worker`
makes the worker again (after a capped, doubling wait) with the same `ctx`, so
the engine and the spaCy pipeline are made once per process. SIGTERM or SIGINT
stops it gracefully: no new job is taken, running ones get `grace` seconds to
finish, then they are cancelled and hand their rows back to the queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any

from arq.worker import Worker

from minutegraph.settings import Settings
from workers.settings import close_resources, health_check_key, worker_options
from workers.tasks import is_transient

log = logging.getLogger(__name__)

MAX_RECONNECT_DELAY = 30.0


async def run_worker(
    settings: Settings, *, burst: bool = False, grace: float = 30.0
) -> int:
    """Work the queue until a signal (or, with `burst`, until it is empty)."""
    options = worker_options(settings)
    ctx: dict[str, Any] = options.pop("ctx")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    delay = 1.0
    completed = 0
    try:
        while not stop.is_set():
            worker = Worker(**options, ctx=ctx, burst=burst, handle_signals=False)
            main = asyncio.create_task(worker.main())
            stopping = asyncio.create_task(stop.wait())
            try:
                await asyncio.wait(
                    {main, stopping}, return_when=asyncio.FIRST_COMPLETED
                )
                if main.done():
                    main.result()  # raises what ended the worker
                    return worker.jobs_complete + completed  # a burst is done
                await _stop(worker, main, grace)
            except Exception as exc:
                if not is_transient(exc):
                    raise
                log.warning(
                    "worker: Redis or the database is unreachable (%s); "
                    "starting again in %.0f s",
                    type(exc).__name__,
                    delay,
                )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), delay)
                delay = min(delay * 2, MAX_RECONNECT_DELAY)
            else:
                delay = 1.0
            finally:
                stopping.cancel()
                completed += worker.jobs_complete
                await _close(worker, ctx, grace)
    finally:
        await close_resources(ctx)
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
    return completed


async def _stop(worker: Worker, main: asyncio.Task[Any], grace: float) -> None:
    """Take no new job; give running ones `grace` seconds; cancel the rest."""
    worker.allow_pick_jobs = False
    running = [task for task in worker.tasks.values() if not task.done()]
    log.info("worker: stopping; %s job(s) running", len(running))
    if running:
        await asyncio.wait(running, timeout=grace)
    for task in worker.tasks.values():
        task.cancel()
    main.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await main
    await asyncio.gather(*worker.tasks.values(), return_exceptions=True)


async def _close(worker: Worker, ctx: dict[str, Any], grace: float) -> None:
    """Let running jobs end (they need the database, not Redis), cancel what is
    left after `grace`, run arq's shutdown hook and drop its Redis pool."""
    running = [task for task in worker.tasks.values() if not task.done()]
    if running:
        await asyncio.wait(running, timeout=grace)
    for task in worker.tasks.values():
        task.cancel()
    await asyncio.gather(*worker.tasks.values(), return_exceptions=True)
    pool = worker._pool  # arq keeps its pool private
    worker._pool = None
    if worker.on_shutdown is not None:
        with contextlib.suppress(Exception):
            await worker.on_shutdown(ctx)
    if pool is not None:
        with contextlib.suppress(Exception):
            await pool.delete(worker.health_check_key)
        with contextlib.suppress(Exception):
            await pool.aclose(close_connection_pool=True)


async def check_health(settings: Settings, host: str | None = None) -> bool:
    """True when the worker on `host` (this one by default) refreshed its key lately."""
    from workers.queue import ArqQueue

    queue = ArqQueue(settings)
    try:
        pool = await queue.pool()
        return bool(await pool.exists(health_check_key(settings, host)))
    except Exception as exc:  # noqa: BLE001 - an unreachable Redis is "not healthy"
        log.warning("worker check: %s", type(exc).__name__)
        return False
    finally:
        await queue.close()
