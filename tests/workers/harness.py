"""A scaled-out deployment for tests: PostgreSQL, Redis, arq worker processes.

`Deployment` holds one test's settings (its own PostgreSQL database and arq
queue name on the shared servers, or a Redis of its own), starts `minutegraph
worker` and `minutegraph serve` processes with them and waits on the job rows.
`RedisServer` is a redis-server of one test's own, which it may stop and start.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
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
    servers: list[subprocess.Popen[bytes]] = field(default_factory=list)

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

    def start_server(self, port: int, timeout: float = 60.0) -> subprocess.Popen[bytes]:
        """Start `minutegraph serve` on 127.0.0.1:`port`; return once it answers."""
        no_examples = self.logs.parent / "no-examples"  # no first-run load
        no_examples.mkdir(exist_ok=True)
        log = (self.logs / f"server-{len(self.servers)}.log").open("wb")
        process = subprocess.Popen(
            [
                *MINUTEGRAPH,
                "serve",
                *("--host", "127.0.0.1", "--port", str(port)),
                *("--examples", str(no_examples)),
            ],
            cwd=REPO,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.servers.append(process)
        deadline = time.monotonic() + timeout
        while not _answers(f"http://127.0.0.1:{port}/healthz"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(
                    f"minutegraph serve did not answer on port {port}\n"
                    f"{self.worker_output()}"
                )
            time.sleep(0.1)
        return process

    def worker_output(self) -> str:
        """Every worker's log so far (for assertion messages)."""
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-4000:]}"
            for path in sorted(self.logs.glob("*.log"))
        )

    def wait_for_output(
        self, text: str, *, times: int = 1, timeout: float = 30.0
    ) -> None:
        """Wait until the worker and server logs hold `text` `times` times."""
        deadline = time.monotonic() + timeout
        while (
            sum(
                path.read_text(errors="replace").count(text)
                for path in self.logs.glob("*.log")
            )
            < times
        ):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"no {text!r} in the logs after {timeout:g} s\n"
                    f"{self.worker_output()}"
                )
            time.sleep(0.1)

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

    def stop(self) -> None:
        """Stop the workers and servers this deployment started."""
        self.stop_workers()
        for process in self.servers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def upload(self, files: list[tuple[str, bytes]]) -> list[dict[str, Any]]:
        """Upload (name, bytes) files through GraphQL as an editor; the results."""
        from starlette.testclient import TestClient

        from minutegraph.app import create_app
        from tests.api.test_documents import DOCUMENTS_UPLOAD, upload
        from tests.api.tokens import bearer

        with TestClient(create_app(self.settings)) as client:
            editor = bearer(self.settings, "editor")
            answer = upload(client, DOCUMENTS_UPLOAD, files, True, editor)
        return answer["documentsUpload"]

    def jobs(self) -> list[models.IngestJob]:
        """Every job row, oldest first."""
        return asyncio.run(_jobs(self.settings.database_url))

    def wait_for_jobs(
        self,
        count: int,
        *,
        timeout: float = 120.0,
        states: set[str] = FINAL,
        alive: Sequence[subprocess.Popen[bytes]] = (),
    ) -> list[models.IngestJob]:
        """Wait until `count` jobs are in `states`; fail with the workers' logs.

        It fails at once when one of the `alive` processes exits meanwhile.
        """
        deadline = time.monotonic() + timeout
        while True:
            rows = self.jobs()
            if sum(row.status in states for row in rows) >= count:
                return rows
            self.assert_alive(alive)
            if time.monotonic() > deadline:
                seen = Counter(row.status for row in rows)
                raise AssertionError(
                    f"{count} jobs not {sorted(states)} after {timeout:g} s: "
                    f"{dict(seen)}\n{self.worker_output()}"
                )
            time.sleep(0.2)

    def assert_alive(self, processes: Sequence[subprocess.Popen[bytes]]) -> None:
        """Fail (with the logs) when one of the processes has exited."""
        dead = [p.args for p in processes if p.poll() is not None]
        assert not dead, f"exited: {dead}\n{self.worker_output()}"

    def wait_for_job(
        self,
        job_id: int,
        until: Callable[[models.IngestJob], bool],
        *,
        timeout: float = 60.0,
        every: float = 0.02,
    ) -> models.IngestJob:
        """Poll one job row (every `every` s, one connection) until `until(row)`."""
        return asyncio.run(
            _wait_for_job(self, job_id, until, timeout=timeout, every=every)
        )

    def counts(self) -> dict[str, int]:
        """Rows per node table."""
        return asyncio.run(_counts(self.settings.database_url))

    def names(self, kind: str) -> list[str]:
        """The names of every organisation or person (`kind`) in the graph."""
        model = {"organisation": models.Organisation, "person": models.Person}[kind]
        return self.values(model.name)

    def values(self, column: Any) -> list[Any]:
        """Every row's value of one mapped column (`models.Document.sha256`)."""
        return asyncio.run(_values(self.settings.database_url, column))

    def clear_queue(self) -> None:
        """Delete this deployment's keys from Redis."""
        asyncio.run(_clear_queue(self.settings))


