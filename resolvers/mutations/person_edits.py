"""personUpdate and personMerge: corrections later ingests respect."""

from __future__ import annotations

import strawberry

from minutegraph.db import write_session
from minutegraph.graph import entities, merging
from resolvers.context import Info
from resolvers.mutations.keys import FromId, key_or_invalid, merge_keys_or_invalid
from schema.correction_results import (
    PersonMergeResult,
    PersonMergeSuccess,
    PersonUpdateInput,
    PersonUpdateResult,
    PersonUpdateSuccess,
)
from schema.errors import Conflict, Invalid, NotFound
from schema.person import Person


async def person_update(
    info: Info, id: strawberry.ID, input: PersonUpdateInput
) -> PersonUpdateResult:
    """Rename a person and add aliases; the old name stays an alias."""
    key = key_or_invalid(id, "id", "Person")
    if isinstance(key, Invalid):
        return key
    if input.name is not None and not input.name.strip():
        return Invalid.of("name must not be empty", "name")
    try:
        async with write_session(info.context.sessions, exclusive=True) as session:
            row = await entities.update_person(
                session=session, person_id=key, name=input.name, aliases=input.aliases
            )
    except LookupError:
        return NotFound.of(id, "No person has this ID.")
    except ValueError as exc:  # a name already resolving to another person
        return Conflict.of(str(exc))
    return PersonUpdateSuccess(person=Person.from_row(row))


async def person_merge(
    info: Info,
    into: strawberry.ID,
    from_: FromId,
) -> PersonMergeResult:
    """Fold person `from` into `into`: their names, attendances and actions move."""
    keys = merge_keys_or_invalid(
        into, from_, "Person", "a person cannot be merged into themselves"
    )
    if isinstance(keys, Invalid):
        return keys
    into_key, from_key = keys
    try:
        async with write_session(info.context.sessions, exclusive=True) as session:
            row = await merging.merge_people(
                session=session, into_id=into_key, from_id=from_key
            )
    except LookupError:
        return NotFound.of(None, "Both IDs must name people.")
    return PersonMergeSuccess(person=Person.from_row(row))
