"""`minutegraph serve`: load the example minutes on first run, then run uvicorn."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy import func, select

from minutegraph.settings import Settings, get_settings

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO.parent / "shared" / "corpus"
EXAMPLE_SUFFIXES = (".docx", ".md", ".txt")

err = Console(stderr=True)


def example_files(folder: Path) -> list[Path]:
    """The example minutes directly in `folder` (none when it is missing)."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and path.suffix.lower() in EXAMPLE_SUFFIXES
        and not path.name.lower().startswith("readme")
    )


async def document_count(url: str) -> int:
    """Documents in the graph at `url` (migrated first)."""
    from minutegraph import models
    from minutegraph.db import engine_scope
    from minutegraph.migrate import upgrade_async

    await upgrade_async(url)
    async with engine_scope(url) as (_, sessions), sessions() as session:
        count = await session.scalar(select(func.count(models.Document.id)))
    return count or 0


def first_run_load(settings: Settings, folder: Path) -> int:
    """Ingest the example minutes when the graph holds no document; files loaded."""
    from minutegraph.cli_graph import _ingest_all

    if asyncio.run(document_count(settings.database_url)):
        return 0
    files = example_files(folder)
    if not files:
        return 0
    err.print(f"first run: loading {len(files)} example minutes from {folder}")
    _totals, failures = asyncio.run(_ingest_all(files, settings, err))
    for line in failures:
        err.print(line, markup=False, highlight=False, soft_wrap=True)
    return len(files) - len(failures)


def serve(
    host: Annotated[str | None, typer.Option(help="Bind address.")] = None,
    port: Annotated[int | None, typer.Option(help="Port.")] = None,
    examples: Annotated[
        Path, typer.Option(help="Example minutes loaded into an empty graph.")
    ] = EXAMPLES,
) -> None:
    """Serve the GraphQL API (GraphiQL at /graphql); load examples on first run."""
    import uvicorn

    from minutegraph.logs import configure_logging
    from minutegraph.settings import InsecureSettings

    settings = get_settings()
    try:
        settings.check_production()  # before anything is loaded or served
    except InsecureSettings as exc:
        err.print(str(exc), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    configure_logging(settings)  # the first-run load logs like the server will
    first_run_load(settings, examples)
    host, port = host or settings.host, port or settings.port
    err.print(f"GraphiQL at http://{host}:{port}/graphql")
    # log_config=None: uvicorn's own lines go through configure_logging's
    # handler (JSON when configured) from the first one, not its text format.
    uvicorn.run(
        "minutegraph.app:create_app",
        factory=True,
        host=host,
        port=port,
        log_config=None,
    )
