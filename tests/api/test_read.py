"""Reading the corpus graph: nested relations both ways, provenance, filters, nodes."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.api.conftest import post, post_errors

MEETINGS_WITH_ATTENDEES = """
query {
  meetings(first: 10) {
    totalCount
    edges { node {
      id title date
      provenance { block start end snippet document { filename } }
      document { filename meeting { id } }
      attendances {
        rawName status
        provenance { snippet }
        person { name organisations { name } meetings { id } }
        organisation { name }
      }
      actionItems { text owner { name actionItems { text } } provenance { snippet } }
      events { title kind meetings { id } }
      mentions { titleInDocument provenance { snippet } event { id } }
    } }
  }
}
"""

DIALOGUE_FIGURES = """
query {
  dialogues {
    totalCount
    edges { node {
      title topic start previousStarts status
      figures { applicants wishToSpeak meeting { date } dialogue { title }
                provenance { snippet } }
      meetings { date }
    } }
  }
}
"""

ORGANISATION_SEARCH = """
query ($search: String!) {
  organisations(filter: {search: $search}) {
    totalCount
    edges { node { id name aliases people { name organisations { name } }
                   meetings { date } attendances { rawName } } }
  }
}
"""

MEETINGS_OF_ORGANISATION = """
query ($org: ID!, $from: Date, $to: Date) {
  meetings(filter: {organisationId: $org, dateFrom: $from, dateTo: $to}) {
    totalCount edges { node { date } }
  }
}
"""

ACTIONS_OF_OWNER = """
query ($owner: ID!) {
  actionItems(filter: {ownerId: $owner, status: "open"}) {
    totalCount edges { node { text status owner { id } meeting { date } } }
  }
}
"""

NODE = """
query ($id: ID!) { node(id: $id) { __typename id } }
"""

NODES = """
query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }
"""

SEARCH = """
query ($text: String!) {
  search(text: $text) {
    __typename id
    ... on Meeting { title }
    ... on Event { eventTitle: title }
    ... on ActionItem { text }
    ... on Organisation { name }
    ... on Person { name }
  }
}
"""

EVENTS_IN_RANGE = """
query {
  events(filter: {dateFrom: "2023-05-01", dateTo: "2023-05-31"}) {
    edges { node { title start end kind } }
  }
  upcoming: events(filter: {upcoming: true}) { totalCount }
}
"""


def _nodes(connection: dict) -> list[dict]:
    return [edge["node"] for edge in connection["edges"]]


def test_meetings_nest_every_relation_with_provenance(client: TestClient) -> None:
    data = post(client, MEETINGS_WITH_ATTENDEES)["meetings"]
    meetings = _nodes(data)
    assert data["totalCount"] == 4  # the .txt rendition is no meeting of its own
    assert [m["date"] for m in meetings] == sorted(
        (m["date"] for m in meetings), reverse=True
    )
    for meeting in meetings:
        assert meeting["document"]["meeting"]["id"] == meeting["id"]
        assert meeting["provenance"]["document"]["filename"]
        assert meeting["attendances"]
        for attendance in meeting["attendances"]:
            assert attendance["provenance"]["snippet"]
            if attendance["person"]:  # person -> meetings leads back here
                ids = [m["id"] for m in attendance["person"]["meetings"]]
                assert meeting["id"] in ids
        for event in meeting["events"]:
            assert meeting["id"] in [m["id"] for m in event["meetings"]]
    owned = [a for m in meetings for a in m["actionItems"] if a["owner"]]
    assert owned
    assert all(
        a["text"] in [o["text"] for o in a["owner"]["actionItems"]] for a in owned
    )


def test_dialogues_carry_figures_over_time(client: TestClient) -> None:
    data = post(client, DIALOGUE_FIGURES)["dialogues"]
    dialogues = {d["topic"]: d for d in _nodes(data)}
    assert data["totalCount"] == 5
    firearms = dialogues["firearms"]
    dates = [f["meeting"]["date"] for f in firearms["figures"]]
    assert len(dates) >= 2
    assert dates == sorted(dates)
    assert all(f["dialogue"]["title"] == firearms["title"] for f in firearms["figures"])
    assert len(firearms["meetings"]) >= 3
    assert any(d["previousStarts"] for d in dialogues.values())


def test_organisations_found_by_alias_and_navigable(client: TestClient) -> None:
    data = post(client, ORGANISATION_SEARCH, search="gi-toc")["organisations"]
    (org,) = _nodes(data)
    assert "GI-TOC" in org["aliases"]
    assert org["people"]
    assert org["meetings"]
    assert org["attendances"]
    for person in org["people"]:
        assert org["name"] in [o["name"] for o in person["organisations"]]
    meetings = post(client, MEETINGS_OF_ORGANISATION, org=org["id"])["meetings"]
    assert meetings["totalCount"] == len(org["meetings"])
    first_date = org["meetings"][-1]["date"]
    later = post(
        client, MEETINGS_OF_ORGANISATION, org=org["id"], **{"from": first_date}
    )["meetings"]
    assert later["totalCount"] == len(org["meetings"])
    none = post(client, MEETINGS_OF_ORGANISATION, org=org["id"], to="2000-01-01")
    assert none["meetings"]["totalCount"] == 0


def test_action_items_filter_by_owner(client: TestClient) -> None:
    meetings = _nodes(post(client, MEETINGS_WITH_ATTENDEES)["meetings"])
    owners = {
        a["owner"]["name"]: a["owner"]
        for m in meetings
        for a in m["actionItems"]
        if a["owner"]
    }
    people = post(client, ORGANISATION_SEARCH, search="alliance")
    assert people["organisations"]["totalCount"] >= 1
    name, _owner = next(iter(owners.items()))
    person = post(
        client,
        """query ($s: String!) { people(filter: {search: $s}) {
             edges { node { id actionItems { text } } } } }""",
        s=name,
    )["people"]["edges"][0]["node"]
    items = post(client, ACTIONS_OF_OWNER, owner=person["id"])["actionItems"]
    assert items["totalCount"] == len(person["actionItems"])
    assert {i["owner"]["id"] for i in _nodes(items)} == {person["id"]}


def test_node_and_nodes_resolve_global_ids(client: TestClient) -> None:
    meetings = _nodes(post(client, MEETINGS_WITH_ATTENDEES)["meetings"])
    ids = [meetings[0]["id"], meetings[-1]["id"]]
    assert post(client, NODE, id=ids[0])["node"] == {
        "__typename": "Meeting",
        "id": ids[0],
    }
    found = post(client, NODES, ids=ids)["nodes"]
    assert [n["id"] for n in found] == ids
    org = _nodes(post(client, ORGANISATION_SEARCH, search="gi-toc")["organisations"])
    assert post(client, NODE, id=org[0]["id"])["node"]["__typename"] == "Organisation"
    assert post(client, NODE, id="TWVldGluZzo5OTk5")["node"] is None  # Meeting:9999
    assert post_errors(client, NODE, id="not an id")


def test_search_spans_names_titles_and_actions(client: TestClient) -> None:
    found = post(client, SEARCH, text="firearms")["search"]
    kinds = {item["__typename"] for item in found}
    assert {"Event", "Meeting"} <= kinds
    assert post(client, SEARCH, text="zzzz-nothing")["search"] == []


def test_events_by_date_range_and_upcoming(client: TestClient) -> None:
    data = post(client, EVENTS_IN_RANGE)
    for event in _nodes(data["events"]):
        assert event["start"] <= "2023-05-31"
        assert (event["end"] or event["start"]) >= "2023-05-01"
    assert data["upcoming"]["totalCount"] == 0  # the corpus is all in the past


EVERY_RELATION = """
query {
  organisations(first: 100) { edges { node {
    id name acronym kind aliases events { id } actionItems { id }
    memberships { id role firstSeen lastSeen person { id }
                  organisation { id } sourceMeeting { id } }
  } } }
  people(first: 100) { edges { node {
    id aliases memberships { id } attendances { id meeting { id } }
  } } }
  events(first: 100) { edges { node {
    id kind startText endText precision startTime endTime location
    meeting { id } dateChangedIn { id } organisation { id }
    mentions { kindInDocument startInDocument endInDocument
               meeting { id } event { id } }
  } } }
  meetings(first: 100) { edges { node {
    id dateText startTime endTime timezone location
    figures { applicants qualifier asOf dialogue { id } }
  } } }
  actionItems(first: 100) { totalCount edges { node {
    id ownerRaw due ownerOrganisation { id } meeting { id } provenance { end }
  } } }
  documents { totalCount edges { node {
    id filename mediaType size sha256 uploadedAt linkedAt extractorVersion
    meeting { id } duplicateOf { id filename } jobs { id status }
  } } }
}
"""


def test_every_relation_resolves(client: TestClient) -> None:
    data = post(client, EVERY_RELATION)
    documents = _nodes(data["documents"])
    assert data["documents"]["totalCount"] == 5
    duplicates = [d for d in documents if d["duplicateOf"]]
    assert [d["filename"] for d in duplicates] == ["unodc-informal-2023-02-15.txt"]
    assert duplicates[0]["meeting"] is None
    events = _nodes(data["events"])
    assert any(e["meeting"] for e in events)  # "next informal meeting" -> minutes
    assert any(e["dateChangedIn"] for e in events)
    memberships = [m for o in _nodes(data["organisations"]) for m in o["memberships"]]
    assert all(m["sourceMeeting"] for m in memberships)
    figures = [f for m in _nodes(data["meetings"]) for f in m["figures"]]
    assert figures
