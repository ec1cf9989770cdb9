"""The response cache: a repeated query costs one probe; any write invalidates it."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from sqlalchemy import update
from starlette.testclient import TestClient

from minutegraph import models, response_cache
from minutegraph.app import create_app
from minutegraph.db import engine_scope
from minutegraph.settings import Settings
from tests.api.conftest import post, post_errors
from tests.api.test_statements import counted

ORGANISATION_NAMES = """
query ($first: Int!) { organisations(first: $first) { edges { node { name } } } }
"""
BAD_CURSOR = 'query { organisations(after: "nope") { edges { node { name } } } }'


async def _write(url: str, statement: object = None) -> None:
    async with engine_scope(url) as (_, sessions), sessions.begin() as session:
        if statement is None:
            session.add(models.Organisation(name="Acme"))
        else:
            await session.execute(statement)


def _names(client: TestClient, first: int = 5) -> list[str]:
    data = post(client, ORGANISATION_NAMES, first=first)
    return [edge["node"]["name"] for edge in data["organisations"]["edges"]]


def test_a_repeated_query_runs_only_the_probe(settings: Settings) -> None:
    asyncio.run(_write(settings.database_url))
    with TestClient(create_app(settings)) as client:
        assert _names(client) == ["Acme"]
        with counted() as statements:
            assert _names(client) == ["Acme"]
        selects = [s for s in statements if s.lstrip().startswith("SELECT")]
        assert len(selects) == 1  # the probe for other processes' writes
        with counted() as statements:  # other variables: another entry
            assert _names(client, first=1) == ["Acme"]
        assert statements


def test_every_committed_write_invalidates(settings: Settings) -> None:
    url = settings.database_url
    asyncio.run(_write(url))
    with TestClient(create_app(settings)) as client:
        assert _names(client) == ["Acme"]
        before = response_cache.version()
        rename = update(models.Organisation).values(name="Acme Corp")
        asyncio.run(_write(url, rename))  # a plain UPDATE, outside the ORM's units
        assert response_cache.version() > before
        assert _names(client) == ["Acme Corp"]
        asyncio.run(_write(url))  # an ORM insert
        assert _names(client) == ["Acme", "Acme Corp"]


def test_errors_and_get_requests_are_not_kept(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        for _ in range(2):
            assert post_errors(client, BAD_CURSOR)
        response = client.get("/graphql", params={"query": "{ __typename }"})
        assert response.json() == {"data": {"__typename": "Query"}}


def test_only_queries_are_cacheable() -> None:
    assert response_cache.is_query("query { a }", None)
    assert response_cache.is_query("{ a }", None)
    assert not response_cache.is_query("mutation { a }", None)
    assert not response_cache.is_query("query A { a } mutation B { b }", "B")
    assert not response_cache.is_query("subscription { a }", None)
    assert not response_cache.is_query("not graphql", None)


def test_a_correction_from_another_process_invalidates(settings: Settings) -> None:
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("another process is played by the sqlite3 module")
    asyncio.run(_write(settings.database_url))
    path = settings.database_url.split("///", 1)[1]
    with TestClient(create_app(settings)) as client:
        assert _names(client) == ["Acme"]
        before = response_cache.version()
        with sqlite3.connect(path) as other:  # no SQLAlchemy: no in-process bump
            other.execute("UPDATE organisation SET name = 'Acme Corp'")
            other.execute(
                "INSERT INTO correction (target, target_key, field, value, active,"
                " created_at) VALUES ('organisation', 'acme', 'name', '\"Acme"
                " Corp\"', 1, '2026-01-01')"
            )
        assert response_cache.version() == before
        assert _names(client) == ["Acme Corp"]


def _sent(body: bytes) -> list[dict]:
    return [
        {"type": "http.response.start", "status": 200, "headers": []},
        {"type": "http.response.body", "body": body},
    ]


def test_entries_and_bytes_are_bounded() -> None:
    cache = response_cache.ResponseCache(None, max_entries=2, max_bytes=40)
    for key in "abc":
        cache._keep(key, _sent(b"x" * 5))
    assert list(cache.entries) == ["b", "c"]
    cache._keep("big", _sent(b"x" * 11))  # over a quarter of the budget: not kept
    assert "big" not in cache.entries
    cache = response_cache.ResponseCache(None, max_entries=10, max_bytes=40)
    for key in "abcdefghij":
        cache._keep(key, _sent(b"x" * 10))
    assert cache.size <= 40
    assert list(cache.entries) == ["g", "h", "i", "j"]
