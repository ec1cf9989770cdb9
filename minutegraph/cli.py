"""The `minutegraph` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from minutegraph.errors import MinutegraphError
from minutegraph.settings import get_settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn meeting minutes into a queryable knowledge graph.",
)
err = Console(stderr=True)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Minutes documents to read.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print minutes-extract/1 JSON.")
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Add the source snippet of every fact.")
    ] = False,
) -> None:
    """Extract meeting, attendees, events and action items from each FILE."""
    from ingest.nlp import build_nlp
    from ingest.pipeline import extract_file

    settings = get_settings()
    nlp = build_nlp(settings.spacy_model)
    failed = 0
    for path in files:
        try:
            extraction = extract_file(path, nlp=nlp, date_order=settings.date_order)
        except MinutegraphError as exc:
            failed += 1
            err.print(f"{path}: {exc}", markup=False, highlight=False, soft_wrap=True)
            continue
        except OSError as exc:
            failed += 1
            err.print(
                f"{path}: [MG106] cannot open the file ({exc.strerror})",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
            continue
        except Exception as exc:  # noqa: BLE001 - a bug must not stop the other files
            failed += 1
            err.print(
                f"{path}: [MG199] internal error while extracting "
                f"({type(exc).__name__}: {exc}); please report it",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
            continue
        # the summary reads the apologies, which only the explained object holds
        data = extraction.as_contract(explain=explain or not as_json)
        if as_json or explain:
            indent = 2 if len(files) == 1 else None
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")
        else:
            _print_summary(data)
    if failed:
        raise typer.Exit(code=1)


def _print_summary(data: dict) -> None:
    console = Console()
    meeting = data["meeting"]
    console.rule(f"[bold]{data['source']['filename']}")
    console.print(
        f"{meeting['title'] or '(no title)'} — {meeting['date'] or 'no date'} "
        f"{meeting['start_time'] or ''}–{meeting['end_time'] or ''} "
        f"{meeting['timezone'] or ''} {meeting['location'] or ''}",
        markup=False,
    )
    for title, key, columns in (
        ("Attendees", "attendees", ("name", "organisation", "group")),
        ("Apologies", "apologies", ("name", "organisation", "group")),
        ("Events", "events", ("start", "end", "kind", "title")),
        ("Action items", "action_items", ("owner", "due", "text")),
    ):
        table = Table(title=f"{title} ({len(data[key])})", show_lines=False)
        for column in columns:
            table.add_column(column)
        for item in data[key]:
            table.add_row(*(str(item[c] or "") for c in columns))
        console.print(table)


db_app = typer.Typer(help="Manage the graph database.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Create or migrate the database at MINUTEGRAPH_DATABASE_URL."""
    from minutegraph.migrate import upgrade

    url = get_settings().database_url
    upgrade(url, revision)
    err.print(f"database at {_safe_url(url)} is at {revision}", markup=False)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _register_graph_commands() -> None:
    from minutegraph.cli_graph import graph_app, ingest

    app.command()(ingest)
    app.add_typer(graph_app, name="graph")


_register_graph_commands()


def _register_serve() -> None:
    from minutegraph.cli_serve import serve

    app.command()(serve)


_register_serve()


def _register_token_commands() -> None:
    from minutegraph.cli_token import token_app

    app.add_typer(token_app, name="token")


_register_token_commands()


def _register_worker() -> None:
    from minutegraph.cli_worker import worker

    app.command()(worker)


_register_worker()


def _register_graphiql_assets() -> None:
    from minutegraph.cli_graphiql import graphiql_assets

    app.command("graphiql-assets")(graphiql_assets)


_register_graphiql_assets()


def main() -> None:
    """Console-script entry point."""
    app()
