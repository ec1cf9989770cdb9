"""Corrections of organisations, people, action items: typed, kept on re-ingest."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.db import engine_scope
from minutegraph.graph import tokens
from minutegraph.settings import Settings
from schema.node import to_global_id
from tests.api.conftest import CORPUS_FILES, ingest_files, post

ORGANISATIONS = """
query ($search: String!) {
  organisations(filter: {search: $search}) {
    totalCount edges { node { id name acronym aliases } }
  }
}
"""

PEOPLE = """
query ($search: String!) {
  people(filter: {search: $search}) {
    totalCount edges { node { id name aliases } }
  }
}
"""

ERROR_FIELDS = "... on MutationError { __typename code message }"

ORGANISATION_UPDATE = f"""
mutation ($id: ID!, $input: OrganisationUpdateInput!) {{
  organisationUpdate(id: $id, input: $input) {{
    __typename
    ... on OrganisationUpdateSuccess {{ organisation {{ id name acronym aliases }} }}
    {ERROR_FIELDS}
    ... on Invalid {{ field }}
  }}
}}
"""

ORGANISATION_MERGE = f"""
mutation ($into: ID!, $from: ID!) {{
  organisationMerge(into: $into, from: $from) {{
    __typename
    ... on OrganisationMergeSuccess {{ organisation {{ id name aliases }} }}
    {ERROR_FIELDS}
  }}
}}
"""

PERSON_UPDATE = f"""
mutation ($id: ID!, $input: PersonUpdateInput!) {{
  personUpdate(id: $id, input: $input) {{
    __typename
    ... on PersonUpdateSuccess {{ person {{ id name aliases }} }}
    {ERROR_FIELDS}
  }}
}}
"""

PERSON_MERGE = f"""
mutation ($into: ID!, $from: ID!) {{
  personMerge(into: $into, from: $from) {{
    __typename
    ... on PersonMergeSuccess {{ person {{ id name aliases meetings {{ id }} }} }}
    {ERROR_FIELDS}
  }}
}}
"""

ACTION_ITEMS = """
query ($status: String) {
  actionItems(first: 100, filter: {status: $status}) {
    totalCount
    edges { node { id text status due ownerRaw owner { name } } }
  }
}
"""

ACTION_ITEM_UPDATE = f"""
mutation ($id: ID!, $input: ActionItemUpdateInput!) {{
  actionItemUpdate(id: $id, input: $input) {{
    __typename
    ... on ActionItemUpdateSuccess {{
      actionItem {{ id status due ownerRaw owner {{ name }} }}
    }}
    {ERROR_FIELDS}
  }}
}}
"""


def editor(settings: Settings) -> TestClient:
    """A client of the app sending an editor's token (corrections need one)."""

    async def create() -> str:
        async with (
            engine_scope(settings.database_url) as (_, sessions),
            sessions.begin() as session,
        ):
            _, secret = await tokens.create(session=session, role="editor")
        return secret

    secret = asyncio.run(create())
    return TestClient(
        create_app(settings), headers={"Authorization": f"Bearer {secret}"}
    )


def one(client: TestClient, query: str, search: str) -> dict[str, Any]:
    """The single node a name search finds."""
    data = post(client, query, search=search)
    connection = next(iter(data.values()))
    assert connection["totalCount"] == 1, connection
    return connection["edges"][0]["node"]


def reingest(settings: Settings, nlp: Any) -> TestClient:
    """Ingest the corpus again (as after an extractor upgrade); a fresh client."""
    ingest_files(settings, CORPUS_FILES, nlp)
    return editor(settings)


def test_organisation_update_survives_reingest(
    corpus_settings: Settings, nlp: Any
) -> None:
    with editor(corpus_settings) as client:
        org = one(client, ORGANISATIONS, "Criminologists")
        data = post(
            client,
            ORGANISATION_UPDATE,
            id=org["id"],
            input={
                "name": "Criminologists sans Frontieres",
                "acronym": "CsF",
                "aliases": ["Criminologists Network"],
            },
        )["organisationUpdate"]
        assert data["__typename"] == "OrganisationUpdateSuccess"
        assert data["organisation"]["acronym"] == "CsF"
        assert "Criminologists Without Borders" in data["organisation"]["aliases"]
    with reingest(corpus_settings, nlp) as client:
        again = one(client, ORGANISATIONS, "Criminologists")
        assert again["id"] == org["id"]
        assert again["name"] == "Criminologists sans Frontieres"
        assert one(client, ORGANISATIONS, "Criminologists Network")["id"] == org["id"]


def test_organisation_update_expected_failures(corpus_settings: Settings) -> None:
    with editor(corpus_settings) as client:
        organisation_update_failures(client)


def organisation_update_failures(client: TestClient) -> None:
    """Conflict, NotFound and Invalid results of organisationUpdate."""
    org = one(client, ORGANISATIONS, "Criminologists")

    def update(id: str, **input: Any) -> dict[str, Any]:
        return post(client, ORGANISATION_UPDATE, id=id, input=input)[
            "organisationUpdate"
        ]

    taken = update(org["id"], aliases=["Rapha International"])
    assert (taken["__typename"], taken["code"]) == ("Conflict", "CONFLICT")
    missing = update(to_global_id("Organisation", 99999), name="X")
    assert (missing["__typename"], missing["code"]) == ("NotFound", "NOT_FOUND")
    wrong = update(to_global_id("Person", 1), name="X")
    assert (wrong["code"], wrong["field"]) == ("INVALID", "id")
    assert update("garbage!", name="X")["code"] == "INVALID"
    assert update(org["id"], name="  ")["field"] == "name"
    # A failed correction changes nothing.
    assert one(client, ORGANISATIONS, "Criminologists")["aliases"] == org["aliases"]


