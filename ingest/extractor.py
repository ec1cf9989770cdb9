"""Where extraction runs: a thread of this process, or child processes of its own.

`ingest.ingestion.ingest_document` awaits `extractor.extract(path, filename,
date_order=...)` and gets an `Extraction` (or the reader's IngestError).

- `ThreadExtractor(nlp)`: one thread of this process, shared by every instance,
  so one pipeline is never used by two threads at once (the CLI, the API's
  in-process runner). Extraction then competes with this process's other work
  (linking, the event loop) for the GIL.
- `ProcessExtractor(processes, model)`: `processes` children, each building its
  spaCy pipeline once when it starts and reading the original itself; only
  paths go in and the `Extraction` comes back pickled (about 0.5 ms for two
  pages, 7 ms for 200). An arq worker extracts one job's document on another
  core while it links another's.

Each child is a `ProcessPoolExecutor` of one, so that a child stuck on a job
that timed out or was cancelled is killed alone, and a child that died
(`BrokenProcessPool`, a transient failure for the task) is made again on the
next use. Children ignore SIGINT (the parent decides when to stop) and exit
when the process that started them goes away, so a SIGKILLed worker leaves none.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path
from typing import Literal, Protocol

from spacy.language import Language

from ingest.model import Extraction
from ingest.pipeline import extract_bytes
from minutegraph.storage import load_original

log = logging.getLogger(__name__)

DateOrder = Literal["dmy", "mdy"]
# How often a child checks that its parent is still there (seconds).
PARENT_POLL = 0.5
# How long a child gets to exit on its own at shutdown before it is killed.
SHUTDOWN_TIMEOUT = 5.0


class Extractor(Protocol):
    """Runs `extract_bytes` over a stored original, off the event loop."""

    async def extract(
        self, path: Path, filename: str, *, date_order: DateOrder
    ) -> Extraction:
        """The extraction of the original stored at `path`."""
        ...

    async def close(self) -> None:
        """Stop what the extractor started."""
        ...


def extract_original(
    path: Path, filename: str, nlp: Language, date_order: DateOrder
) -> Extraction:
    """Load a stored original and extract it (in whichever thread or process)."""
    return extract_bytes(load_original(path), filename, nlp=nlp, date_order=date_order)


_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="minutegraph-extract")


class ThreadExtractor:
    """Extraction on the process's one extraction thread, with this pipeline."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    async def extract(
        self, path: Path, filename: str, *, date_order: DateOrder
    ) -> Extraction:
        """Extract on the thread; the event loop keeps answering meanwhile."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            _THREAD, partial(extract_original, path, filename, self.nlp, date_order)
        )

    async def close(self) -> None:
        """Nothing to stop: the thread is the process's."""


