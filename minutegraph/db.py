"""Declarative base, engine and sessions: one code path for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

# Constraint names that are the same on SQLite and PostgreSQL, so migrations and
# `alembic check` agree on both.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


Sessions = async_sessionmaker[AsyncSession]


def is_sqlite(url: str) -> bool:
    """True for a SQLite URL."""
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, **kw: Any) -> AsyncEngine:
    """An async engine; SQLite gets foreign keys, WAL and a busy timeout."""
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kw.setdefault("connect_args", {"timeout": 30})
    else:
        kw.setdefault("pool_pre_ping", True)
    # A failed statement's error message leaves out its parameters: they hold
    # document text and token hashes, and error messages end up in logs.
    kw.setdefault("hide_parameters", True)
    engine = create_async_engine(url, **kw)
    if is_sqlite(url):
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin_immediate)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is switched off so that BEGIN is ours.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_immediate(conn: Any) -> None:
    # A writing transaction (execution option `write=True`, see `write_session`)
    # takes the write lock when it starts: two writers then queue on the busy
    # timeout instead of failing with "database is locked" when one upgrades its
    # read lock. Readers stay deferred and never block under WAL.
    immediate = conn.get_execution_options().get("write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_sessions(engine: AsyncEngine) -> Sessions:
    """The session factory every request, task and CLI command uses."""
    return async_sessionmaker(engine, expire_on_commit=False)


# One key for "the graph is being linked": linking a document is short next to
# extracting it, so linkers take turns on PostgreSQL as they do on SQLite. Every
# writer of organisation, person, alias or membership rows takes it too (hand
# edits, merges, deletes): new rows then get their ids in commit order, which the
# linker's name-index cache relies on (ingest/name_index_cache.py).
GRAPH_LOCK = 0x6D67_7261_7068  # "mgraph"


@asynccontextmanager
async def write_session(
    sessions: Sessions, *, exclusive: bool = False
) -> AsyncIterator[AsyncSession]:
    """A session in one writing transaction: committed on success, else rolled back.

    `exclusive` makes writers of the graph's names take turns (SQLite always
    does: its writing transactions begin IMMEDIATE); see `GRAPH_LOCK`.
    """
    async with sessions() as session:
        connection = await session.connection(execution_options={"write": True})
        if exclusive and connection.dialect.name == "postgresql":
            await session.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": GRAPH_LOCK}
            )
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


@asynccontextmanager
async def engine_scope(url: str) -> AsyncIterator[tuple[AsyncEngine, Sessions]]:
    """An engine and its session factory, disposed on exit."""
    engine = create_engine(url)
    try:
        yield engine, create_sessions(engine)
    finally:
        await engine.dispose()
