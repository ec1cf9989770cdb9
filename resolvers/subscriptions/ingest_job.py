"""The `ingestJob(id)` subscription: a job's state as it changes, until it ends."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator
from typing import Any

import strawberry

from minutegraph.graph import job_watch
from resolvers.context import Info
from resolvers.permissions import IsReader
from schema.errors import NotFound
from schema.ingest_job_state import IngestJobState, IngestJobStateResult
from schema.node import key_of


class CanRead(IsReader):
    """Queries' rule for subscriptions: a reader token, or none if anonymous_read."""

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        """True for anonymous reading when enabled, else IsReader's check."""
        context = info.context
        if context.role is None and context.settings.anonymous_read:
            return True
        return super().has_permission(source, info, **kwargs)


async def ingest_job(
    info: Info, id: strawberry.ID
) -> AsyncGenerator[IngestJobStateResult, None]:
    """Send the job's state now and on every change; complete on a final state."""
    key = None
    with contextlib.suppress(ValueError):
        key = key_of(id, "IngestJob")
    found = False
    if key is not None:
        context = info.context
        states = job_watch.watch(
            sessions=context.sessions,
            job_id=key,
            interval=context.settings.job_poll_interval,
        )
        async with contextlib.aclosing(states):
            async for state in states:
                found = True
                yield IngestJobState.from_state(state)
    if not found:
        yield NotFound.of(id, f"no ingestion job {id}")
