"""Row-level upserts that count what they did, so a second ingest reports only noops."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.model import Provenance
from ingest.report import Report


def apply(row: Any, values: dict[str, Any]) -> bool:
    """Set the attributes that differ; True when anything changed."""
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed


def count_apply(report: Report, kind: str, row: Any, values: dict[str, Any]) -> None:
    """`apply` and record update or noop."""
    report.count(kind, "update" if apply(row, values) else "noop")


def source_values(document_id: int, provenance: Provenance | None) -> dict[str, Any]:
    """The `Sourced` columns for a fact read from `provenance`."""
    if provenance is None:
        return {
            "document_id": document_id,
            "source_block": None,
            "source_start": None,
            "source_end": None,
            "source_snippet": None,
        }
    return {
        "document_id": document_id,
        "source_block": provenance.block,
        "source_start": provenance.start,
        "source_end": provenance.end,
        "source_snippet": provenance.snippet[:2000],
    }


def first_day(iso: str | None) -> dt.date | None:
    """The first day an ISO date of any precision covers: "2023-05" -> 2023-05-01."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    parts += [1] * (3 - len(parts))
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def precision_of(iso: str) -> str:
    """day, month or year, from the ISO string's length."""
    return {1: "year", 2: "month"}.get(len(iso.split("-")), "day")


async def insert_rows(
    session: AsyncSession, model: type[Any], rows: list[dict[str, Any]]
) -> None:
    """Insert new rows of one table in one statement, in order."""
    # For rows whose ids and objects the linker does not need: the ORM's flush
    # would insert them one statement each on SQLite (no RETURNING order there).
    if not rows:
        return
    # None for a column with a default means the default, as in the ORM's flush;
    # every other None is sent as NULL, so that the rows stay one batch.
    defaulted = {
        column.key
        for column in model.__table__.columns
        if column.default is not None or column.server_default is not None
    }
    await session.execute(
        insert(model),
        [
            {k: v for k, v in row.items() if v is not None or k not in defaulted}
            for row in rows
        ],
        execution_options={"render_nulls": True},
    )


class RowSync:
    """One document's rows of one kind: upsert those seen by key, delete the rest.

    `existing` maps each row's natural key (position, event id, text key...) to the
    row as stored; `put` refreshes a stored row or queues a new one, `finish`
    inserts the queued rows in one statement and deletes rows not put again.
    """

    def __init__(
        self,
        session: AsyncSession,
        report: Report,
        kind: str,
        model: type[Any],
        existing: dict[Any, Any],
    ) -> None:
        self.session = session
        self.report = report
        self.kind = kind
        self.model = model
        self.existing = dict(existing)
        self.new: list[dict[str, Any]] = []

    def put(self, key: Any, values: dict[str, Any], **identity: Any) -> None:
        """Refresh the row stored under `key`, or queue one of `identity` + `values`."""
        row = self.existing.pop(key, None)
        if row is None:
            self.new.append({**identity, **values})
            self.report.count(self.kind, "insert")
        else:
            count_apply(self.report, self.kind, row, values)

    async def finish(self) -> None:
        """Insert the queued rows; delete the rows this document no longer states."""
        await insert_rows(self.session, self.model, self.new)
        self.new = []
        for stale in self.existing.values():
            await self.session.delete(stale)
            self.report.count(self.kind, "delete")
        self.existing.clear()
