"""The queue bench's tables: throughput beside extraction-only, and where time goes."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from bench.queue import Run


def throughput_table(extraction: float, runs: list[Run], *, goal: float) -> Table:
    """Documents per second, the ratio to extraction-only and per worker."""
    table = Table(title="Sustained ingestion throughput (documents per second, wall)")
    for header in (
        "path",
        "docs",
        "seconds",
        "docs/s",
        "/ extraction",
        "/ extraction per worker",
        "goal",
        "",
    ):
        table.add_column(header, justify="left" if header == "path" else "right")
    table.add_row(
        "extraction only (this process)",
        "",
        "",
        f"{extraction:.2f}",
        "1.00",
        "",
        "",
        "",
    )
    for run in runs:
        ratio = run.rate / extraction
        per_worker = ratio / run.workers
        ok = "[green]ok[/]" if per_worker >= goal else "[red]under[/]"
        label = f"queue, {run.workers} worker{'s' if run.workers > 1 else ''}"
        if run.failed:
            label += f" ({run.failed} failed)"
        table.add_row(
            label,
            str(run.docs),
            f"{run.seconds:.2f}",
            f"{run.rate:.2f}",
            f"{ratio:.2f}",
            f"{per_worker:.2f}",
            f"≥ {goal:g}",
            ok,
        )
    return table


def time_table(extraction: float, runs: list[Run]) -> Table:
    """Per-job means the workers recorded, beside extraction-only per document."""
    table = Table(title="Where a job's time goes (ms per document, mean)")
    for header in (
        "path",
        "register",
        "queued",
        "extract",
        "link",
        "task",
        "wall per doc x workers",
        "worker CPU",
        "with children",
        "machine busy",
    ):
        table.add_column(header, justify="left" if header == "path" else "right")
    table.add_row("extraction only", "", "", f"{1000 / extraction:.1f}", *[""] * 6)
    for run in runs:
        table.add_row(
            f"queue, {run.workers} worker(s)",
            f"{run.register_s * 1000 / run.docs:.1f}",
            f"{run.queued_ms:.0f}",
            f"{run.extract_ms:.1f}",
            f"{run.link_ms:.1f}",
            f"{run.task_ms:.1f}",
            f"{run.seconds * 1000 * run.workers / run.docs:.1f}",
            "" if run.worker_cpu_ms is None else f"{run.worker_cpu_ms:.1f}",
            "" if run.tree_cpu_ms is None else f"{run.tree_cpu_ms:.1f}",
            "" if run.machine_busy is None else f"{run.machine_busy:.0%}",
        )
    return table


def print_report(
    extraction: float,
    runs: list[Run],
    *,
    goal: float,
    pages: float,
    extract_processes: int,
) -> bool:
    """Print both tables and the verdict; True when every run meets the goal."""
    console = Console(width=None if sys.stdout.isatty() else 170)
    console.print(throughput_table(extraction, runs, goal=goal))
    console.print(time_table(extraction, runs))
    met = all(
        run.rate / extraction / run.workers >= goal and not run.failed for run in runs
    )
    verdict = "[green]goal met[/]" if met else "[red]goal missed[/]"
    console.print(
        f"{verdict}: each worker >= {goal:g}x the extraction-only rate "
        f"({runs[0].docs} generated minutes of "
        f"{pages:g} pages; {os.cpu_count()} CPUs, so n workers cannot beat n x "
        "one core). Each worker extracts "
        + (
            f"in {extract_processes} child process(es). "
            if extract_processes
            else "on a thread of its own. "
        )
        + "'extract' and 'link' are the workers' own timings (extract "
        "includes loading the original); 'task' is the whole task; 'wall per doc "
        "x workers' is the worker time the clock allows each document; 'worker CPU' "
        "what the worker processes (not their extraction children) spent on each, "
        "'with children' the same with their extraction children; 'machine busy' "
        "is the share of all CPUs in use while the clock ran (PostgreSQL and Redis "
        "included): near 100% the run is CPU-bound."
    )
    return met
