"""`minutegraph ingest --queue` against real PostgreSQL, Redis and worker processes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import CORPUS_FILES
from tests.workers.harness import MINUTEGRAPH, REPO, Deployment, deployed

FILES = [CORPUS_FILES[i] for i in (0, 3, 4)]  # a .docx, a .md and a .txt meeting


@pytest.fixture
def deployment(postgres_run, redis_url: str, tmp_path: Path) -> Iterator[Deployment]:
    """This test's PostgreSQL database (emptied) and arq queue; workers stop after."""
    with deployed(postgres_run, redis_url, tmp_path) as deployment:
        yield deployment


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """Three corpus meetings, a broken .docx (fails in a worker) and an empty file
    (refused before it is queued)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in FILES:
        shutil.copy(path, folder / path.name)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 truncated zip")
    (folder / "empty.txt").write_text("  \n")
    return folder


def ingest(
    deployment: Deployment, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """`minutegraph ingest ARGS` with the deployment's settings."""
    return subprocess.run(
        [*MINUTEGRAPH, "ingest", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=REPO,
        env=deployment.env(COLUMNS="160", **env),
    )


def test_queue_hands_files_to_a_worker_and_reports_each(
    deployment: Deployment, inbox: Path
) -> None:
    deployment.start_worker()
    result = ingest(deployment, "--queue", "--timeout", "240", str(inbox))
    said = result.stdout + result.stderr
    assert result.returncode == 1, said  # one file failed, one was refused
    assert "Ingested 3 of 5 files" in result.stdout, said
    assert "broken.docx: [MG102]" in result.stderr, said
    assert "empty.txt: [MG105]" in result.stderr, said
    assert "Traceback" not in said
    rows = deployment.jobs()  # the empty file never became a document or job
    by_status = sorted((row.status, row.error_code) for row in rows)
    assert by_status == [("failed", "MG102")] + [("succeeded", None)] * 3, said
    assert all(row.worker for row in rows)  # a worker ran them, not the CLI
    counts = deployment.counts()
    assert counts["document"] == 4
    assert counts["meeting"] == 3
    assert counts["person"] > 20


def test_no_wait_queues_and_prints_the_job_ids(
    deployment: Deployment, inbox: Path
) -> None:
    result = ingest(deployment, "--queue", "--no-wait", *map(str, FILES))
    assert result.returncode == 0, result.stdout + result.stderr
    rows = deployment.jobs()
    assert [row.status for row in rows] == ["queued"] * 3
    printed = {  # file name -> job id, from the table's rows
        Path(cells[1].strip()).name: int(cells[3])
        for line in result.stdout.splitlines()
        if (cells := line.split("│")) and len(cells) == 5 and cells[3].strip().isdigit()
    }
    assert printed == {path.name: row.id for path, row in zip(FILES, rows, strict=True)}


def test_timeout_without_workers_exits_1_and_says_so(
    deployment: Deployment,
) -> None:
    started = time.monotonic()
    result = ingest(deployment, "--queue", "--timeout", "1", str(FILES[1]))
    assert time.monotonic() - started < 60
    assert result.returncode == 1, result.stdout + result.stderr
    assert "timed out after 1 s: 1 job(s) not finished" in result.stderr
    assert [row.status for row in deployment.jobs()] == ["queued"]


def test_queue_without_redis_url_exits_2(tmp_path: Path) -> None:
    deployment = Deployment.make(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}",
        redis_url="",
        tmp_path=tmp_path,
    )
    result = ingest(deployment, "--queue", str(FILES[1]))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "needs MINUTEGRAPH_REDIS_URL" in result.stderr
    assert "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_redis_down_then_back_the_jobs_still_complete(
    postgres_run, tmp_path: Path
) -> None:
    """Jobs registered while Redis is down are followed until a worker ran them."""
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        pytest.fail("redis-server is not installed (apt-get install redis-server)")
    postgres_run.truncate()
    port = _free_port()
    deployment = Deployment.make(
        database_url=postgres_run.url,
        redis_url=f"redis://127.0.0.1:{port}/0",
        tmp_path=tmp_path,
    )
    errors = (tmp_path / "cli.err").open("w+")
    cli = subprocess.Popen(
        [*MINUTEGRAPH, "ingest", "--queue", "--timeout", "240", str(FILES[1])],
        cwd=REPO,
        env=deployment.env(COLUMNS="160"),
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )
    server = None
    try:
        deadline = time.monotonic() + 120
        while "Redis is unreachable" not in (tmp_path / "cli.err").read_text():
            assert cli.poll() is None, (tmp_path / "cli.err").read_text()
            assert time.monotonic() < deadline, "the CLI never noticed Redis was down"
            time.sleep(0.2)
        assert [row.status for row in deployment.jobs()] == ["queued"]
        server = subprocess.Popen(
            [redis_server, "--port", str(port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deployment.start_worker()
        out, _ = cli.communicate(timeout=240)
        said = out + (tmp_path / "cli.err").read_text()
        assert cli.returncode == 0, said + deployment.worker_output()
        assert "Ingested 1 of 1 files" in out
        assert [row.status for row in deployment.jobs()] == ["succeeded"]
    finally:
        if cli.poll() is None:
            cli.kill()
            cli.wait()
        deployment.stop_workers()
        if server is not None:
            server.terminate()
            server.wait(10)
        errors.close()
