"""A GraphQL response cache, invalidated by every write to the graph.

The graph changes only when documents are ingested or corrections are made, and
frontends ask the same queries again and again; so a query's response is kept,
keyed by the graph version, the query, its variables and operation name, the
caller's credentials (Authorization, Cookie) and today's date (`upcoming`).

The graph version is a process-wide number: every committed transaction that ran
an INSERT, UPDATE or DELETE on any engine in this process bumps it (ingestion,
corrections, merges, deletes, whatever code path wrote). A write made by another
process (an arq worker, the CLI) is caught by a cheap probe each request makes
instead: the count and latest finish of ingest jobs, and the count and last id
of corrections and API tokens are part of the key, so a document a worker
linked, a correction or a token revoked elsewhere is seen at once.
Only successful query operations sent as JSON POSTs are kept; mutations,
subscriptions, GET requests, uploads and responses with errors pass through.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from functools import lru_cache
from typing import Any

from graphql import OperationType, get_operation_ast, parse
from graphql.error import GraphQLError
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from minutegraph import models

_WRITES = ("insert", "update", "delete", "replace")
_state = {"version": 0}


def version() -> int:
    """The graph version: it grows by one with every committed write."""
    return _state["version"]


def bump() -> int:
    """Count a change to the graph made elsewhere; the new version."""
    _state["version"] += 1
    return _state["version"]


@event.listens_for(Engine, "after_cursor_execute")
def _mark_write(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
    if statement.lstrip()[:7].lower().startswith(_WRITES):
        conn.info["minutegraph_wrote"] = True
        bump()  # readers in the same transaction's window see a new version too


@event.listens_for(Engine, "commit")
def _bump_on_commit(conn: Any) -> None:
    if conn.info.pop("minutegraph_wrote", False):
        bump()


@event.listens_for(Engine, "rollback")
def _forget_on_rollback(conn: Any) -> None:
    # A connection invalidated by a disconnect has no info left to forget, and
    # asking for it would raise over the rollback, hiding the disconnect itself.
    if not conn.invalidated:
        conn.info.pop("minutegraph_wrote", None)


def _probe_statement() -> Any:
    job, fix, token = models.IngestJob, models.Correction, models.ApiToken
    parts = [
        func.count(job.id),
        func.max(job.finished_at),
        func.count(fix.id),
        func.max(fix.id),
        func.count(token.id),
        func.max(token.id),
    ]
    return select(*(select(part).scalar_subquery() for part in parts))


PROBE = _probe_statement()


async def probe(scope: dict[str, Any]) -> str:
    """What other processes may have changed: jobs, corrections, tokens."""
    sessions = scope.get("state", {}).get("sessions")
    if sessions is None:
        return ""
    async with sessions() as session:
        row = (await session.execute(PROBE)).one()
    return json.dumps([str(value) for value in row])


@lru_cache(maxsize=512)
def is_query(query: str, operation_name: str | None) -> bool:
    """Whether the operation a document runs is a query (not a mutation...)."""
    try:
        operation = get_operation_ast(parse(query), operation_name)
    except GraphQLError:
        return False
    return operation is not None and operation.operation == OperationType.QUERY


def _key(scope: dict[str, Any], body: bytes) -> str | None:
    headers = dict(scope["headers"])
    if not headers.get(b"content-type", b"").startswith(b"application/json"):
        return None
    try:
        request = json.loads(body)
        query, name = request["query"], request.get("operationName")
        if not (isinstance(query, str) and is_query(query, name)):
            return None
        variables = request.get("variables") or {}
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    credentials = [
        headers.get(h, b"").decode("latin-1") for h in (b"authorization", b"cookie")
    ]
    today = dt.datetime.now(dt.UTC).date().isoformat()
    return json.dumps([query, variables, name, credentials, today], sort_keys=True)


class ResponseCache:
    """ASGI wrapper around the GraphQL view keeping successful query responses."""

    def __init__(
        self, app: Any, *, max_entries: int = 512, max_bytes: int = 64 * 2**20
    ) -> None:
        self.app = app
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[str, tuple[int, list, bytes]] = OrderedDict()
        self.version = version()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        """Answer from the cache, or pass through and keep a cacheable answer."""
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        body = await _read_body(receive)
        key = _key(scope, body)
        if key is not None:
            key += await probe(scope)
        if self.version != version():
            self.entries.clear()
            self.size, self.version = 0, version()
        if key is not None and key in self.entries:
            self.entries.move_to_end(key)
            return await _replay(send, *self.entries[key])
        seen = self.version
        sent: list[dict] = []

        async def capture(message: dict) -> None:
            sent.append(message)
            await send(message)

        await self.app(scope, _replaying(body, receive), capture)
        if key is not None and seen == version():
            self._keep(key, sent)

    def _keep(self, key: str, sent: list[dict]) -> None:
        start = next((m for m in sent if m["type"] == "http.response.start"), None)
        body = b"".join(
            m.get("body", b"") for m in sent if m["type"] == "http.response.body"
        )
        if start is None or start["status"] != 200 or b'"errors"' in body:
            return
        if key in self.entries or len(body) > self.max_bytes // 4:
            return
        self.entries[key] = (start["status"], list(start.get("headers", [])), body)
        self.size += len(body)
        while len(self.entries) > self.max_entries or self.size > self.max_bytes:
            self.size -= len(self.entries.popitem(last=False)[1][2])


async def _read_body(receive: Any) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _replaying(body: bytes, receive: Any) -> Any:
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay() -> dict:
        return pending.pop() if pending else await receive()

    return replay


async def _replay(send: Any, status: int, headers: list, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
