"""`make bench`, API part: a nested page of 50 meetings, GraphQL beside its floor.

uvicorn serves `bench.api_app` on a free 127.0.0.1 port over a seeded SQLite
graph; a small keep-alive HTTP/1.1 client (asyncio, a few connections) posts the
same request to `/graphql` and to `/floor` (the same SQL, plain Starlette) in
alternating rounds of a bounded loop, then prints requests per second, p50/p99
latency and the ratios (GraphQL with its response cache, and
without it as `uncached`). Goal (issue 4): GraphQL >= 1/5 of the floor's throughput.
`--check` exits non-zero when the goal is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.api_app import MEETINGS_PAGE, seed
from minutegraph.migrate import upgrade

CONNECTIONS, ROUNDS, ROUND_SECONDS, MAX_REQUESTS = 4, 3, 1.5, 20_000
GOAL = 1 / 5


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request_bytes(port: int, path: str, body: bytes) -> bytes:
    """One HTTP/1.1 keep-alive POST of a JSON body."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _exchange(reader, writer, request: bytes) -> bytes:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = head.split(b" ", 2)[1]
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    body = await reader.readexactly(length)
    if status != b"200":
        raise RuntimeError(body.decode(errors="replace"))
    return body


async def _connection(port: int, request: bytes, deadline: float) -> list[float]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    latencies: list[float] = []
    try:
        while time.perf_counter() < deadline and len(latencies) < MAX_REQUESTS:
            start = time.perf_counter()
            await _exchange(reader, writer, request)
            latencies.append(time.perf_counter() - start)
    finally:
        writer.close()
    return latencies


async def one_round(port: int, request: bytes, seconds: float) -> tuple[list, float]:
    """Latencies of every request from CONNECTIONS clients, and the wall time."""
    start = time.perf_counter()
    deadline = start + seconds
    runs = await asyncio.gather(
        *(_connection(port, request, deadline) for _ in range(CONNECTIONS))
    )
    return [x for run in runs for x in run], time.perf_counter() - start


async def fetch(port: int, path: str, body: bytes) -> dict:
    """One response body, parsed."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        return json.loads(
            await _exchange(reader, writer, request_bytes(port, path, body))
        )
    finally:
        writer.close()


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def measure(port: int, seconds: float) -> dict[str, dict[str, float]]:
    """Alternating rounds of floor and GraphQL; rps and p50/p99 in ms for each."""
    body = json.dumps({"query": MEETINGS_PAGE, "variables": {"first": 50}}).encode()
    graphql, floor = (
        await fetch(port, "/graphql", body),
        await fetch(port, "/floor", body),
    )
    if "errors" in graphql or graphql != floor:
        raise SystemExit("GraphQL and the floor disagree: " + str(graphql)[:400])
    paths = {"floor": "/floor", "graphql": "/graphql", "uncached": "/graphql-uncached"}
    results: dict[str, tuple[list[float], float]] = {p: ([], 0.0) for p in paths}
    for path in paths.values():  # warm both before timing either
        await one_round(port, request_bytes(port, path, body), 0.3)
    for _ in range(ROUNDS):
        for name, path in paths.items():
            lat, wall = await one_round(port, request_bytes(port, path, body), seconds)
            results[name] = (results[name][0] + lat, results[name][1] + wall)
    return {
        name: {
            "requests": len(lat),
            "rps": len(lat) / wall,
            "p50_ms": _quantile(lat, 0.5) * 1000,
            "p99_ms": _quantile(lat, 0.99) * 1000,
        }
        for name, (lat, wall) in results.items()
    }


def _serve(database_url: str, port: int, storage: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "MINUTEGRAPH_DATABASE_URL": database_url,
        "MINUTEGRAPH_STORAGE_DIR": str(storage),
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "bench.api_app:make_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    return subprocess.Popen(command, env=env)


async def _wait_up(port: int, timeout: float = 20.0) -> None:
    deadline = time.perf_counter() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            if time.perf_counter() > deadline:
                raise
            await asyncio.sleep(0.05)


def print_table(results: dict[str, dict[str, float]], seconds: float) -> float:
    """The table and the ratios of GraphQL's throughput to the floor's."""
    print(
        f"\nAPI: a page of 50 meetings (attendances, people, organisations), "
        f"{CONNECTIONS} connections, {ROUNDS} rounds x {seconds:g} s per endpoint"
    )
    print(f"{'endpoint':<10}{'requests':>10}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for name, r in results.items():
        print(
            f"{name:<10}{r['requests']:>10}{r['rps']:>10.0f}"
            f"{r['p50_ms']:>10.2f}{r['p99_ms']:>10.2f}"
        )
    floor = results["floor"]["rps"]
    print(f"ratio uncached/floor throughput: {results['uncached']['rps'] / floor:.2f}")
    ratio = results["graphql"]["rps"] / floor
    verdict = "ok" if ratio >= GOAL else "MISSED"
    print(
        f"ratio graphql/floor throughput: {ratio:.2f} (goal >= {GOAL:.2f}: {verdict})"
    )
    return ratio


def run(seconds: float = ROUND_SECONDS) -> float:
    """Seed, serve, measure, print; the throughput ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        asyncio.run(seed(url))
        port = free_port()
        server = _serve(url, port, Path(tmp) / "originals")
        try:
            asyncio.run(_wait_up(port))
            results = asyncio.run(measure(port, seconds))
        finally:
            server.terminate()
            server.wait(timeout=10)
    return print_table(results, seconds)


def main() -> None:
    """Command line: `python -m bench.api [--check] [--seconds S]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail below the goal")
    parser.add_argument("--seconds", type=float, default=ROUND_SECONDS)
    args = parser.parse_args()
    ratio = run(args.seconds)
    if args.check and ratio < GOAL:
        sys.exit(1)


if __name__ == "__main__":
    main()
