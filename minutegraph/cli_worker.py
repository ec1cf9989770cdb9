"""`minutegraph worker`: an arq worker on MINUTEGRAPH_REDIS_URL."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console

from minutegraph.settings import get_settings

err = Console(stderr=True)


def worker(
    burst: Annotated[
        bool, typer.Option("--burst", help="Stop once the queue is empty.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Exit 0 when this host's worker is alive (a container health check).",
        ),
    ] = False,
    grace: Annotated[
        float,
        typer.Option(
            help="On SIGTERM, seconds running jobs get to finish before they are "
            "handed back to the queue."
        ),
    ] = 30.0,
    concurrency: Annotated[
        int | None,
        typer.Option(help="Jobs at once (default MINUTEGRAPH_WORKER_CONCURRENCY)."),
    ] = None,
) -> None:
    """Ingest queued documents: the arq worker of the scaled-out deployment."""
    settings = get_settings()
    if not settings.redis_url:
        err.print(
            "minutegraph worker needs MINUTEGRAPH_REDIS_URL (e.g. redis://127.0.0.1:6379/0);"
            " without it the API ingests uploads in-process.",
            markup=False,
        )
        raise typer.Exit(code=2)
    from minutegraph.logs import configure_logging
    from minutegraph.settings import InsecureSettings
    from workers.run import check_health, run_worker

    if check:
        raise typer.Exit(code=0 if asyncio.run(check_health(settings)) else 1)
    try:
        settings.check_production()  # the API's rules hold for its workers too
    except InsecureSettings as exc:
        err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from exc
    if concurrency is not None:
        settings = settings.model_copy(update={"worker_concurrency": concurrency})
    configure_logging(settings)
    if settings.worker_metrics_port:
        from minutegraph.metrics import start_worker_metrics

        start_worker_metrics(settings.worker_metrics_port)
    asyncio.run(run_worker(settings, burst=burst, grace=grace))
