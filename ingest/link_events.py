"""Events across documents: a node per happening, mentions per meeting, figures.

A happening named by several minutes becomes one `Event`: a dialogue by its topic,
anything else by its start date and a title that shares a distinctive word. The
date a dialogue has is the one its most recent minutes give; earlier dates become
`previous_starts`, so the result does not depend on the order of ingestion. An
event that is a meeting with minutes of its own ("the next informal meeting 22/03")
points at that `Meeting`, whichever document arrives first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from itertools import pairwise

from rapidfuzz import fuzz
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.link_rows import (
    RowSync,
    count_apply,
    first_day,
    precision_of,
    source_values,
)
from ingest.model import DialogueFigures, Event
from ingest.naming_text import fold
from ingest.report import Report
from minutegraph import models
from minutegraph.graph.event_edits import column_values, correction_key

# Words too common in event titles to say two titles name the same happening.
GENERIC_WORDS = frozenset(
    {
        "the",
        "and",
        "for",
        "with",
        "from",
        "into",
        "next",
        "first",
        "last",
        "new",
        "this",
        "that",
        "meeting",
        "meetings",
        "session",
        "sessions",
        "event",
        "events",
        "day",
        "days",
        "deadline",
        "deadlines",
        "application",
        "applications",
        "call",
        "open",
        "opens",
        "closes",
        "close",
        "informal",
        "formal",
        "regular",
        "general",
        "annual",
        "special",
        "online",
        "remote",
        "hybrid",
        "part",
        "side",
        "parallel",
        "preparatory",
        "update",
        "updates",
        "working",
        "group",
        "groups",
        "organisation",
        "organisations",
        "organization",
        "organizations",
        "registration",
        "submission",
    }
)
_DIALOGUE = re.compile(r"^(?:constructive\s+dialogue|cd)s?\s+on\s+(?P<topic>.+)$", re.I)
SIMILAR = 80  # token-set ratio (0-100) at which two titles on one date are one event


def _stem(word: str) -> str:
    return (
        word[:-1]
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss")
        else word
    )


def title_words(title: str) -> list[str]:
    """A title's folded words, plurals reduced ("meetings" = "meeting")."""
    return [_stem(w) for w in fold(title).split()]


def content_words(title: str) -> set[str]:
    """Distinctive words of a title (folded, three letters or more, not generic)."""
    return {w for w in title_words(title) if len(w) >= 3 and w not in GENERIC_WORDS}


def dialogue_topic(title: str) -> str | None:
    """The topic key of "Constructive Dialogue on X" / "CD on X", else None."""
    match = _DIALOGUE.match(title.strip())
    return fold(match.group("topic")) if match else None


def same_happening(a: str, b: str) -> bool:
    """Two titles given for one date name the same happening."""
    if content_words(a) & content_words(b):
        return True
    return (
        fuzz.token_set_ratio(" ".join(title_words(a)), " ".join(title_words(b)))
        >= SIMILAR
    )


def same_span(node: models.Event, event: Event) -> bool:
    """Both name the same several-day span: one happening, however titled."""
    return (
        bool(event.end)
        and node.end_text == event.end
        and node.start_text == event.start
    )


def _event_values(event: Event) -> dict[str, object]:
    return {
        "title": event.title,
        "title_key": fold(event.title)[:512],
        "kind": event.kind,
        "start_time": event.start_time,
        "end_time": event.end_time,
        "location": event.location,
    }


class EventLinker:
    """Links one document's events; holds the candidate nodes it may match."""

    def __init__(
        self, session: AsyncSession, report: Report, meeting: models.Meeting
    ) -> None:
        self.session = session
        self.report = report
        self.meeting = meeting
        # Keyed by node, not id: nodes made here get their ids in one flush later.
        self.nodes: list[models.Event] = []
        self.titles: dict[models.Event, set[str]] = {}  # every title it was given
        # The first day this meeting gave each node it mentions: a node whose date
        # a human corrected is still the one these minutes name.
        self.said: dict[models.Event, dt.date | None] = {}

    async def load(self, events: Iterable[Event]) -> None:
        """Fetch the nodes these events could be: same dates, or dialogues."""
        events = list(events)
        starts = {first_day(e.start) for e in events} - {None}
        mentioned = select(models.Mention.event_id).where(
            models.Mention.meeting_id == self.meeting.id
        )
        stmt = select(models.Event).where(
            or_(
                models.Event.start.in_(starts),
                models.Event.kind == "dialogue",
                models.Event.id.in_(mentioned),
            )
        )
        self.nodes = list((await self.session.scalars(stmt)).all())
        mention = models.Mention
        rows = await self.session.execute(
            select(
                mention.event_id,
                mention.title_in_document,
                mention.meeting_id,
                mention.start_in_document,
            ).where(mention.event_id.in_([n.id for n in self.nodes]))
        )
        by_id = {node.id: node for node in self.nodes}
        for event_id, title, meeting_id, start in rows:
            node = by_id[event_id]
            self.titles.setdefault(node, set()).add(title)
            if meeting_id == self.meeting.id:
                self.said[node] = first_day(start)

    def find(self, event: Event) -> models.Event | None:
        """The node this extracted event names, if the graph has it."""
        topic = dialogue_topic(event.title) if event.kind == "dialogue" else None
        if topic:
            return next(
                (n for n in self.nodes if n.kind == "dialogue" and n.topic == topic),
                None,
            )
        start = first_day(event.start)
        for node in self.nodes:
            if (
                node.kind == "dialogue"
                or (node.start != start and self.said.get(node, node.start) != start)
                or (node.kind == "deadline") != (event.kind == "deadline")
            ):
                continue  # a deadline is never the happening it is a deadline for
            titles = self.titles.get(node, set()) | {node.title}
            if same_span(node, event) or any(
                same_happening(t, event.title) for t in titles
            ):
                return node
        return None

    def link(self, event: Event) -> models.Event:
        """The node for `event`, added when new (flushed, settled later)."""
        node = self.find(event)
        if node is None:
            node = models.Event(
                topic=dialogue_topic(event.title) if event.kind == "dialogue" else None,
                start_text=event.start,
                start=first_day(event.start),
                end_text=event.end,
                end=first_day(event.end),
                precision=precision_of(event.start),
                previous_starts=[],
                **_event_values(event),
            )
            self.session.add(node)
            self.nodes.append(node)
            self.titles[node] = {event.title}
            self.report.count("event", "insert")
        return node


