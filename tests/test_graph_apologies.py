"""Apologies in the graph: attendances with status "apologies", against the gold.

Every test runs on a fresh SQLite file and on the run's PostgreSQL database.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from ingest.ingestion import ingest_bytes
from minutegraph import models
from minutegraph.db import Sessions, write_session
from minutegraph.graph.document_delete import delete_document
from tests.graph_gold import attendance
from tests.test_graph import FILES, ingest_all, run


async def _apologies(sessions: Sessions) -> list[tuple[str, str | None, int]]:
    """(meeting date, person name, position) of every apologies attendance."""
    async with sessions() as session:
        rows = await session.execute(
            select(models.Meeting.date_text, models.Person.name, models.Attendance)
            .join(models.Meeting, models.Meeting.id == models.Attendance.meeting_id)
            .outerjoin(models.Person, models.Person.id == models.Attendance.person_id)
            .where(models.Attendance.status == "apologies")
        )
        return sorted((date, name, a.position) for date, name, a in rows.all())


def test_corpus_apologies_match_the_gold(
    database_url: str, tmp_path: Path, nlp, capsys: pytest.CaptureFixture
) -> None:
    async def go(sessions: Sessions):
        await ingest_all(sessions, FILES, tmp_path, nlp)
        return (
            await attendance(sessions, "apologies"),
            await attendance(sessions, "present"),
        )

    apologies, present = run(database_url, go)
    with capsys.disabled():
        print(f"\napologies {apologies}\nattended  {present}")
    assert (apologies.tp, apologies.predicted, apologies.gold) == (8, 8, 8)
    # apologies are no attendance: the attended pairs keep their precision
    assert present.precision >= 0.95, str(present)
    assert present.recall >= 0.95, str(present)


def test_apologies_come_after_the_present_and_link_people(
    database_url: str, tmp_path: Path, nlp
) -> None:
    debrief = [f for f in FILES if f.name.startswith("ccpcj")]

    async def go(sessions: Sessions):
        await ingest_all(sessions, debrief, tmp_path, nlp)
        async with sessions() as session:
            present = await session.scalar(
                select(models.Attendance.position)
                .where(models.Attendance.status == "present")
                .order_by(models.Attendance.position.desc())
                .limit(1)
            )
            okure = await session.scalar(
                select(models.Membership)
                .join(models.Person, models.Person.id == models.Membership.person_id)
                .where(models.Person.name == "Aniedi Okure")
            )
        return present, okure, await _apologies(sessions)

    last_present, okure, apologies = run(database_url, go)
    assert apologies == [
        ("2023-06-01", "Aniedi Okure", last_present + 2),
        ("2023-06-01", "Billy Batware", last_present + 1),
    ]
    assert okure is not None  # "Aniedi Okure (Dominicans ...)": still with them


def test_reingest_keeps_the_apologies(database_url: str, tmp_path: Path, nlp) -> None:
    async def go(sessions: Sessions, files: list[Path]):
        await ingest_all(sessions, files, tmp_path, nlp)
        first = await _apologies(sessions)
        reports = await ingest_all(sessions, files, tmp_path, nlp)
        return first, await _apologies(sessions), reports

    forward, again, reports = run(database_url, lambda s: go(s, FILES))
    assert forward == again
    # (a second rendition of one set of minutes links nothing: no counts at all)
    assert all(set(r.counts.get("attendance", {})) <= {"noop"} for r in reports)
    assert len(forward) == 8


def test_reverse_order_gives_the_same_apologies(tmp_path: Path, nlp) -> None:
    from minutegraph.migrate import upgrade

    results = []
    for name, files in (("forward", FILES), ("backward", FILES[::-1])):
        url = f"sqlite+aiosqlite:///{tmp_path / name}.db"
        upgrade(url)
        results.append(
            run(url, lambda s, files=files: _ingest_then(s, files, tmp_path, nlp))
        )
    assert results[0] == results[1]


async def _ingest_then(sessions: Sessions, files: list[Path], storage: Path, nlp):
    await ingest_all(sessions, files, storage / "originals", nlp)
    return await _apologies(sessions)


def test_deleting_the_document_removes_its_apologies(
    database_url: str, tmp_path: Path, nlp
) -> None:
    debrief = next(f for f in FILES if f.name.startswith("ccpcj"))

    async def go(sessions: Sessions):
        document_id, _ = await ingest_bytes(
            sessions,
            data=debrief.read_bytes(),
            filename=debrief.name,
            storage_dir=tmp_path,
            nlp=nlp,
        )
        before = await _apologies(sessions)
        async with write_session(sessions) as session:
            await delete_document(session=session, document_id=document_id)
        return before, await _apologies(sessions)

    before, after = run(database_url, go)
    assert len(before) == 2
    assert after == []
