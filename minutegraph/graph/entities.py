"""Editing organisations and people by hand: the old names stay as aliases.

Keeping every earlier name as an alias is what makes an edit survive re-ingestion:
the minutes still say the old name, the alias resolves it to the edited node, and
the linker never rewrites a node's name.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.naming_text import org_key, person_key
from minutegraph import models


async def _add_alias(
    session: AsyncSession, *, kind: str, name: str, entity_id: int
) -> None:
    key = (org_key if kind == "organisation" else person_key)(name)[:512]
    if not key:
        return
    row = await session.scalar(
        select(models.Alias).where(
            models.Alias.kind == kind, models.Alias.name_key == key
        )
    )
    column = "organisation_id" if kind == "organisation" else "person_id"
    if row is None:
        session.add(
            models.Alias(
                kind=kind,
                name=name,
                name_key=key,
                origin="human",
                **{column: entity_id},
            )
        )
    elif getattr(row, column) != entity_id:
        raise ValueError(f"{name!r} already names another {kind}")


async def update_organisation(
    *,
    session: AsyncSession,
    organisation_id: int,
    name: str | None = None,
    acronym: str | None = None,
    aliases: Iterable[str] = (),
) -> models.Organisation:
    """Rename an organisation, set its acronym, add aliases; old names stay aliases."""
    org = await session.get(models.Organisation, organisation_id)
    if org is None:
        raise LookupError(f"no organisation {organisation_id}")
    for form in [org.name, *(f for f in (name, acronym) if f), *aliases]:
        await _add_alias(session, kind="organisation", name=form, entity_id=org.id)
    if name:
        org.name = name
    if acronym:
        org.acronym = acronym
    await session.flush()
    return org


async def update_person(
    *,
    session: AsyncSession,
    person_id: int,
    name: str | None = None,
    aliases: Iterable[str] = (),
) -> models.Person:
    """Rename a person and add aliases; the old name stays an alias."""
    person = await session.get(models.Person, person_id)
    if person is None:
        raise LookupError(f"no person {person_id}")
    for form in [person.name, *([name] if name else []), *aliases]:
        await _add_alias(session, kind="person", name=form, entity_id=person.id)
    if name:
        person.name = name
    await session.flush()
    return person
