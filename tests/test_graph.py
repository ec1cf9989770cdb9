"""The linked graph: corpus vs graph-gold.json, idempotency, order, corrections.

Every test runs on a fresh SQLite file and on the run's PostgreSQL database.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ingest.ingestion import ingest_bytes
from ingest.report import Report
from minutegraph import models
from minutegraph.db import Sessions, engine_scope, write_session
from minutegraph.graph.corrections import update_action_item
from minutegraph.graph.merging import merge_organisations
from tests.corpus import shared_dir
from tests.graph_gold import compare

CORPUS = shared_dir() / "corpus"
FILES = [
    CORPUS / name
    for name in (
        "unodc-informal-2023-02-15.txt",
        "unodc-informal-2023-02-15.docx",
        "unodc-informal-2023-03-22.docx",
        "alliance-cd-firearms-prep-2023-04-20.md",
        "ccpcj-side-event-debrief-2023-06-01.txt",
    )
]


async def ingest_all(
    sessions: Sessions, files: list[Path], storage: Path, nlp
) -> list[Report]:
    """Ingest files one after the other; their reports."""
    reports = []
    for path in files:
        _, report = await ingest_bytes(
            sessions,
            data=path.read_bytes(),
            filename=path.name,
            storage_dir=storage,
            nlp=nlp,
        )
        reports.append(report)
    return reports


def run(url: str, coro_fn):
    """Run `coro_fn(sessions)` against the database at `url`."""

    async def main():
        async with engine_scope(url) as (_, sessions):
            return await coro_fn(sessions)

    return asyncio.run(main())


def test_corpus_graph_matches_the_gold(
    database_url: str, tmp_path: Path, nlp, capsys: pytest.CaptureFixture
) -> None:
    async def go(sessions: Sessions):
        await ingest_all(sessions, FILES, tmp_path, nlp)
        return await compare(sessions)

    result = run(database_url, go)
    with capsys.disabled():
        print(f"\n== graph vs graph-gold.json ({database_url.split(':')[0]}) ==")
        for key in ("meetings", "dialogues", "organisations", "people", "mentions"):
            print(f"{key:<14}{result[key]}")
    assert result["meetings"] == (4, 4)
    assert result["dialogues"] == (5, 5)
    for key in ("organisations", "people", "mentions"):
        assert result[key].precision >= 0.9, (key, str(result[key]))
        assert result[key].recall >= 0.9, (key, str(result[key]))


def test_ingesting_twice_changes_nothing(
    database_url: str, tmp_path: Path, nlp
) -> None:
    async def go(sessions: Sessions):
        await ingest_all(sessions, FILES, tmp_path, nlp)
        return await ingest_all(sessions, FILES, tmp_path, nlp)

    for report in run(database_url, go):
        changed = {
            kind: dict(per)
            for kind, per in report.counts.items()
            if set(per) - {"noop"}
        }
        assert not changed, changed


async def snapshot(sessions: Sessions) -> dict[str, object]:
    """The graph as comparable values (ids differ between runs)."""
    async with sessions() as session:
        orgs = sorted((await session.scalars(select(models.Organisation.name))).all())
        people = sorted((await session.scalars(select(models.Person.name))).all())
        events = sorted(
            (k, s, tuple(p))
            for k, s, p in (
                await session.execute(
                    select(
                        models.Event.kind,
                        models.Event.start_text,
                        models.Event.previous_starts,
                    )
                )
            ).all()
        )
        mentions = await session.scalar(
            select(func.count()).select_from(models.Mention)
        )
        linked = await session.scalar(
            select(func.count())
            .select_from(models.Event)
            .where(models.Event.meeting_id.is_not(None))
        )
    return {
        "orgs": len(orgs),
        "people": len(people),
        "events": events,
        "mentions": mentions,
        "linked_meetings": linked,
    }


def test_reverse_order_gives_the_same_graph(tmp_path: Path, nlp) -> None:
    forward = tmp_path / "forward.db"
    backward = tmp_path / "backward.db"
    from minutegraph.migrate import upgrade

    results = []
    for path, files in ((forward, FILES), (backward, FILES[::-1])):
        url = f"sqlite+aiosqlite:///{path}"
        upgrade(url)

        async def go(sessions: Sessions, files=files):
            await ingest_all(sessions, files, tmp_path / "originals", nlp)
            return await snapshot(sessions), await compare(sessions)

        results.append(run(url, go))
    (snap_a, gold_a), (snap_b, gold_b) = results
    assert snap_a == snap_b
    assert str(gold_a["mentions"]) == str(gold_b["mentions"])


def test_moved_dialogue_keeps_its_old_date(
    database_url: str, tmp_path: Path, nlp
) -> None:
    async def go(sessions: Sessions):
        await ingest_all(sessions, FILES[::-1], tmp_path, nlp)
        async with sessions() as session:
            return (
                await session.execute(
                    select(
                        models.Event.start_text,
                        models.Event.previous_starts,
                        models.Event.status,
                    ).where(models.Event.topic == "technical assistance")
                )
            ).one()

    start, previous, status = run(database_url, go)
    assert (start, previous, status) == ("2023-06-01", ["2023-05-31"], "moved")


def test_next_meeting_links_to_its_minutes(
    database_url: str, tmp_path: Path, nlp
) -> None:
    async def go(sessions: Sessions):
        await ingest_all(sessions, [FILES[2], FILES[0]], tmp_path, nlp)  # 22 Mar first
        async with sessions() as session:
            meetings = {
                m.id: m.date_text
                for m in (await session.scalars(select(models.Meeting))).all()
            }
            rows = (
                await session.execute(
                    select(models.Mention.meeting_id, models.Event.meeting_id)
                    .join(models.Event, models.Event.id == models.Mention.event_id)
                    .where(models.Event.meeting_id.is_not(None))
                )
            ).all()
        return {(meetings[a], meetings[b]) for a, b in rows}

    links = run(database_url, go)
    assert ("2023-02-15", "2023-03-22") in links  # "the next informal meeting 22/03"
    assert ("2023-03-22", "2023-02-15") in links  # "the minutes of 15 February"


def test_corrections_survive_a_reingest(database_url: str, tmp_path: Path, nlp) -> None:
    files = [FILES[2]]  # 22 March: "CWB" and "Criminologists Without Borders (CWB)"

    async def go(sessions: Sessions):
        await ingest_all(sessions, files, tmp_path, nlp)
        async with write_session(sessions) as session:
            orgs = {
                o.name: o.id
                for o in (await session.scalars(select(models.Organisation))).all()
            }
            into, source = orgs["IADL"], orgs["AWTAD"]  # a (wrong) human merge
            await merge_organisations(session=session, into_id=into, from_id=source)
            action = (
                await session.scalars(
                    select(models.ActionItem).order_by(models.ActionItem.id)
                )
            ).first()
            await update_action_item(
                session=session, action_id=action.id, status="done"
            )
        async with write_session(sessions) as session:  # an extractor upgrade
            for document in (await session.scalars(select(models.Document))).all():
                document.extraction = None
        reports = await ingest_all(sessions, files, tmp_path, nlp)
        async with sessions() as session:
            names = set((await session.scalars(select(models.Organisation.name))).all())
            status = await session.scalar(
                select(models.ActionItem.status).where(
                    models.ActionItem.id == action.id
                )
            )
        return names, status, reports

    names, status, reports = run(database_url, go)
    assert "AWTAD" not in names  # the merge held: AWTAD resolves to the survivor
    assert "IADL" in names
    assert status == "done"
    assert reports[0].counts["organisation"].get("insert", 0) == 0


def test_a_failing_link_leaves_no_half_document(
    database_url: str, tmp_path: Path, nlp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ingest.linker

    async def broken(*args, **kwargs):
        raise RuntimeError("linker failed after the attendees")

    monkeypatch.setattr(ingest.linker, "link_actions", broken)

    async def go(sessions: Sessions):
        with pytest.raises(RuntimeError):
            await ingest_all(sessions, [FILES[2]], tmp_path, nlp)
        async with sessions() as session:
            return [
                await session.scalar(select(func.count()).select_from(model))
                for model in (
                    models.Meeting,
                    models.Attendance,
                    models.Person,
                    models.Organisation,
                    models.Mention,
                )
            ]

    assert run(database_url, go) == [0, 0, 0, 0, 0]


def test_concurrent_ingests_make_no_duplicates(
    database_url: str, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "MINUTEGRAPH_DATABASE_URL": database_url,
        "MINUTEGRAPH_STORAGE_DIR": str(tmp_path / "originals"),
    }
    command = [
        sys.executable,
        "-c",
        "from minutegraph.cli import main; main()",
        "ingest",
    ]
    orders = ([str(p) for p in FILES[1:]], [str(p) for p in FILES[1:][::-1]])
    procs = [
        subprocess.Popen(
            [*command, *files],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for files in orders
    ]
    for proc in procs:
        _, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr

    async def names(sessions: Sessions):
        async with sessions() as session:
            return [
                list((await session.scalars(select(column))).all())
                for column in (
                    models.Meeting.date_text,
                    models.Organisation.name,
                    models.Person.name,
                    models.Event.topic,
                )
            ]

    meetings, orgs, people, topics = run(database_url, names)
    assert sorted(meetings) == ["2023-02-15", "2023-03-22", "2023-04-20", "2023-06-01"]
    assert len(orgs) == len(set(orgs)) > 10  # each organisation once
    assert len(people) == len(set(people)) > 20
    topics = [t for t in topics if t]
    assert len(topics) == len(set(topics)) == 5


def test_edited_names_survive_a_reingest(
    database_url: str, tmp_path: Path, nlp
) -> None:
    from minutegraph.graph.entities import update_organisation, update_person

    async def go(sessions: Sessions):
        await ingest_all(sessions, [FILES[2]], tmp_path, nlp)
        async with write_session(sessions) as session:
            org = await session.scalar(
                select(models.Organisation).where(models.Organisation.name == "IADL")
            )
            person = await session.scalar(
                select(models.Person).where(models.Person.name == "Evelyn Durmayer")
            )
            await update_organisation(
                session=session,
                organisation_id=org.id,
                name="International Association of Democratic Lawyers",
            )
            await update_person(
                session=session, person_id=person.id, name="Dr Evelyn Durmayer"
            )
        async with write_session(sessions) as session:  # an extractor upgrade
            for document in (await session.scalars(select(models.Document))).all():
                document.extraction = None
        reports = await ingest_all(sessions, [FILES[2]], tmp_path, nlp)
        async with sessions() as session:
            orgs = set((await session.scalars(select(models.Organisation.name))).all())
            people = set((await session.scalars(select(models.Person.name))).all())
        return orgs, people, reports[0]

    orgs, people, report = run(database_url, go)
    assert "International Association of Democratic Lawyers" in orgs
    assert "IADL" not in orgs
    assert "Dr Evelyn Durmayer" in people
    assert "Evelyn Durmayer" not in people
    assert report.counts["person"].get("insert", 0) == 0
    assert report.counts["organisation"].get("insert", 0) == 0
