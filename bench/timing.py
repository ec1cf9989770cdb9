"""Repeated, interleaved timings: best and median of N, robust to a noisy machine.

Every measurement of one document runs once per round, round after round, so a
slow spell of the machine hits all of them alike and their ratios stay fair. The
default clock is the process's CPU time: on a shared machine other processes
stretch wall time, not the CPU time this one spends (the work is in memory and
single-threaded, so the two agree on an idle machine).
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

Task = Callable[[], object]
Clock = Callable[[], float]
CLOCKS: dict[str, Clock] = {"cpu": time.process_time, "wall": time.perf_counter}


@dataclass(slots=True)
class Timing:
    """The seconds one measurement took in each round."""

    samples: list[float] = field(default_factory=list)

    @property
    def best(self) -> float:
        """The fastest round: the cost without the machine's noise."""
        return min(self.samples)

    @property
    def median(self) -> float:
        """The middle round."""
        return statistics.median(self.samples)

    def as_dict(self) -> dict[str, float | int]:
        """Milliseconds, for the JSON report."""
        return {"best_ms": round(self.best * 1000, 3),
                "median_ms": round(self.median * 1000, 3), "runs": len(self.samples)}


def time_once(task: Task, clock: Clock = time.process_time) -> float:
    """Seconds one call of `task` takes on `clock`."""
    start = clock()
    task()
    return clock() - start


def rounds_for(seconds_per_round: float, *, budget: float, low: int = 3,
               high: int = 30) -> int:
    """How many rounds fit in `budget` seconds, kept between `low` and `high`."""
    if seconds_per_round <= 0:
        return high
    return max(low, min(high, int(budget / seconds_per_round)))


def measure(tasks: dict[str, Task], *, budget: float, rounds: int | None = None,
            clock: Clock = time.process_time) -> dict[str, Timing]:
    """Time every task, interleaved, `rounds` times (or as often as `budget` allows)."""
    # One untimed call each first: caches, lazy imports and spaCy's vocab warm up.
    warm = {name: time_once(task, clock) for name, task in tasks.items()}
    if rounds is None:
        rounds = rounds_for(sum(warm.values()), budget=budget)
    timings = {name: Timing() for name in tasks}
    for _ in range(rounds):
        gc.collect()  # start each round with no garbage left by the previous one
        for name, task in tasks.items():
            timings[name].samples.append(time_once(task, clock))
    return timings


def measure_stages(run: Callable[[], dict[str, float]], *, rounds: int,
                   ) -> dict[str, Timing]:
    """Time a staged run (it returns seconds per stage), `rounds` times."""
    run()  # warm-up
    timings: dict[str, Timing] = {}
    for _ in range(rounds):
        gc.collect()
        for stage, seconds in run().items():
            timings.setdefault(stage, Timing()).samples.append(seconds)
    return timings
