"""API tokens: created by the CLI, stored hashed, resolved from a Bearer header."""

from __future__ import annotations

import asyncio
import hashlib
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.db import engine_scope
from minutegraph.graph import tokens
from minutegraph.models import ApiToken
from minutegraph.settings import Settings
from tests.api.conftest import post
from tests.api.tokens import make_token

ROLE_QUERY = "query { meetings { totalCount } }"


def _stored(url: str) -> list[ApiToken]:
    async def main() -> list[ApiToken]:
        async with engine_scope(url) as (_, sessions), sessions() as session:
            return list((await session.scalars(select(ApiToken))).all())

    return asyncio.run(main())


def _cli(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from minutegraph.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "MINUTEGRAPH_DATABASE_URL": url},
        cwd=tmp_path,
    )


def test_cli_prints_the_secret_once_and_stores_its_hash(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}"
    args = ("token", "create", "--role", "editor", "--name", "frontend")
    result = _cli(tmp_path, url, *args)
    assert result.returncode == 0, result.stderr
    secret = result.stdout.strip()
    assert secret.startswith("mg_")
    [row] = _stored(url)
    assert (row.role, row.name) == ("editor", "frontend")
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {row.prefix, row.secret_hash, row.name}


def test_cli_refuses_an_unknown_role(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}"
    result = _cli(tmp_path, url, "token", "create", "--role", "root")
    assert result.returncode == 2
    assert "reader, editor, admin" in result.stderr


def test_a_secret_finds_its_token_and_nothing_else(settings: Settings) -> None:
    secret = make_token(settings, "reader")

    async def main() -> list[str | None]:
        found = []
        async with (
            engine_scope(settings.database_url) as (_, sessions),
            sessions() as session,
        ):
            for guess in (secret, secret + "x", secret[:-1], "mg__x", "nope"):
                token = await tokens.get_by_secret(session=session, secret=guess)
                found.append(token.role if token else None)
        return found

    assert asyncio.run(main()) == ["reader", None, None, None, None]


def test_roles_rank_reader_editor_admin() -> None:
    assert tokens.allows("admin", "editor")
    assert tokens.allows("editor", "editor")
    assert not tokens.allows("reader", "editor")
    assert not tokens.allows(None, "reader")
    assert not tokens.allows("root", "reader")


def test_a_bearer_token_is_read_and_a_bad_one_refused(settings: Settings) -> None:
    secret = make_token(settings, "admin")
    with TestClient(create_app(settings)) as client:
        client.headers["authorization"] = f"Bearer {secret}"
        assert post(client, ROLE_QUERY)["meetings"]["totalCount"] == 0
        for header in (f"Bearer {secret}x", "Basic abc", "Bearer "):
            response = client.post(
                "/graphql",
                json={"query": ROLE_QUERY},
                headers={"authorization": header},
            )
            assert response.status_code == 401, header


@pytest.mark.parametrize("role", tokens.ROLES)
def test_the_context_carries_the_tokens_role(settings: Settings, role: str) -> None:
    from resolvers.auth import role_of

    secret = make_token(settings, role)

    connection = SimpleNamespace(headers={"authorization": f"Bearer {secret}"})

    async def main() -> str | None:
        async with engine_scope(settings.database_url) as (_, sessions):
            return await role_of(connection, sessions)  # type: ignore[arg-type]

    assert asyncio.run(main()) == role


def test_cli_lists_and_revokes_tokens(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}"
    secret = _cli(tmp_path, url, "token", "create", "--role", "reader").stdout.strip()
    prefix = secret.split("_")[1]
    listed = _cli(tmp_path, url, "token", "list")
    assert listed.stdout.split("\t")[:2] == [prefix, "reader"]
    assert secret not in listed.stdout
    assert _cli(tmp_path, url, "token", "revoke", prefix).returncode == 0
    assert _stored(url) == []
    assert _cli(tmp_path, url, "token", "revoke", prefix).returncode == 1


def test_a_revoked_token_is_refused(settings: Settings) -> None:
    secret = make_token(settings, "editor")

    async def revoke() -> bool:
        async with (
            engine_scope(settings.database_url) as (_, sessions),
            sessions() as session,
        ):
            done = await tokens.delete(session=session, prefix=secret.split("_")[1])
            await session.commit()
        return done

    with TestClient(create_app(settings)) as client:
        client.headers["authorization"] = f"Bearer {secret}"
        assert post(client, ROLE_QUERY)["meetings"]["totalCount"] == 0
        assert asyncio.run(revoke())
        other = "query { people { totalCount } }"  # not a cached response
        assert client.post("/graphql", json={"query": other}).status_code == 401