class ProcessExtractor:
    """Extraction in `processes` child processes, each with its own pipeline."""

    def __init__(self, processes: int, *, model: str | None = None) -> None:
        if processes < 1:
            raise ValueError("a ProcessExtractor needs at least one process")
        # Not fork: this process runs threads (asyncio's, SQLAlchemy's). Not
        # forkserver either: its children would be the fork server's, which
        # outlives a killed worker as long as they do, so they could not tell
        # the worker died. A spawned child starts in about a second.
        self._context = multiprocessing.get_context("spawn")
        self._model = model
        self._free: asyncio.Queue[_Child | None] = asyncio.Queue()
        self._children: set[_Child] = set()
        for _ in range(processes):
            self._free.put_nowait(None)  # None: a child to make on first use

    @property
    def pids(self) -> list[int]:
        """The process ids of the children alive now."""
        return sorted(child.pid for child in self._children)

    async def start(self) -> None:
        """Make every child not made yet, or killed since, with its pipeline
        (else the next job waits for it)."""
        held = [await self._free.get() for _ in range(self._free.qsize())]
        try:
            made = await asyncio.gather(
                *(self._ready(child) for child in held), return_exceptions=True
            )
            held = [child if isinstance(child, _Child) else None for child in made]
        finally:
            for child in held:
                self._free.put_nowait(child)
        for failure in made:
            if isinstance(failure, BaseException):
                raise failure

    async def extract(
        self, path: Path, filename: str, *, date_order: DateOrder
    ) -> Extraction:
        """Extract in a free child (waiting for one); a child left busy by a
        cancellation or timeout is killed, one that died is made again."""
        child = await self._free.get()
        future: Future[Extraction] | None = None
        try:
            child = await self._ready(child)
            future = child.pool.submit(_extract_in_child, path, filename, date_order)
            return await asyncio.wrap_future(future)
        except BaseException as exc:
            if child is not None and _lost(future, exc):
                log.warning(
                    "extraction process %s %s; another will be made",
                    child.pid,
                    "died" if isinstance(exc, BrokenProcessPool) else "killed",
                )
                self._drop(child)
                child = None
            raise
        finally:
            self._free.put_nowait(child)

    async def close(self) -> None:
        """Let idle children exit; kill those that do not within a few seconds."""
        children, self._children = list(self._children), set()
        await asyncio.gather(*(child.stop(SHUTDOWN_TIMEOUT) for child in children))

    async def _ready(self, child: _Child | None) -> _Child:
        """The child, or a new one started and with its pipeline built."""
        if child is not None:
            return child
        pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=self._context,
            initializer=_start_child,
            initargs=(self._model, os.getpid()),
        )
        first = pool.submit(os.getpid)  # answers once the pipeline is built
        try:
            pid = await asyncio.wrap_future(first)
        except BaseException:
            # It exits once started (it gets no work); one that died is gone.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        child = _Child(pool, pid)
        self._children.add(child)
        log.info("extraction process %s ready", pid)
        return child

    def _drop(self, child: _Child) -> None:
        self._children.discard(child)
        child.kill()


class _Child:
    """One child process: a ProcessPoolExecutor of one, and the child's pid."""

    def __init__(self, pool: ProcessPoolExecutor, pid: int) -> None:
        self.pool, self.pid = pool, pid

    def kill(self) -> None:
        """SIGKILL the child (it may be gone) and stop its pool without waiting."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self.pool.shutdown(wait=False, cancel_futures=True)

    async def stop(self, timeout: float) -> None:
        """Ask the child to exit and wait for it; kill it after `timeout` s."""
        stopping = asyncio.ensure_future(
            asyncio.to_thread(self.pool.shutdown, wait=True, cancel_futures=True)
        )
        try:
            await asyncio.wait_for(asyncio.shield(stopping), timeout)
        except TimeoutError:
            log.warning("extraction process %s did not stop; killing it", self.pid)
            self.kill()
            await stopping


def _lost(future: Future[Extraction] | None, exc: BaseException) -> bool:
    """The child died, or still runs a job nobody waits for (cancelled, timed out).

    A job cancelled before the child took it is cancelled in the pool too
    (`future.done()`) and leaves the child free.
    """
    if isinstance(exc, BrokenProcessPool):
        return True
    return future is not None and not future.done()


# In a child: the pipeline its initializer built.
_NLP: Language | None = None


def _start_child(model: str | None, parent: int) -> None:
    """A child's initializer: ignore Ctrl-C, watch the parent, build the pipeline.

    `parent` is the pid the parent gave, not `os.getppid()` read here: a parent
    killed while this child was still starting has already left it to another
    parent, which it would then watch forever. The watch starts before the
    pipeline, which takes a while to build.
    """
    global _NLP
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us
    threading.Thread(
        target=_exit_with_parent,
        args=(parent,),
        name="minutegraph-parent-watch",
        daemon=True,
    ).start()
    from ingest.nlp import build_nlp

    _NLP = build_nlp(model)


def _exit_with_parent(parent: int) -> None:
    """Exit once the process that started this one is gone (we get a new
    parent): a SIGKILLed worker would otherwise leave us running."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _extract_in_child(path: Path, filename: str, date_order: DateOrder) -> Extraction:
    assert _NLP is not None, "the initializer builds the pipeline"
    return extract_original(path, filename, _NLP, date_order)
