"""Document mutations over HTTP: uploads (multipart), jobs run in-process, reprocess."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.db import engine_scope
from minutegraph.graph.documents import accept_upload
from minutegraph.settings import Settings
from schema.node import to_global_id
from tests.api.conftest import CORPUS_FILES, post
from tests.api.tokens import bearer

DOCUMENT_UPLOAD = """
mutation ($file: Upload!) {
  documentUpload(file: $file) {
    __typename
    ... on DocumentUploadSuccess { document { id filename sha256 } job { id status } }
    ... on DocumentTooLarge { code filename limitBytes }
    ... on UnsupportedDocument { code message filename }
  }
}
"""

DOCUMENTS_UPLOAD = """
mutation ($files: [Upload!]!) {
  documentsUpload(files: $files) {
    __typename
    ... on DocumentUploadSuccess { document { id filename } job { id status } }
    ... on DocumentTooLarge { code filename limitBytes }
    ... on UnsupportedDocument { code message filename }
  }
}
"""

DOCUMENT_REPROCESS = """
mutation ($id: ID!) {
  documentReprocess(id: $id) {
    __typename
    ... on DocumentReprocessSuccess { document { id } job { id status } }
    ... on DocumentNotFound { code id }
  }
}
"""

INGEST_JOB = """
query ($id: ID!) {
  ingestJob(id: $id) {
    status stage progress attempts errorCode errorMessage startedAt finishedAt report
    document { filename meeting { title attendances { rawName } } jobs { id } }
  }
}
"""


def send(
    client: TestClient, headers: dict[str, str], query: str, **variables: Any
) -> dict[str, Any]:
    """Post a query with these headers; assert no errors; its data."""
    response = client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def upload(
    client: TestClient,
    query: str,
    files: list[tuple[str, bytes]],
    many: bool,
    headers: dict[str, str],
) -> dict[str, Any]:
    """Post a GraphQL multipart request (the spec's operations / map / files)."""
    if many:
        variables: dict[str, Any] = {"files": [None] * len(files)}
        mapping = {str(i): [f"variables.files.{i}"] for i in range(len(files))}
    else:
        variables, mapping = {"file": None}, {"0": ["variables.file"]}
    response = client.post(
        "/graphql",
        data={
            "operations": json.dumps({"query": query, "variables": variables}),
            "map": json.dumps(mapping),
        },
        files={str(i): (name, data) for i, (name, data) in enumerate(files)},
        headers={"x-minutegraph-csrf": "1", **headers},  # a preflighted request
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def test_upload_stores_queues_and_ingests(settings: Settings) -> None:
    """The document and a queued job exist on return; the job then succeeds."""
    path = CORPUS_FILES[2]
    editor = bearer(settings, "editor")
    app = create_app(settings)
    with TestClient(app) as client:
        first = upload(
            client, DOCUMENT_UPLOAD, [(path.name, path.read_bytes())], False, editor
        )
        again = upload(
            client, DOCUMENT_UPLOAD, [(path.name, path.read_bytes())], False, editor
        )
    result = first["documentUpload"]
    assert result["__typename"] == "DocumentUploadSuccess"
    assert result["job"]["status"] == "queued"
    assert again["documentUpload"] == {**result, "job": again["documentUpload"]["job"]}
    assert again["documentUpload"]["job"]["id"] == result["job"]["id"]
    sha = result["document"]["sha256"]
    assert (settings.storage_dir / sha[:2] / sha).read_bytes() == path.read_bytes()
    with TestClient(app) as client:  # the first client's exit drained the queue
        job = post(client, INGEST_JOB, id=result["job"]["id"])["ingestJob"]
    assert job["status"] == "succeeded", job
    assert (job["stage"], job["progress"], job["attempts"]) == ("done", 1.0, 1)
    assert job["startedAt"] <= job["finishedAt"]
    assert job["report"]["counts"]["meeting"] == {"insert": 1}
    assert job["errorCode"] is None
    assert job["document"]["meeting"]["attendances"]
    assert len(job["document"]["jobs"]) == 1


def test_bad_files_fail_alone(settings: Settings) -> None:
    """Too large, wrong type, empty: typed results; a broken docx fails its own job."""
    settings = settings.model_copy(update={"max_upload_bytes": 100_000})
    good = CORPUS_FILES[3]
    files = [
        (good.name, good.read_bytes()),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
        ("minutes.exe", b"MZ binary"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n rest"),
        ("huge.txt", b"x" * 100_001),
        ("empty.md", b"  \n"),
    ]
    editor = bearer(settings, "editor")
    app = create_app(settings)
    with TestClient(app) as client:
        results = upload(client, DOCUMENTS_UPLOAD, files, True, editor)[
            "documentsUpload"
        ]
    kinds = [(r["__typename"], r.get("code")) for r in results]
    assert kinds == [
        ("DocumentUploadSuccess", None),
        ("DocumentUploadSuccess", None),
        ("UnsupportedDocument", "MG101"),
        ("UnsupportedDocument", "MG102"),
        ("DocumentTooLarge", "MG104"),
        ("UnsupportedDocument", "MG105"),
    ]
    assert results[4]["limitBytes"] == 100_000
    with TestClient(app) as client:
        ok, broken = (
            post(client, INGEST_JOB, id=r["job"]["id"])["ingestJob"]
            for r in results[:2]
        )
    assert ok["status"] == "succeeded"
    assert ok["document"]["meeting"]
    assert broken["status"] == "failed"
    assert broken["errorCode"] == "MG102"
    assert broken["errorMessage"]


def test_reprocess_runs_a_new_job(settings: Settings) -> None:
    """Reprocessing re-links in a new job; an unknown ID is a typed NOT_FOUND."""
    path = CORPUS_FILES[0]
    editor = bearer(settings, "editor")
    app = create_app(settings)
    with TestClient(app) as client:
        first = upload(
            client, DOCUMENT_UPLOAD, [(path.name, path.read_bytes())], False, editor
        )
    document_id = first["documentUpload"]["document"]["id"]
    with TestClient(app) as client:
        result = send(client, editor, DOCUMENT_REPROCESS, id=document_id)
        missing = send(client, editor, DOCUMENT_REPROCESS, id="bm9wZQ")
    result, missing = result["documentReprocess"], missing["documentReprocess"]
    assert result["__typename"] == "DocumentReprocessSuccess"
    assert result["job"]["id"] != first["documentUpload"]["job"]["id"]
    assert missing == {
        "__typename": "DocumentNotFound",
        "code": "NOT_FOUND",
        "id": "bm9wZQ",
    }
    with TestClient(app) as client:
        job = post(client, INGEST_JOB, id=result["job"]["id"])["ingestJob"]
    assert job["status"] == "succeeded"
    assert len(job["document"]["jobs"]) == 2


DOCUMENT_DELETE = """
mutation ($id: ID!) {
  documentDelete(id: $id) {
    __typename
    ... on DocumentDeleteSuccess {
      deletedId deleted { kind count } relinked { id status }
    }
    ... on DocumentNotFound { code id }
  }
}
"""


def test_uploads_need_an_editor_and_deletes_an_admin(settings: Settings) -> None:
    """No token: UNAUTHENTICATED; an editor may upload but not delete (FORBIDDEN)."""
    editor = bearer(settings, "editor")
    path = CORPUS_FILES[3]
    with TestClient(create_app(settings)) as client:
        anonymous = client.post(
            "/graphql",
            data={
                "operations": json.dumps(
                    {"query": DOCUMENT_UPLOAD, "variables": {"file": None}}
                ),
                "map": json.dumps({"0": ["variables.file"]}),
            },
            files={"0": (path.name, path.read_bytes())},
            headers={"x-minutegraph-csrf": "1"},
        ).json()
        uploaded = upload(client, DOCUMENT_UPLOAD, [(path.name, b"x")], False, editor)
        doc_id = uploaded["documentUpload"]["document"]["id"]
        denied = client.post(
            "/graphql",
            json={"query": DOCUMENT_DELETE, "variables": {"id": doc_id}},
            headers=editor,
        ).json()
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_jobs_left_queued_run_at_startup(settings: Settings) -> None:
    """A job a crash left queued is enqueued again when the app starts."""
    path = CORPUS_FILES[3]

    async def register() -> int:
        async with engine_scope(settings.database_url) as (_, sessions):
            accepted = await accept_upload(
                sessions=sessions,
                data=path.read_bytes(),
                filename=path.name,
                storage_dir=settings.storage_dir,
                limit=settings.max_upload_bytes,
            )  # stored and queued, but no queue ran it
        return accepted.job.id

    job_id = to_global_id("IngestJob", asyncio.run(register()))
    app = create_app(settings)
    with TestClient(app):
        pass  # the lifespan requeues, its end drains
    with TestClient(app) as client:
        job = post(client, INGEST_JOB, id=job_id)["ingestJob"]
    assert job["status"] == "succeeded"
    assert job["attempts"] == 1