@contextmanager
def deployed(
    postgres_run: Any,
    redis_url: str,
    tmp_path: Path,
    *,
    clear_queue: bool = True,
    **overrides: Any,
) -> Iterator[Deployment]:
    """A deployment on the run's emptied PostgreSQL database with a queue of its own;
    what it started stops after (and its Redis keys go, unless told not to)."""
    postgres_run.truncate()
    deployment = Deployment.make(
        database_url=postgres_run.url,
        redis_url=redis_url,
        tmp_path=tmp_path,
        **overrides,
    )
    try:
        yield deployment
    finally:
        deployment.stop()
        if clear_queue:
            deployment.clear_queue()


async def _jobs(url: str) -> list[models.IngestJob]:
    async with engine_scope(url) as (_, sessions), sessions() as session:
        rows = await session.scalars(
            select(models.IngestJob).order_by(models.IngestJob.id)
        )
        return list(rows.all())


async def _wait_for_job(
    deployment: Deployment,
    job_id: int,
    until: Callable[[models.IngestJob], bool],
    *,
    timeout: float,
    every: float,
) -> models.IngestJob:
    deadline = time.monotonic() + timeout
    url = deployment.settings.database_url
    async with engine_scope(url) as (_, sessions):
        while True:
            async with sessions() as session:
                row = await session.get(models.IngestJob, job_id)
            if row is not None and until(row):
                return row
            if time.monotonic() > deadline:
                state = None if row is None else (row.status, row.stage, row.attempts)
                raise AssertionError(
                    f"job {job_id} did not get there in {timeout:g} s: {state}\n"
                    f"{deployment.worker_output()}"
                )
            await asyncio.sleep(every)


async def _values(url: str, column: Any) -> list[Any]:
    async with engine_scope(url) as (_, sessions), sessions() as session:
        return list((await session.scalars(select(column))).all())


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


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url, timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False


class RedisServer:
    """A redis-server of one test's own on a free port, never the shared one.

    Nothing is persisted (`--save ""`, no AOF): a restart comes back empty, as a
    Redis that lost its memory would.
    """

    def __init__(self, logs: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server is not installed")
        self.binary = binary
        self.logs = logs
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        """Its redis:// URL."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> None:
        """Start it (again, on the same port) and wait until it answers PING."""
        assert self.process is None, "already running"
        self.logs.mkdir(parents=True, exist_ok=True)
        log = (self.logs / f"redis-{self.starts}.log").open("wb")
        self.starts += 1
        self.process = subprocess.Popen(
            [
                self.binary,
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.logs)),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while not self.ping():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"redis-server on port {self.port} did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop it (SIGTERM; SIGKILL if it lingers) and wait until it is gone."""
        process, self.process = self.process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def ping(self) -> bool:
        """True when it answers."""
        from redis import Redis
        from redis.exceptions import RedisError

        client = Redis(port=self.port, socket_connect_timeout=0.5, socket_timeout=0.5)
        try:
            return bool(client.ping())
        except RedisError:
            return False
        finally:
            client.close()
