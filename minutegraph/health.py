"""`/healthz` (the process is up) and `/readyz` (its database and Redis answer).

An orchestrator restarts a process whose liveness fails, so /healthz does no
I/O: a slow database must not get healthy API processes killed. /readyz takes a
process out of the load balancer while a dependency it needs does not answer;
each check gets settings.readiness_timeout seconds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse

from minutegraph.db import Sessions
from minutegraph.settings import Settings

log = logging.getLogger(__name__)

NOT_CONFIGURED = "not configured"


async def healthz(_request: Request) -> JSONResponse:
    """Liveness: the process is up and serving (no database or Redis call)."""
    return JSONResponse({"status": "ok"})


async def database_answers(sessions: Sessions) -> None:
    """Run SELECT 1 on the database; raise when it fails."""
    async with sessions() as session:
        await session.execute(text("SELECT 1"))


async def redis_answers(url: str, timeout: float) -> None:
    """PING the Redis at `url`; raise when it fails."""
    from redis.asyncio import Redis

    client = Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
    async with client:
        await client.ping()


async def _check(
    name: str, probe: Callable[[], Awaitable[None]], timeout: float
) -> str:
    try:
        async with asyncio.timeout(timeout):
            await probe()
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        reason = "timed out" if isinstance(exc, TimeoutError) else type(exc).__name__
        log.warning("readiness: %s check failed (%s)", name, reason)
        return f"failed: {reason}"
    return "ok"


async def readiness(sessions: Sessions, settings: Settings) -> dict[str, str]:
    """Each dependency's state: "ok", "failed: <reason>" or "not configured"."""
    timeout = settings.readiness_timeout
    database = _check("database", lambda: database_answers(sessions), timeout)
    if settings.redis_url:
        url = settings.redis_url
        redis = _check("redis", lambda: redis_answers(url, timeout), timeout)
        db_state, redis_state = await asyncio.gather(database, redis)
    else:
        db_state, redis_state = await database, NOT_CONFIGURED
    return {"database": db_state, "redis": redis_state}


async def readyz(request: Request) -> JSONResponse:
    """Readiness: 200 when the database (and Redis, when set) answer, else 503."""
    checks = await readiness(request.state.sessions, request.state.settings)
    ready = all(state in {"ok", NOT_CONFIGURED} for state in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "unavailable", "checks": checks},
        status_code=200 if ready else 503,
    )
