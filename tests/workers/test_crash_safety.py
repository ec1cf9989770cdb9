"""A worker killed (SIGKILL) in the middle of a job: the next worker completes it once.

The job's row is claimed, so it stays `running` under the dead worker's name;
its heartbeat stops. With a short lease, the new worker's sweeper finds it
abandoned, frees arq's in-progress lock and runs it again (attempt 2). The graph
must then equal that of one clean ingestion of the same file: nothing the dead
worker did survives it, and nothing is linked twice. The dead worker's processes
(its extraction process and the fork server) do not outlive it.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bench.docgen import generate_minutes
from ingest.ingestion import ingest_bytes
from minutegraph import models
from minutegraph.db import engine_scope
from minutegraph.migrate import upgrade
from tests.processes import descendants, wait_until_gone
from tests.workers.harness import Deployment, deployed, duplicate_names

# Long enough that extraction takes seconds (about 3 s here) and linking about
# one: windows a 20 ms poll of the job row cannot miss.
PAGES = 200
FILENAME = "plenary-200p.docx"


@pytest.fixture(scope="module")
def long_minutes() -> bytes:
    """A generated 200-page minutes .docx."""
    return generate_minutes(seed=5, pages=PAGES)


@pytest.fixture(scope="module")
def clean_graph(
    long_minutes: bytes, nlp: Any, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """What one undisturbed ingestion of the file gives (in a database of its own)."""
    folder = tmp_path_factory.mktemp("clean")
    url = f"sqlite+aiosqlite:///{folder / 'graph.db'}"
    upgrade(url)

    async def main() -> dict[str, Any]:
        async with engine_scope(url) as (_, sessions):
            _, report = await ingest_bytes(
                sessions,
                data=long_minutes,
                filename=FILENAME,
                storage_dir=folder / "originals",
                nlp=nlp,
            )
            async with sessions() as session:
                counts = {
                    name: await session.scalar(select(func.count()).select_from(model))
                    for name, model in _TABLES.items()
                }
                names = {
                    kind: sorted((await session.scalars(select(model.name))).all())
                    for kind, model in _NAMED.items()
                }
        return {"counts": counts, "names": names, "report": report.as_dict()}

    return asyncio.run(main())


_NAMED = {"organisation": models.Organisation, "person": models.Person}
_TABLES = {
    "document": models.Document,
    "meeting": models.Meeting,
    **_NAMED,
    "event": models.Event,
}


@pytest.fixture
def deployment(postgres_run, redis_url: str, tmp_path: Path) -> Iterator[Deployment]:
    """An emptied database and a queue of its own; a 2 s lease swept every 0.5 s."""
    with deployed(
        postgres_run, redis_url, tmp_path, job_lease=2.0, sweep_interval=0.5
    ) as deployment:
        yield deployment


@pytest.mark.parametrize("stage", ["extract", "link"])
def test_a_job_whose_worker_is_killed_completes_once_on_the_next(
    deployment: Deployment, long_minutes: bytes, clean_graph: dict[str, Any], stage: str
) -> None:
    """SIGKILL while extracting (or linking); a new worker's run is the only one."""
    [result] = deployment.upload([(FILENAME, long_minutes)])
    assert result["job"]["status"] == "queued"
    [job] = deployment.jobs()

    first = deployment.start_worker()
    deployment.wait_for_job(
        job.id, lambda row: row.status == "running" and row.stage == stage
    )
    family = descendants(first.pid)
    assert family, "the worker extracts in child processes"
    first.send_signal(signal.SIGKILL)
    first.wait()
    wait_until_gone(family)
    # Killed in the middle: the row is still its, and nothing reached the graph.
    [held] = deployment.jobs()
    assert (held.status, held.stage, held.attempts) == ("running", stage, 1)
    assert _pid(held.worker) == first.pid
    assert deployment.counts()["meeting"] == 0

    second = deployment.start_worker()
    [done] = deployment.wait_for_jobs(1, timeout=90, alive=[second])
    assert done.status == "succeeded", (done.error_code, done.error_message)
    assert done.attempts == 2
    assert _pid(done.worker) == second.pid
    # One clean ingestion's graph: the same rows, the same names, no duplicates.
    assert deployment.counts() == clean_graph["counts"]
    assert clean_graph["counts"]["meeting"] == 1
    for kind, names in clean_graph["names"].items():
        linked = deployment.names(kind)
        assert sorted(linked) == names
        assert duplicate_names(linked) == [], kind
    # The same outcomes; row ids may differ (a killed transaction used sequence
    # numbers), so ambiguous names are compared without their candidates' ids.
    assert _comparable(done.report) == _comparable(clean_graph["report"])


def _pid(worker: str | None) -> int:
    """The process id in a worker's name (host:pid:nonce)."""
    assert worker is not None
    return int(worker.split(":")[1])


def _comparable(report: dict[str, Any] | None) -> dict[str, Any]:
    """A job report without row ids."""
    assert report is not None
    ambiguous = [
        (item["kind"], item["name"], len(item["candidates"]))
        for item in report["ambiguous"]
    ]
    return {**report, "ambiguous": sorted(ambiguous)}


def test_a_stopped_worker_hands_its_running_job_back(
    deployment: Deployment, long_minutes: bytes, clean_graph: dict[str, Any]
) -> None:
    """SIGTERM with no grace left: the job goes back to the queue (MG110) at once,
    the worker exits, and the next worker completes it once."""
    deployment.upload([(FILENAME, long_minutes)])
    [job] = deployment.jobs()
    first = deployment.start_worker("--grace", "0")
    deployment.wait_for_job(
        job.id, lambda row: row.status == "running" and row.stage == "extract"
    )
    family = descendants(first.pid)
    first.send_signal(signal.SIGTERM)
    assert first.wait(30) == 0, deployment.worker_output()
    wait_until_gone(family)
    [back] = deployment.jobs()
    assert (back.status, back.error_code, back.worker) == ("queued", "MG110", None)
    assert deployment.counts()["meeting"] == 0

    second = deployment.start_worker()
    [done] = deployment.wait_for_jobs(1, timeout=90, alive=[second])
    assert done.status == "succeeded", (done.error_code, done.error_message)
    assert done.attempts == 2
    assert deployment.counts() == clean_graph["counts"]
