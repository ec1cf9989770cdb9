"""Who may run what: one permission class per role, for every mutation.

Use `mutation(resolver, role="editor", description=...)` in resolvers/root.py, or
`permission_classes=[IsEditor]` on a field. Corrections and uploads need an editor,
deletes an admin. Without a token the error code is UNAUTHENTICATED, with a token of
too low a role FORBIDDEN (both under `errors[].extensions.code`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import strawberry
from graphql import GraphQLError
from strawberry.permission import BasePermission

from minutegraph.graph.tokens import allows


class PermissionDenied(GraphQLError):
    """The request's role may not run this field."""

    def __init__(self, needed: str, role: str | None) -> None:
        if role is None:
            code = "UNAUTHENTICATED"
            message = f"This needs an API token with the {needed} role"
        else:
            code = "FORBIDDEN"
            message = f"This needs the {needed} role; the token has {role}"
        super().__init__(message, extensions={"code": code, "role": needed})


class RolePermission(BasePermission):
    """Allow a request whose token's role is `role` or above."""

    role: ClassVar[str] = "admin"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        """True for a high enough role; otherwise raise PermissionDenied."""
        current = info.context.role
        if not allows(current, self.role):
            raise PermissionDenied(self.role, current)
        return True


class IsReader(RolePermission):
    """Any valid token."""

    role = "reader"


class IsEditor(RolePermission):
    """An editor or admin token: corrections and uploads."""

    role = "editor"


class IsAdmin(RolePermission):
    """An admin token: deletes."""

    role = "admin"


PERMISSIONS: dict[str, type[RolePermission]] = {
    "reader": IsReader,
    "editor": IsEditor,
    "admin": IsAdmin,
}


def mutation(resolver: Callable[..., Any], *, role: str, description: str) -> Any:
    """A mutation field that only `role` (or above) may run."""
    return strawberry.mutation(
        resolver=resolver,
        description=description,
        permission_classes=[PERMISSIONS[role]],
    )