async def link_mentions(
    session: AsyncSession, report: Report, meeting: models.Meeting, events: list[Event]
) -> list[models.Event]:
    """Link every extracted event and record that this meeting mentions it."""
    linker = EventLinker(session, report, meeting)
    await linker.load(events)
    stored = await session.scalars(
        select(models.Mention).where(models.Mention.meeting_id == meeting.id)
    )
    mentions = RowSync(
        session, report, "mention", models.Mention, {m.event_id: m for m in stored}
    )
    linked: list[tuple[int, Event, models.Event]] = []
    seen: set[models.Event] = set()
    for position, event in enumerate(events):
        node = linker.link(event)
        if node in seen:
            continue  # two extracted events, one happening: the first mention stands
        seen.add(node)
        linked.append((position, event, node))
    await session.flush()  # new nodes get their ids, together (one INSERT on Postgres)
    for position, event, node in linked:
        values = {
            "title_in_document": event.title,
            "kind_in_document": event.kind,
            "start_in_document": event.start,
            "end_in_document": event.end,
            "start_time": event.start_time,
            "end_time": event.end_time,
            "location": event.location,
            "position": position,
            **source_values(meeting.document_id, event.provenance),
        }
        mentions.put(node.id, values, meeting_id=meeting.id, event_id=node.id)
    await mentions.finish()
    nodes = [node for _, _, node in linked]
    await settle_events(session, report, nodes)
    return nodes


async def settle_event(
    session: AsyncSession, report: Report, node: models.Event
) -> None:
    """A node's fields from all its mentions: the latest minutes win; old dates stay.

    Deriving them from the mentions (not from whichever document came first) keeps
    the graph the same whatever the order of ingestion.
    """
    await settle_events(session, report, [node])


async def settle_events(
    session: AsyncSession, report: Report, nodes: list[models.Event]
) -> None:
    """`settle_event` for several nodes: their mentions and corrections read at once."""
    if not nodes:
        return
    rows = (
        await session.execute(
            select(models.Mention, models.Meeting.id)
            .join(models.Meeting, models.Meeting.id == models.Mention.meeting_id)
            .where(models.Mention.event_id.in_({node.id for node in nodes}))
            .order_by(models.Meeting.date, models.Meeting.id)
        )
    ).all()
    mentioned: dict[int, list[tuple[models.Mention, int]]] = {}
    for mention, meeting_id in rows:  # each node's mentions stay in meeting order
        mentioned.setdefault(mention.event_id, []).append((mention, meeting_id))
    corrected = await _corrections(
        session, [node for node in nodes if node.id in mentioned]
    )
    for node in nodes:
        if node.id in mentioned:
            _settle(report, node, mentioned[node.id], corrected)


async def _corrections(
    session: AsyncSession, nodes: list[models.Event]
) -> dict[str, dict[str, object]]:
    """Active corrections of these events: {correction key: {field: value}}."""
    if not nodes:
        return {}
    found: dict[str, dict[str, object]] = {}
    rows = await session.scalars(
        select(models.Correction).where(
            models.Correction.target == "event",
            models.Correction.target_key.in_({correction_key(n) for n in nodes}),
            models.Correction.active.is_(True),
        )
    )
    for row in rows:
        found.setdefault(row.target_key, {})[row.field] = row.value
    return found


