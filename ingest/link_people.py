"""Organisations and people: resolve written names against the graph, create new ones.

The whole graph's names are indexed (`ingest.naming.Index`, kept between documents
by `ingest.name_index_cache`); each attendee's organisation string may name several
organisations ("NIOC, CGR"); a group heading that names an organisation ("UNODC
MEMBERS") becomes the attendee's affiliation. An ambiguous name is kept as written,
unlinked, and reported.
"""

from __future__ import annotations

from collections.abc import MutableSet
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.link_rows import RowSync, count_apply, insert_rows, source_values
from ingest.model import Attendee
from ingest.name_index_cache import NameIndexCache, load_fresh
from ingest.naming import Index, OrgName, Resolution, group_organisation
from ingest.naming_text import is_acronym, org_key, person_key
from ingest.report import Report
from minutegraph import models


class NewRows:
    """New rows of one table that need their id at once, without a flush each.

    On PostgreSQL ids are drawn from the table's sequence `chunk` at a time, in
    one statement, and the rows go out together at the next flush (one INSERT
    instead of a round trip each: a first ingest of a meeting creates dozens of
    people and organisations). The ids are drawn under the graph lock, so they
    follow commit order as the name-index cache needs; unused ones are gaps.
    SQLite, in process, flushes each row for its id.
    """

    def __init__(self, session: AsyncSession, model: type[Any], chunk: int) -> None:
        self.session, self.model, self.chunk = session, model, max(chunk, 1)
        self.ids: list[int] = []
        self.sequence: bool | None = None  # None: not known yet

    async def add(self, **values: Any) -> int:
        """Add a row of `values`; its id."""
        if self.sequence is None:
            dialect = (await self.session.connection()).dialect.name
            self.sequence = dialect == "postgresql"
        if not self.sequence:
            row = self.model(**values)
            self.session.add(row)
            await self.session.flush()
            return row.id
        if not self.ids:
            # Without a flush: rows added so far still go out together.
            with self.session.no_autoflush:
                self.ids = list(
                    await self.session.scalars(
                        text(
                            "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                            "FROM generate_series(1, :count)"
                        ),
                        {"table": self.model.__tablename__, "count": self.chunk},
                    )
                )
        row = self.model(id=self.ids.pop(0), **values)
        self.session.add(row)
        return row.id


