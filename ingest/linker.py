"""The linker: one document's extraction into the graph, in one transaction.

Upserts by natural keys and counts every outcome, so linking the same extraction
twice reports only noops (Open States' importers). Names are resolved through
`ingest.link_people`; events, mentions and dialogue figures through
`ingest.link_events`; action items through `ingest.link_actions`.
"""

from __future__ import annotations

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.link_actions import link_actions
from ingest.link_apologies import link_apologies
from ingest.link_events import (
    link_figures,
    link_meeting_events,
    link_meetings_named,
    link_mentions,
)
from ingest.link_people import PeopleLinker
from ingest.link_rows import count_apply, first_day, source_values
from ingest.model import Extraction
from ingest.name_index_cache import NameIndexCache
from ingest.naming_text import fold
from ingest.report import Report
from minutegraph import models

# Titles of two renditions of one set of minutes (token-set ratio, 0-100).
RENDITION_TITLE = 90


async def link_meeting(
    session: AsyncSession,
    report: Report,
    document: models.Document,
    extraction: Extraction,
) -> models.Meeting:
    """The document's meeting node, created or refreshed."""
    found = extraction.meeting
    values = {
        "title": found.title,
        "date_text": found.date,
        "date": first_day(found.date),
        "start_time": found.start_time,
        "end_time": found.end_time,
        "timezone": found.timezone,
        "location": found.location,
        **source_values(
            document.id, found.provenance.get("date") or found.provenance.get("title")
        ),
    }
    meeting = await session.scalar(
        select(models.Meeting).where(models.Meeting.document_id == document.id)
    )
    if meeting is None:
        meeting = models.Meeting(**values)
        session.add(meeting)
        await session.flush()
        report.count("meeting", "insert")
    else:
        count_apply(report, "meeting", meeting, values)
    return meeting


async def find_rendition(
    session: AsyncSession, document: models.Document, extraction: Extraction
) -> models.Meeting | None:
    """The meeting of another document with the same minutes (same day, time, title)."""
    found = extraction.meeting
    if not found.date or found.date.count("-") != 2:
        return None  # without a full date two minutes cannot be told to be one
    candidates = (
        await session.scalars(
            select(models.Meeting).where(
                models.Meeting.date_text == found.date,
                models.Meeting.document_id != document.id,
            )
        )
    ).all()
    for meeting in candidates:
        same_time = meeting.start_time == found.start_time
        same_title = (
            fuzz.token_set_ratio(fold(meeting.title or ""), fold(found.title or ""))
            >= RENDITION_TITLE
        )
        if same_time and same_title:
            return meeting
    return None


async def link_extraction(
    session: AsyncSession,
    *,
    document: models.Document,
    extraction: Extraction,
    name_cache: NameIndexCache | None = None,
) -> Report:
    """Link one extraction; the caller commits (or rolls back) the transaction."""
    report = Report()
    if document.duplicate_of_id is None:
        rendition = await find_rendition(session, document, extraction)
        if rendition is not None:
            document.duplicate_of_id = rendition.document_id
    if document.duplicate_of_id is not None:
        report.duplicate_of = document.duplicate_of_id  # linked once, as the other
        return report
    meeting = await link_meeting(session, report, document, extraction)
    people = PeopleLinker(
        session,
        report,
        document=document,
        meeting=meeting,
        cache=name_cache,
        expected_people=len(extraction.attendees) + len(extraction.apologies),
    )
    await people.load()
    await link_apologies(
        people, extraction.apologies, first_position=len(extraction.attendees)
    )
    await people.link_attendees(extraction.attendees)
    nodes = await link_mentions(session, report, meeting, extraction.events)
    await link_figures(session, report, meeting, extraction.dialogue_figures, nodes)
    await link_meetings_named(session, report, nodes)
    await link_meeting_events(session, report, meeting, nodes)
    await link_actions(
        session,
        report,
        document=document,
        meeting=meeting,
        items=extraction.action_items,
        resolve_owner=people.resolve_owner,
    )
    await session.flush()
    return report
