"""The linker's name index, kept between documents instead of rebuilt for each.

Building an `Index` reads every organisation, person, alias and membership of the
graph and parses every name: O(graph) per document. A `NameIndexCache` keeps the
index as loaded (pristine, never learned on) per database, and a linker gets a
clone of it. It stays equal to what a fresh load would build because:

- New rows are read by id: every writer inserts into the four tables under the
  graph lock (`write_session(..., exclusive=True)`), so ids are handed out in
  commit order and rows with an id above the cached maximum are all the new ones.
  On PostgreSQL an INSERT by a transaction without the lock bumps the revision
  (a trigger), so a writer that forgets the lock costs a rebuild, not a stale
  index; SQLite has one writer at a time, so its ids follow commit order anyway.
- Changed and deleted rows bump `graph_revision` (triggers, see the migration):
  another revision than the cached one means a full load.
- The cache only ever holds rows read from the database, and takes them in only
  once the linking transaction has committed: a rolled-back link leaves it as it
  was. Rows are applied to the index the same way for a full load and a delta,
  and the index does not depend on the order of its rows.
- It expires after `MAX_AGE` seconds anyway, as insurance against edits that
  bypass the triggers.
"""

from __future__ import annotations

import random
import time
from collections.abc import MutableMapping, MutableSet
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.naming import Index
from ingest.overlay import Overlay, OverlaySet
from minutegraph import models

# Seconds a cached index is trusted without a full load.
MAX_AGE = 300.0


@dataclass(slots=True)
class NameRows:
    """Rows of the four indexed tables, as read (all of them, or the new ones)."""

    organisations: list[Any]  # (id, name, acronym)
    people: list[Any]  # (id, name)
    aliases: list[Any]  # (id, kind, name, name_key, organisation_id, person_id)
    memberships: list[Any]  # (id, person_id, organisation_id)


@dataclass(slots=True)
class NameIndex:
    """An index and what the linker keeps beside it, as built from stored rows."""

    index: Index = field(default_factory=Index)
    alias_keys: MutableSet[tuple[str, str]] = field(default_factory=set)
    memberships: MutableSet[tuple[int, int]] = field(default_factory=set)
    names: MutableMapping[int, str] = field(default_factory=dict)
    # The highest id read per table: rows above it are new.
    max_ids: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_TABLES, 0))

    def apply(self, rows: NameRows) -> None:
        """Add rows; organisations and people first, as aliases may name them."""
        for org_id, name, acronym in rows.organisations:
            self.index.add_organisation(org_id, name, acronym)
        for person_id, name in rows.people:
            self.names[person_id] = name
            self.index.add_person(person_id, name)
        for _id, kind, name, name_key, organisation_id, person_id in rows.aliases:
            self.alias_keys.add((kind, name_key))
            if organisation_id is not None:
                self.index.organisations.add_alias(organisation_id, name)
            elif person_id is not None and self.names.get(person_id) != name:
                # A person's own name is in the index already (`add_person`):
                # adding it again as an alias would parse it again to no effect.
                self.index.people.add_alias(person_id, name)
        for _id, person_id, organisation_id in rows.memberships:
            self.index.people.add_organisation(person_id, organisation_id)
            self.memberships.add((person_id, organisation_id))
        for table, found in zip(_TABLES, _table_rows(rows), strict=True):
            self.max_ids[table] = max([self.max_ids[table], *(r[0] for r in found)])

    def clone(self) -> NameIndex:
        """A view to link with: its learning never reaches this one.

        O(1) plus what the linker writes: every container is an overlay on this
        one's (ingest.overlay). A clone is not cloned again. This index must
        not change while a clone is in use except by rows the clone has read
        too: the cache applies a linker's rows only once its transaction has
        committed, and linkers take turns under the graph lock.
        """
        return NameIndex(
            self.index.clone(),
            OverlaySet(self.alias_keys),
            OverlaySet(self.memberships),
            Overlay(self.names),
            dict(self.max_ids),
        )


_TABLES = ("organisation", "person", "alias", "membership")


def _table_rows(rows: NameRows) -> tuple[list[Any], ...]:
    return (rows.organisations, rows.people, rows.aliases, rows.memberships)


# One statement for the revision and the rows of four tables: the linker reads
# them for every document, and one round trip is what a delta should cost. In
# one statement the revision and the rows are also of one snapshot. Columns:
# table, id, three texts, two ids (NULL where a table has fewer; typed in the
# first branch, as PostgreSQL settles a UNION's column types from the left).
_READ = """
SELECT 'r', revision, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR),
       CAST(NULL AS VARCHAR), CAST(NULL AS INTEGER), CAST(NULL AS INTEGER)
FROM graph_revision WHERE id = 1
UNION ALL
SELECT 'organisation', id, name, acronym, NULL, NULL, NULL FROM organisation
WHERE id > :organisation
UNION ALL
SELECT 'person', id, name, NULL, NULL, NULL, NULL FROM person WHERE id > :person
UNION ALL
SELECT 'alias', id, kind, name, name_key, organisation_id, person_id FROM alias
WHERE id > :alias
UNION ALL
SELECT 'membership', id, NULL, NULL, NULL, person_id, organisation_id FROM membership
WHERE id > :membership
"""


