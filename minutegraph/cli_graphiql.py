"""`minutegraph graphiql-assets`: GraphiQL's scripts and styles, for offline use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from minutegraph.settings import get_settings

err = Console(stderr=True)


def graphiql_assets(
    directory: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            help="Where to keep them (default MINUTEGRAPH_GRAPHIQL_ASSETS_DIR).",
        ),
    ] = None,
) -> None:
    """Fetch the files GraphiQL loads from npm, verified against the page's hashes."""
    from minutegraph.graphiql import AssetError, fetch_assets

    root = directory or get_settings().graphiql_assets_dir
    try:
        fetched = fetch_assets(root)
    except AssetError as exc:
        err.print(
            f"graphiql-assets: {exc}; GraphiQL will load its files from the CDN",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(code=1) from exc
    state = f"{fetched} fetched" if fetched else "all present"
    err.print(f"GraphiQL assets in {root}: {state}, verified", markup=False)
