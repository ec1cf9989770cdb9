"""/metrics: Prometheus text that parses, and counts that move with what happens."""

from __future__ import annotations

import asyncio
import socket
import urllib.request
import uuid
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import event
from sqlalchemy.engine import Engine
from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.graph_stats import queue_depth
from minutegraph.metrics import (
    MAX_NAME_LENGTH,
    OperationNames,
    observe_stage,
    start_worker_metrics,
)
from minutegraph.settings import Settings
from schema.node import to_global_id
from tests.api.conftest import post
from tests.api.tokens import bearer

MEETINGS = "query Meetings { meetings(first: 2) { totalCount } }"
TOO_DEEP = (
    "query Deep { meetings { edges { node { attendances { person { "
    + ("memberships { organisation { people { " * 3)
    + "name"
    + " } } }" * 3
    + " } } } } } }"
)
DELETE = 'mutation Wipe { documentDelete(id: "RG9jdW1lbnQ6MQ==") { __typename } }'


def scrape(client: TestClient) -> dict[tuple[str, tuple], float]:
    """/metrics parsed: (sample name, sorted labels) -> value."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples: dict, name: str, **labels: str) -> float:
    """One sample's value; 0 when it is absent."""
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_graph_counts_jobs_and_queue_depth(client: TestClient) -> None:
    samples = scrape(client)
    documents = post(client, "{ documents { totalCount } }")["documents"]["totalCount"]
    people = post(client, "{ people { totalCount } }")["people"]["totalCount"]
    assert value(samples, "minutegraph_documents") == documents == 5
    assert value(samples, "minutegraph_graph_nodes", type="person") == people > 0
    for kind in ("organisation", "meeting", "event", "action_item", "attendance"):
        assert value(samples, "minutegraph_graph_nodes", type=kind) > 0
    for state in ("queued", "running", "succeeded", "failed", "cancelled"):
        assert ("minutegraph_jobs", (("state", state),)) in samples
    assert value(samples, "minutegraph_queue_depth") == 0
    assert ("process_cpu_seconds_total", ()) in samples  # the process collector


def test_requests_latency_and_cache_hits_by_operation(client: TestClient) -> None:
    before = scrape(client)
    post(client, MEETINGS)
    post(client, MEETINGS)  # the same answer again: from the response cache
    post(client, "{ meetings { totalCount } }")
    after = scrape(client)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    requests = "minutegraph_graphql_requests_total"
    assert moved(requests, operation="Meetings", type="query", cache="miss") == 1
    assert moved(requests, operation="Meetings", type="query", cache="hit") == 1
    assert moved(requests, operation="anonymous", type="query", cache="miss") == 1
    latency = "minutegraph_graphql_request_seconds"
    assert moved(f"{latency}_count", operation="Meetings") == 2
    assert moved(f"{latency}_sum", operation="Meetings") > 0


def test_errors_by_code(client: TestClient, corpus_settings: Settings) -> None:
    before = scrape(client)
    client.post("/graphql", json={"query": "query Broken { meetings {"})
    client.post("/graphql", json={"query": "query Unknown { nothing }"})
    client.post("/graphql", json={"query": TOO_DEEP})
    client.post("/graphql", json={"query": DELETE})
    client.post(
        "/graphql", json={"query": DELETE}, headers=bearer(corpus_settings, "editor")
    )
    after = scrape(client)

    def moved(code: str) -> float:
        name = "minutegraph_graphql_errors_total"
        return value(after, name, code=code) - value(before, name, code=code)

    assert moved("GRAPHQL_PARSE_FAILED") == 1
    assert moved("GRAPHQL_VALIDATION_FAILED") == 1
    assert moved("QUERY_TOO_DEEP") == 1
    assert moved("UNAUTHENTICATED") == 1
    assert moved("FORBIDDEN") == 1
    requests = "minutegraph_graphql_requests_total"
    invalid = {"operation": "invalid", "type": "unknown", "cache": "miss"}
    wipe = {"operation": "Wipe", "type": "mutation", "cache": "miss"}
    # Parse, validation and depth failures are not labelled by their names.
    assert value(after, requests, **invalid) - value(before, requests, **invalid) == 3
    assert value(after, requests, **wipe) - value(before, requests, **wipe) == 2


