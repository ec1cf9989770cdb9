"""The API bench's server side: a seeded graph, the app, and the floor endpoint.

The floor answers the bench query's JSON from the very statements the GraphQL
side runs (the keyset page, then the loaders' batch queries), with no GraphQL
in between: what is left of the gap is the price of the GraphQL layer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from minutegraph import models
from minutegraph.app import create_app
from minutegraph.db import Sessions, engine_scope
from minutegraph.graph import keyset, listing
from resolvers.loaders import GROUPED
from schema.node import to_global_id

MEETINGS, PEOPLE, ORGANISATIONS, ATTENDEES = 60, 240, 40, 8

MEETINGS_PAGE = """
query ($first: Int!) {
  meetings(first: $first) {
    edges { node {
      id title date
      attendances {
        rawName status
        person { name organisations { name } }
        organisation { name }
      }
    } }
  }
}
"""


async def seed(database_url: str) -> None:
    """Meetings with attendances of people who belong to organisations."""
    async with engine_scope(database_url) as (_, sessions), sessions.begin() as s:
        orgs = [models.Organisation(name=f"Org {i:03}") for i in range(ORGANISATIONS)]
        people = [models.Person(name=f"Person {i:03}") for i in range(PEOPLE)]
        s.add_all(orgs + people)
        await s.flush()
        for i, person in enumerate(people):
            for org in {orgs[i % ORGANISATIONS], orgs[i * 7 % ORGANISATIONS]}:
                s.add(models.Membership(person_id=person.id, organisation_id=org.id))
        for m in range(MEETINGS):
            doc = models.Document(
                sha256=f"{m:064x}",
                filename=f"m{m}.txt",
                media_type="text/plain",
                size=1,
                storage_path="-",
            )
            s.add(doc)
            await s.flush()
            meeting = models.Meeting(
                document_id=doc.id,
                title=f"Meeting {m}",
                date=dt.date(2023, 1, 1) + dt.timedelta(days=m),
                date_text=None,
            )
            s.add(meeting)
            await s.flush()
            for a in range(ATTENDEES):
                person = people[(m * ATTENDEES + a) % PEOPLE]
                s.add(
                    models.Attendance(
                        meeting_id=meeting.id,
                        position=a,
                        raw_name=person.name,
                        person_id=person.id,
                        organisation_id=orgs[a % ORGANISATIONS].id,
                        document_id=doc.id,
                    )
                )


async def _grouped(sessions: Sessions, name: str, keys: list[int]) -> dict[int, list]:
    async with sessions() as session:
        pairs = (await session.execute(GROUPED[name](keys))).all()
    found: dict[int, list] = {}
    for key, row in pairs:
        found.setdefault(key, []).append(row)
    return found


async def _by_id(sessions: Sessions, model: Any, keys: set[int]) -> dict[int, Any]:
    async with sessions() as session:
        rows = await session.scalars(select(model).where(model.id.in_(keys)))
        return {row.id: row for row in rows}


async def meetings_page(sessions: Sessions, first: int) -> dict[str, Any]:
    """The bench query's `data`, from the same SQL without GraphQL."""
    async with sessions() as session:
        stmt, order = listing.meetings(), listing.MEETINGS
        page = await keyset.fetch_page(
            session=session, stmt=stmt, order=order, first=first
        )
    meetings = [row for row, _cursor in page.rows]
    found = await _grouped(
        sessions, "attendances_by_meeting_id", [m.id for m in meetings]
    )
    attendances = [a for m in meetings for a in found.get(m.id, [])]
    people = await _by_id(sessions, models.Person, {a.person_id for a in attendances})
    orgs_of = await _grouped(sessions, "organisations_by_person_id", list(people))
    orgs = await _by_id(
        sessions, models.Organisation, {a.organisation_id for a in attendances}
    )

    def attendance(a: models.Attendance) -> dict[str, Any]:
        person = people[a.person_id]
        organisations = [{"name": o.name} for o in orgs_of.get(person.id, [])]
        return {
            "rawName": a.raw_name,
            "status": a.status,
            "person": {"name": person.name, "organisations": organisations},
            "organisation": {"name": orgs[a.organisation_id].name},
        }

    edges = [
        {
            "node": {
                "id": to_global_id("Meeting", m.id),
                "title": m.title,
                "date": m.date.isoformat() if m.date else None,
                "attendances": [attendance(a) for a in found.get(m.id, [])],
            }
        }
        for m in meetings
    ]
    return {"meetings": {"edges": edges}}


async def floor(request: Request) -> JSONResponse:
    """POST /floor: the same JSON as the GraphQL bench query."""
    body = await request.json()
    data = await meetings_page(request.state.sessions, body["variables"]["first"])
    return JSONResponse({"data": data})


def make_app() -> Starlette:
    """The API app (settings from the environment), the floor, GraphQL uncached."""
    app = create_app()
    cached = next(r for r in app.routes if getattr(r, "path", "") == "/graphql")
    view = getattr(cached.app, "app", cached.app)  # the view behind ResponseCache
    app.router.routes += [
        Route("/floor", floor, methods=["POST"]),
        Route("/graphql-uncached", view, methods=["POST"]),
    ]
    return app
