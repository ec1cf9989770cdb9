"""`/calendar.ics`: the events as iCalendar, rendered by `minutegraph.calendar`."""

from __future__ import annotations

import datetime as dt

from cross_web import HTTPException
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from minutegraph.calendar import render
from minutegraph.graph import calendar
from resolvers.auth import role_of
from schema.node import from_global_id

MEDIA_TYPE = "text/calendar; charset=utf-8"


def _date(request: Request, name: str) -> dt.date | None:
    value = request.query_params.get(name)
    return dt.date.fromisoformat(value) if value else None


async def _organisation(session: AsyncSession, value: str | None) -> int | None:
    if not value:
        return None
    try:
        type_name, key = from_global_id(value)
        if type_name == "Organisation":
            return key
    except ValueError:
        pass
    found = await calendar.organisation_id(session=session, name=value)
    if found is None:
        raise LookupError(f"no organisation {value!r}")
    return found


async def _refused(request: Request) -> Response | None:
    """401 for a bad token, or for none when anonymous reading is off."""
    try:
        role = await role_of(request, request.state.sessions, request.state.settings)
    except HTTPException as exc:
        return PlainTextResponse(exc.reason, status_code=exc.status_code)
    if role is None and not request.state.settings.anonymous_read:
        return PlainTextResponse("A reader token is needed", status_code=401)
    return None


async def calendar_feed(request: Request) -> Response:
    """GET /calendar.ics?organisation=<id or name>&from=YYYY-MM-DD&to=YYYY-MM-DD."""
    if (refusal := await _refused(request)) is not None:
        return refusal
    try:
        date_from, date_to = _date(request, "from"), _date(request, "to")
    except ValueError:
        return PlainTextResponse("from and to must be YYYY-MM-DD", status_code=400)
    async with request.state.sessions() as session:
        try:
            org = await _organisation(session, request.query_params.get("organisation"))
        except LookupError as exc:
            return PlainTextResponse(str(exc), status_code=404)
        events = await calendar.get_all(
            session=session, organisation_id=org, date_from=date_from, date_to=date_to
        )
    return Response(render(events), media_type=MEDIA_TYPE)