def test_organisation_merge_survives_reingest(
    corpus_settings: Settings, nlp: Any
) -> None:
    with editor(corpus_settings) as client:
        into = one(client, ORGANISATIONS, "Rapha International")
        source = one(client, ORGANISATIONS, "Victim Support Asia")
        same = post(client, ORGANISATION_MERGE, into=into["id"], **{"from": into["id"]})
        assert same["organisationMerge"]["code"] == "INVALID"
        data = post(
            client, ORGANISATION_MERGE, into=into["id"], **{"from": source["id"]}
        )["organisationMerge"]
        assert data["__typename"] == "OrganisationMergeSuccess"
        assert "Victim Support Asia" in data["organisation"]["aliases"]
        gone = post(
            client, ORGANISATION_MERGE, into=into["id"], **{"from": source["id"]}
        )["organisationMerge"]
        assert gone["code"] == "NOT_FOUND"
    with reingest(corpus_settings, nlp) as client:
        assert one(client, ORGANISATIONS, "Victim Support Asia")["id"] == into["id"]


def test_person_update_and_merge(corpus_settings: Settings, nlp: Any) -> None:
    with editor(corpus_settings) as client:
        jay = one(client, PEOPLE, "Jay Albanese")
        linda = one(client, PEOPLE, "Linda MacDonald")
        renamed = post(
            client, PERSON_UPDATE, id=jay["id"], input={"name": "Jay S. Albanese"}
        )["personUpdate"]
        assert renamed["person"]["name"] == "Jay S. Albanese"
        taken = post(
            client, PERSON_UPDATE, id=jay["id"], input={"aliases": ["Linda MacDonald"]}
        )["personUpdate"]
        assert (taken["__typename"], taken["code"]) == ("Conflict", "CONFLICT")
        merged = post(client, PERSON_MERGE, into=jay["id"], **{"from": linda["id"]})
        person = merged["personMerge"]["person"]
        assert "Linda MacDonald" in person["aliases"]
        missing = post(
            client, PERSON_UPDATE, id=to_global_id("Person", 99999), input={}
        )["personUpdate"]
        assert missing["code"] == "NOT_FOUND"
    with reingest(corpus_settings, nlp) as client:
        assert one(client, PEOPLE, "Linda MacDonald")["id"] == jay["id"]
        assert one(client, PEOPLE, "Albanese")["name"] == "Jay S. Albanese"


def test_action_item_update_stays_closed_after_reingest(
    corpus_settings: Settings, nlp: Any
) -> None:
    with editor(corpus_settings) as client:
        items = post(client, ACTION_ITEMS)["actionItems"]["edges"]
        item = next(e["node"] for e in items if e["node"]["text"].startswith("YJAN"))
        owner = one(client, ORGANISATIONS, "Rapha International")
        data = post(
            client,
            ACTION_ITEM_UPDATE,
            id=item["id"],
            input={"status": "DONE", "ownerId": owner["id"], "due": "2023-05-01"},
        )["actionItemUpdate"]
        assert data["__typename"] == "ActionItemUpdateSuccess"
        assert data["actionItem"]["status"] == "done"
        bad_owner = post(
            client,
            ACTION_ITEM_UPDATE,
            id=item["id"],
            input={"ownerId": to_global_id("Meeting", 1)},
        )["actionItemUpdate"]
        assert bad_owner["code"] == "INVALID"
        missing = post(
            client,
            ACTION_ITEM_UPDATE,
            id=to_global_id("ActionItem", 99999),
            input={"status": "DONE"},
        )["actionItemUpdate"]
        assert missing["code"] == "NOT_FOUND"
    with reingest(corpus_settings, nlp) as client:
        done = post(client, ACTION_ITEMS, status="done")["actionItems"]
        assert [e["node"]["id"] for e in done["edges"]] == [item["id"]]
        node = done["edges"][0]["node"]
        assert (node["due"], node["ownerRaw"]) == ("2023-05-01", "Rapha International")


def test_owner_correction_follows_a_merge(corpus_settings: Settings, nlp: Any) -> None:
    with editor(corpus_settings) as client:
        items = post(client, ACTION_ITEMS)["actionItems"]["edges"]
        item = next(e["node"] for e in items if e["node"]["text"].startswith("YJAN"))
        jay = one(client, PEOPLE, "Jay Albanese")
        linda = one(client, PEOPLE, "Linda MacDonald")
        owned = post(
            client, ACTION_ITEM_UPDATE, id=item["id"], input={"ownerId": linda["id"]}
        )["actionItemUpdate"]["actionItem"]
        assert owned["owner"] == {"name": "Linda MacDonald"}
        post(client, PERSON_MERGE, into=jay["id"], **{"from": linda["id"]})
    with reingest(corpus_settings, nlp) as client:
        items = post(client, ACTION_ITEMS)["actionItems"]["edges"]
        node = next(e["node"] for e in items if e["node"]["id"] == item["id"])
        assert node["owner"] == {"name": "Jay Albanese"}
