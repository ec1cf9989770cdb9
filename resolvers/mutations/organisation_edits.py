"""organisationUpdate and organisationMerge: corrections later ingests respect."""

from __future__ import annotations

import strawberry

from minutegraph.db import write_session
from minutegraph.graph import entities, merging
from resolvers.context import Info
from resolvers.mutations.keys import FromId, key_or_invalid, merge_keys_or_invalid
from schema.correction_results import (
    OrganisationMergeResult,
    OrganisationMergeSuccess,
    OrganisationUpdateInput,
    OrganisationUpdateResult,
    OrganisationUpdateSuccess,
)
from schema.errors import Conflict, Invalid, NotFound
from schema.organisation import Organisation


async def organisation_update(
    info: Info, id: strawberry.ID, input: OrganisationUpdateInput
) -> OrganisationUpdateResult:
    """Rename an organisation, set its acronym, add aliases; old names stay aliases."""
    key = key_or_invalid(id, "id", "Organisation")
    if isinstance(key, Invalid):
        return key
    if input.name is not None and not input.name.strip():
        return Invalid.of("name must not be empty", "name")
    try:
        async with write_session(info.context.sessions, exclusive=True) as session:
            row = await entities.update_organisation(
                session=session,
                organisation_id=key,
                name=input.name,
                acronym=input.acronym,
                aliases=input.aliases,
            )
    except LookupError:
        return NotFound.of(id, "No organisation has this ID.")
    except ValueError as exc:  # a name already resolving to another organisation
        return Conflict.of(str(exc))
    return OrganisationUpdateSuccess(organisation=Organisation.from_row(row))


async def organisation_merge(
    info: Info,
    into: strawberry.ID,
    from_: FromId,
) -> OrganisationMergeResult:
    """Fold organisation `from` into `into`: its names, people and facts move."""
    keys = merge_keys_or_invalid(
        into, from_, "Organisation", "an organisation cannot be merged into itself"
    )
    if isinstance(keys, Invalid):
        return keys
    into_key, from_key = keys
    try:
        async with write_session(info.context.sessions, exclusive=True) as session:
            row = await merging.merge_organisations(
                session=session, into_id=into_key, from_id=from_key
            )
    except LookupError:
        return NotFound.of(None, "Both IDs must name organisations.")
    return OrganisationMergeSuccess(organisation=Organisation.from_row(row))
