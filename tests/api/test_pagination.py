"""Keyset pages: forwards, backwards, stable cursors while documents arrive, limits."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.db import engine_scope
from minutegraph.settings import Settings
from tests.api.conftest import CORPUS_FILES, ingest_files, post, post_errors
from tests.factories import make_meeting

MEETING_PAGE = """
query ($first: Int, $after: String, $last: Int, $before: String) {
  meetings(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id date } }
  }
}
"""

ORGANISATION_PAGE = """
query ($first: Int, $after: String) {
  organisations(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name } }
  }
}
"""

FEBRUARY, MARCH, APRIL, JUNE = (
    CORPUS_FILES[0],
    CORPUS_FILES[2],
    CORPUS_FILES[3],
    CORPUS_FILES[4],
)


def _page(client: TestClient, **arguments: Any) -> dict[str, Any]:
    return post(client, MEETING_PAGE, **arguments)["meetings"]


def _dates(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["date"] for edge in page["edges"]]


def test_pages_hold_still_when_a_document_arrives(settings: Settings, nlp) -> None:
    ingest_files(settings, [FEBRUARY, MARCH, JUNE], nlp)
    with TestClient(create_app(settings)) as client:
        first = _page(client, first=2)
        assert _dates(first) == ["2023-06-01", "2023-03-22"]
        assert first["pageInfo"]["hasNextPage"]
        assert not first["pageInfo"]["hasPreviousPage"]
        # The April minutes arrive between two requests; they sort inside page 1.
        ingest_files(settings, [APRIL], nlp)
        second = _page(client, first=2, after=first["pageInfo"]["endCursor"])
        assert _dates(second) == ["2023-02-15"]
        assert second["totalCount"] == 4
        assert not second["pageInfo"]["hasNextPage"]
        assert second["pageInfo"]["hasPreviousPage"]
        again = _page(client, first=2)
        assert _dates(again) == ["2023-06-01", "2023-04-20"]
        assert again["edges"][0]["cursor"] == first["edges"][0]["cursor"]
        back = _page(client, last=2, before=second["pageInfo"]["startCursor"])
        assert _dates(back) == ["2023-04-20", "2023-03-22"]
        assert back["pageInfo"]["hasPreviousPage"]
        assert back["pageInfo"]["hasNextPage"]


def test_forwards_and_backwards_walk_the_same_list(client: TestClient) -> None:
    forwards, cursor = [], None
    while True:
        page = _page(client, first=1, after=cursor)
        forwards += _dates(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        cursor = page["pageInfo"]["endCursor"]
    backwards, cursor = [], None
    while True:
        page = _page(client, last=1, before=cursor)
        backwards = _dates(page) + backwards
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        cursor = page["pageInfo"]["startCursor"]
    assert forwards == backwards
    assert len(forwards) == 4


def test_default_page_size_and_hard_cap(client: TestClient) -> None:
    page = post(client, ORGANISATION_PAGE)["organisations"]
    assert page["totalCount"] > 20
    assert len(page["edges"]) == 20
    assert page["pageInfo"]["hasNextPage"]
    rest = post(client, ORGANISATION_PAGE, after=page["pageInfo"]["endCursor"])
    names = [e["node"]["name"] for e in page["edges"] + rest["organisations"]["edges"]]
    assert len(names) == page["totalCount"] == len(set(names))
    assert post_errors(client, ORGANISATION_PAGE, first=101)
    assert post_errors(client, MEETING_PAGE, first=1, last=1)


def test_foreign_and_broken_cursors_are_refused(client: TestClient) -> None:
    organisations = post(client, ORGANISATION_PAGE, first=1)["organisations"]
    cursor = organisations["pageInfo"]["endCursor"]
    assert post_errors(client, MEETING_PAGE, first=1, after=cursor)
    assert post_errors(client, MEETING_PAGE, first=1, after="garbage!")


def test_undated_meetings_come_last_and_page_like_the_rest(
    settings: Settings, nlp
) -> None:
    async def main() -> None:
        async with engine_scope(settings.database_url) as (_, sessions):
            for dated in (True, False, True, False, True):
                await make_meeting(
                    sessions, storage_dir=settings.storage_dir, nlp=nlp, dated=dated
                )

    asyncio.run(main())
    with TestClient(create_app(settings)) as client:
        everything = _dates(_page(client, first=100))
        walked, cursor = [], None
        while True:
            page = _page(client, first=2, after=cursor)
            walked += _dates(page)
            if not page["pageInfo"]["hasNextPage"]:
                break
            cursor = page["pageInfo"]["endCursor"]
    assert walked == everything
    assert everything[3:] == [None, None]
    assert everything[:3] == sorted(everything[:3], reverse=True)
