"""InlineQueue: one run per held key, bounded concurrency, arq's Retry, drain()."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from arq import Retry

from workers.queue import InlineQueue, dumps, loads


async def _record(ctx: dict[str, Any], name: str) -> str:
    """A task that notes how many run at once and when it finished."""
    stats = ctx["stats"]
    stats["running"] += 1
    stats["peak"] = max(stats["peak"], stats["running"])
    await asyncio.sleep(0)  # yield so that others may start
    stats["running"] -= 1
    stats["done"].append(name)
    return name


async def _boom(ctx: dict[str, Any]) -> None:
    raise RuntimeError("a broken task")


async def _flaky(ctx: dict[str, Any], fails: int) -> int:
    """Raise Retry on the first `fails` tries, then succeed."""
    ctx["stats"]["tries"].append(ctx["job_try"])
    if ctx["job_try"] <= fails:
        raise Retry(defer=0.01)
    return ctx["job_try"]


def _ctx() -> dict[str, Any]:
    return {"stats": {"running": 0, "peak": 0, "done": [], "tries": []}}


def test_a_held_key_runs_once_then_may_run_again() -> None:
    async def main() -> dict[str, Any]:
        queue = InlineQueue(_ctx())
        assert queue.enqueue(_record, "a", job_id="job:1")
        assert not queue.enqueue(_record, "again", job_id="job:1")  # held
        await queue.drain()
        assert queue.enqueue(_record, "later", job_id="job:1")  # released at the end
        await queue.drain()
        return queue.ctx["stats"]

    assert asyncio.run(main())["done"] == ["a", "later"]


@pytest.mark.parametrize("concurrency", [1, 3])
def test_concurrency_is_bounded(concurrency: int) -> None:
    async def main() -> dict[str, Any]:
        queue = InlineQueue(_ctx(), concurrency=concurrency)
        for n in range(8):
            queue.enqueue(_record, str(n), job_id=f"job:{n}")
        assert await queue.depth() == 8
        await queue.drain()
        assert await queue.depth() == 0
        return queue.ctx["stats"]

    stats = asyncio.run(main())
    assert sorted(stats["done"]) == [str(n) for n in range(8)]
    assert stats["peak"] == concurrency


def test_a_failing_task_fails_alone(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> dict[str, Any]:
        queue = InlineQueue(_ctx())
        queue.enqueue(_boom, job_id="job:boom")
        queue.enqueue(_record, "ok", job_id="job:ok")
        await queue.drain()
        return queue.ctx["stats"]

    assert asyncio.run(main())["done"] == ["ok"]
    assert "job:boom" in caplog.text


@pytest.mark.parametrize(("fails", "tries"), [(2, [1, 2, 3]), (9, [1, 2, 3, 4])])
def test_retry_runs_again_with_the_next_try_up_to_max_tries(
    fails: int, tries: list[int]
) -> None:
    """Like arq: Retry runs the task again with job_try + 1, at most max_tries runs."""

    async def main() -> dict[str, Any]:
        queue = InlineQueue(_ctx(), max_tries=4)
        queue.enqueue(_flaky, fails, job_id="job:flaky")
        await queue.drain()
        return queue.ctx["stats"]

    assert asyncio.run(main())["tries"] == tries


def test_queue_entries_are_json_not_pickle() -> None:
    """arq's (de)serializer for minutegraph: plain JSON of ids."""
    entry = {"t": 1, "f": "ingest_document", "a": [42], "k": {}, "et": 1700000000000}
    assert dumps(entry).startswith(b"{")
    assert loads(dumps(entry)) == entry
