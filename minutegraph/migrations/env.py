"""Alembic environment: URL from settings or the caller, async engines, SQLite batch."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from minutegraph import models  # noqa: F401 - registers every table on Base.metadata
from minutegraph.db import Base, create_engine, is_sqlite
from minutegraph.settings import get_settings

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    return config.attributes.get("url") or get_settings().database_url


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        render_as_batch=is_sqlite(_url()),  # SQLite alters tables by copying them
        compare_type=True,
        literal_binds=connection is None,
    )


def run_migrations_offline() -> None:
    """Emit SQL without a database connection (`alembic upgrade --sql`)."""
    _configure(url=_url())
    with context.begin_transaction():
        context.run_migrations()


def _run_sync(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    """Run the migrations over an async engine."""
    connection = config.attributes.get("connection")
    if connection is not None:  # called from code that already holds a connection
        _run_sync(connection)
        return
    engine = create_engine(_url())
    try:
        async with engine.connect() as conn:
            await conn.run_sync(_run_sync)
            await conn.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_migrations_online())
