"""Prometheus metrics: GraphQL operations, errors, ingestion stages, the graph.

Process-wide metrics live in prometheus_client's default registry (with its
process and GC collectors): `minutegraph_graphql_requests_total{operation,type,
cache}`, `minutegraph_graphql_request_seconds{operation}`,
`minutegraph_graphql_errors_total{code}` and `minutegraph_ingest_stage_seconds
{stage}` (fed by `observe_stage`). The API's `/metrics` adds what the database
and queue hold, read at scrape time and cached for SNAPSHOT_TTL seconds: jobs by
state, queue depth, documents and graph nodes per table (`GraphStats`). An arq
worker is a process of its own: `start_worker_metrics(port)` serves its metrics.

Label values are bounded: an operation is labelled with its name only once its
document parsed and validated, names are cut to 64 characters, and after
MAX_OPERATION_NAMES distinct names further ones share the label "other".
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import GraphQLError, get_operation_ast, parse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response

from minutegraph.db import Sessions
from minutegraph.settings import Settings

log = logging.getLogger(__name__)

MAX_OPERATION_NAMES = 100
MAX_NAME_LENGTH = 64
SNAPSHOT_TTL = 5.0  # seconds a scrape's database and queue counts are reused
SCOPE_KEY = "minutegraph.operation"  # where the view's extension leaves labels
_STAGE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_MAX_KEPT_BODY = 1 << 20  # a JSON body kept to label a cached answer

REQUESTS = Counter(
    "minutegraph_graphql_requests",
    "GraphQL operations answered, by operation name, type and response cache.",
    ["operation", "type", "cache"],
)
LATENCY = Histogram(
    "minutegraph_graphql_request_seconds",
    "Time to answer a GraphQL request over HTTP, by operation name.",
    ["operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
ERRORS = Counter(
    "minutegraph_graphql_errors",
    "Errors in GraphQL responses, by extensions.code.",
    ["code"],
)
INGEST_STAGE = Histogram(
    "minutegraph_ingest_stage_seconds",
    "Time an ingestion spent in each stage (read, extract, link).",
    ["stage"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600),
)


def observe_stage(stage: str, seconds: float) -> None:
    """Record that an ingestion spent `seconds` in `stage` (read, extract, link)."""
    INGEST_STAGE.labels(stage if _STAGE.fullmatch(stage) else "other").observe(seconds)


def start_worker_metrics(port: int, addr: str = "0.0.0.0") -> None:
    """Serve this process's metrics at http://addr:port/metrics (a worker's)."""
    start_http_server(port, addr=addr)


class OperationNames:
    """Operation-name labels: cut, and at most MAX_OPERATION_NAMES distinct."""

    def __init__(self, limit: int = MAX_OPERATION_NAMES) -> None:
        self.limit = limit
        self.seen: set[str] = set()

    def label(self, name: str | None) -> str:
        """The label for a parsed, valid operation called `name` (None: unnamed)."""
        if not name:
            return "anonymous"
        name = name[:MAX_NAME_LENGTH]
        if name in self.seen:
            return name
        if len(self.seen) >= self.limit:
            return "other"
        self.seen.add(name)
        return name


OPERATION_NAMES = OperationNames()


@dataclass(slots=True)
class OperationLabels:
    """What the GraphQL extension learnt about the operation it ran."""

    operation: str = "rejected"
    type: str = "unknown"
    executed: bool = False


@lru_cache(maxsize=512)
def _cached_operation(query: str, name: str | None) -> tuple[str | None, str] | None:
    try:
        operation = get_operation_ast(parse(query), name)
    except GraphQLError:
        return None
    if operation is None:
        return None
    return (operation.name.value if operation.name else None), operation.operation.value


def _labels_of_body(body: bytes) -> OperationLabels | None:
    """Labels of a JSON request body's operation, or None when it has none."""
    try:
        request = json.loads(body)
        found = _cached_operation(request["query"], request.get("operationName"))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if found is None:
        return None
    return OperationLabels(OPERATION_NAMES.label(found[0]), found[1], executed=True)


class GraphQLMetrics:
    """ASGI wrapper around the GraphQL route: counts and times every request.

    The schema's OperationMetrics extension leaves the operation's labels in the
    scope; an answer the response cache gave (the extension never ran) is
    labelled from its request body; a request refused before GraphQL ran (bad
    token, CSRF) is counted as operation "rejected".
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        """Pass the request through, then count it and observe its latency."""
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        labels = scope[SCOPE_KEY] = OperationLabels()
        headers = dict(scope.get("headers", ()))
        keep = headers.get(b"content-type", b"").startswith(b"application/json")
        body: list[bytes] = []
        status: list[int] = []

        async def tee_receive() -> dict:
            message = await receive()
            if keep and sum(map(len, body)) < _MAX_KEPT_BODY:
                body.append(message.get("body", b""))
            return message

        async def tee_send(message: dict) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        start = time.perf_counter()
        try:
            await self.app(scope, tee_receive, tee_send)
        finally:
            self._record(scope, labels, b"".join(body), status, start)

    @staticmethod
    def _record(
        scope: dict, labels: OperationLabels, body: bytes, status: list, start: float
    ) -> None:
        cache = "miss"
        if not labels.executed:
            if scope["method"] != "POST":
                return  # GraphiQL's page, not an operation
            hit = _labels_of_body(body) if status == [200] else None
            if hit is not None:
                labels, cache = hit, "hit"
        REQUESTS.labels(labels.operation, labels.type, cache).inc()
        LATENCY.labels(labels.operation).observe(time.perf_counter() - start)


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
        states = dict((await session.execute(by_state)).tuples().all())
    return {
        "documents": row[0],
        "nodes": dict(zip(nodes, row[1:], strict=True)),
        "jobs": states,
    }


JOB_STATES = ("queued", "running", "succeeded", "failed")


async def queue_depth(settings: Settings, queue: Any) -> int | None:
    """Jobs waiting: ZCARD of the arq queue with Redis, else the in-process count."""
    if settings.redis_url:
        from redis.asyncio import Redis

        client = Redis.from_url(
            settings.redis_url,
            socket_connect_timeout=settings.readiness_timeout,
            socket_timeout=settings.readiness_timeout,
        )
        async with client:
            return int(await client.zcard(settings.queue_name))
    pending = getattr(queue, "pending", None)
    if pending is None:  # InlineQueue without a `pending` count: its live tasks
        pending = len(getattr(queue, "_running", None) or ())
    return int(pending() if callable(pending) else pending)


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
