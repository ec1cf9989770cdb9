"""New people and organisations get their ids without a round trip each."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import event, func, select

from ingest.link_people import NewRows
from minutegraph import models
from minutegraph.db import engine_scope, is_sqlite, write_session


async def _add(url: str, chunk: int, names: list[str]) -> tuple[list[int], list[str]]:
    statements: list[str] = []
    async with engine_scope(url) as (engine, sessions):

        def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            statements.append(statement.split()[0].upper())

        async with write_session(sessions, exclusive=True) as session:
            event.listen(engine.sync_engine, "before_cursor_execute", seen)
            rows = NewRows(session, models.Organisation, chunk)
            ids = [await rows.add(name=name) for name in names]
            await session.flush()
            event.remove(engine.sync_engine, "before_cursor_execute", seen)
            stored = await session.scalar(
                select(func.count()).where(models.Organisation.id.in_(ids))
            )
            assert stored == len(names)  # every id is the row's own
    return ids, statements


def test_ids_come_in_chunks_and_rows_in_one_insert(database_url: str) -> None:
    names = [f"Organisation {n}" for n in range(5)]
    ids, statements = asyncio.run(_add(database_url, 2, names))
    assert len(set(ids)) == 5
    assert ids == sorted(ids)  # drawn in order: the name-index cache reads by id
    if is_sqlite(database_url):
        assert statements.count("INSERT") == 5  # a flush each, for the id
    else:
        assert statements.count("SELECT") == 3  # 5 ids, 2 at a time
        assert statements.count("INSERT") == 1
    again, _statements = asyncio.run(_add(database_url, 2, ["Later"]))
    assert again[0] > max(ids)  # unused ids are gaps, never handed out twice
