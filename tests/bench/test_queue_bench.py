"""The queue bench runs end to end on a tiny corpus: workers, tables, JSON."""

from __future__ import annotations

import json
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
    assert payload["goal_met"] == (run["per_worker"] >= payload["goal_per_worker"])
