"""The graph's tables: documents, jobs, organisations, people, meetings and their facts.

Borrowed from Popolo / Open Civic Data: a mention keeps the text as written, a
nullable link to the resolved node, and the document (block and span) it came from.
Human corrections are rows of their own (`Correction`) or aliases, so re-running an
extractor never erases them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from minutegraph.db import Base


def utcnow() -> dt.datetime:
    """Now, in UTC, timezone-aware."""
    return dt.datetime.now(dt.UTC)


class Sourced:
    """Where a row was read: document, block, character span and its text."""

    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    source_block: Mapped[int | None]
    source_start: Mapped[int | None]
    source_end: Mapped[int | None]
    source_snippet: Mapped[str | None] = mapped_column(Text)


class Document(Base):
    """An uploaded minutes file: the original (by sha256) and its stored extraction."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(512))
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int]
    storage_path: Mapped[str] = mapped_column(String(1024))
    uploaded_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )
    extraction: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    extractor_version: Mapped[str | None] = mapped_column(String(32))
    linked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Another rendition of minutes already in the graph (the .txt of a .docx): its
    # facts are that document's, so it is not linked twice.
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL")
    )


class IngestJob(Base):
    """One ingestion run of one document; the database is the jobs' source of truth."""

    __tablename__ = "ingest_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    stage: Mapped[str | None] = mapped_column(String(32))
    progress: Mapped[float] = mapped_column(default=0.0)
    attempts: Mapped[int] = mapped_column(default=0)
    error_code: Mapped[str | None] = mapped_column(String(16))
    error_message: Mapped[str | None] = mapped_column(Text)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Seconds per stage of the last attempt (queued, extract, link, total).
    timings: Mapped[dict[str, float] | None] = mapped_column(JSON)
    # Who runs it ("host:pid:nonce") and its last heartbeat: a running job whose
    # heartbeat is older than settings.job_lease was left by a dead process.
    worker: Mapped[str | None] = mapped_column(String(128))
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Organisation(Base):
    """An organisation: NGO, UN body, member state, company..."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    acronym: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str | None] = mapped_column(
        String(32)
    )  # ngo, un_body, member_state...
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )


class Person(Base):
    """A person named in minutes."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )


class Alias(Base):
    """A name resolving to one organisation or person (folded key unique per kind)."""

    __tablename__ = "alias"
    __table_args__ = (UniqueConstraint("kind", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # organisation | person
    name: Mapped[str] = mapped_column(String(512))
    name_key: Mapped[str] = mapped_column(String(512))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    origin: Mapped[str] = mapped_column(
        String(16), default="document"
    )  # document | human


class Membership(Base):
    """A person's affiliation with an organisation, as the minutes state it."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("person_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str | None] = mapped_column(String(128))
    first_seen: Mapped[dt.date | None] = mapped_column(Date)
    last_seen: Mapped[dt.date | None] = mapped_column(Date)
    source_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL")
    )
    ended_in_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL")
    )


class GraphRevision(Base):
    """One row counting changes to the names the linker indexes (see the migration).

    Triggers bump `revision` when an organisation, person, alias or membership is
    updated in a column the name index reads, or deleted; inserts leave it alone
    (a linker's cache picks new rows up by id). Its start is random, so a database
    dropped and made again under the same URL never matches an old cache.
    """

    __tablename__ = "graph_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(BigInteger)


class Meeting(Sourced, Base):
    """The meeting one set of minutes records (one per document)."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str | None] = mapped_column(String(512))
    date_text: Mapped[str | None] = mapped_column(String(10))  # ISO at its precision
    date: Mapped[dt.date | None] = mapped_column(
        Date, index=True
    )  # first day it covers
    start_time: Mapped[str | None] = mapped_column(String(5))
    end_time: Mapped[str | None] = mapped_column(String(5))
    timezone: Mapped[str | None] = mapped_column(String(6))
    location: Mapped[str | None] = mapped_column(String(512))


class Attendance(Sourced, Base):
    """A person the minutes list as present (or as sending apologies), as written."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    status: Mapped[str] = mapped_column(
        String(16), default="present"
    )  # present | apologies
    raw_name: Mapped[str] = mapped_column(String(512))
    raw_organisation: Mapped[str | None] = mapped_column(String(512))
    group: Mapped[str | None] = mapped_column(String(256))
    role: Mapped[str | None] = mapped_column(String(128))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )


class Event(Base):
    """A dated happening: session, side event, deadline, meeting, dialogue."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str] = mapped_column(String(512))
    title_key: Mapped[str] = mapped_column(String(512), index=True)
    topic: Mapped[str | None] = mapped_column(String(256))  # dialogues: "Firearms"
    start_text: Mapped[str] = mapped_column(String(10))  # ISO at its precision
    start: Mapped[dt.date] = mapped_column(Date, index=True)  # first day it covers
    end_text: Mapped[str | None] = mapped_column(String(10))
    end: Mapped[dt.date | None] = mapped_column(Date)
    precision: Mapped[str] = mapped_column(String(8))  # day | month | year
    start_time: Mapped[str | None] = mapped_column(String(5))
    end_time: Mapped[str | None] = mapped_column(String(5))
    location: Mapped[str | None] = mapped_column(String(512))
    status: Mapped[str] = mapped_column(
        String(16), default="scheduled"
    )  # scheduled | moved
    previous_starts: Mapped[list[str]] = mapped_column(JSON, default=list)
    date_changed_in_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL")
    )
    # The meeting this event is, once its own minutes arrive ("next informal meeting").
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), index=True
    )
    # Shared by an organisation in the calendar rather than read from minutes.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )


