"""200 uploads from 10 concurrent clients, ingested by 2 arq worker processes.

A real server (`minutegraph serve`, uvicorn) takes the uploads; ten threads,
each with its own HTTP client, post their share at once. The generated minutes
share three organisations and a few dozen people, so the two workers keep
linking the same names at the same moment: the graph must still hold each of
them once. One broken .docx among the uploads passes the upload's checks (its
bytes are a zip, as a .docx's are) and fails alone in the worker.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import docx
import httpx
import pytest

from minutegraph import models
from tests.api.tokens import bearer
from tests.factories import ORGANISATIONS, minutes_text
from tests.workers.harness import Deployment, deployed, duplicate_names, free_port

DOCUMENTS = 200
CLIENTS = 10
WORKERS = 2
BROKEN = "broken-minutes.docx"

DOCUMENT_UPLOAD = """
mutation ($file: Upload!) {
  documentUpload(file: $file) {
    __typename
    ... on DocumentUploadSuccess { document { id filename } job { id status } }
    ... on DocumentTooLarge { code message }
    ... on UnsupportedDocument { code message }
  }
}
"""


@pytest.fixture
def deployment(postgres_run, redis_url: str, tmp_path: Path) -> Iterator[Deployment]:
    """An emptied database and a queue of its own; its processes stop after."""
    with deployed(postgres_run, redis_url, tmp_path) as deployment:
        yield deployment


def broken_docx() -> bytes:
    """A Word package without its document part: a zip, but no .docx."""
    made = io.BytesIO()
    docx.Document().save(made)
    broken = io.BytesIO()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info.filename))
    return broken.getvalue()


def _post_share(
    url: str, headers: dict[str, str], files: list[tuple[str, bytes]]
) -> list[dict[str, Any]]:
    """One client: upload its files one request each; the results in order."""
    results = []
    with httpx.Client(base_url=url, headers=headers, timeout=60.0) as client:
        for name, data in files:
            response = client.post(
                "/graphql",
                data={
                    "operations": json.dumps(
                        {"query": DOCUMENT_UPLOAD, "variables": {"file": None}}
                    ),
                    "map": json.dumps({"0": ["variables.file"]}),
                },
                files={"0": (name, data)},
            )
            assert response.status_code == 200, response.text
            body = response.json()
            assert "errors" not in body, body["errors"]
            results.append({"name": name, **body["data"]["documentUpload"]})
    return results


def test_200_concurrent_uploads_are_each_ingested_once(
    deployment: Deployment,
) -> None:
    """10 clients, 2 workers: 200 succeeded jobs, one graph, the broken file alone."""
    texts = [minutes_text(n) for n in range(DOCUMENTS)]
    files = [(f"load-{n:03}.md", text.encode()) for n, text in enumerate(texts)]
    files.insert(DOCUMENTS // 2, (BROKEN, broken_docx()))
    port = free_port()
    workers = [deployment.start_worker() for _ in range(WORKERS)]  # load meanwhile
    server = deployment.start_server(port)
    headers = {"x-minutegraph-csrf": "1", **bearer(deployment.settings, "editor")}
    shares = [files[i::CLIENTS] for i in range(CLIENTS)]
    with ThreadPoolExecutor(CLIENTS) as clients:
        posted = list(
            clients.map(
                lambda share: _post_share(f"http://127.0.0.1:{port}", headers, share),
                shares,
            )
        )
    results = [result for share in posted for result in share]
    assert len(results) == DOCUMENTS + 1
    assert Counter(r["__typename"] for r in results) == {
        "DocumentUploadSuccess": DOCUMENTS + 1
    }
    assert {r["job"]["status"] for r in results} == {"queued"}

    rows = deployment.wait_for_jobs(
        DOCUMENTS + 1, timeout=150, alive=[server, *workers]
    )
    outcomes = Counter(row.status for row in rows)
    assert outcomes == {"succeeded": DOCUMENTS, "failed": 1}, [
        (row.id, row.status, row.error_code, row.error_message)
        for row in rows
        if row.status != "succeeded"
    ]
    [failed] = [row for row in rows if row.status == "failed"]
    assert failed.error_code == "MG102"
    assert BROKEN in (failed.error_message or "")

    counts = deployment.counts()
    assert (counts["document"], counts["meeting"]) == (DOCUMENTS + 1, DOCUMENTS)
    hashes = deployment.values(models.Document.sha256)
    assert len(set(hashes)) == len(hashes) == DOCUMENTS + 1
    organisations = deployment.names("organisation")
    assert duplicate_names(organisations) == []
    assert sorted(organisations) == sorted(ORGANISATIONS)
    people = deployment.names("person")
    assert duplicate_names(people) == []
    assert {name.casefold() for name in people} == _attendees(texts)
    deployment.assert_alive([server, *workers])


def _attendees(texts: list[str]) -> set[str]:
    """The people the generated minutes list as present (case-folded)."""
    names = set()
    for text in texts:
        [present] = re.findall(r"^Present: (.*)$", text, flags=re.MULTILINE)
        names.update(name.casefold() for name in re.findall(r"([^,()]+?) \(", present))
    return {name.strip() for name in names}
