"""The root Query and the schema."""

from __future__ import annotations

import strawberry
from strawberry.extensions import DisableIntrospection, ParserCache, ValidationCache

from resolvers import nodes, queries
from resolvers.auth import AnonymousRead
from resolvers.limits import limit_extensions
from resolvers.masking import mask_errors, redact_error_logs
from resolvers.metrics import OperationMetrics
from resolvers.mutations import (
    action_item_edits,
    event_edits,
    organisation_edits,
    person_edits,
)
from resolvers.mutations import documents as document_mutations
from resolvers.mutations import ingest_jobs as ingest_job_mutations
from resolvers.permissions import mutation
from resolvers.subscriptions import ingest_job as ingest_job_subscription
from schema.action_item import ActionItem
from schema.attendance import Attendance
from schema.document import Document, IngestJob
from schema.event import Event
from schema.meeting import Meeting
from schema.membership import Membership
from schema.organisation import Organisation
from schema.person import Person


@strawberry.type(description="Read the graph: nodes by ID, filtered lists, search.")
class Query:
    node = strawberry.field(
        resolver=nodes.node, description="The object with this global ID."
    )
    nodes = strawberry.field(
        resolver=nodes.nodes, description="The objects with these global IDs."
    )
    organisations = strawberry.field(
        resolver=queries.organisations, description="Organisations, by name."
    )
    people = strawberry.field(resolver=queries.people, description="People, by name.")
    meetings = strawberry.field(
        resolver=queries.meetings, description="Meetings, newest first."
    )
    events = strawberry.field(
        resolver=queries.events, description="Events, by start date."
    )
    dialogues = strawberry.field(
        resolver=queries.dialogues,
        description="Constructive dialogues (events of kind dialogue), by start.",
    )
    action_items = strawberry.field(
        resolver=queries.action_items, description="Action items, as recorded."
    )
    documents = strawberry.field(
        resolver=queries.documents, description="Documents, newest first."
    )
    search = strawberry.field(
        resolver=queries.search,
        description="Names, titles and action texts containing `text` (any case).",
    )
    ingest_job = strawberry.field(
        resolver=document_mutations.ingest_job,
        description="The ingestion job with this ID.",
    )


@strawberry.type(description="Change the graph: uploads, corrections, deletions.")
class Mutation:
    document_upload = mutation(
        document_mutations.document_upload,
        role="editor",
        description="Upload one minutes file (multipart); ingestion is queued.",
    )
    documents_upload = mutation(
        document_mutations.documents_upload,
        role="editor",
        description="Upload several files; one result each, in order.",
    )
    document_reprocess = mutation(
        document_mutations.document_reprocess,
        role="editor",
        description="Re-extract and re-link a document; corrections are kept.",
    )
    ingest_job_cancel = mutation(
        ingest_job_mutations.ingest_job_cancel,
        role="editor",
        description="Cancel a queued or running ingestion job.",
    )
    ingest_job_retry = mutation(
        ingest_job_mutations.ingest_job_retry,
        role="editor",
        description="Queue a failed or cancelled ingestion job again.",
    )
    document_delete = mutation(
        document_mutations.document_delete,
        role="admin",
        description="Delete a document, its facts and nodes only it supported.",
    )
    organisation_update = mutation(
        organisation_edits.organisation_update,
        role="editor",
        description="Rename an organisation, set its acronym, add aliases.",
    )
    organisation_merge = mutation(
        organisation_edits.organisation_merge,
        role="editor",
        description="Fold organisation `from` into `into` (names become aliases).",
    )
    person_update = mutation(
        person_edits.person_update,
        role="editor",
        description="Rename a person, add aliases; the old name stays an alias.",
    )
    person_merge = mutation(
        person_edits.person_merge,
        role="editor",
        description="Fold person `from` into `into` (names become aliases).",
    )
    action_item_update = mutation(
        action_item_edits.action_item_update,
        role="editor",
        description="Correct an action item's status, owner or due date.",
    )
    event_update = mutation(
        event_edits.event_update,
        role="editor",
        description="Correct an event; re-ingests keep the correction.",
    )
    event_create = mutation(
        event_edits.event_create,
        role="editor",
        description="Share an organisation's own event in the calendar.",
    )


@strawberry.type(description="Follow changes: an ingestion job's progress.")
class Subscription:
    ingest_job = strawberry.subscription(
        resolver=ingest_job_subscription.ingest_job,
        permission_classes=[ingest_job_subscription.CanRead],
        description="The job's state now and on every change, until it ends.",
    )


# Types reached only through the Node interface still belong in the schema.
NODE_TYPES = [
    Organisation,
    Person,
    Membership,
    Meeting,
    Attendance,
    Event,
    ActionItem,
    Document,
    IngestJob,
]


def make_schema(*, introspection: bool = True) -> strawberry.Schema:
    """The schema; without introspection when the settings switch it off."""
    redact_error_logs()  # strawberry's error lines: no query text or variables
    # OperationMetrics first: it leaves last, after limits coded their errors.
    extensions: list = [OperationMetrics, ParserCache, ValidationCache, AnonymousRead]
    extensions += limit_extensions()  # depth, aliases, tokens, node estimate
    if not introspection:
        extensions.append(DisableIntrospection)
    extensions.append(mask_errors)  # unexpected errors: logged, not shown
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=NODE_TYPES,
        extensions=extensions,
    )


schema = make_schema()
