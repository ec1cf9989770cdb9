"""`make bench`, queue part: documents per second through arq workers vs extraction.

N distinct generated minutes (bytes made up front) are first extracted in this
process (`extract_bytes`, wall time: the extraction-only rate). Then, for 1 and
2 `minutegraph worker` processes on a throwaway PostgreSQL database and a queue
of its own on Redis: the originals are stored and their documents registered
(timed apart); the workers start and build their spaCy pipeline, by default in
one extraction child process each (`--extract-processes`, 0: a thread of the
worker; the clock waits for their "ready" line); the clock runs from the first
job made and submitted (as an upload does it) to the last job's `finished_at`.
Goal (issue 5): each worker moves >= 0.8x the extraction-only rate. The per-job
timings the workers record (extract, link) show where the rest goes. `--check`
exits 1 on a missed goal.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import mean

from sqlalchemy import func, select

from bench.queue_report import print_report

GOAL = 0.8  # queue throughput per worker / extraction-only throughput
FINAL = ("succeeded", "failed", "cancelled")
REPO = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
REDIS = "redis://127.0.0.1:6379/0"


@dataclass(slots=True)
class Run:
    """One pass of the documents through the queue."""

    workers: int
    docs: int
    register_s: float  # storing and registering documents and jobs (not in the rate)
    seconds: float  # first submit -> last job finished
    failed: int
    extract_ms: float  # mean per job, as the workers timed it
    link_ms: float
    task_ms: float  # the whole task: load, extract, link, commit
    queued_ms: float  # mean wait between the job's creation and its claim
    # CPU the worker processes themselves used on the clock (not their
    # extraction children), per document: their critical path, load or not.
    worker_cpu_ms: float | None = None
    # The same with their extraction children, and how busy the whole machine
    # was: near 100% the run is CPU-bound, and only less CPU per document helps.
    tree_cpu_ms: float | None = None
    machine_busy: float | None = None

    @property
    def rate(self) -> float:
        """Documents per second."""
        return self.docs / self.seconds


def documents(count: int, *, pages: float, seed: int) -> list[tuple[str, bytes]]:
    """`count` distinct generated minutes: (file name, .docx bytes)."""
    from bench.docgen import generate_minutes

    return [
        (f"bench-{seed + i}.docx", generate_minutes(seed=seed + i, pages=pages))
        for i in range(count)
    ]


def extraction_rate(docs: list[tuple[str, bytes]]) -> float:
    """Documents per second `extract_bytes` reaches here (wall time, warmed up)."""
    from ingest.nlp import build_nlp
    from ingest.pipeline import extract_bytes

    nlp = build_nlp()
    extract_bytes(docs[0][1], docs[0][0], nlp=nlp)  # lazy matchers and caches
    started = time.perf_counter()
    for name, data in docs:
        extract_bytes(data, name, nlp=nlp)
    return len(docs) / (time.perf_counter() - started)


@asynccontextmanager
async def scratch_database(base_url: str):
    """A migrated database of its own on the PostgreSQL server, dropped after."""
    import asyncpg
    from sqlalchemy.engine import make_url

    from minutegraph.migrate import upgrade_async

    name = f"mg_bench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_url(base_url).set(drivername="postgresql")
    dsn = admin.render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
        url = make_url(base_url).set(database=name)
        url_text = url.render_as_string(hide_password=False)
        await upgrade_async(url_text)
        yield url_text
    finally:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


def machine_jiffies() -> tuple[int, int] | None:
    """(busy, total) CPU ticks of the whole machine since boot (Linux), else None."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    # user nice system idle iowait irq softirq steal
    ticks = [int(f) for f in fields[:8]]
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


def busy_between(
    before: tuple[int, int] | None, after: tuple[int, int] | None
) -> float | None:
    """The fraction of the machine's CPU time that was busy between two readings."""
    if before is None or after is None or after[1] == before[1]:
        return None
    return (after[0] - before[0]) / (after[1] - before[1])


