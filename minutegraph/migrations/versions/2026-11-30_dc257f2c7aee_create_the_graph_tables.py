"""create the graph tables

Revision ID: dc257f2c7aee
Revises:
Create Date: 2026-11-30 10:13:13.911702
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "dc257f2c7aee"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=32), nullable=False),
        sa.Column("target_key", sa.String(length=600), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correction")),
        sa.UniqueConstraint(
            "target",
            "target_key",
            "field",
            name=op.f("uq_correction_target_target_key_field"),
        ),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=512), nullable=False),
        sa.Column("media_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("storage_path", sa.String(length=1024), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extraction", sa.JSON(), nullable=True),
        sa.Column("extractor_version", sa.String(length=32), nullable=True),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("duplicate_of_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["duplicate_of_id"],
            ["document.id"],
            name=op.f("fk_document_duplicate_of_id_document"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("sha256", name=op.f("uq_document_sha256")),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("acronym", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    op.create_table(
        "alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("name_key", sa.String(length=512), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_alias_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_alias_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alias")),
        sa.UniqueConstraint("kind", "name_key", name=op.f("uq_alias_kind_name_key")),
    )
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alias_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_alias_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "ingest_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=True),
        sa.Column("progress", sa.Double(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error_code", sa.String(length=16), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_ingest_job_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_job")),
    )
    with op.batch_alter_table("ingest_job", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ingest_job_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_ingest_job_status"), ["status"], unique=False
        )

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=512), nullable=True),
        sa.Column("date_text", sa.String(length=10), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("start_time", sa.String(length=5), nullable=True),
        sa.Column("end_time", sa.String(length=5), nullable=True),
        sa.Column("timezone", sa.String(length=6), nullable=True),
        sa.Column("location", sa.String(length=512), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("source_block", sa.Integer(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("source_snippet", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_meeting_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("document_id", name=op.f("uq_meeting_document_id")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_date"), ["date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_meeting_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "action_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_key", sa.String(length=512), nullable=False),
        sa.Column("owner_raw", sa.String(length=512), nullable=True),
        sa.Column("owner_person_id", sa.Integer(), nullable=True),
        sa.Column("owner_organisation_id", sa.Integer(), nullable=True),
        sa.Column("due", sa.String(length=10), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("source_block", sa.Integer(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("source_snippet", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_action_item_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_action_item_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_action_item_owner_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_person_id"],
            ["person.id"],
            name=op.f("fk_action_item_owner_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_item")),
        sa.UniqueConstraint(
            "meeting_id", "text_key", name=op.f("uq_action_item_meeting_id_text_key")
        ),
    )
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_item_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_action_item_owner_organisation_id"),
            ["owner_organisation_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_action_item_owner_person_id"),
            ["owner_person_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_action_item_status"), ["status"], unique=False
        )

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("raw_name", sa.String(length=512), nullable=False),
        sa.Column("raw_organisation", sa.String(length=512), nullable=True),
        sa.Column("group", sa.String(length=256), nullable=True),
        sa.Column("role", sa.String(length=128), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("source_block", sa.Integer(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("source_snippet", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_attendance_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_attendance_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_attendance_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_attendance_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attendance_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attendance_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attendance_organisation_id"),
            ["organisation_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_attendance_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=512), nullable=False),
        sa.Column("title_key", sa.String(length=512), nullable=False),
        sa.Column("topic", sa.String(length=256), nullable=True),
        sa.Column("start_text", sa.String(length=10), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end_text", sa.String(length=10), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("precision", sa.String(length=8), nullable=False),
        sa.Column("start_time", sa.String(length=5), nullable=True),
        sa.Column("end_time", sa.String(length=5), nullable=True),
        sa.Column("location", sa.String(length=512), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("previous_starts", sa.JSON(), nullable=False),
        sa.Column("date_changed_in_meeting_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["date_changed_in_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_event_date_changed_in_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_event_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_event_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_kind"), ["kind"], unique=False)
        batch_op.create_index("ix_event_kind_start", ["kind", "start"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_start"), ["start"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_title_key"), ["title_key"], unique=False
        )

    op.create_table(
        "membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=128), nullable=True),
        sa.Column("first_seen", sa.Date(), nullable=True),
        sa.Column("last_seen", sa.Date(), nullable=True),
        sa.Column("source_meeting_id", sa.Integer(), nullable=True),
        sa.Column("ended_in_meeting_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ended_in_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_membership_ended_in_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_membership_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_membership_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_membership_source_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership")),
        sa.UniqueConstraint(
            "person_id",
            "organisation_id",
            name=op.f("uq_membership_person_id_organisation_id"),
        ),
    )
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_membership_organisation_id"),
            ["organisation_id"],
            unique=False,
        )

    op.create_table(
        "dialogue_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("applicants", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.String(length=8), nullable=True),
        sa.Column("wish_to_speak", sa.Integer(), nullable=True),
        sa.Column("as_of", sa.String(length=10), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("source_block", sa.Integer(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("source_snippet", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_dialogue_figure_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_dialogue_figure_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_dialogue_figure_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dialogue_figure")),
        sa.UniqueConstraint(
            "event_id",
            "meeting_id",
            name=op.f("uq_dialogue_figure_event_id_meeting_id"),
        ),
    )
    with op.batch_alter_table("dialogue_figure", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dialogue_figure_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dialogue_figure_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("title_in_document", sa.String(length=512), nullable=False),
        sa.Column("kind_in_document", sa.String(length=16), nullable=False),
        sa.Column("start_in_document", sa.String(length=10), nullable=True),
        sa.Column("end_in_document", sa.String(length=10), nullable=True),
        sa.Column("start_time", sa.String(length=5), nullable=True),
        sa.Column("end_time", sa.String(length=5), nullable=True),
        sa.Column("location", sa.String(length=512), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("source_block", sa.Integer(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("source_snippet", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_mention_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_mention_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_mention_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention")),
        sa.UniqueConstraint(
            "meeting_id", "event_id", name=op.f("uq_mention_meeting_id_event_id")
        ),
    )
    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mention_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_mention_event_id"), ["event_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mention_event_id"))
        batch_op.drop_index(batch_op.f("ix_mention_document_id"))

    op.drop_table("mention")
    with op.batch_alter_table("dialogue_figure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dialogue_figure_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_dialogue_figure_document_id"))

    op.drop_table("dialogue_figure")
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_membership_organisation_id"))

    op.drop_table("membership")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_title_key"))
        batch_op.drop_index(batch_op.f("ix_event_start"))
        batch_op.drop_index(batch_op.f("ix_event_meeting_id"))
        batch_op.drop_index("ix_event_kind_start")
        batch_op.drop_index(batch_op.f("ix_event_kind"))

    op.drop_table("event")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_person_id"))
        batch_op.drop_index(batch_op.f("ix_attendance_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_attendance_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_attendance_document_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_item_status"))
        batch_op.drop_index(batch_op.f("ix_action_item_owner_person_id"))
        batch_op.drop_index(batch_op.f("ix_action_item_owner_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_action_item_document_id"))

    op.drop_table("action_item")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_document_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_date"))

    op.drop_table("meeting")
    with op.batch_alter_table("ingest_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ingest_job_status"))
        batch_op.drop_index(batch_op.f("ix_ingest_job_document_id"))

    op.drop_table("ingest_job")
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alias_person_id"))
        batch_op.drop_index(batch_op.f("ix_alias_organisation_id"))

    op.drop_table("alias")
    op.drop_table("person")
    op.drop_table("organisation")
    op.drop_table("document")
    op.drop_table("correction")