async def read_rows(
    session: AsyncSession, after: dict[str, int] | None
) -> tuple[NameRows, int | None]:
    """Every row of the four tables, or (with `after`) those above the given ids,
    and the graph's revision (None when its row is missing).

    Plain columns, not ORM rows: mapped objects for the whole graph cost more than
    the index itself, and nothing later needs them in the session.
    """
    found: dict[str, list[Any]] = {table: [] for table in ("r", *_TABLES)}
    bounds = after if after is not None else dict.fromkeys(_TABLES, 0)
    for table, row_id, a, b, c, x, y in await session.execute(text(_READ), bounds):
        if table == "organisation":
            found[table].append((row_id, a, b))
        elif table == "person":
            found[table].append((row_id, a))
        elif table == "alias":
            found[table].append((row_id, a, b, c, x, y))
        elif table == "membership":
            found[table].append((row_id, x, y))
        else:
            found[table].append(row_id)
    rows = NameRows(*(found[table] for table in _TABLES))
    return rows, (int(found["r"][0]) if found["r"] else None)


async def load_fresh(session: AsyncSession) -> NameIndex:
    """The name index built from every stored row (no cache)."""
    state = NameIndex()
    rows, _revision = await read_rows(session, None)
    state.apply(rows)
    return state


async def graph_revision(session: AsyncSession) -> int:
    """The stored revision; a missing row (an emptied table) is made again."""
    query = select(models.GraphRevision.revision).where(models.GraphRevision.id == 1)
    revision = await session.scalar(query)
    if revision is None:
        await session.execute(
            text(
                "INSERT INTO graph_revision (id, revision) VALUES (1, :start) "
                "ON CONFLICT (id) DO NOTHING"
            ),
            {"start": random.randrange(10**15)},
        )
        revision = await session.scalar(query)
    assert revision is not None
    return int(revision)


@dataclass(slots=True)
class _Entry:
    revision: int
    state: NameIndex
    loaded_at: float
    generation: int = 0


@dataclass(slots=True)
class CacheStats:
    """How loads were served, for tests and benchmarks."""

    full: int = 0
    delta: int = 0


class NameIndexCache:
    """Pristine name indexes per database, handed out as clones (one per process)."""

    def __init__(self, *, max_age: float = MAX_AGE) -> None:
        self.max_age = max_age
        self._entries: dict[str, _Entry] = {}
        self.stats = CacheStats()

    def clear(self) -> None:
        """Forget every cached index."""
        self._entries.clear()

    async def load(self, session: AsyncSession) -> NameIndex:
        """A name index equal to a fresh load, for a session holding the graph lock.

        What was read is kept only when the session's transaction commits.
        """
        # The revision is read after the graph lock is held, never in the lock's
        # own statement: PostgreSQL would read it from the snapshot taken before
        # the wait, and miss a merge committed meanwhile.
        key = _database_key(session)
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and now - entry.loaded_at > self.max_age:
            entry = None
        rows, revision = await read_rows(
            session, entry.state.max_ids if entry is not None else None
        )
        if entry is not None and entry.revision == revision:
            return self._delta(session, key, entry, rows)
        self.stats.full += 1
        if revision is None:
            revision = await graph_revision(session)
        if entry is not None:  # rows read as a delta of an outdated index
            rows, _revision = await read_rows(session, None)
        pristine = NameIndex()
        pristine.apply(rows)
        # The revision was read no later than the rows: if they differ, the
        # next load sees a newer revision and loads in full again.
        fresh = _Entry(revision, pristine, now)
        _after_commit(session, lambda: self._entries.__setitem__(key, fresh))
        return pristine.clone()

    def _delta(
        self, session: AsyncSession, key: str, entry: _Entry, rows: NameRows
    ) -> NameIndex:
        """A clone of the cached index with the new rows; the cache gets them later."""
        self.stats.delta += 1
        working = entry.state.clone()
        working.apply(rows)
        generation = entry.generation

        def keep() -> None:
            # Another linker of this process may have committed since: its rows
            # include ours, so ours are only applied to the entry they came from.
            if self._entries.get(key) is entry and entry.generation == generation:
                entry.state.apply(rows)
                entry.generation += 1

        _after_commit(session, keep)
        return working


def _database_key(session: AsyncSession) -> str:
    return session.sync_session.get_bind().url.render_as_string(hide_password=True)


def _after_commit(session: AsyncSession, callback: Any) -> None:
    """Run callback once the session's transaction commits (never on a rollback)."""
    event.listen(session.sync_session, "after_commit", lambda _s: callback(), once=True)


# The process's cache: workers and in-process ingestion share it.
NAME_INDEXES = NameIndexCache()
