"""What the `ingestJob(id)` subscription sends: the job's state, or NOT_FOUND."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Self

import strawberry

from minutegraph.graph.job_watch import JobState
from schema.errors import NotFound
from schema.node import to_global_id


@strawberry.type(description="Rows the linker touched for one node type.")
class LinkCount:
    kind: str = strawberry.field(description="Node type: meeting, person, event...")
    inserted: int = strawberry.field(description="Rows created.")
    updated: int = strawberry.field(description="Rows changed.")
    unchanged: int = strawberry.field(description="Rows already as linked (noop).")
    deleted: int = strawberry.field(description="Rows removed.")


@strawberry.type(description="What linking a document did to the graph.")
class LinkReportSummary:
    counts: list[LinkCount] = strawberry.field(description="Per node type, by name.")
    changed: bool = strawberry.field(description="Anything but noops happened.")
    unresolved_count: int = strawberry.field(
        description="Names kept as written, linked to nothing."
    )
    ambiguous_count: int = strawberry.field(
        description="Names matching several nodes, left unlinked."
    )
    duplicate_of_id: strawberry.ID | None = strawberry.field(
        description="The document this one is another rendition of."
    )

    @classmethod
    def from_report(cls, report: dict[str, Any]) -> Self:
        """The summary of a stored linker report (ingest.report.Report.as_dict)."""
        counts = [
            LinkCount(
                kind=kind,
                inserted=per.get("insert", 0),
                updated=per.get("update", 0),
                unchanged=per.get("noop", 0),
                deleted=per.get("delete", 0),
            )
            for kind, per in sorted(report.get("counts", {}).items())
        ]
        duplicate = report.get("duplicate_of")
        return cls(
            counts=counts,
            changed=any(c.inserted or c.updated or c.deleted for c in counts),
            unresolved_count=len(report.get("unresolved", [])),
            ambiguous_count=len(report.get("ambiguous", [])),
            duplicate_of_id=to_global_id("Document", duplicate) if duplicate else None,
        )


@strawberry.type(description="An ingestion job's state when it started or changed.")
class IngestJobState:
    job_id: strawberry.ID = strawberry.field(description="The IngestJob's global ID.")
    document_id: strawberry.ID = strawberry.field(description="Its document.")
    status: str = strawberry.field(
        description="queued, running, succeeded, failed or cancelled."
    )
    final: bool = strawberry.field(description="True for the last state sent.")
    stage: str | None = strawberry.field(description="The stage it is in.")
    progress: float = strawberry.field(description="0 to 1.")
    attempts: int = strawberry.field(description="Runs so far.")
    error_code: str | None = strawberry.field(description="Stable code (MG1xx).")
    error_message: str | None = strawberry.field(description="What went wrong.")
    created_at: dt.datetime = strawberry.field(description="When it was queued.")
    started_at: dt.datetime | None = strawberry.field(
        description="When its latest attempt started."
    )
    finished_at: dt.datetime | None = strawberry.field(description="When it ended.")
    duration_seconds: float | None = strawberry.field(
        description="From start to end of its latest attempt, once ended."
    )
    report: LinkReportSummary | None = strawberry.field(
        description="What linking did; set when the job succeeded."
    )

    @classmethod
    def from_state(cls, state: JobState) -> Self:
        """The schema object for a watched state."""
        duration = None
        if state.started_at is not None and state.finished_at is not None:
            duration = (state.finished_at - state.started_at).total_seconds()
        report = state.report
        return cls(
            job_id=to_global_id("IngestJob", state.id),
            document_id=to_global_id("Document", state.document_id),
            status=state.status,
            final=state.final,
            stage=state.stage,
            progress=state.progress,
            attempts=state.attempts,
            error_code=state.error_code,
            error_message=state.error_message,
            created_at=state.created_at,
            started_at=state.started_at,
            finished_at=state.finished_at,
            duration_seconds=duration,
            report=LinkReportSummary.from_report(report) if report else None,
        )


IngestJobStateResult = Annotated[
    IngestJobState | NotFound, strawberry.union("IngestJobStateResult")
]
