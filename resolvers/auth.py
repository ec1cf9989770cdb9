"""Who is asking (a Bearer token's role) and whether an upload is cross-site (CSRF)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from cross_web import HTTPException
from graphql import ExecutionResult, GraphQLError
from starlette.requests import HTTPConnection
from strawberry.exceptions import ConnectionRejectionError
from strawberry.extensions import SchemaExtension

from minutegraph.db import Sessions
from minutegraph.graph import tokens
from minutegraph.settings import Settings

# A header a cross-site <form> cannot send: a browser must preflight it first.
CSRF_HEADER = "x-minutegraph-csrf"
# What a request without a token may do under settings.anonymous_write (a
# development convenience, refused in production): edit, but not delete.
ANONYMOUS_WRITE_ROLE = "editor"


class InvalidToken(ValueError):
    """An Authorization value that is not a known Bearer token."""


async def role_for(header: str | None, sessions: Sessions) -> str | None:
    """The role of `Bearer <token>`; None without a header; InvalidToken if bad."""
    if not header:
        return None
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise InvalidToken("Authorization must be 'Bearer <token>'")
    async with sessions() as session:
        token = await tokens.get_by_secret(session=session, secret=secret.strip())
    if token is None:
        raise InvalidToken("Unknown API token")
    return token.role


async def role_of(
    connection: HTTPConnection, sessions: Sessions, settings: Settings | None = None
) -> str | None:
    """The role of the request's Bearer token; 401 if it is bad. Without one:
    None, or ANONYMOUS_WRITE_ROLE when settings.anonymous_write."""
    try:
        role = await role_for(connection.headers.get("authorization"), sessions)
    except InvalidToken as exc:
        raise HTTPException(401, str(exc)) from exc
    if role is None and settings is not None and settings.anonymous_write:
        return ANONYMOUS_WRITE_ROLE
    return role


def _same_site(origin: str, connection: HTTPConnection, settings: Settings) -> bool:
    if origin in settings.trusted_origins:
        return True
    parts = urlsplit(origin)
    own = connection.headers.get("host", "")
    return parts.scheme in {"http", "https"} and parts.netloc == own


def check_upload(connection: HTTPConnection, settings: Settings) -> None:
    """Refuse a multipart POST that was not preflighted or comes from another site."""
    content_type = connection.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/"):
        return
    if not connection.headers.get(CSRF_HEADER):
        raise HTTPException(
            400, f"Uploads need the {CSRF_HEADER} header (a preflighted request)"
        )
    origin = connection.headers.get("origin")
    if origin and not _same_site(origin, connection, settings):
        raise HTTPException(403, f"Uploads from {origin} are not allowed")


class AnonymousRead(SchemaExtension):
    """Without a token, refuse to run anything unless settings.anonymous_read."""

    def on_execute(self) -> Iterator[None]:
        """Answer UNAUTHENTICATED instead of executing an anonymous operation."""
        context = self.execution_context.context
        role = getattr(context, "role", None)
        settings = getattr(context, "settings", None)
        if role is None and settings is not None and not settings.anonymous_read:
            error = GraphQLError(
                "Reading needs an API token (Authorization: Bearer <token>)",
                extensions={"code": "UNAUTHENTICATED"},
            )
            self.execution_context.result = ExecutionResult(data=None, errors=[error])
        yield


async def ws_role(params: object, sessions: Sessions) -> str | None:
    """The role of a token in graphql-transport-ws connection_init's payload."""
    header = params.get("authorization") if isinstance(params, dict) else None
    try:
        return await role_for(str(header) if header else None, sessions)
    except InvalidToken as exc:
        raise ConnectionRejectionError({"code": "UNAUTHENTICATED"}) from exc