class PeopleLinker:
    """Resolves and creates organisations and people for one document's meeting."""

    def __init__(
        self,
        session: AsyncSession,
        report: Report,
        *,
        document: models.Document,
        meeting: models.Meeting,
        cache: NameIndexCache | None = None,
        expected_people: int = 0,
    ) -> None:
        self.session = session
        # At most `expected_people` people can be new (the document's attendees
        # and apologies): ids for as many are drawn at once (see NewRows), and
        # as many for organisations (more are drawn if a document needs them).
        self.new_people = NewRows(session, models.Person, expected_people)
        self.new_organisations = NewRows(session, models.Organisation, expected_people)
        self.cache = cache
        self.report = report
        self.document = document
        self.meeting = meeting
        self.index = Index()
        self.alias_keys: MutableSet[tuple[str, str]] = set()
        self.meeting_people: set[int] = set()
        # (person, organisation) pairs with a membership row, stored or added now:
        # a pair not in it needs no SELECT.
        self.memberships: MutableSet[tuple[int, int]] = set()
        # What the attendees add, written once they are all resolved: new
        # organisations and people get their ids on the way (NewRows), and every
        # table's rows go in one statement at `write`.
        self.new_aliases: list[dict[str, Any]] = []
        self.membership_pairs: list[tuple[int, int]] = []

    async def load(self) -> None:
        """Index every organisation, person, alias and membership the graph holds.

        From the process's cache when there is one: a clone of the index as
        loaded, brought up to date by the rows added since (see name_index_cache).
        """
        if self.cache is None:
            names = await load_fresh(self.session)
        else:
            names = await self.cache.load(self.session)
        self.index = names.index
        self.alias_keys = names.alias_keys
        self.memberships = names.memberships

    async def _alias(self, kind: str, name: str, entity_id: int) -> None:
        key = (org_key if kind == "organisation" else person_key)(name)[:512]
        if not key or (kind, key) in self.alias_keys:
            return
        self.alias_keys.add((kind, key))
        org = kind == "organisation"
        self.new_aliases.append(
            {
                "kind": kind,
                "name": name,
                "name_key": key,
                "organisation_id": entity_id if org else None,
                "person_id": None if org else entity_id,
            }
        )
        self.report.count("alias", "insert")

    def _ambiguous(self, kind: str, resolution: Resolution) -> None:
        self.report.ambiguous.append(
            {
                "kind": kind,
                "name": resolution.raw,
                "candidates": list(resolution.ambiguous_ids),
            }
        )

    async def organisation(self, org: OrgName, resolution: Resolution) -> int | None:
        """The id of a parsed organisation: resolved, or created when new."""
        if resolution.ambiguous:
            self._ambiguous("organisation", resolution)
            return None
        if resolution.id is not None:
            org_id = int(resolution.id)
            self.report.count("organisation", "noop")
        else:
            org_id = await self.new_organisations.add(
                name=org.name, acronym=org.acronym
            )
            self.report.count("organisation", "insert")
        self.index.learn_organisation(org_id, org)
        for form in org.forms():
            await self._alias("organisation", form, org_id)
        return org_id

    async def organisations_of(self, attendee: Attendee) -> list[int]:
        """An attendee's organisations: the written one(s), else the group's."""
        if attendee.organisation:
            found = self.index.resolve_organisations(attendee.organisation)
        else:
            label = group_organisation(attendee.group)
            if not label:
                return []
            resolution = self.index.resolve_organisation(label)
            if resolution.id is None and not (
                resolution.ambiguous or all(is_acronym(w) for w in label.split())
            ):
                return []  # a heading that is no known organisation stays a heading
            found = [(OrgName(label), resolution)]
        ids = [await self.organisation(org, res) for org, res in found]
        return [i for i in ids if i is not None]

    async def person(self, name: str, organisation_ids: list[int]) -> int | None:
        """The id of a person as written: resolved, or created when new."""
        # A bare first name or surname only resolves to someone of this meeting.
        resolution = self.index.resolve_person(
            name, context_ids=self.meeting_people, organisation_ids=organisation_ids
        )
        if resolution.ambiguous:
            self._ambiguous("person", resolution)
            return None
        if resolution.id is not None:
            person_id = int(resolution.id)
            self.report.count("person", "noop")
        else:
            person_id = await self.new_people.add(name=name)
            self.index.add_person(person_id, name)
            self.report.count("person", "insert")
        self.index.learn_person(person_id, name, organisation_ids)
        await self._alias("person", name, person_id)
        return person_id

    def membership(self, person_id: int, organisation_id: int) -> None:
        """Note that the person is with the organisation (stored by `_memberships`)."""
        self.index.people.add_organisation(person_id, organisation_id)
        self.membership_pairs.append((person_id, organisation_id))

    async def write(self) -> None:
        """Store the aliases and memberships noted so far (a few statements)."""
        # New people and organisations first: aliases and memberships name them.
        await self.session.flush()
        await insert_rows(self.session, models.Alias, self.new_aliases)
        self.new_aliases = []
        await self._memberships()

    async def _memberships(self) -> None:
        """Insert the new memberships noted, extend the stored ones over time."""
        day = self.meeting.date
        rows: dict[tuple[int, int], Any] = {}
        stored = {pair for pair in self.membership_pairs if pair in self.memberships}
        if stored:  # one SELECT for all of them, not one per pair
            found = await self.session.scalars(
                select(models.Membership).where(
                    models.Membership.person_id.in_({p for p, _ in stored})
                )
            )
            for row in found:
                if (row.person_id, row.organisation_id) in stored:
                    rows[(row.person_id, row.organisation_id)] = row
        new: list[SimpleNamespace] = []
        for person_id, organisation_id in self.membership_pairs:
            row = rows.get((person_id, organisation_id))
            if row is None:
                self.memberships.add((person_id, organisation_id))
                row = SimpleNamespace(
                    person_id=person_id,
                    organisation_id=organisation_id,
                    first_seen=day,
                    last_seen=day,
                    source_meeting_id=self.meeting.id,
                )
                rows[(person_id, organisation_id)] = row
                new.append(row)
                self.report.count("membership", "insert")
                continue
            seen = [d for d in (row.first_seen, row.last_seen, day) if d is not None]
            count_apply(
                self.report,
                "membership",
                row,
                {
                    "first_seen": min(seen, default=None),
                    "last_seen": max(seen, default=None),
                },
            )
        self.membership_pairs = []
        await insert_rows(self.session, models.Membership, [vars(r) for r in new])

    async def link_attendees(self, attendees: list[Attendee]) -> None:
        """Upsert the meeting's attendances, resolving each person and organisation."""
        stored = await self.session.scalars(
            select(models.Attendance).where(
                models.Attendance.meeting_id == self.meeting.id,
                models.Attendance.status == "present",
            )
        )
        rows = RowSync(
            self.session,
            self.report,
            "attendance",
            models.Attendance,
            {a.position: a for a in stored},
        )
        resolved: list[dict[str, Any]] = []
        for attendee in attendees:
            org_ids = await self.organisations_of(attendee)
            person_id = await self.person(attendee.name, org_ids)
            if person_id is not None:
                self.meeting_people.add(person_id)
                for org_id in org_ids:
                    self.membership(person_id, org_id)
            resolved.append(
                {
                    "status": "present",
                    "raw_name": attendee.name,
                    "raw_organisation": attendee.organisation,
                    "group": attendee.group,
                    "role": attendee.role,
                    "person_id": person_id,
                    "organisation_id": org_ids[0] if org_ids else None,
                    **source_values(self.document.id, attendee.provenance),
                }
            )
        # Stored attendances are refreshed only now, so that their UPDATEs go out
        # together in the flush below rather than one with each new person.
        for position, values in enumerate(resolved):
            rows.put(position, values, meeting_id=self.meeting.id, position=position)
        await self.write()
        await rows.finish()
        await self.session.flush()

    async def resolve_owner(self, owner: str) -> tuple[int | None, int | None]:
        """An action owner as written -> (person id, organisation id); never creates."""
        person = self.index.resolve_person(owner, context_ids=self.meeting_people)
        if person.id is not None:
            return int(person.id), None
        for _org, resolution in self.index.resolve_organisations(owner):
            if resolution.id is not None:
                return None, int(resolution.id)
        if person.ambiguous:
            self._ambiguous("person", person)
        else:
            self.report.unresolved.append(owner)  # "the secretariat": kept as written
        return None, None
