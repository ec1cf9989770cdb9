"""Logging: text or JSON lines, each carrying the request id and the job id.

`configure_logging(settings)` installs one handler on the root logger (the API
calls it in its lifespan, a worker at start-up); the request id is set per HTTP
request by `RequestIdMiddleware`, the job id by `with job_logging(job_id):` around
a job. What must never be logged: document text, API tokens, query variables.
Uvicorn's access log keeps the path without its query string (a GET query's
variables or a token there stay out), and no header is ever logged.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Any

from minutegraph.settings import Settings

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
job_id_var: ContextVar[int | None] = ContextVar("job_id", default=None)

REQUEST_ID_HEADER = "x-request-id"
# An incoming X-Request-ID is kept only when short and plain (it ends up in logs).
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
# Uvicorn's loggers get no handler of their own: their records reach ours.
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")
# Loggers kept at WARNING whatever log_level says: aiosqlite's DEBUG lines print
# every statement with its parameters (document text, token prefixes); Alembic's
# plugin set-up says seven lines of nothing at every start.
QUIET_LOGGERS = ("aiosqlite", "alembic.runtime.plugins")


class ContextFilter(logging.Filter):
    """Put the current request id and job id on every record (None when unset)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Annotate the record; never drop it."""
        record.request_id = request_id_var.get()
        record.job_id = job_id_var.get()
        return True


class AccessLogFilter(logging.Filter):
    """Drop the query string from uvicorn's access lines (GET variables, tokens)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite `path?query` to `path` in uvicorn's access-log arguments."""
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            client, method, path, version, status = args
            record.args = (client, method, path.split("?", 1)[0], version, status)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, ids, exc_info."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        line: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            "job_id": getattr(record, "job_id", None),
        }
        if record.exc_info:
            line["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Classic text lines, ending with request_id=... job_id=... when set."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802
        """The line with the ids that are set appended."""
        line = super().formatMessage(record)
        for name in ("request_id", "job_id"):
            value = getattr(record, name, None)
            if value is not None:
                line += f" {name}={value}"
        return line


class _Handler(logging.StreamHandler):
    """The handler configure_logging installs (so that it can replace its own)."""


def configure_logging(settings: Settings, *, stream: IO[str] | None = None) -> None:
    """Log to `stream` (stderr) as text or JSON at settings.log_level; idempotent."""
    handler = _Handler(stream or sys.stderr)
    handler.addFilter(ContextFilter())
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _Handler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    for name in UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.propagate = True
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, AccessLogFilter) for f in access.filters):
        access.addFilter(AccessLogFilter())


def new_request_id(incoming: str | None) -> str:
    """The incoming X-Request-ID when it is short and safe, else a new uuid4 hex."""
    if incoming and _SAFE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """ASGI middleware: a request id per request, in the logs and the response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        """Set request_id for the request; echo it as X-Request-ID (HTTP)."""
        if scope["type"] not in {"http", "websocket"}:
            return await self.app(scope, receive, send)
        incoming = None
        for name, value in scope.get("headers", ()):
            if name == REQUEST_ID_HEADER.encode():
                incoming = value.decode("latin-1")
                break
        rid = new_request_id(incoming)
        token = request_id_var.set(rid)

        async def send_with_id(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != REQUEST_ID_HEADER.encode()
                ]
                headers.append((REQUEST_ID_HEADER.encode(), rid.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)


@contextmanager
def job_logging(job_id: int) -> Iterator[None]:
    """Every line logged inside carries this job_id (wrap each job's run in it)."""
    token = job_id_var.set(job_id)
    try:
        yield
    finally:
        job_id_var.reset(token)