def test_a_refused_request_counts_as_rejected(client: TestClient) -> None:
    before = scrape(client)
    response = client.post(
        "/graphql",
        json={"query": MEETINGS},
        headers={"authorization": "Bearer not-a-token"},
    )
    assert response.status_code == 401
    after = scrape(client)
    labels = {"operation": "rejected", "type": "unknown", "cache": "miss"}
    name = "minutegraph_graphql_requests_total"
    assert value(after, name, **labels) - value(before, name, **labels) == 1


def test_operation_names_are_bounded() -> None:
    names = OperationNames(limit=2)
    assert names.label(None) == names.label("") == "anonymous"
    assert names.label("A") == "A"
    assert names.label("x" * 500) == "x" * MAX_NAME_LENGTH
    assert names.label("C") == "other"  # the third distinct name
    assert names.label("A") == "A"  # names seen before keep their label


def test_scrapes_reuse_recent_counts(settings: Settings) -> None:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    with TestClient(create_app(settings)) as client:
        event.listen(Engine, "before_cursor_execute", count)
        try:
            client.get("/metrics")
            first = len(seen)
            client.get("/metrics")
            second = len(seen) - first
        finally:
            event.remove(Engine, "before_cursor_execute", count)
    assert first > 0
    assert second == 0


def test_ingest_stages_are_observed() -> None:
    from prometheus_client import REGISTRY

    def count(stage: str) -> float:
        name = "minutegraph_ingest_stage_seconds_count"
        return REGISTRY.get_sample_value(name, {"stage": stage}) or 0.0

    before, other = count("extract"), count("other")
    observe_stage("extract", 0.25)
    observe_stage("Not A Stage!", 1.0)  # odd names share one label
    assert count("extract") == before + 1
    assert count("other") == other + 1


def test_a_worker_serves_its_own_metrics() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    start_worker_metrics(port, addr="127.0.0.1")
    observe_stage("link", 0.5)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics") as response:
        text = response.read().decode()
    families = {family.name for family in text_string_to_metric_families(text)}
    assert "minutegraph_ingest_stage_seconds" in families


@pytest.mark.redis
def test_queue_depth_is_the_arq_queue_size(settings: Settings, redis_url: str) -> None:
    from redis import Redis

    name = f"minutegraph:test-metrics:{uuid.uuid4().hex}"
    with_redis = settings.model_copy(
        update={"redis_url": redis_url, "queue_name": name}
    )
    with Redis.from_url(redis_url) as redis:
        redis.zadd(name, {"a": 1, "b": 2, "c": 3})
        try:
            with TestClient(create_app(with_redis)) as client:
                samples = scrape(client)
            # Without the app's queue, Redis is asked directly.
            direct = asyncio.run(queue_depth(with_redis, queue=None))
        finally:
            redis.delete(name)
    assert value(samples, "minutegraph_queue_depth") == 3
    assert direct == 3


def test_a_subscription_is_counted_untimed(settings: Settings) -> None:
    from tests.api.test_ingest_job_subscription import follow

    with TestClient(create_app(settings)) as client:
        before = scrape(client)
        [state] = follow(client, to_global_id("IngestJob", 99))
        after = scrape(client)
    assert state["__typename"] == "NotFound"
    labels = {"operation": "anonymous", "type": "subscription", "cache": "miss"}
    name = "minutegraph_graphql_requests_total"
    assert value(after, name, **labels) - value(before, name, **labels) == 1
    timed = "minutegraph_graphql_request_seconds_count"
    assert value(after, timed, operation="anonymous") == value(
        before, timed, operation="anonymous"
    )
