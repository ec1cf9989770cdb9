"""The sweeper with the in-process queue: dead runners' jobs and queued ones run."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from minutegraph import models
from minutegraph.db import engine_scope
from minutegraph.graph import jobs
from minutegraph.graph.jobs import Pending
from minutegraph.settings import Settings
from tests.api.conftest import CORPUS_FILES
from tests.workers.rows import count, job_row, register_file, set_row, task_ctx
from workers.queue import InlineQueue
from workers.sweeper import sweep_once


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings on the test's database (SQLite or PostgreSQL)."""
    return Settings(database_url=database_url, storage_dir=tmp_path / "originals")


async def five_jobs(sessions: Any, settings: Settings) -> dict[str, int]:
    """Two queued jobs, one a dead runner left, one a live runner holds, one done."""
    names = ("queued", "queued too", "abandoned", "held", "done")
    keys = {}
    for name, path in zip(names, CORPUS_FILES, strict=True):
        keys[name], _ = await register_file(sessions, settings, path)
    for name, runner in (("abandoned", "dead:1:x"), ("held", "alive:2:y")):
        claim = await jobs.claim(
            sessions=sessions,
            job_id=keys[name],
            worker=runner,
            lease=settings.job_lease,
            max_attempts=settings.job_max_tries,
        )
        assert claim is not None
    stale = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=settings.job_lease + 1)
    await set_row(sessions, keys["abandoned"], heartbeat_at=stale)
    await set_row(sessions, keys["done"], status="succeeded", attempts=1)
    return keys


class Recording:
    """The queue, noting each offer: (job id, abandoned, accepted)."""

    def __init__(self, queue: Any) -> None:
        self.queue = queue
        self.offers: list[tuple[int, bool, bool]] = []

    async def submit(self, pending: Pending) -> bool:
        """Offer to the queue and note its answer."""
        accepted = await self.queue.submit(pending)
        self.offers.append((pending.job_id, pending.abandoned, accepted))
        return accepted


def test_sweep_puts_back_abandoned_jobs_and_offers_every_queued_one(
    settings: Settings, nlp: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """First sweep: one put back, three accepted. Second, at once: the same rows are
    offered again (those not yet claimed) and the queue refuses every held key.
    The in-process runner then ingests the three; the live runner's job is left."""

    async def main() -> None:
        async with engine_scope(settings.database_url) as (_, sessions):
            keys = await five_jobs(sessions, settings)
            queue = Recording(
                InlineQueue(task_ctx(settings, sessions, nlp, worker_id="me:3:z"))
            )
            first = await sweep_once(
                sessions=sessions, queue=queue, lease=settings.job_lease
            )
            assert first == (1, 3)
            assert queue.offers == [
                (keys["queued"], False, True),
                (keys["queued too"], False, True),
                (keys["abandoned"], True, True),
            ]
            queue.offers.clear()
            again = await sweep_once(
                sessions=sessions, queue=queue, lease=settings.job_lease
            )
            assert again == (0, 0)
            swept = {keys["queued"], keys["queued too"], keys["abandoned"]}
            assert {job for job, _, _ in queue.offers} <= swept
            assert all(not accepted for _, _, accepted in queue.offers)
            await queue.queue.drain()

            rows = {name: await job_row(sessions, key) for name, key in keys.items()}
            # The first two files are the .docx and .txt of one meeting.
            assert await count(sessions, models.Meeting) == 2
            last = await sweep_once(
                sessions=sessions, queue=queue, lease=settings.job_lease
            )
            assert last == (0, 0)
        for name in ("queued", "queued too"):
            assert (rows[name].status, rows[name].attempts) == ("succeeded", 1)
        assert (rows["abandoned"].status, rows["abandoned"].attempts) == (
            "succeeded",
            2,
        )
        assert rows["abandoned"].worker == "me:3:z"
        assert (rows["held"].status, rows["held"].worker) == ("running", "alive:2:y")
        assert (rows["done"].status, rows["done"].attempts) == ("succeeded", 1)

    with caplog.at_level("INFO", logger="workers.sweeper"):
        asyncio.run(main())
    assert "sweeper: 1 abandoned job(s) put back, 3 job(s) queued" in caplog.text