class Mention(Sourced, Base):
    """A meeting's minutes name an event: with the title and date the document gives."""

    __tablename__ = "mention"
    __table_args__ = (UniqueConstraint("meeting_id", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE")
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), index=True
    )
    # The event as this document states it; the node's own fields are settled
    # from all its mentions (the latest minutes win), whatever the ingest order.
    title_in_document: Mapped[str] = mapped_column(String(512))
    kind_in_document: Mapped[str] = mapped_column(String(16))
    start_in_document: Mapped[str | None] = mapped_column(String(10))
    end_in_document: Mapped[str | None] = mapped_column(String(10))
    start_time: Mapped[str | None] = mapped_column(String(5))
    end_time: Mapped[str | None] = mapped_column(String(5))
    location: Mapped[str | None] = mapped_column(String(512))
    position: Mapped[int] = mapped_column(Integer, default=0)


class DialogueFigure(Sourced, Base):
    """Figures one meeting reports for one constructive dialogue."""

    __tablename__ = "dialogue_figure"
    __table_args__ = (UniqueConstraint("event_id", "meeting_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    applicants: Mapped[int | None]
    qualifier: Mapped[str | None] = mapped_column(String(8))
    wish_to_speak: Mapped[int | None]
    as_of: Mapped[str | None] = mapped_column(String(10))


class ActionItem(Sourced, Base):
    """Work someone is to do after a meeting."""

    __tablename__ = "action_item"
    __table_args__ = (UniqueConstraint("meeting_id", "text_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE")
    )
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str] = mapped_column(String(512))
    owner_raw: Mapped[str | None] = mapped_column(String(512))
    owner_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    owner_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    due: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(8), default="open", index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Correction(Base):
    """A human decision every later ingest respects (the correction wins)."""

    __tablename__ = "correction"
    __table_args__ = (UniqueConstraint("target", "target_key", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(32))  # action_item, event, person...
    target_key: Mapped[str] = mapped_column(
        String(600)
    )  # natural key that survives re-ingest
    field: Mapped[str] = mapped_column(String(64))
    value: Mapped[Any] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )


class ApiToken(Base):
    """An API token: a role and the sha256 of a secret shown once, found by prefix."""

    __tablename__ = "token"

    id: Mapped[int] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(8))  # reader, editor or admin
    name: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )


Index("ix_event_kind_start", Event.kind, Event.start)
