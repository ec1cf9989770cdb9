"""`minutegraph ingest` and `minutegraph graph stats`: the graph from a shell."""

from __future__ import annotations

import asyncio
import glob
from collections import defaultdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from sqlalchemy import func, select

from ingest.readers.dispatch import MEDIA_TYPES
from minutegraph.errors import MinutegraphError
from minutegraph.settings import Settings, get_settings

err = Console(stderr=True)
graph_app = typer.Typer(help="Look at the graph.", no_args_is_help=True)


def expand_paths(patterns: list[str]) -> list[Path]:
    """Files named, found under folders (recursively) or matched by globs, once each."""
    found: list[Path] = []
    for pattern in patterns:
        matches = [Path(p) for p in sorted(glob.glob(pattern, recursive=True))] or [
            Path(pattern)
        ]
        for path in matches:
            if path.is_dir():
                found += sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in MEDIA_TYPES
                )
            else:
                found.append(path)
    return list(dict.fromkeys(found))


async def _ingest_all(
    paths: list[Path], settings: Settings, console: Console
) -> tuple[dict[str, dict[str, int]], list[str]]:
    from ingest.ingestion import NAME_INDEXES, ingest_bytes
    from ingest.nlp import build_nlp
    from minutegraph.db import engine_scope
    from minutegraph.migrate import upgrade_async

    await upgrade_async(settings.database_url)
    nlp = build_nlp(settings.spacy_model)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    failures: list[str] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    async with engine_scope(settings.database_url) as (_, sessions):
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("ingesting", total=len(paths))
            for path in paths:
                progress.update(task, description=path.name[:40])
                try:
                    _, report = await ingest_bytes(
                        sessions,
                        data=path.read_bytes(),
                        filename=path.name,
                        storage_dir=settings.storage_dir,
                        nlp=nlp,
                        date_order=settings.date_order,
                        name_cache=NAME_INDEXES if settings.name_index_cache else None,
                    )
                except MinutegraphError as exc:
                    failures.append(f"{path}: {exc}")
                except OSError as exc:
                    failures.append(
                        f"{path}: [MG106] cannot open the file ({exc.strerror})"
                    )
                else:
                    for kind, per in report.counts.items():
                        for outcome, n in per.items():
                            totals[kind][outcome] += n
                progress.advance(task)
    return totals, failures


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs.")],
    queue: Annotated[
        bool,
        typer.Option(
            "--queue",
            help="Hand the files to the workers (MINUTEGRAPH_REDIS_URL) and follow "
            "their jobs, instead of ingesting them here.",
        ),
    ] = False,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait/--no-wait",
            help="With --queue: follow the jobs until they end, or only queue "
            "them and print their ids.",
        ),
    ] = True,
    timeout: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="With --queue: stop following after this many seconds (exit 1; "
            "the workers go on).",
        ),
    ] = None,
) -> None:
    """Read, extract and link minutes into the graph (here, or with --queue by
    the workers). Exit 1 when a file is refused or fails, 2 on bad usage."""
    files = expand_paths(paths)
    if not files:
        err.print("nothing to ingest")
        raise typer.Exit(code=1)
    console = Console()
    if queue:
        from minutegraph.cli_queue import ingest_queued

        code = ingest_queued(
            files, get_settings(), console=console, err=err, wait=wait, timeout=timeout
        )
        raise typer.Exit(code=code)
    if not wait or timeout is not None:
        err.print("--no-wait and --timeout go with --queue", markup=False)
        raise typer.Exit(code=2)
    totals, failures = asyncio.run(_ingest_all(files, get_settings(), console))
    table = Table(title=f"Ingested {len(files) - len(failures)} of {len(files)} files")
    for column in ("node", "insert", "update", "noop", "delete"):
        table.add_column(column, justify="left" if column == "node" else "right")
    for kind, per in sorted(totals.items()):
        table.add_row(
            kind, *(str(per.get(o, 0)) for o in ("insert", "update", "noop", "delete"))
        )
    console.print(table)
    for line in failures:
        err.print(line, markup=False, highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(code=1)


async def _stats(url: str) -> list[tuple[str, int]]:
    from minutegraph import models
    from minutegraph.db import engine_scope

    counted = [
        ("documents", models.Document),
        ("meetings", models.Meeting),
        ("organisations", models.Organisation),
        ("people", models.Person),
        ("attendances", models.Attendance),
        ("events", models.Event),
        ("mentions", models.Mention),
        ("action items", models.ActionItem),
    ]
    async with engine_scope(url) as (_, sessions), sessions() as session:
        rows = [
            (name, await session.scalar(select(func.count()).select_from(model)))
            for name, model in counted
        ]
        dialogues = await session.scalar(
            select(func.count())
            .select_from(models.Event)
            .where(models.Event.kind == "dialogue")
        )
        apologies = await session.scalar(
            select(func.count())
            .select_from(models.Attendance)
            .where(models.Attendance.status == "apologies")
        )
    # Attendances are the people present; apologies are counted apart.
    rows[4] = ("attendances", (rows[4][1] or 0) - (apologies or 0))
    return [
        *rows[:5],
        ("apologies", apologies or 0),
        rows[5],
        ("dialogues", dialogues or 0),
        *rows[6:],
    ]


@graph_app.command("stats")
def stats() -> None:
    """Count the graph's nodes and edges."""
    table = Table(title="minutegraph")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, n in asyncio.run(_stats(get_settings().database_url)):
        table.add_row(name, str(n))
    Console().print(table)
