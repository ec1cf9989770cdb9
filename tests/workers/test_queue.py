"""InlineQueue: one run per job id, bounded concurrency, failures contained, drain()."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from workers.queue import InlineQueue


async def _record(ctx: dict[str, Any], name: str) -> str:
    """A task that notes how many run at once and when it finished."""
    ctx["running"] += 1
    ctx["peak"] = max(ctx["peak"], ctx["running"])
    await asyncio.sleep(0)  # yield so that others may start
    ctx["running"] -= 1
    ctx["done"].append(name)
    return name


async def _boom(ctx: dict[str, Any]) -> None:
    raise RuntimeError("a broken task")


def _ctx() -> dict[str, Any]:
    return {"running": 0, "peak": 0, "done": []}


def test_a_job_id_runs_once() -> None:
    async def main() -> dict[str, Any]:
        queue = InlineQueue(_ctx())
        assert queue.enqueue(_record, "a", job_id="job:1")
        assert not queue.enqueue(_record, "again", job_id="job:1")
        await queue.drain()
        return queue.ctx

    assert asyncio.run(main())["done"] == ["a"]


@pytest.mark.parametrize("concurrency", [1, 3])
def test_concurrency_is_bounded(concurrency: int) -> None:
    async def main() -> dict[str, Any]:
        queue = InlineQueue(_ctx(), concurrency=concurrency)
        for n in range(8):
            queue.enqueue(_record, str(n), job_id=f"job:{n}")
        await queue.drain()
        return queue.ctx

    ctx = asyncio.run(main())
    assert sorted(ctx["done"]) == [str(n) for n in range(8)]
    assert ctx["peak"] == concurrency


def test_a_failing_task_fails_alone(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> dict[str, Any]:
        queue = InlineQueue(_ctx())
        queue.enqueue(_boom, job_id="job:boom")
        queue.enqueue(_record, "ok", job_id="job:ok")
        await queue.drain()
        return queue.ctx

    assert asyncio.run(main())["done"] == ["ok"]
    assert "job:boom" in caplog.text
