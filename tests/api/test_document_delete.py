"""documentDelete: facts go, nodes other documents support stay, renditions relink."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select
from starlette.testclient import TestClient

from minutegraph import models
from minutegraph.app import create_app
from minutegraph.db import Sessions, engine_scope, write_session
from minutegraph.graph.entities import update_person
from minutegraph.settings import Settings
from minutegraph.storage import original_path, sha256_of
from tests.api.conftest import CORPUS_FILES, ingest_files, post
from tests.api.test_documents import DOCUMENT_DELETE, INGEST_JOB, send
from tests.api.tokens import bearer


async def _graph(sessions: Sessions) -> dict[str, Any]:
    """What the graph holds, in names and counts (aliases aside)."""
    async with sessions() as session:

        async def names(*columns: Any) -> list[tuple[Any, ...]]:
            return sorted(tuple(r) for r in await session.execute(select(*columns)))

        async def count(model: Any) -> int:
            return await session.scalar(select(func.count()).select_from(model))

        return {
            "people": await names(models.Person.name),
            "organisations": await names(models.Organisation.name),
            "events": await names(
                models.Event.title, models.Event.start_text, models.Event.status
            ),
            "memberships": await names(
                models.Membership.person_id, models.Membership.organisation_id
            ),
            **{
                model.__tablename__: await count(model)
                for model in (
                    models.Meeting,
                    models.Attendance,
                    models.Mention,
                    models.DialogueFigure,
                    models.ActionItem,
                    models.Document,
                )
            },
        }


def graph_of(settings: Settings) -> dict[str, Any]:
    """The graph's names and counts."""

    async def main() -> dict[str, Any]:
        async with engine_scope(settings.database_url) as (_, sessions):
            return await _graph(sessions)

    return asyncio.run(main())


def rename_person(settings: Settings, name: str, new_name: str) -> None:
    """A human edit (a human alias) on the person called `name`."""

    async def main() -> None:
        async with (
            engine_scope(settings.database_url) as (_, sessions),
            write_session(sessions) as session,
        ):
            person_id = await session.scalar(
                select(models.Person.id).where(models.Person.name == name)
            )
            await update_person(session=session, person_id=person_id, name=new_name)

    asyncio.run(main())


def test_delete_keeps_what_other_documents_support(
    settings: Settings, nlp: Any
) -> None:
    """Deleting the later minutes gives back the graph of the earlier ones alone."""
    earlier, later = CORPUS_FILES[0], CORPUS_FILES[2]
    ingest_files(settings, [earlier], nlp)
    before = graph_of(settings)
    ingest_files(settings, [later], nlp)
    both = graph_of(settings)
    only_later = sorted(set(both["people"]) - set(before["people"]))
    assert only_later
    assert both["events"] != before["events"]
    rename_person(settings, only_later[0][0], "Edited By Hand")
    admin = bearer(settings, "admin")
    with TestClient(create_app(settings)) as client:
        ids = post(client, "{ documents { edges { node { id filename } } } }")
        doc_id = next(
            e["node"]["id"]
            for e in ids["documents"]["edges"]
            if e["node"]["filename"] == later.name
        )
        result = send(client, admin, DOCUMENT_DELETE, id=doc_id)["documentDelete"]
        again = send(client, admin, DOCUMENT_DELETE, id=doc_id)["documentDelete"]
    assert result["__typename"] == "DocumentDeleteSuccess"
    assert {"kind": "meeting", "count": 1} in result["deleted"]
    assert again["code"] == "NOT_FOUND"
    after = graph_of(settings)
    assert ("Edited By Hand",) in after["people"]  # a human edit keeps its node
    after["people"].remove(("Edited By Hand",))
    assert after == before
    sha = sha256_of(later.read_bytes())
    assert not original_path(settings.storage_dir, sha).exists()


DOCUMENT_IDS = "{ documents { edges { node { id filename meeting { id } } } } }"


def test_delete_relinks_its_renditions(settings: Settings, nlp: Any) -> None:
    """The .txt recorded as a rendition of the deleted .docx is linked on its own."""
    docx, txt = CORPUS_FILES[0], CORPUS_FILES[1]
    ingest_files(settings, [docx, txt], nlp)
    before = graph_of(settings)
    admin = bearer(settings, "admin")
    app = create_app(settings)
    with TestClient(app) as client:
        edges = post(client, DOCUMENT_IDS)["documents"]["edges"]
        by_name = {e["node"]["filename"]: e["node"] for e in edges}
        assert by_name[txt.name]["meeting"] is None  # linked once, as the .docx
        result = send(client, admin, DOCUMENT_DELETE, id=by_name[docx.name]["id"])
    relinked = result["documentDelete"]["relinked"]
    assert len(relinked) == 1
    with TestClient(app) as client:
        job = post(client, INGEST_JOB, id=relinked[0]["id"])["ingestJob"]
    assert job["status"] == "succeeded"
    assert job["document"]["filename"] == txt.name
    assert job["document"]["meeting"]["attendances"]
    after = graph_of(settings)
    assert after["meeting"] == before["meeting"] == 1
    assert after["people"] == before["people"]


DOCUMENT_REPROCESS = """
mutation ($id: ID!) {
  documentReprocess(id: $id) { ... on DocumentReprocessSuccess { job { id } } }
}
"""


def test_reprocess_keeps_human_edits(settings: Settings, nlp: Any) -> None:
    """A person renamed by hand keeps the new name after a re-link."""
    path = CORPUS_FILES[2]
    ingest_files(settings, [path], nlp)
    name = graph_of(settings)["people"][0][0]
    rename_person(settings, name, "Edited By Hand")
    before = graph_of(settings)
    editor = bearer(settings, "editor")
    app = create_app(settings)
    with TestClient(app) as client:
        doc_id = post(client, DOCUMENT_IDS)["documents"]["edges"][0]["node"]["id"]
        result = send(client, editor, DOCUMENT_REPROCESS, id=doc_id)
    job_id = result["documentReprocess"]["job"]["id"]
    with TestClient(app) as client:
        job = post(client, INGEST_JOB, id=job_id)["ingestJob"]
    assert job["status"] == "succeeded"
    assert graph_of(settings) == before
