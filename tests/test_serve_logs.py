"""`minutegraph serve` with JSON logs: uvicorn's own lines are JSON from the first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx

from tests.test_serve_websocket import _free_port, _wait_until_up


def test_serve_logs_json_with_request_ids_and_no_query_strings(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINUTEGRAPH_")}
    env |= {
        "MINUTEGRAPH_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}",
        "MINUTEGRAPH_STORAGE_DIR": str(tmp_path / "originals"),
        "MINUTEGRAPH_LOG_FORMAT": "json",
    }
    command = [str(Path(sys.executable).parent / "minutegraph"), "serve"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    command += ["--examples", str(tmp_path / "none")]
    server = subprocess.Popen(
        command,
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        response = httpx.get(
            f"{base}/healthz?token=SECRET-9", headers={"x-request-id": "trace-1"}
        )
        assert response.headers["x-request-id"] == "trace-1"
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    text = stderr.decode(errors="replace")
    records = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    loggers = {record["logger"] for record in records}
    assert "uvicorn.error" in loggers, text
    started = [line for line in text.splitlines() if "Started server process" in line]
    assert started, text
    assert all(line.startswith("{") for line in started), text  # JSON from the first
    access = [r for r in records if r["logger"] == "uvicorn.access" and r["request_id"]]
    traced = [r for r in access if r["request_id"] == "trace-1"]
    assert len(traced) == 1, text
    assert '"GET /healthz HTTP/1.1" 200' in traced[0]["message"]
    assert "SECRET-9" not in text
