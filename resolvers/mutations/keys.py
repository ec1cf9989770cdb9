"""Global IDs given to mutations: their keys, or an Invalid result naming the field."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema.errors import Invalid
from schema.node import from_global_id


def typed_key_or_invalid(
    global_id: str, field: str, *type_names: str
) -> tuple[str, int] | Invalid:
    """(type, key) of a global ID of one of `type_names`, else an INVALID."""
    try:
        type_name, key = from_global_id(global_id)
    except ValueError:
        return Invalid.of(f"{global_id!r} is not a global ID", field)
    if type_name not in type_names:
        return Invalid.of(f"{field} must be a {' or '.join(type_names)}", field)
    return type_name, key


def key_or_invalid(global_id: str, field: str, *type_names: str) -> int | Invalid:
    """The key of a global ID of one of `type_names`, else an INVALID for `field`."""
    found = typed_key_or_invalid(global_id, field, *type_names)
    return found if isinstance(found, Invalid) else found[1]


# `from` is a Python keyword: the argument is `from_` in code, `from` in GraphQL.
FromId = Annotated[strawberry.ID, strawberry.argument(name="from")]


def merge_keys_or_invalid(
    into: str, from_: str, type_name: str, same_message: str
) -> tuple[int, int] | Invalid:
    """(into, from) keys of a merge of two `type_name`s, else an INVALID result."""
    into_key = key_or_invalid(into, "into", type_name)
    if isinstance(into_key, Invalid):
        return into_key
    from_key = key_or_invalid(from_, "from", type_name)
    if isinstance(from_key, Invalid):
        return from_key
    if into_key == from_key:
        return Invalid.of(same_message, "from")
    return into_key, from_key
