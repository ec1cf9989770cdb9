"""The per-request context: settings, sessions, the lazy spaCy pipeline, loaders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from minutegraph.db import Sessions
from minutegraph.settings import Settings
from resolvers.loaders import Loaders


@dataclass(slots=True)
class Context:
    """What every resolver may use; built fresh for each request."""

    request: Request | WebSocket
    response: Response | WebSocket | None
    settings: Settings
    sessions: Sessions
    nlp: Callable[[], Any]  # the spaCy pipeline, built on first use
    loaders: Loaders
    queue: Any  # workers.queue.InlineQueue (arq's shape)
    role: str | None = None  # from `Authorization: Bearer <token>` (the view)
    connection_params: Any = None  # graphql-transport-ws connection_init payload


Info = strawberry.Info[Context, None]


def get_context(
    request: Request | WebSocket, response: Response | WebSocket | None = None
) -> Context:
    """A context from the app's lifespan state, with fresh DataLoaders."""
    state = request.state
    return Context(
        request=request,
        response=response,
        settings=state.settings,
        sessions=state.sessions,
        nlp=state.nlp,
        loaders=Loaders(state.sessions),
        queue=state.queue,
    )