def _settle(
    report: Report,
    node: models.Event,
    rows: list[tuple[models.Mention, int]],
    corrected: dict[str, dict[str, object]],
) -> None:
    """Settle one node from its mentions (in meeting order) and its corrections."""
    mentions = [m for m, _ in rows]
    latest = mentions[-1]

    def last(field: str) -> object:
        return next(
            (
                getattr(m, field)
                for m in reversed(mentions)
                if getattr(m, field) is not None
            ),
            None,
        )

    values: dict[str, object] = {
        "title": latest.title_in_document,
        "title_key": fold(latest.title_in_document)[:512],
        "kind": node.kind if node.kind == "dialogue" else latest.kind_in_document,
        "start_time": last("start_time"),
        "end_time": last("end_time"),
        "location": last("location"),
    }
    if node.kind == "dialogue":
        values.update(
            _dialogue_dates(
                [(m.start_in_document, meeting_id) for m, meeting_id in rows]
            )
        )
    else:
        end = last("end_in_document")
        values.update({"end_text": end, "end": first_day(end)})
    if node.organisation_id is not None:
        values = {}  # an event its organisation shared: its own word stands
    # Human corrections win over whatever the minutes (re-)extracted.
    values.update(column_values(corrected.get(correction_key(node), {})))
    count_apply(report, "event", node, values)


def _dialogue_dates(dated: list[tuple[str | None, int]]) -> dict[str, object]:
    """start / previous starts / status from (date given, meeting) in meeting order."""
    dated = [(start, meeting) for start, meeting in dated if start]
    current = dated[-1][0]
    previous: list[str] = []
    changed_in = None
    for (start, _), (later, later_meeting) in pairwise(dated):
        if start != later and start not in previous:
            previous.append(start)
            changed_in = later_meeting
    previous = [p for p in previous if p != current]
    return {
        "start_text": current,
        "start": first_day(current),
        "precision": precision_of(current),
        "previous_starts": previous,
        "status": "moved" if previous else "scheduled",
        "date_changed_in_meeting_id": changed_in if previous else None,
    }


async def link_meeting_events(
    session: AsyncSession,
    report: Report,
    meeting: models.Meeting,
    mentioned: list[models.Event],
) -> None:
    """Tie events that are this meeting (announced elsewhere) to it, and vice versa.

    `mentioned` are the nodes this meeting's minutes mention (`link_mentions`).
    """
    if meeting.date is None or (meeting.date_text or "").count("-") != 2:
        return
    title = meeting.title or "meeting"
    candidates = (
        await session.scalars(
            select(models.Event).where(
                models.Event.kind == "meeting", models.Event.start == meeting.date
            )
        )
    ).all()
    mentioned_here = {node.id for node in mentioned}
    for node in candidates:
        if node.meeting_id not in (None, meeting.id):
            continue
        if node.id not in mentioned_here and _is_meeting_of(node.title, title):
            count_apply(report, "event", node, {"meeting_id": meeting.id})


def _is_meeting_of(event_title: str, meeting_title: str) -> bool:
    """An event title on a meeting's date names that meeting (shared or no words)."""
    words = content_words(event_title)
    if "minute" in words:  # "the minutes of the meeting of 15 February"
        return True
    return (
        not words
        or bool(words & content_words(meeting_title))
        or fuzz.token_set_ratio(fold(event_title), fold(meeting_title)) >= SIMILAR
    )


async def link_meetings_named(
    session: AsyncSession, report: Report, nodes: list[models.Event]
) -> None:
    """Events of this document that are meetings whose minutes are already in."""
    wanted = [
        node
        for node in nodes
        if node.kind == "meeting"
        and node.meeting_id is None
        and node.precision == "day"
    ]
    if not wanted:
        return
    days = {node.start for node in wanted}
    on_days = models.Meeting.date.in_(days - {None})
    if None in days:  # `date == None` is `date IS NULL`
        on_days = or_(on_days, models.Meeting.date.is_(None))
    meetings = (await session.scalars(select(models.Meeting).where(on_days))).all()
    for node in wanted:
        matches = [
            m
            for m in meetings
            if m.date == node.start and _is_meeting_of(node.title, m.title or "meeting")
        ]
        if len(matches) == 1:
            count_apply(report, "event", node, {"meeting_id": matches[0].id})


async def link_figures(
    session: AsyncSession,
    report: Report,
    meeting: models.Meeting,
    figures: list[DialogueFigures],
    nodes: list[models.Event],
) -> None:
    """Store each dialogue's reported figures against the dialogue node."""
    by_topic = {n.topic: n for n in nodes if n.kind == "dialogue" and n.topic}
    stored = await session.scalars(
        select(models.DialogueFigure).where(
            models.DialogueFigure.meeting_id == meeting.id
        )
    )
    rows = RowSync(
        session,
        report,
        "dialogue_figure",
        models.DialogueFigure,
        {f.event_id: f for f in stored},
    )
    for figure in figures:
        topic = dialogue_topic(figure.dialogue) or fold(figure.dialogue)
        node = by_topic.get(topic) or await session.scalar(
            select(models.Event).where(
                models.Event.kind == "dialogue", models.Event.topic == topic
            )
        )
        if node is None:
            report.unresolved.append(
                f"figures for unknown dialogue {figure.dialogue!r}"
            )
            continue
        values = {
            "applicants": figure.applicants,
            "qualifier": figure.qualifier,
            "wish_to_speak": figure.wish_to_speak,
            "as_of": figure.as_of,
            **source_values(meeting.document_id, figure.provenance),
        }
        rows.put(node.id, values, event_id=node.id, meeting_id=meeting.id)
    await rows.finish()
