"""Results of the document mutations: success, or a typed failure with a stable code."""

from typing import Annotated

import strawberry

from schema.document import Document, IngestJob


@strawberry.type(description="The document is stored and its ingestion queued.")
class DocumentUploadSuccess:
    document: Document = strawberry.field(description="The document (new or known).")
    job: IngestJob = strawberry.field(
        description="Its ingestion job; the same file again returns the same job."
    )


@strawberry.type(description="The file is over the upload limit (MG104).")
class DocumentTooLarge:
    code: str = strawberry.field(description="Stable code: MG104.")
    message: str = strawberry.field(description="What happened.")
    filename: str = strawberry.field(description="The file refused.")
    limit_bytes: int = strawberry.field(description="The upload limit in bytes.")


@strawberry.type(
    description="The file is not minutes minutegraph reads: unknown extension "
    "(MG101), content of another type (MG102) or empty (MG105)."
)
class UnsupportedDocument:
    code: str = strawberry.field(description="Stable code: MG101, MG102 or MG105.")
    message: str = strawberry.field(description="What happened.")
    filename: str = strawberry.field(description="The file refused.")


@strawberry.type(description="No document has this ID (NOT_FOUND).")
class DocumentNotFound:
    code: str = strawberry.field(description="Stable code: NOT_FOUND.")
    message: str = strawberry.field(description="What happened.")
    id: strawberry.ID = strawberry.field(description="The ID asked for.")


@strawberry.type(description="A new ingestion job re-extracts and re-links it.")
class DocumentReprocessSuccess:
    document: Document = strawberry.field(description="The document.")
    job: IngestJob = strawberry.field(description="The new ingestion job.")


@strawberry.type(description="Rows removed, per type.")
class DeletedCount:
    kind: str = strawberry.field(description="Table: meeting, person, event...")
    count: int = strawberry.field(description="Rows deleted.")


@strawberry.type(description="The document and the facts only it supported are gone.")
class DocumentDeleteSuccess:
    deleted_id: strawberry.ID = strawberry.field(description="The deleted document.")
    deleted: list[DeletedCount] = strawberry.field(description="What was removed.")
    relinked: list[IngestJob] = strawberry.field(
        description="Jobs linking its other renditions (its .txt, say) on their own."
    )


DocumentUploadResult = Annotated[
    DocumentUploadSuccess | DocumentTooLarge | UnsupportedDocument,
    strawberry.union("DocumentUploadResult"),
]
DocumentReprocessResult = Annotated[
    DocumentReprocessSuccess | DocumentNotFound,
    strawberry.union("DocumentReprocessResult"),
]
DocumentDeleteResult = Annotated[
    DocumentDeleteSuccess | DocumentNotFound,
    strawberry.union("DocumentDeleteResult"),
]


@strawberry.type(description="No ingestion job has this ID (NOT_FOUND).")
class IngestJobNotFound:
    code: str = strawberry.field(description="Stable code: NOT_FOUND.")
    message: str = strawberry.field(description="What happened.")
    id: strawberry.ID = strawberry.field(description="The ID asked for.")


@strawberry.type(
    description="The job is not in a state this allows (CONFLICT): only queued or "
    "running jobs can be cancelled, only failed or cancelled ones retried."
)
class IngestJobConflict:
    code: str = strawberry.field(description="Stable code: CONFLICT.")
    message: str = strawberry.field(description="What happened.")
    job: IngestJob = strawberry.field(description="The job as it is.")


@strawberry.type(
    description="The job is cancelled; a running one stops at its next step and "
    "writes nothing to the graph."
)
class IngestJobCancelSuccess:
    job: IngestJob = strawberry.field(description="The cancelled job.")


@strawberry.type(description="The job is queued again (its attempts start over).")
class IngestJobRetrySuccess:
    job: IngestJob = strawberry.field(description="The queued job.")


IngestJobCancelResult = Annotated[
    IngestJobCancelSuccess | IngestJobNotFound | IngestJobConflict,
    strawberry.union("IngestJobCancelResult"),
]
IngestJobRetryResult = Annotated[
    IngestJobRetrySuccess | IngestJobNotFound | IngestJobConflict,
    strawberry.union("IngestJobRetryResult"),
]
