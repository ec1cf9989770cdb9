"""eventUpdate (a correction that wins over re-extraction) and eventCreate."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from minutegraph.settings import Settings
from schema.node import to_global_id
from tests.api.conftest import post
from tests.api.test_corrections import ORGANISATIONS, editor, one, reingest

EVENT_FIELDS = """
  id title kind start startText end precision startTime endTime location status
  meetings { id } organisation { name }
"""

EVENTS = f"""
query {{ events(first: 100) {{ totalCount edges {{ node {{ {EVENT_FIELDS} }} }} }} }}
"""

EVENT_UPDATE = f"""
mutation ($id: ID!, $input: EventUpdateInput!) {{
  eventUpdate(id: $id, input: $input) {{
    __typename
    ... on EventUpdateSuccess {{ event {{ {EVENT_FIELDS} }} }}
    ... on MutationError {{ code message }}
    ... on Invalid {{ field }}
  }}
}}
"""

EVENT_CREATE = f"""
mutation ($input: EventCreateInput!) {{
  eventCreate(input: $input) {{
    __typename
    ... on EventCreateSuccess {{ event {{ {EVENT_FIELDS} }} }}
    ... on MutationError {{ code message }}
    ... on Invalid {{ field }}
  }}
}}
"""

ORGANISATION_EVENTS = """
query ($id: ID!) { node(id: $id) { ... on Organisation { events { id title } } } }
"""


def events(client: TestClient) -> dict[str, dict[str, Any]]:
    """Every event, by title."""
    edges = post(client, EVENTS)["events"]["edges"]
    return {e["node"]["title"]: e["node"] for e in edges}


def test_event_update_wins_over_reingest(corpus_settings: Settings, nlp: Any) -> None:
    correction = {
        "title": "32nd session of the CCPCJ",
        "start": "2023-05-23",
        "end": "2023-05-26",
        "startTime": "10:00",
        "location": "Vienna International Centre, Plenary",
        "status": "cancelled",
    }
    with editor(corpus_settings) as client:
        before = events(client)
        session = before["thirty-second session of the CCPCJ"]
        data = post(client, EVENT_UPDATE, id=session["id"], input=correction)
        event = data["eventUpdate"]["event"]
        assert (event["start"], event["status"]) == ("2023-05-23", "cancelled")
    with reingest(corpus_settings, nlp) as client:
        after = events(client)
        assert len(after) == len(before)  # the moved event was matched, not re-made
        node = after["32nd session of the CCPCJ"]
        assert node["id"] == session["id"]
        assert node["meetings"] == session["meetings"]
        assert (node["startText"], node["end"]) == ("2023-05-23", "2023-05-26")
        assert (node["startTime"], node["status"]) == ("10:00", "cancelled")
        assert node["location"] == "Vienna International Centre, Plenary"


def test_event_update_expected_failures(corpus_settings: Settings) -> None:
    with editor(corpus_settings) as client:
        event_update_failures(client)


def event_update_failures(client: TestClient) -> None:
    """Invalid and NotFound results."""
    event_id = next(iter(events(client).values()))["id"]

    def update(id: str, **input: Any) -> dict[str, Any]:
        return post(client, EVENT_UPDATE, id=id, input=input)["eventUpdate"]

    assert update(event_id, kind="party") == {
        "__typename": "Invalid",
        "code": "INVALID",
        "message": update(event_id, kind="party")["message"],
        "field": "kind",
    }
    assert update(event_id, start="23 May")["field"] == "start"
    assert update(event_id, start=None)["field"] == "start"
    assert update(event_id, title=None)["field"] == "title"
    assert update(event_id, startTime="25:00")["field"] == "startTime"
    assert update(event_id, title=" ")["field"] == "title"
    assert update(to_global_id("Event", 99999), title="X")["code"] == "NOT_FOUND"
    assert update(to_global_id("Meeting", 1), title="X")["code"] == "INVALID"


def test_event_create_is_kept_by_linking(corpus_settings: Settings, nlp: Any) -> None:
    shared = {
        "title": "CCPCJ reception hosted by Rapha",
        "kind": "side_event",
        "start": "2023-05-22",
        "startTime": "18:00",
        "location": "VIC Rotunda",
    }
    with editor(corpus_settings) as client:
        org = one(client, ORGANISATIONS, "Rapha International")
        data = post(client, EVENT_CREATE, input={"organisationId": org["id"], **shared})
        created = data["eventCreate"]["event"]
        assert data["eventCreate"]["__typename"] == "EventCreateSuccess"
        assert created["organisation"] == {"name": "Rapha International"}
        assert (created["precision"], created["meetings"]) == ("day", [])
    with reingest(corpus_settings, nlp) as client:
        node = events(client)["CCPCJ reception hosted by Rapha"]
        assert node == created  # linking neither deletes nor rewrites it
        listed = post(client, ORGANISATION_EVENTS, id=org["id"])["node"]["events"]
        assert [e["id"] for e in listed] == [created["id"]]


def test_event_create_expected_failures(corpus_settings: Settings) -> None:
    with editor(corpus_settings) as client:
        event_create_failures(client)


def event_create_failures(client: TestClient) -> None:
    """Invalid and NotFound results."""
    org = one(client, ORGANISATIONS, "Rapha International")

    def create(**input: Any) -> dict[str, Any]:
        base = {"organisationId": org["id"], "title": "Open day", "start": "2025-03"}
        return post(client, EVENT_CREATE, input=base | input)["eventCreate"]

    assert create()["event"]["precision"] == "month"
    assert create(organisationId=to_global_id("Organisation", 99999))["code"] == (
        "NOT_FOUND"
    )
    assert create(organisationId=to_global_id("Person", 1))["field"] == (
        "organisationId"
    )
    assert create(start="2025-13-01")["field"] == "start"
    assert create(endTime="noon")["field"] == "endTime"


def test_event_update_null_clears_an_optional_field(corpus_settings: Settings) -> None:
    with editor(corpus_settings) as client:
        session = events(client)["thirty-second session of the CCPCJ"]
        assert session["location"] == "Vienna"
        cleared = post(
            client, EVENT_UPDATE, id=session["id"], input={"location": None}
        )["eventUpdate"]["event"]
        assert cleared["location"] is None
        assert cleared["title"] == session["title"]  # unset fields stay
