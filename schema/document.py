"""Document and IngestJob: an uploaded minutes file and its ingestion runs."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry.scalars import JSON

from minutegraph import models
from resolvers.context import Info
from schema.node import Node, to_global_id

if TYPE_CHECKING:
    from schema.meeting import Meeting

MeetingRef = Annotated["Meeting", strawberry.lazy("schema.meeting")]


@strawberry.type(description="A minutes file, stored once under its sha256.")
class Document(Node):
    filename: str = strawberry.field(description="The file name uploaded.")
    media_type: str = strawberry.field(description="Its media type.")
    size: int = strawberry.field(description="Bytes.")
    sha256: str = strawberry.field(description="Hex digest of the original.")
    uploaded_at: dt.datetime = strawberry.field(description="When it arrived.")
    linked_at: dt.datetime | None = strawberry.field(
        description="When its facts were last linked into the graph."
    )
    extractor_version: str | None = strawberry.field(
        description="The extractor that read it."
    )
    row: strawberry.Private[models.Document]

    @classmethod
    def from_row(cls, row: models.Document) -> Self:
        """The schema object for a row."""
        return cls(
            id=to_global_id("Document", row.id),
            filename=row.filename,
            media_type=row.media_type,
            size=row.size,
            sha256=row.sha256,
            uploaded_at=row.uploaded_at,
            linked_at=row.linked_at,
            extractor_version=row.extractor_version,
            row=row,
        )

    @strawberry.field(description="The meeting it records (null until linked).")
    async def meeting(self, info: Info) -> MeetingRef | None:
        from schema.meeting import Meeting

        rows = await info.context.loaders.meetings_by_document_id.load(self.row.id)
        return Meeting.from_row(rows[0]) if rows else None

    @strawberry.field(description="The document this one is another rendition of.")
    async def duplicate_of(self, info: Info) -> "Document | None":
        if self.row.duplicate_of_id is None:
            return None
        row = await info.context.loaders.document_by_id.load(self.row.duplicate_of_id)
        return Document.from_row(row) if row else None

    @strawberry.field(description="Its ingestion runs, oldest first.")
    async def jobs(self, info: Info) -> list["IngestJob"]:
        rows = await info.context.loaders.ingest_jobs_by_document_id.load(self.row.id)
        return [IngestJob.from_row(row) for row in rows]


@strawberry.type(description="One ingestion run of one document.")
class IngestJob(Node):
    status: str = strawberry.field(
        description="queued, running, succeeded, failed or cancelled."
    )
    stage: str | None = strawberry.field(description="The stage it is in.")
    progress: float = strawberry.field(description="0 to 1.")
    attempts: int = strawberry.field(description="Runs so far.")
    error_code: str | None = strawberry.field(description="Stable code (MG1xx).")
    error_message: str | None = strawberry.field(description="What went wrong.")
    report: JSON | None = strawberry.field(
        description="The linker's report: counts per type and outcome, names left "
        "unresolved or ambiguous, the document it duplicates."
    )
    timings: JSON | None = strawberry.field(
        description="Seconds per stage of its last attempt: queued, extract, link, "
        "total."
    )
    created_at: dt.datetime = strawberry.field(description="When it was queued.")
    started_at: dt.datetime | None = strawberry.field(
        description="When its last attempt started."
    )
    finished_at: dt.datetime | None = strawberry.field(description="When it ended.")
    row: strawberry.Private[models.IngestJob]

    @classmethod
    def from_row(cls, row: models.IngestJob) -> Self:
        """The schema object for a row."""
        return cls(
            id=to_global_id("IngestJob", row.id),
            status=row.status,
            stage=row.stage,
            progress=row.progress,
            attempts=row.attempts,
            error_code=row.error_code,
            error_message=row.error_message,
            report=row.report,
            timings=row.timings,
            created_at=row.created_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
            row=row,
        )

    @strawberry.field(description="The document.")
    async def document(self, info: Info) -> Document:
        row = await info.context.loaders.document_by_id.load(self.row.document_id)
        return Document.from_row(row)
