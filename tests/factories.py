"""Small factories: generated minutes put into the graph through the one ingest path."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from ingest.ingestion import ingest_bytes
from minutegraph.db import Sessions

FIRST = ("Alice", "Brian", "Clara", "Daniel", "Elena", "Farid", "Grace", "Hugo")
LAST = ("Carter", "Dalton", "Evans", "Fischer", "Garcia", "Haddad", "Ivanova", "Jones")
ORGANISATIONS = (
    "Riverside Garden Club",
    "Hillside Allotments Society",
    "Northbank Beekeepers Association",
)
_sequence = itertools.count()


def minutes_text(n: int, *, attendees: int = 3, dated: bool = True) -> str:
    """Markdown minutes of meeting number `n`, unique by its date and people."""
    day = dt.date(2024, 1, 1) + dt.timedelta(days=n)
    people = [
        (
            f"{FIRST[(n + i) % len(FIRST)]} {LAST[(n // len(FIRST) + i) % len(LAST)]}",
            ORGANISATIONS[(n + i) % len(ORGANISATIONS)],
        )
        for i in range(attendees)
    ]
    present = ", ".join(f"{name} ({org})" for name, org in people)
    held = f"held on {day:%d %B %Y}" if dated else f"number {n}"
    due = f" by {day + dt.timedelta(days=7):%d %B %Y}" if dated else ""
    return (
        "# Riverside Garden Club Committee Meeting\n\n"
        f"Minutes of the meeting {held} at the Village Hall.\n\n"
        f"Present: {present}\n\n"
        "## Actions\n\n"
        f"- {people[0][0]} to send the planting schedule{due}.\n"
    )


async def make_meeting(
    sessions: Sessions,
    *,
    storage_dir: Path,
    nlp,
    attendees: int = 3,
    dated: bool = True,
) -> int:
    """Ingest one generated meeting's minutes; its document id."""
    n = next(_sequence)
    document_id, _report = await ingest_bytes(
        sessions,
        data=minutes_text(n, attendees=attendees, dated=dated).encode(),
        filename=f"generated-{n}.md",
        storage_dir=storage_dir,
        nlp=nlp,
    )
    return document_id


async def make_meetings(
    sessions: Sessions, count: int, *, storage_dir: Path, nlp
) -> list[int]:
    """Ingest `count` generated meetings; their document ids."""
    return [
        await make_meeting(sessions, storage_dir=storage_dir, nlp=nlp)
        for _ in range(count)
    ]
