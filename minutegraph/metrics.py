"""Prometheus metrics: GraphQL operations, errors, ingestion stages, the graph.

Process-wide metrics live in prometheus_client's default registry (with its
process and GC collectors): `minutegraph_graphql_requests_total{operation,type,
cache}`, `minutegraph_graphql_request_seconds{operation}`,
`minutegraph_graphql_errors_total{code}` and `minutegraph_ingest_stage_seconds
{stage}` (fed by `observe_stage`). The API's `/metrics` adds what the database
and queue hold, counted at scrape time: jobs by state, queue depth, documents
and graph nodes per table (`minutegraph.graph_stats.GraphStats`). An arq
worker is a process of its own: `start_worker_metrics(port)` serves its metrics.

Label values are bounded: an operation is labelled with its name only once its
document parsed and validated, names are cut to 64 characters, and after
MAX_OPERATION_NAMES distinct names further ones share the label "other".
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import GraphQLError, get_operation_ast, parse
from prometheus_client import (
    Counter,
    Histogram,
    start_http_server,
)

MAX_OPERATION_NAMES = 100
MAX_NAME_LENGTH = 64
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
