"""Real databases for tests: a SQLite file per test, a PostgreSQL database per run."""

from __future__ import annotations

import asyncio
import os
import uuid

import asyncpg
from sqlalchemy.engine import make_url

from minutegraph.db import Base
from minutegraph.migrate import upgrade


def _dsn(url: str) -> str:
    return (
        make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    )


async def _admin(url: str, sql: str) -> None:
    conn = await asyncpg.connect(_dsn(url), timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


class PostgresRun:
    """A database of its own in the shared server, for one test run, dropped after."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.name = f"mg_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.url = (
            make_url(base_url)
            .set(database=self.name)
            .render_as_string(hide_password=False)
        )

    def create(self, *, migrate: bool = True) -> str:
        """Create the database (migrated to head unless told not to); return its URL."""
        asyncio.run(_admin(self.base_url, f'CREATE DATABASE "{self.name}"'))
        if migrate:
            upgrade(self.url)
        return self.url

    def drop(self) -> None:
        """Drop the database (the shared server stays up)."""
        asyncio.run(
            _admin(self.base_url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        )

    def truncate(self) -> None:
        """Empty every table between tests."""
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        asyncio.run(_admin(self.url, f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
