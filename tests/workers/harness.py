"""A scaled-out deployment for tests: PostgreSQL, Redis, arq worker processes.

`Deployment` holds one test's settings (its own PostgreSQL database and arq
queue name on the shared servers, or a Redis of its own), starts `minutegraph
worker` processes with them and waits on the job rows.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from minutegraph import models
from minutegraph.db import engine_scope
from minutegraph.settings import Settings

REPO = Path(__file__).resolve().parents[2]
MINUTEGRAPH = [str(Path(sys.executable).with_name("minutegraph"))]
FINAL = {"succeeded", "failed", "cancelled"}


@dataclass
class Deployment:
    """Settings shared by the test (API side) and its worker processes."""

    settings: Settings
    logs: Path
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @classmethod
    def make(
        cls, *, database_url: str, redis_url: str, tmp_path: Path, **overrides: Any
    ) -> Deployment:
        """A deployment on this database and Redis, with a queue of its own."""
        settings = Settings(
            database_url=database_url,
            redis_url=redis_url,
            storage_dir=tmp_path / "originals",
            queue_name=f"mgtest:{uuid.uuid4().hex[:12]}",
            job_poll_interval=0.05,
            **overrides,
        )
        logs = tmp_path / "worker-logs"
        logs.mkdir(exist_ok=True)
        return cls(settings=settings, logs=logs)

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a worker process: MINUTEGRAPH_* from the settings."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("MINUTEGRAPH_")}
        for name, value in self.settings.model_dump().items():
            if value is None or isinstance(value, list | dict):
                continue
            env[f"MINUTEGRAPH_{name.upper()}"] = str(value)
        env["PYTHONPATH"] = str(REPO)
        env.update(extra)
        return env

    def start_worker(self, *args: str, **extra_env: str) -> subprocess.Popen[bytes]:
        """Start `minutegraph worker` (its output goes to a log file)."""
        log = (self.logs / f"worker-{len(self.workers)}.log").open("wb")
        process = subprocess.Popen(
            [*MINUTEGRAPH, "worker", *args],
            cwd=REPO,
            env=self.env(**extra_env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.workers.append(process)
        return process

    def worker_output(self) -> str:
        """Every worker's log so far (for assertion messages)."""
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-4000:]}"
            for path in sorted(self.logs.glob("*.log"))
        )

    def stop_workers(self, timeout: float = 20.0) -> None:
        """SIGTERM every worker still running; SIGKILL what does not stop."""
        for process in self.workers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.workers:
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def jobs(self) -> list[models.IngestJob]:
        """Every job row, oldest first."""
        return asyncio.run(_jobs(self.settings.database_url))

    def wait_for_jobs(
        self, count: int, *, timeout: float = 120.0, states: set[str] = FINAL
    ) -> list[models.IngestJob]:
        """Wait until `count` jobs are in `states`; fail with the workers' logs."""
        deadline = time.monotonic() + timeout
        while True:
            rows = self.jobs()
            if sum(row.status in states for row in rows) >= count:
                return rows
            if time.monotonic() > deadline:
                seen = Counter(row.status for row in rows)
                raise AssertionError(
                    f"{count} jobs not {sorted(states)} after {timeout:g} s: "
                    f"{dict(seen)}\n{self.worker_output()}"
                )
            time.sleep(0.2)

    def counts(self) -> dict[str, int]:
        """Rows per node table."""
        return asyncio.run(_counts(self.settings.database_url))

    def clear_queue(self) -> None:
        """Delete this deployment's keys from Redis."""
        asyncio.run(_clear_queue(self.settings))


async def _jobs(url: str) -> list[models.IngestJob]:
    async with engine_scope(url) as (_, sessions), sessions() as session:
        rows = await session.scalars(
            select(models.IngestJob).order_by(models.IngestJob.id)
        )
        return list(rows.all())


async def _counts(url: str) -> dict[str, int]:
    tables = {
        "document": models.Document,
        "meeting": models.Meeting,
        "organisation": models.Organisation,
        "person": models.Person,
        "event": models.Event,
    }
    async with engine_scope(url) as (_, sessions), sessions() as session:
        return {
            name: await session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in tables.items()
        }


async def _clear_queue(settings: Settings) -> None:
    from redis.asyncio import Redis

    redis = Redis.from_url(settings.redis_url or "")
    try:
        keys = [settings.queue_name]
        async for key in redis.scan_iter(match=f"*{settings.queue_name}*"):
            keys.append(key)
        await redis.delete(*keys)
    finally:
        await redis.aclose()


def duplicate_names(names: list[str]) -> list[str]:
    """Names that occur more than once (case-insensitive)."""
    seen = Counter(name.casefold() for name in names)
    return sorted(name for name, n in seen.items() if n > 1)
