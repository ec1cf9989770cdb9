"""API tokens for tests: `bearer(settings, "editor")` gives request headers."""

from __future__ import annotations

import asyncio

from minutegraph.db import engine_scope, write_session
from minutegraph.graph import tokens
from minutegraph.settings import Settings


def make_token(settings: Settings, role: str, name: str | None = None) -> str:
    """A new token's secret, stored in the settings' database."""

    async def main() -> str:
        async with (
            engine_scope(settings.database_url) as (_, sessions),
            write_session(sessions) as session,
        ):
            _, secret = await tokens.create(session=session, role=role, name=name)
        return secret

    return asyncio.run(main())


def bearer(settings: Settings, role: str) -> dict[str, str]:
    """Headers carrying a new token of `role`."""
    return {"authorization": f"Bearer {make_token(settings, role)}"}
