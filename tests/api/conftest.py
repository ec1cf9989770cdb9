"""API fixtures: settings on a test database, the corpus ingested, a posting client."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from ingest.ingestion import ingest_bytes
from minutegraph.app import create_app
from minutegraph.db import engine_scope
from minutegraph.migrate import upgrade
from minutegraph.settings import Settings
from tests.corpus import shared_dir
from tests.factories import make_meetings

CORPUS = shared_dir() / "corpus"
# The corpus minutes, the .txt rendition of the February minutes included.
CORPUS_FILES = [
    CORPUS / name
    for name in (
        "unodc-informal-2023-02-15.docx",
        "unodc-informal-2023-02-15.txt",
        "unodc-informal-2023-03-22.docx",
        "alliance-cd-firearms-prep-2023-04-20.md",
        "ccpcj-side-event-debrief-2023-06-01.txt",
    )
]


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings on the test's database, originals under tmp_path."""
    return Settings(database_url=database_url, storage_dir=tmp_path / "originals")


def ingest_files(settings: Settings, files: list[Path], nlp: Any) -> None:
    """Put files into the graph through the one ingest path."""

    async def main() -> None:
        async with engine_scope(settings.database_url) as (_, sessions):
            for path in files:
                await ingest_bytes(
                    sessions,
                    data=path.read_bytes(),
                    filename=path.name,
                    storage_dir=settings.storage_dir,
                    nlp=nlp,
                )

    asyncio.run(main())


def add_meetings(settings: Settings, count: int, nlp: Any) -> None:
    """Ingest `count` generated meetings (tests/factories.py)."""

    async def main() -> None:
        async with engine_scope(settings.database_url) as (_, sessions):
            await make_meetings(
                sessions, count, storage_dir=settings.storage_dir, nlp=nlp
            )

    asyncio.run(main())


@pytest.fixture
def corpus_settings(settings: Settings, nlp: Any) -> Settings:
    """Settings on a database holding the whole corpus."""
    ingest_files(settings, CORPUS_FILES, nlp)
    return settings


@pytest.fixture
def client(corpus_settings: Settings) -> Iterator[TestClient]:
    """A client of the app (lifespan running) over the corpus graph."""
    with TestClient(create_app(corpus_settings)) as test_client:
        yield test_client


def post(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    """Post a query; assert no errors; its data."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def post_errors(client: TestClient, query: str, **variables: Any) -> list[str]:
    """Post a query expected to fail; its error messages."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    return [error["message"] for error in response.json().get("errors", [])]


@pytest.fixture
def broken_settings(tmp_path: Path) -> Settings:
    """A SQLite graph whose person table went missing: a real, unexpected failure."""
    path = tmp_path / "graph.db"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE person RENAME TO person_gone")
    return Settings(database_url=url, storage_dir=tmp_path / "originals")
