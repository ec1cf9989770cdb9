"""The ASGI app: `create_app(settings)`; run it with `uvicorn --factory`.

Nothing with a lifetime is made at import: the lifespan migrates the database,
makes the engine and session factory, and hands them (with a spaCy pipeline built
on first use) to every request as state.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from minutegraph.db import create_engine, create_sessions
from minutegraph.graph_stats import GraphStats
from minutegraph.graphiql import ASSETS_URL, AssetFiles, localize
from minutegraph.health import healthz, readyz
from minutegraph.logs import REQUEST_ID_HEADER, RequestIdMiddleware, configure_logging
from minutegraph.metrics import GraphQLMetrics
from minutegraph.migrate import upgrade_async
from minutegraph.response_cache import ResponseCache
from minutegraph.settings import Settings, get_settings
from resolvers.auth import CSRF_HEADER, check_upload, role_of, ws_role
from resolvers.calendar_feed import calendar_feed
from resolvers.context import get_context
from resolvers.root import make_schema
from workers.queue import InlineQueue, make_queue
from workers.sweeper import sweeping
from workers.tasks import worker_name

log = logging.getLogger(__name__)


def _nlp(model: str | None) -> Any:
    from ingest.nlp import build_nlp  # spaCy loads only when a document needs it

    return build_nlp(model)


class GraphQLView(GraphQL):
    """Strawberry's ASGI view with minutegraph's per-request context."""

    graphiql_assets_dir: Path | None = None  # local copies of the IDE's CDN files

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL, loading the local copies of its files when they are intact."""
        html = self.graphql_ide_html
        if self.graphiql_assets_dir is not None:
            html = localize(html, self.graphiql_assets_dir)
        return HTMLResponse(html)

    async def get_context(self, request: Request | WebSocket, response: Any) -> Any:
        """Fresh DataLoaders, the token's role; uploads checked for CSRF."""
        context = get_context(request, response)
        check_upload(request, context.settings)
        context.role = await role_of(request, context.sessions, context.settings)
        return context

    async def on_ws_connect(self, context: Any) -> None:
        """A websocket may send its token in connection_init: {authorization}."""
        role = await ws_role(context.connection_params, context.sessions)
        context.role = role or context.role


def _middleware(settings: Settings) -> list[Middleware]:
    """A request id on every request; CORS headers for settings.cors_origins."""
    middleware = [Middleware(RequestIdMiddleware)]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=[
                    "authorization",
                    "content-type",
                    CSRF_HEADER,
                    REQUEST_ID_HEADER,
                ],
                expose_headers=[REQUEST_ID_HEADER],
                max_age=600,
            )
        )
    return middleware


def create_app(settings: Settings | None = None) -> Starlette:
    """The API app: /graphql (and GraphiQL), /healthz, /readyz, /metrics."""
    settings = settings or get_settings()
    settings.check_production()  # refuse to start exposed

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[dict[str, Any]]:
        configure_logging(settings)
        for warning in settings.production_warnings():
            log.warning("production: %s", warning)
        await upgrade_async(settings.database_url)
        engine = create_engine(settings.database_url)
        sessions = create_sessions(engine)
        nlp = partial(_nlp, settings.spacy_model)
        ctx = {
            "settings": settings,
            "sessions": sessions,
            "nlp": nlp,
            "worker_id": worker_name(),
        }
        if processes := settings.extract_processes_for("api"):
            from ingest.extractor import ProcessExtractor  # children start lazily

            ctx["extractor"] = ProcessExtractor(processes, model=settings.spacy_model)
        queue = make_queue(settings, ctx)
        state = {
            "settings": settings,
            "engine": engine,
            "sessions": sessions,
            "nlp": nlp,
            "queue": queue,
        }
        try:
            if isinstance(queue, InlineQueue):
                # This process runs the jobs, so it also sweeps up those a
                # restart or crash left behind. With Redis, the workers sweep.
                async with sweeping(sessions=sessions, queue=queue, settings=settings):
                    yield state
            else:
                yield state
        finally:
            await queue.close()  # in-process ingestions finish before the engine goes
            if "extractor" in ctx:
                await ctx["extractor"].close()
            await engine.dispose()

    view = GraphQLView(
        make_schema(introspection=settings.graphiql),
        graphql_ide="graphiql" if settings.graphiql else None,
        multipart_uploads_enabled=True,  # documentUpload (multipart request spec)
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),  # ingestJob(id)
    )
    view.graphiql_assets_dir = settings.graphiql_assets_dir
    routes = [
        Route("/graphql", GraphQLMetrics(ResponseCache(view)), methods=["GET", "POST"]),
        WebSocketRoute("/graphql", view),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", GraphStats().endpoint),
        Route("/calendar.ics", calendar_feed),
    ]
    if settings.graphiql:  # the IDE's scripts and styles, when fetched (make serve)
        routes.append(Mount(ASSETS_URL, AssetFiles(settings.graphiql_assets_dir)))
    return Starlette(routes=routes, middleware=_middleware(settings), lifespan=lifespan)
