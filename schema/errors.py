"""Expected failures of mutations: union members with a stable `code`, not exceptions.

Shared by every mutation's result union; a client switches on `code` (or the type)
and shows `message` to people.
"""

from __future__ import annotations

import strawberry


@strawberry.interface(description="An expected failure: a stable code and a message.")
class MutationError:
    code: str = strawberry.field(description="Stable, machine-readable: NOT_FOUND...")
    message: str = strawberry.field(description="What happened, for people.")


@strawberry.type(description="The ID names nothing of the expected type (NOT_FOUND).")
class NotFound(MutationError):
    id: strawberry.ID | None = strawberry.field(
        default=None, description="The ID that named nothing."
    )

    @classmethod
    def of(cls, global_id: str | None, message: str) -> NotFound:
        """A NOT_FOUND for `global_id`."""
        ident = strawberry.ID(global_id) if global_id is not None else None
        return cls(code="NOT_FOUND", message=message, id=ident)


@strawberry.type(description="An input value the operation cannot take (INVALID).")
class Invalid(MutationError):
    field: str | None = strawberry.field(
        default=None, description="The input field at fault, when one is."
    )

    @classmethod
    def of(cls, message: str, field: str | None = None) -> Invalid:
        """An INVALID, naming the field when known."""
        return cls(code="INVALID", message=message, field=field)


@strawberry.type(
    description="The change contradicts the graph, e.g. an alias already naming "
    "another node (CONFLICT)."
)
class Conflict(MutationError):
    @classmethod
    def of(cls, message: str) -> Conflict:
        """A CONFLICT."""
        return cls(code="CONFLICT", message=message)
