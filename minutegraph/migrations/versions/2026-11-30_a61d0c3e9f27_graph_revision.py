"""graph revision: a counter the name-index cache checks

Revision ID: a61d0c3e9f27
Revises: 7b3e9c1d4a52
Create Date: 2026-11-30 15:20:00.000000

The linker caches the name index it builds from organisation, person, alias and
membership (ingest/name_index_cache.py). New rows reach the cache by id: every
writer inserts them under the graph lock, so ids grow in commit order. What an id
cannot show is a row changed or gone, so these triggers bump `graph_revision` on
an UPDATE of a column the index reads, and on DELETE (and TRUNCATE on PostgreSQL);
a cache whose revision differs is rebuilt. Not on `first_seen` / `last_seen`: the
linker moves them on every document and the index never reads them. Not on an
INSERT under the graph lock, which would rebuild the cache after every document;
on PostgreSQL an INSERT by a transaction that does NOT hold the lock bumps it
(its ids need not follow commit order, so reading by id could miss a row): a
writer that forgets the lock costs a rebuild, never a stale index. SQLite has
one writer at a time, so its ids always follow commit order.

PostgreSQL bumps once per statement, SQLite (no statement triggers) once per row.
The bump is an upsert, so a table emptied by hand (tests TRUNCATE it) gets its
row back, at a random start like the first one. A later SQLite migration that
rebuilds one of these tables in batch mode drops its triggers: create them again.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a61d0c3e9f27"
down_revision: str | None = "7b3e9c1d4a52"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The columns of each table that the linker's name index reads.
INDEXED = {
    "organisation": ("name", "acronym"),
    "person": ("name",),
    "alias": ("kind", "name", "name_key", "organisation_id", "person_id"),
    "membership": ("person_id", "organisation_id"),
}

_BUMP = (
    "INSERT INTO graph_revision (id, revision) VALUES (1, {start}) "
    "ON CONFLICT (id) DO UPDATE SET revision = graph_revision.revision + 1"
)
_PG_START = "floor(random() * 1e15)::bigint"
# minutegraph.db.GRAPH_LOCK (a bigint) as pg_locks shows it: the high half in
# classid, the low half in objid, objsubid 1 (tests check it against db.py).
GRAPH_LOCK = 0x6D67_7261_7068
_HOLDS_GRAPH_LOCK = (
    "EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
    "AND pid = pg_backend_pid() AND granted "
    f"AND classid = {GRAPH_LOCK >> 32} AND objid = {GRAPH_LOCK & 0xFFFFFFFF} "
    "AND objsubid = 1)"
)
_SQLITE_START = "abs(random() % 1000000000000000)"


def upgrade() -> None:
    op.create_table(
        "graph_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_graph_revision")),
    )
    op.execute(
        sa.text(
            "INSERT INTO graph_revision (id, revision) VALUES (1, :start)"
        ).bindparams(start=random.randrange(10**15))
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgres_triggers()
    else:
        _sqlite_triggers()


def _postgres_triggers() -> None:
    op.execute(
        "CREATE FUNCTION bump_graph_revision() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN {_BUMP.format(start=_PG_START)}; RETURN NULL; END\n$$"
    )
    op.execute(
        "CREATE FUNCTION bump_graph_revision_unlocked() RETURNS trigger "
        "LANGUAGE plpgsql AS $$\n"
        f"BEGIN IF NOT {_HOLDS_GRAPH_LOCK} THEN {_BUMP.format(start=_PG_START)}; "
        "END IF; RETURN NULL; END\n$$"
    )
    for table, columns in INDEXED.items():
        op.execute(
            f"CREATE TRIGGER {table}_graph_revision "
            f"AFTER UPDATE OF {', '.join(columns)} OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bump_graph_revision()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_unlocked_insert_graph_revision "
            f"AFTER INSERT ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bump_graph_revision_unlocked()"
        )


def _sqlite_triggers() -> None:
    bump = _BUMP.format(start=_SQLITE_START)
    for table, columns in INDEXED.items():
        op.execute(
            f"CREATE TRIGGER {table}_update_graph_revision "
            f"AFTER UPDATE OF {', '.join(columns)} ON {table} BEGIN {bump}; END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_delete_graph_revision "
            f"AFTER DELETE ON {table} BEGIN {bump}; END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in INDEXED:
            op.execute(f"DROP TRIGGER {table}_graph_revision ON {table}")
            op.execute(
                f"DROP TRIGGER {table}_unlocked_insert_graph_revision ON {table}"
            )
        op.execute("DROP FUNCTION bump_graph_revision()")
        op.execute("DROP FUNCTION bump_graph_revision_unlocked()")
    else:
        for table in INDEXED:
            op.execute(f"DROP TRIGGER {table}_update_graph_revision")
            op.execute(f"DROP TRIGGER {table}_delete_graph_revision")
    op.drop_table("graph_revision")
