"""Apologies over GraphQL: `attendances(status:)` on meetings, people, organisations."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.api.conftest import post

MEETING_ON = """
query ($day: Date!) {
  meetings(filter: {dateFrom: $day, dateTo: $day}) { edges { node {
    present: attendances { rawName status position }
    apologies: attendances(status: APOLOGIES) {
      rawName rawOrganisation group status position
      person { name } organisation { name }
      provenance { snippet }
    }
    everyone: attendances(status: ALL) { rawName status }
  } } }
}
"""

PERSON_NAMED = """
query ($name: String!) {
  people(filter: {search: $name}) { edges { node {
    name
    meetings { date }
    attendances { meeting { date } }
    missed: attendances(status: APOLOGIES) { status meeting { date } }
  } } }
}
"""

ORGANISATION_NAMED = """
query ($name: String!) {
  organisations(filter: {search: $name}) { edges { node {
    id name
    meetings { date }
    attendances { rawName }
    apologies: attendances(status: APOLOGIES) { rawName meeting { date } }
  } } }
}
"""

MEETINGS_OF = """
query ($org: ID!) {
  meetings(filter: {organisationId: $org}) { edges { node { date } } }
}
"""


def _nodes(connection: dict) -> list[dict]:
    return [edge["node"] for edge in connection["edges"]]


def test_who_sent_apologies_to_a_meeting(client: TestClient) -> None:
    (meeting,) = _nodes(post(client, MEETING_ON, day="2023-06-01")["meetings"])
    present, apologies = meeting["present"], meeting["apologies"]
    assert present
    assert {a["status"] for a in present} == {"present"}
    assert [(a["rawName"], a["person"]["name"]) for a in apologies] == [
        ("Billy Batware", "Billy Batware"),
        ("Aniedi Okure", "Aniedi Okure"),
    ]
    assert [a["rawOrganisation"] for a in apologies] == [
        "UNODC",
        "Dominicans for Justice and Peace",
    ]
    assert {a["status"] for a in apologies} == {"apologies"}
    assert {a["group"] for a in apologies} == {"Apologies"}
    assert apologies[0]["organisation"]["name"]
    assert apologies[0]["provenance"]["snippet"].startswith("Billy Batware")
    # after the present ones, in document order
    last = max(a["position"] for a in present)
    assert [a["position"] for a in apologies] == [last + 1, last + 2]
    names = {a["rawName"] for a in present}
    assert not names & {"Billy Batware", "Aniedi Okure"}
    everyone = meeting["everyone"]
    assert len(everyone) == len(present) + len(apologies)


def test_which_meetings_a_person_missed(client: TestClient) -> None:
    (person,) = _nodes(post(client, PERSON_NAMED, name="Aniedi Okure")["people"])
    assert [m["meeting"]["date"] for m in person["missed"]] == ["2023-06-01"]
    attended = sorted(a["meeting"]["date"] for a in person["attendances"])
    assert attended == ["2023-02-15", "2023-03-22"]
    # `meetings` lists the meetings attended: not the one apologised for
    assert sorted(m["date"] for m in person["meetings"]) == attended


def test_an_organisation_whose_only_person_sent_apologies(client: TestClient) -> None:
    data = post(client, ORGANISATION_NAMED, name="Maat for Peace")["organisations"]
    (org,) = _nodes(data)
    missed = [(a["rawName"], a["meeting"]["date"]) for a in org["apologies"]]
    assert missed == [("Wessam Farid", "2023-03-22")]
    assert "2023-03-22" not in [m["date"] for m in org["meetings"]]
    assert org["attendances"]  # present at the February meeting
    listed = post(client, MEETINGS_OF, org=org["id"])["meetings"]
    assert "2023-03-22" not in [m["date"] for m in _nodes(listed)]
