"""The ingestJob subscription through a real uvicorn server, as `make serve` runs it.

Starlette's TestClient speaks WebSocket without any library, so only a real
server shows whether uvicorn can upgrade the connection.
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import websockets

from minutegraph.migrate import upgrade
from tests.api.test_ingest_job_subscription import INGEST_JOB_SUBSCRIPTION

REPO = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not come up")


async def _subscribe(url: str) -> list[dict]:
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        payload = {
            "query": INGEST_JOB_SUBSCRIPTION,
            "variables": {"id": "SW5nZXN0Sm9iOjk5"},
        }
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        messages = []
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), 10))
            messages.append(message)
            if message["type"] in ("complete", "error"):
                return messages


def test_subscription_over_a_real_uvicorn(tmp_path: Path) -> None:
    """uvicorn upgrades /graphql to graphql-transport-ws and the operation runs."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}"
    upgrade(url)
    port = _free_port()
    env = {
        "MINUTEGRAPH_DATABASE_URL": url,
        "MINUTEGRAPH_STORAGE_DIR": str(tmp_path / "originals"),
        "PATH": str(Path(sys.executable).parent),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "minutegraph.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}", server)
        messages = asyncio.run(_subscribe(f"ws://127.0.0.1:{port}/graphql"))
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert "No supported WebSocket library" not in stderr.decode(errors="replace")
    assert [m["type"] for m in messages] == ["next", "complete"], messages
    state = messages[0]["payload"]["data"]["ingestJob"]
    assert state["__typename"] == "NotFound"  # job 99 does not exist: a typed answer
