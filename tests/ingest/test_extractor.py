"""Extraction in child processes, with real children: what crosses the process
boundary, and what becomes of a child that dies or works for a cancelled job."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from bench.docgen import generate_minutes
from ingest.extractor import ProcessExtractor, ThreadExtractor
from minutegraph.errors import UnreadableDocument
from minutegraph.storage import save_original
from tests.processes import (
    alive,
    children,
    command,
    wait_until_busy,
    wait_until_gone,
)
from workers.tasks import is_transient


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Stored originals: two pages, 200 pages (seconds to extract), a broken .docx."""
    folder = tmp_path_factory.mktemp("originals")
    return {
        "short": save_original(folder, generate_minutes(seed=1, pages=2))[1],
        "long": save_original(folder, generate_minutes(seed=2, pages=200))[1],
        "broken": save_original(folder, b"PK\x03\x04 not really a zip")[1],
    }


def with_extractor(
    test: Callable[[ProcessExtractor], Awaitable[Any]], processes: int = 1
) -> Any:
    """Run `test` with a started ProcessExtractor, closed after."""

    async def main() -> Any:
        extractor = ProcessExtractor(processes)
        try:
            await extractor.start()
            return await test(extractor)
        finally:
            await extractor.close()

    return asyncio.run(main())


def test_a_child_extracts_what_the_thread_does(
    originals: dict[str, Path], nlp: Any
) -> None:
    """The same contract from a child as from this process's thread."""

    async def both(extractor: ProcessExtractor) -> tuple[Any, Any]:
        path = originals["short"]
        child = await extractor.extract(path, "a.docx", date_order="mdy")
        thread = await ThreadExtractor(nlp).extract(path, "a.docx", date_order="mdy")
        return child, thread

    child, thread = with_extractor(both)
    assert child.attendees
    assert child.as_contract(explain=True) == thread.as_contract(explain=True)


def test_an_unreadable_document_fails_with_its_code_and_keeps_the_child(
    originals: dict[str, Path],
) -> None:
    """The reader's error crosses the boundary whole; the child serves on."""

    async def broken(extractor: ProcessExtractor) -> tuple[list[int], list[int]]:
        before = extractor.pids
        with pytest.raises(UnreadableDocument) as caught:
            await extractor.extract(originals["broken"], "b.docx", date_order="dmy")
        assert caught.value.code == "MG102"
        await extractor.extract(originals["short"], "a.docx", date_order="dmy")
        return before, extractor.pids

    before, after = with_extractor(broken)
    assert len(before) == 1
    assert after == before


def test_a_cancelled_extraction_kills_its_child(originals: dict[str, Path]) -> None:
    """A job cancelled (or timed out) mid-extraction does not leave the child
    working for nobody: it is killed, and the next job gets a new one."""

    async def cancel(extractor: ProcessExtractor) -> tuple[int, list[int]]:
        [child] = extractor.pids
        task = asyncio.create_task(
            extractor.extract(originals["long"], "long.docx", date_order="dmy")
        )
        await asyncio.to_thread(wait_until_busy, child)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.to_thread(wait_until_gone, [child])
        await extractor.extract(originals["short"], "a.docx", date_order="dmy")
        return child, extractor.pids

    old, now = with_extractor(cancel)
    assert len(now) == 1
    assert now != [old]


def test_a_child_that_dies_fails_its_job_as_transient_and_is_made_again(
    originals: dict[str, Path],
) -> None:
    """SIGKILL mid-extraction: BrokenProcessPool (retried by the task as
    transient); the next extraction runs in a new child."""

    async def kill(extractor: ProcessExtractor) -> tuple[BaseException, int, list[int]]:
        [child] = extractor.pids
        task = asyncio.create_task(
            extractor.extract(originals["long"], "long.docx", date_order="dmy")
        )
        await asyncio.to_thread(wait_until_busy, child)
        os.kill(child, signal.SIGKILL)
        with pytest.raises(BrokenProcessPool) as caught:
            await task
        await extractor.extract(originals["short"], "a.docx", date_order="dmy")
        return caught.value, child, extractor.pids

    error, old, now = with_extractor(kill)
    assert is_transient(error)
    assert not alive(old)
    assert len(now) == 1
    assert now != [old]


def test_jobs_wait_for_a_free_child_and_close_stops_every_child(
    originals: dict[str, Path],
) -> None:
    """Four jobs on two children all finish; closing leaves no child alive."""

    async def four(extractor: ProcessExtractor) -> list[int]:
        names = [f"m{i}.docx" for i in range(4)]
        done = await asyncio.gather(
            *(
                extractor.extract(originals["short"], name, date_order="dmy")
                for name in names
            )
        )
        assert [extraction.filename for extraction in done] == names
        return extractor.pids

    pids = with_extractor(four, processes=2)
    assert len(pids) == 2
    wait_until_gone(pids)


_STARTER = """
import asyncio
from ingest.extractor import ProcessExtractor
asyncio.run(ProcessExtractor(1).start())
"""


def test_a_child_whose_parent_dies_while_it_starts_exits() -> None:
    """SIGKILL the parent while its child still builds the pipeline: the child
    was told its parent's pid, so it notices at once that it was left."""
    parent = subprocess.Popen(
        [sys.executable, "-c", _STARTER], cwd=Path(__file__).resolve().parents[2]
    )
    try:
        deadline = time.monotonic() + 30
        spawned: list[int] = []
        while not spawned:  # the spawned child (not multiprocessing's tracker)
            assert time.monotonic() < deadline, "the child never started"
            assert parent.poll() is None, "the parent exited early"
            spawned = [
                pid
                for pid in children(parent.pid)
                if "resource_tracker" not in command(pid)
            ]
            time.sleep(0.01)
    finally:
        parent.kill()
        parent.wait()
    wait_until_gone(spawned, timeout=10)
