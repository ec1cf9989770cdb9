"""The Relay `Node` interface and global IDs ("Meeting:12", base64-encoded)."""

from __future__ import annotations

import base64
import binascii

import strawberry


@strawberry.interface(description="An object with a global ID; node(id) fetches it.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Global ID, opaque: the type name and the key, base64-encoded."
    )


def to_global_id(type_name: str, key: int) -> strawberry.ID:
    """The global ID of row `key` of a type."""
    raw = f"{type_name}:{key}".encode()
    return strawberry.ID(base64.urlsafe_b64encode(raw).decode().rstrip("="))


def from_global_id(global_id: str) -> tuple[str, int]:
    """(type name, key) of a global ID; ValueError when it is not one."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, key = base64.urlsafe_b64decode(padded.encode()).decode().split(":")
        return type_name, int(key)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"{global_id!r} is not a global ID") from exc


def key_of(global_id: str | None, *type_names: str) -> int | None:
    """The key of a global ID that must name one of `type_names` (None passes)."""
    if global_id is None:
        return None
    type_name, key = from_global_id(global_id)
    if type_name not in type_names:
        raise ValueError(f"{global_id!r} is a {type_name}, not a {type_names[0]}")
    return key
