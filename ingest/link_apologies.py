"""Apologies: the people a meeting's minutes file as absent, as attendances.

Each apology is resolved like an attendee, through the meeting's `PeopleLinker`
(person, organisations, memberships: "Ann Lee (ACME)" sending apologies still says
she is with ACME), and stored as an `Attendance` with status "apologies",
positioned after the present ones. The rows are synced by position among the
meeting's apologies only, so linking the same extraction again changes nothing.

The linker runs this before the attendees: an organisation first written beside
an apology ("Tobias Krachler (Alliance)") is then known when a group heading
("ALLIANCE MEMBERS") names it, on the first ingest as on every later one.
"""

from __future__ import annotations

from sqlalchemy import select

from ingest.link_people import PeopleLinker
from ingest.link_rows import RowSync, source_values
from ingest.model import Attendee
from minutegraph import models

APOLOGIES = "apologies"


async def link_apologies(
    people: PeopleLinker, apologies: list[Attendee], *, first_position: int
) -> None:
    """Upsert the meeting's apologies, numbered on from `first_position`."""
    session, meeting = people.session, people.meeting
    stored = await session.scalars(
        select(models.Attendance).where(
            models.Attendance.meeting_id == meeting.id,
            models.Attendance.status == APOLOGIES,
        )
    )
    rows = RowSync(
        session,
        people.report,
        "attendance",
        models.Attendance,
        {a.position: a for a in stored},
    )
    for position, apology in enumerate(apologies, start=first_position):
        org_ids = await people.organisations_of(apology)
        person_id = await people.person(apology.name, org_ids)
        if person_id is not None:
            for org_id in org_ids:
                people.membership(person_id, org_id)
        values = {
            "status": APOLOGIES,
            "raw_name": apology.name,
            "raw_organisation": apology.organisation,
            "group": apology.group,
            "role": apology.role,
            "person_id": person_id,
            "organisation_id": org_ids[0] if org_ids else None,
            **source_values(people.document.id, apology.provenance),
        }
        rows.put(position, values, meeting_id=meeting.id, position=position)
    await people.write()
    await rows.finish()
    await session.flush()