def process_cpu(pid: int) -> tuple[int, float] | None:
    """(parent pid, user + system CPU seconds) of a process (Linux), else None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (2nd field) may hold spaces: split after its ")".
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf(
        "SC_CLK_TCK"
    )


def tree_cpu_seconds(roots: list[int]) -> float | None:
    """User + system CPU of live processes `roots` and their descendants (Linux)."""
    found = {
        int(entry.name): process_cpu(int(entry.name))
        for entry in Path("/proc").glob("[0-9]*")
    }
    known = {pid: stat for pid, stat in found.items() if stat is not None}
    if not known:
        return None
    tree, grown = set(roots) & known.keys(), True
    while grown:
        children = {pid for pid, (ppid, _) in known.items() if ppid in tree} - tree
        tree |= children
        grown = bool(children)
    return sum(known[pid][1] for pid in tree)


class Workers:
    """`minutegraph worker` processes for one run, logging to files."""

    def __init__(self, settings, logs: Path) -> None:
        self.settings, self.logs = settings, logs
        self.processes: list[subprocess.Popen[bytes]] = []

    def env(self) -> dict[str, str]:
        """MINUTEGRAPH_* from the settings; no periodic sweep during the clock."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("MINUTEGRAPH_")}
        for name, value in self.settings.model_dump().items():
            if value is not None and not isinstance(value, list | dict):
                env[f"MINUTEGRAPH_{name.upper()}"] = str(value)
        env["MINUTEGRAPH_SWEEP_INTERVAL"] = "3600"
        env["PYTHONPATH"] = str(REPO)
        return env

    def start(self, count: int) -> None:
        """Start `count` workers."""
        command = [sys.executable, "-c", "from minutegraph.cli import main; main()"]
        for index in range(count):
            log = (self.logs / f"worker-{index}.log").open("wb")
            self.processes.append(
                subprocess.Popen(
                    [*command, "worker"],
                    cwd=REPO,
                    env=self.env(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )

    def cpu_seconds(self) -> float | None:
        """CPU time the worker processes used so far (children apart); Linux."""
        stats = [process_cpu(process.pid) for process in self.processes]
        if any(stat is None for stat in stats):
            return None
        return sum(stat[1] for stat in stats if stat is not None)

    def output(self) -> str:
        """The tail of every worker's log."""
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.logs.glob("worker-*.log"))
        )

    async def ready(self, timeout: float = 120.0) -> None:
        """Wait until every worker built its pipeline and polls the queue."""
        deadline = time.monotonic() + timeout
        while True:
            logs = [p.read_text(errors="replace") for p in self.logs.glob("*.log")]
            if sum("ready on queue" in text for text in logs) >= len(self.processes):
                return
            if any(p.poll() is not None for p in self.processes):
                raise RuntimeError(f"a worker exited:\n{self.output()}")
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"workers not ready in {timeout:g} s\n{self.output()}"
                )
            await asyncio.sleep(0.1)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL what does not stop."""
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def _register(sessions, settings, docs) -> list[int]:
    """Store the originals and register their documents (no jobs yet)."""
    from ingest.ingestion import register_document

    return [
        (
            await register_document(
                sessions, data=data, filename=name, storage_dir=settings.storage_dir
            )
        ).document_id
        for name, data in docs
    ]


async def _enqueue(sessions, queue, document_ids: list[int]) -> None:
    """A queued job per document, offered to arq, as an upload does."""
    from minutegraph.graph.documents import create_job
    from minutegraph.graph.jobs import Pending

    for document_id in document_ids:
        accepted = await create_job(sessions=sessions, document_id=document_id)
        assert accepted is not None
        await queue.submit(Pending(accepted.job.id, document_id))


async def _finished(sessions, count: int, timeout: float, workers: Workers):
    from minutegraph import models

    job = models.IngestJob
    deadline = time.monotonic() + timeout
    while True:
        async with sessions() as session:
            done = await session.scalar(
                select(func.count()).select_from(job).where(job.status.in_(FINAL))
            )
            if done >= count:
                return list((await session.scalars(select(job))).all())
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"{done}/{count} jobs done after {timeout:g} s\n{workers.output()}"
            )
        await asyncio.sleep(0.1)


async def queue_run(
    docs,
    *,
    workers: int,
    postgres: str,
    redis: str,
    concurrency: int,
    extract_processes: int | None = None,
) -> Run:
    """Register the documents, start `workers` processes, time the queue."""
    from minutegraph.db import engine_scope
    from minutegraph.settings import Settings
    from workers.queue import ArqQueue

    with tempfile.TemporaryDirectory(prefix="mg-bench-") as tmp:
        async with scratch_database(postgres) as url:
            settings = Settings(
                database_url=url,
                redis_url=redis,
                storage_dir=Path(tmp) / "originals",
                queue_name=f"mgbench:{uuid.uuid4().hex[:12]}",
                worker_concurrency=concurrency,
                extract_processes=extract_processes,
            )
            team = Workers(settings, Path(tmp))
            queue = ArqQueue(settings)
            try:
                team.start(workers)
                async with engine_scope(url) as (_, sessions):
                    started = time.perf_counter()
                    document_ids = await _register(sessions, settings, docs)
                    register_s = time.perf_counter() - started
                    # Jobs are made once the workers are ready (their start-up
                    # sweep queues any job it finds): the clock starts here.
                    await team.ready()
                    pids = [p.pid for p in team.processes]
                    tree_before = tree_cpu_seconds(pids)
                    machine_before = machine_jiffies()
                    clock = dt.datetime.now(dt.UTC)
                    cpu_before = team.cpu_seconds()
                    await _enqueue(sessions, queue, document_ids)
                    rows = await _finished(
                        sessions, len(docs), 60 + 10 * len(docs), team
                    )
                    cpu_after = team.cpu_seconds()
                    busy = busy_between(machine_before, machine_jiffies())
                    tree_after = tree_cpu_seconds(pids)
            finally:
                team.stop()
                await _clear(queue, settings.queue_name)
                await queue.close()
    run = _summarise(rows, workers=workers, register_s=register_s, clock=clock)
    run.machine_busy = busy
    if cpu_before is not None and cpu_after is not None:
        run.worker_cpu_ms = (cpu_after - cpu_before) * 1000 / len(docs)
    if tree_before is not None and tree_after is not None:
        run.tree_cpu_ms = (tree_after - tree_before) * 1000 / len(docs)
    return run


async def _clear(queue, name: str) -> None:
    pool = await queue.pool()
    keys = [key async for key in pool.scan_iter(match=f"*{name}*")]
    if keys:
        await pool.delete(*keys)


def _summarise(rows, *, workers: int, register_s: float, clock) -> Run:
    last = max(row.finished_at for row in rows)
    if last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    timed = [row.timings or {} for row in rows if row.status == "succeeded"]

    def ms(key: str) -> float:
        return mean(t.get(key, 0.0) for t in timed) * 1000 if timed else 0.0

    return Run(
        workers=workers,
        docs=len(rows),
        register_s=register_s,
        seconds=(last - clock).total_seconds(),
        failed=sum(row.status != "succeeded" for row in rows),
        extract_ms=ms("extract"),
        link_ms=ms("link"),
        task_ms=ms("total"),
        queued_ms=ms("queued"),
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.queue", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--docs", type=int, default=80, help="documents per run")
    parser.add_argument("--pages", type=float, default=2.0, help="pages per document")
    parser.add_argument("--seed", type=int, default=500)
    parser.add_argument("--workers", default="1,2", help="worker counts, e.g. 1,2")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=None,
        help="jobs at once per worker (default: the setting's default)",
    )
    parser.add_argument(
        "--extract-processes",
        type=int,
        default=None,
        help="extraction processes per worker (0: a thread; default: the worker's)",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("MINUTEGRAPH_TEST_POSTGRES_URL", POSTGRES),
        help="a PostgreSQL server URL (a scratch database is made and dropped)",
    )
    parser.add_argument(
        "--redis", default=os.environ.get("MINUTEGRAPH_TEST_REDIS_URL", REDIS)
    )
    parser.add_argument(
        "--json",
        nargs="?",
        const=OUT / "queue.json",
        type=Path,
        metavar="PATH",
        help="write the numbers (default bench/out/)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 on a missed goal")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table and the goal, maybe write JSON."""
    from minutegraph.settings import Settings

    args = parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    concurrency = args.concurrency
    if concurrency is None:
        concurrency = Settings.model_fields["worker_concurrency"].default
    docs = documents(args.docs, pages=args.pages, seed=args.seed)
    before = extraction_rate(docs)
    runs = [
        asyncio.run(
            queue_run(
                docs,
                workers=n,
                postgres=args.postgres,
                redis=args.redis,
                concurrency=concurrency,
                extract_processes=args.extract_processes,
            )
        )
        for n in counts
    ]
    # Measured again after the runs; the better of the two is the reference, so
    # that a busy spell of the machine cannot flatter the queue's ratio.
    extraction = max(before, extraction_rate(docs))
    from minutegraph.settings import Settings

    processes = Settings(
        extract_processes=args.extract_processes
    ).extract_processes_for("worker")
    met = print_report(
        extraction, runs, goal=GOAL, pages=args.pages, extract_processes=processes
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "format": "minutegraph-bench-queue/1",
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "docs": args.docs,
            "pages": args.pages,
            "seed": args.seed,
            "concurrency": concurrency,
            "extract_processes": processes,
            "extraction_rate": round(extraction, 3),
            "runs": [
                {
                    **asdict(run),
                    "rate": round(run.rate, 3),
                    "per_worker": round(run.rate / run.workers / extraction, 3),
                }
                for run in runs
            ],
            "goal_per_worker": GOAL,
            "goal_met": met,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
