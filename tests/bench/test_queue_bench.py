"""The queue bench runs end to end on a tiny corpus: workers, tables, JSON."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import queue


def test_queue_bench_runs_and_writes_every_number(
    postgres_url: str,
    redis_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "queue.json"
    code = queue.main(
        [
            "--docs", "3", "--pages", "0.5", "--workers", "1",
            "--postgres", postgres_url, "--redis", redis_url, "--json", str(out),
        ]
    )  # fmt: skip
    assert code == 0  # without --check a missed goal is reported, not fatal
    printed = capsys.readouterr().out
    assert "Sustained ingestion throughput" in printed
    assert "queue, 1 worker" in printed
    payload = json.loads(out.read_text())
    assert payload["extraction_rate"] > 0
    [run] = payload["runs"]
    assert run["workers"] == 1
    assert run["docs"] == 3
    assert run["failed"] == 0
    assert run["rate"] > 0
    assert run["extract_ms"] > 0
    assert run["link_ms"] > 0
    assert run["worker_cpu_ms"] > 0  # the worker processes were found
    assert run["tree_cpu_ms"] >= run["worker_cpu_ms"]  # children included
    assert 0 < run["machine_busy"] <= 1
    assert "machine busy" in printed
    assert payload["goal_met"] == (run["per_worker"] >= payload["goal_per_worker"])


# A child that burns 0.3 s of CPU, then lives as long as its parent does.
_BURN = """
import os, time
parent = os.getppid()
end = time.process_time() + 0.3
while time.process_time() < end:
    pass
while os.getppid() == parent:
    time.sleep(0.05)
"""


def test_tree_cpu_counts_a_childs_cpu() -> None:
    spawn = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {_BURN!r}])"
    parent = subprocess.Popen([sys.executable, "-c", spawn])
    try:
        deadline = time.monotonic() + 20
        while (queue.tree_cpu_seconds([parent.pid]) or 0) < 0.3:
            assert time.monotonic() < deadline, "the child's CPU was never counted"
            time.sleep(0.05)
        assert queue.tree_cpu_seconds([2**22 + 1]) == 0  # above any pid: nothing
    finally:
        parent.kill()
        parent.wait()


def test_busy_between_is_a_fraction() -> None:
    assert queue.busy_between((10, 100), (60, 200)) == 0.5
    assert queue.busy_between(None, (1, 2)) is None
    assert queue.busy_between((1, 2), (1, 2)) is None
