"""`minutegraph token create`: API tokens for the GraphQL API."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console

from minutegraph.settings import get_settings

token_app = typer.Typer(help="Manage API tokens.", no_args_is_help=True)
err = Console(stderr=True)


async def _create(url: str, role: str, name: str | None) -> str:
    from minutegraph.db import engine_scope, write_session
    from minutegraph.graph import tokens

    async with (
        engine_scope(url) as (_, sessions),
        write_session(sessions) as session,
    ):
        _, secret = await tokens.create(session=session, role=role, name=name)
    return secret


@token_app.command("create")
def token_create(
    role: Annotated[
        str,
        typer.Option("--role", help="reader, editor (corrections, uploads) or admin."),
    ],
    name: Annotated[
        str | None, typer.Option("--name", help="What the token is for.")
    ] = None,
) -> None:
    """Create a token and print its secret once (only its sha256 is stored)."""
    from minutegraph.graph.tokens import ROLES
    from minutegraph.migrate import upgrade

    if role not in ROLES:
        err.print(f"--role must be one of {', '.join(ROLES)}", markup=False)
        raise typer.Exit(code=2)
    url = get_settings().database_url
    upgrade(url)
    secret = asyncio.run(_create(url, role, name))
    typer.echo(secret)
    err.print(
        f"{role} token created; send it as 'Authorization: Bearer <token>'. "
        "It is shown only now.",
        markup=False,
    )


async def _list(url: str) -> list[tuple[str, str, str, str]]:
    from minutegraph.db import engine_scope
    from minutegraph.graph import tokens

    async with engine_scope(url) as (_, sessions), sessions() as session:
        rows = await tokens.get_all(session=session)
    return [
        (t.prefix, t.role, t.name or "", t.created_at.isoformat(timespec="seconds"))
        for t in rows
    ]


@token_app.command("list")
def token_list() -> None:
    """Show every token's prefix id, role, name and creation time."""
    from minutegraph.migrate import upgrade

    url = get_settings().database_url
    upgrade(url)
    for row in asyncio.run(_list(url)):
        typer.echo("\t".join(row))


async def _revoke(url: str, prefix: str) -> bool:
    from minutegraph.db import engine_scope, write_session
    from minutegraph.graph import tokens

    async with (
        engine_scope(url) as (_, sessions),
        write_session(sessions) as session,
    ):
        return await tokens.delete(session=session, prefix=prefix)


@token_app.command("revoke")
def token_revoke(
    prefix: Annotated[str, typer.Argument(help="The id after 'mg_' in the secret.")],
) -> None:
    """Delete a token: requests carrying it get 401 from now on."""
    from minutegraph.migrate import upgrade

    url = get_settings().database_url
    upgrade(url)
    if not asyncio.run(_revoke(url, prefix)):
        err.print(f"no token with prefix {prefix}", markup=False)
        raise typer.Exit(code=1)
    err.print(f"token {prefix} revoked", markup=False)
