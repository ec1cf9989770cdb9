"""Every mutation is checked: a permission class per role, codes for refusals."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import strawberry

from resolvers.permissions import IsAdmin, IsEditor, IsReader, RolePermission, mutation


def _touch() -> bool:
    """A mutation that only says it ran."""
    return True


@strawberry.type
class _Query:
    ok: bool = True


@strawberry.type
class _Mutation:
    correct = mutation(_touch, role="editor", description="An editor's change.")
    wipe = mutation(_touch, role="admin", description="An admin's delete.")


SCHEMA = strawberry.Schema(query=_Query, mutation=_Mutation)


@pytest.mark.parametrize(
    ("role", "field", "code"),
    [
        (None, "correct", "UNAUTHENTICATED"),
        ("reader", "correct", "FORBIDDEN"),
        ("editor", "correct", None),
        ("admin", "correct", None),
        ("editor", "wipe", "FORBIDDEN"),
        ("admin", "wipe", None),
    ],
)
def test_roles_rank_on_mutations(
    role: str | None, field: str, code: str | None
) -> None:
    result = SCHEMA.execute_sync(
        f"mutation {{ {field} }}", context_value=SimpleNamespace(role=role)
    )
    if code is None:
        assert result.errors is None
        assert result.data == {field: True}
    else:
        [error] = result.errors or []
        assert error.extensions is not None
        assert error.extensions["code"] == code
        assert result.data is None


def test_each_role_has_its_class() -> None:
    assert (IsReader.role, IsEditor.role, IsAdmin.role) == ("reader", "editor", "admin")


def test_every_mutation_of_the_api_needs_a_role() -> None:
    from resolvers.root import schema

    mutation_type = schema.get_type_by_name("Mutation")
    if mutation_type is None:
        pytest.skip("no mutations yet")
    unchecked = [
        field.name
        for field in mutation_type.fields  # type: ignore[union-attr]
        if not any(issubclass(p, RolePermission) for p in _permissions(field))
    ]
    assert unchecked == []


def _permissions(field: object) -> list[type]:
    from strawberry.permission import PermissionExtension

    found: list[type] = []
    for extension in getattr(field, "extensions", []):
        if isinstance(extension, PermissionExtension):
            found += [type(p) for p in extension.permissions]
    return found
