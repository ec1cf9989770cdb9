"""The real services answer where CI says they are (a missing one fails in CI)."""

from __future__ import annotations

import asyncio

import asyncpg
from redis.asyncio import Redis


def test_postgres_answers(postgres_url: str) -> None:
    dsn = postgres_url.replace("postgresql+asyncpg://", "postgresql://")

    async def probe() -> int:
        conn = await asyncpg.connect(dsn, timeout=10)
        try:
            return await conn.fetchval("SELECT 1")
        finally:
            await conn.close()

    assert asyncio.run(probe()) == 1


def test_redis_answers(redis_url: str) -> None:
    async def probe() -> bool:
        client = Redis.from_url(redis_url, socket_timeout=10)
        try:
            return await client.ping()
        finally:
            await client.aclose()

    assert asyncio.run(probe()) is True
