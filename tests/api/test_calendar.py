"""`/calendar.ics`: parsed back with a small RFC 5545 reader, not string matching."""

from __future__ import annotations

import asyncio
import datetime as dt

from starlette.testclient import TestClient

from minutegraph import models
from minutegraph.app import create_app
from minutegraph.calendar import escape, fold
from minutegraph.db import engine_scope
from minutegraph.graph import tokens
from minutegraph.settings import Settings
from schema.node import to_global_id

LONG_TITLE = "Side event; firearms, ammunition and explosives — " + "é" * 40


def unfold(body: str) -> list[str]:
    """Content lines: every line ends in CRLF; a leading space continues one."""
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")
    for physical in body.split("\r\n"):
        assert len(physical.encode()) <= 75, physical
    return body.replace("\r\n ", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    """A TEXT value as written before escaping."""
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


def parse(body: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """(calendar properties, events as {name[;params]: value})."""
    calendar: dict[str, str] = {}
    events: list[dict[str, str]] = []
    stack: list[str] = []
    for line in unfold(body):
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
        elif name == "END":
            assert stack.pop() == value
        else:
            (events[-1] if stack[-1] == "VEVENT" else calendar)[name] = value
    assert stack == []
    return calendar, events


def _event(meeting: models.Meeting | None, **values: object) -> models.Event:
    start_text = str(values.pop("start_text"))
    defaults = {
        "kind": "session",
        "title": "Event",
        "precision": {4: "year", 7: "month"}.get(len(start_text), "day"),
        "start": dt.date.fromisoformat((start_text + "-01-01")[:10]),
        "created_at": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
    }
    defaults["title_key"] = str(values.get("title", "event")).casefold()
    return models.Event(
        start_text=start_text, meeting_id=meeting and meeting.id, **defaults | values
    )


def _events(
    meeting: models.Meeting, acme: models.Organisation, other: models.Organisation
) -> dict[str, models.Event]:
    return {
        "range": _event(
            None,
            title="Range",
            start_text="2023-05-02",
            end_text="2023-05-04",
            end=dt.date(2023, 5, 4),
            organisation_id=acme.id,
        ),
        "zoned": _event(
            meeting,
            title="Zoned",
            start_text="2023-02-15",
            start_time="10:00",
            end_time="12:30",
            location="Vienna, Room C; 3rd floor",
        ),
        "floating": _event(
            None,
            title=LONG_TITLE,
            start_text="2023-06-01",
            start_time="09:00",
            organisation_id=other.id,
        ),
        "month": _event(
            None, title="December", start_text="2023-12", organisation_id=acme.id
        ),
        "year": _event(None, title="Year", start_text="2023"),
    }


async def _seed(url: str) -> dict[str, int]:
    async with engine_scope(url) as (_, sessions), sessions.begin() as session:
        doc = models.Document(
            sha256="a" * 64,
            filename="m.txt",
            media_type="text/plain",
            size=1,
            storage_path="x",
        )
        session.add(doc)
        await session.flush()
        meeting = models.Meeting(document_id=doc.id, timezone="+02:00")
        acme = models.Organisation(name="Acme Corp", acronym="ACME")
        other = models.Organisation(name="Other Org")
        session.add_all([meeting, acme, other])
        await session.flush()
        rows = _events(meeting, acme, other)
        session.add_all(rows.values())
        session.add(
            models.Attendance(
                meeting_id=meeting.id,
                position=0,
                raw_name="Ann",
                organisation_id=acme.id,
                document_id=doc.id,
            )
        )
        await session.flush()
        session.add(
            models.Mention(
                meeting_id=meeting.id,
                event_id=rows["zoned"].id,
                document_id=doc.id,
                title_in_document="Zoned",
                kind_in_document="session",
            )
        )
        return {"acme": acme.id, **{k: v.id for k, v in rows.items()}}


def _feed(client: TestClient, **params: str) -> dict[str, dict[str, str]]:
    response = client.get("/calendar.ics", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    calendar, events = parse(response.text)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    for event in events:
        assert event["DTSTAMP"] == "20240102T030405Z"
    return {unescape(e["SUMMARY"]): e for e in events}


def test_feed_dates_times_and_text(settings: Settings) -> None:
    keys = asyncio.run(_seed(settings.database_url))
    with TestClient(create_app(settings)) as client:
        events = _feed(client)
    assert set(events) == {
        "Range",
        "Zoned",
        LONG_TITLE,
        "December",
    }  # the year is left out
    assert events["Range"]["UID"] == f"event-{keys['range']}@minutegraph"
    assert events["Range"]["DTSTART;VALUE=DATE"] == "20230502"
    assert events["Range"]["DTEND;VALUE=DATE"] == "20230505"  # the day after
    assert events["Zoned"]["DTSTART"] == "20230215T080000Z"  # 10:00 at +02:00
    assert events["Zoned"]["DTEND"] == "20230215T103000Z"
    assert unescape(events["Zoned"]["LOCATION"]) == "Vienna, Room C; 3rd floor"
    assert events[LONG_TITLE]["DTSTART"] == "20230601T090000"  # floating
    assert "DTEND" not in events[LONG_TITLE]
    assert events["December"]["DTSTART;VALUE=DATE"] == "20231201"
    assert events["December"]["DTEND;VALUE=DATE"] == "20240101"


def test_feed_filters_by_organisation_and_dates(settings: Settings) -> None:
    keys = asyncio.run(_seed(settings.database_url))
    acme = to_global_id("Organisation", keys["acme"])
    with TestClient(create_app(settings)) as client:
        # Shared by Acme, or mentioned in minutes of a meeting Acme attended.
        assert set(_feed(client, organisation=acme)) == {"Range", "Zoned", "December"}
        assert set(_feed(client, organisation="acme")) == {"Range", "Zoned", "December"}
        window = _feed(client, **{"from": "2023-05-03", "to": "2023-06-01"})
        assert set(window) == {"Range", LONG_TITLE}
        assert client.get("/calendar.ics?organisation=Nobody").status_code == 404
        assert client.get("/calendar.ics?from=May").status_code == 400


def test_fold_and_escape() -> None:
    line = "SUMMARY:" + escape("a,b;c\\d\ne") + "é" * 80
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert unescape(escape("x, y; z\\\nw")) == "x, y; z\\\nw"


def test_corpus_feed_parses(client: TestClient) -> None:
    response = client.get("/calendar.ics")
    _, events = parse(response.text)
    assert events
    uids = [event["UID"] for event in events]
    assert len(set(uids)) == len(uids)
    assert all(any(k.startswith("DTSTART") for k in event) for event in events)


def test_feed_follows_the_reading_rules(settings: Settings) -> None:
    closed = settings.model_copy(update={"anonymous_read": False})
    with TestClient(create_app(closed)) as client:
        assert client.get("/calendar.ics").status_code == 401
        secret = asyncio.run(_token(closed.database_url))
        bearer = {"authorization": f"Bearer {secret}"}
        assert client.get("/calendar.ics", headers=bearer).status_code == 200
        wrong = {"authorization": "Bearer nope"}
        assert client.get("/calendar.ics", headers=wrong).status_code == 401


async def _token(url: str) -> str:
    async with engine_scope(url) as (_, sessions), sessions.begin() as session:
        _, secret = await tokens.create(session=session, role="reader")
    return secret
