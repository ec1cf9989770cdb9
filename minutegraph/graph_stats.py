"""The graph's numbers for /metrics: jobs by state, queue depth, documents, nodes.

Counted from the database (and Redis) when Prometheus scrapes, with cheap COUNT
queries in one round trip, and reused for SNAPSHOT_TTL seconds so that frequent
scrapes (several Prometheus servers, several API processes' worth) do not hammer
the database. A part that cannot be counted within settings.readiness_timeout is
left out of that scrape (and logged), the rest is still served.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response

from minutegraph.db import Sessions
from minutegraph.settings import Settings

log = logging.getLogger(__name__)

SNAPSHOT_TTL = 5.0  # seconds a scrape's database and queue counts are reused


async def _scalar_counts(sessions: Sessions) -> dict[str, Any]:
    from sqlalchemy import func, select

    from minutegraph import models

    nodes = {
        "organisation": models.Organisation,
        "person": models.Person,
        "membership": models.Membership,
        "meeting": models.Meeting,
        "attendance": models.Attendance,
        "event": models.Event,
        "action_item": models.ActionItem,
    }
    counts = select(
        select(func.count(models.Document.id)).scalar_subquery(),
        *(select(func.count(model.id)).scalar_subquery() for model in nodes.values()),
    )
    job = models.IngestJob
    by_state = select(job.status, func.count(job.id)).group_by(job.status)
    async with sessions() as session:
        row = (await session.execute(counts)).one()
        states = dict((await session.execute(by_state)).all())
    return {
        "documents": row[0],
        "nodes": dict(zip(nodes, row[1:], strict=True)),
        "jobs": states,
    }


JOB_STATES = ("queued", "running", "succeeded", "failed", "cancelled")


async def queue_depth(settings: Settings, queue: Any) -> int | None:
    """Jobs waiting: the queue's own `depth()` (workers/queue.py), else, with
    Redis, ZCARD of the arq queue; None when it cannot tell."""
    depth = getattr(queue, "depth", None)
    if callable(depth):
        found = await depth()
        return None if found is None else int(found)
    if not settings.redis_url:
        return None
    from redis.asyncio import Redis

    client = Redis.from_url(
        settings.redis_url,
        socket_connect_timeout=settings.readiness_timeout,
        socket_timeout=settings.readiness_timeout,
    )
    async with client:
        return int(await client.zcard(settings.queue_name))


class GraphStats(Collector):
    """Jobs by state, queue depth, documents and nodes: counted at scrape time."""

    def __init__(self, ttl: float = SNAPSHOT_TTL) -> None:
        self.ttl = ttl
        self.snapshot: dict[str, Any] = {}
        self.taken = float("-inf")
        self._lock = asyncio.Lock()

    async def refresh(self, sessions: Sessions, settings: Settings, queue: Any) -> None:
        """Count again unless the last count is younger than the TTL."""
        async with self._lock:
            if time.monotonic() - self.taken < self.ttl:
                return
            snapshot: dict[str, Any] = {}
            for what, read in (
                ("graph", lambda: _scalar_counts(sessions)),
                ("queue", lambda: queue_depth(settings, queue)),
            ):
                snapshot[what] = await _guarded(what, read, settings)
            self.snapshot, self.taken = snapshot, time.monotonic()

    def collect(self) -> Any:
        """The last snapshot as gauges (a part that failed to count is left out)."""
        graph = self.snapshot.get("graph")
        if graph is not None:
            jobs = GaugeMetricFamily(
                "minutegraph_jobs", "Ingestion jobs by state.", labels=["state"]
            )
            states = dict.fromkeys(JOB_STATES, 0) | graph["jobs"]
            for state, count in sorted(states.items()):
                jobs.add_metric([state], count)
            yield jobs
            yield GaugeMetricFamily(
                "minutegraph_documents", "Documents stored.", value=graph["documents"]
            )
            nodes = GaugeMetricFamily(
                "minutegraph_graph_nodes", "Graph rows per node table.", labels=["type"]
            )
            for kind, count in graph["nodes"].items():
                nodes.add_metric([kind], count)
            yield nodes
        depth = self.snapshot.get("queue")
        if depth is not None:
            yield GaugeMetricFamily(
                "minutegraph_queue_depth", "Jobs waiting to run.", value=depth
            )

    async def endpoint(self, request: Request) -> Response:
        """GET /metrics: the process's metrics and the graph's counts."""
        state = request.state
        await self.refresh(state.sessions, state.settings, state.queue)
        registry = CollectorRegistry()
        registry.register(_Forward(REGISTRY))
        registry.register(self)
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


async def _guarded(
    what: str, read: Callable[[], Awaitable[Any]], settings: Settings
) -> Any:
    """`read()` within the readiness timeout; None (logged) when it fails."""
    try:
        async with asyncio.timeout(settings.readiness_timeout):
            return await read()
    except Exception as exc:  # noqa: BLE001 - a scrape must answer whatever fails
        log.warning("metrics: could not count the %s (%s)", what, type(exc).__name__)
        return None


class _Forward(Collector):
    """Another registry's metrics, collected into this one."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry

    def collect(self) -> Any:
        """Everything the other registry collects."""
        return self.registry.collect()
