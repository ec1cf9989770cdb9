"""The schema extension behind /metrics' GraphQL numbers: errors by code, labels.

It runs first among the schema's extensions, so it leaves last: limit errors have
their codes by then, and it reads the errors before masking replaced them. Over
HTTP it hands the operation's labels to `minutegraph.metrics.GraphQLMetrics`,
which times the whole request; a websocket operation (a subscription) is counted
here, untimed (it lasts as long as the client listens).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphql import GraphQLError, get_operation_ast
from strawberry.extensions import SchemaExtension

from minutegraph.errors import MinutegraphError
from minutegraph.metrics import (
    ERRORS,
    OPERATION_NAMES,
    REQUESTS,
    SCOPE_KEY,
    OperationLabels,
)
from resolvers.masking import is_unexpected

_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,39}")


def error_code(error: GraphQLError, phase: str) -> str:
    """The error's metric label: its extensions.code, or what kind of error it is."""
    code = (error.extensions or {}).get("code")
    if code is not None:
        return code if isinstance(code, str) and _CODE.fullmatch(code) else "OTHER"
    if phase == "parse":
        return "GRAPHQL_PARSE_FAILED"
    if phase == "validate":
        return "GRAPHQL_VALIDATION_FAILED"
    if is_unexpected(error):
        return "INTERNAL_SERVER_ERROR"
    original = error.original_error
    if isinstance(original, MinutegraphError):
        return original.code
    return "BAD_USER_INPUT"


class OperationMetrics(SchemaExtension):
    """Count errors by code and label the operation for the request metrics."""

    def __init__(self) -> None:
        self.phase = "parse"  # parse -> validate -> execute, as far as it got

    def on_validate(self) -> Iterator[None]:
        """Note that parsing succeeded, and whether validation did."""
        self.phase = "validate"
        yield
        if not self.execution_context.pre_execution_errors:
            self.phase = "execute"

    def on_operation(self) -> Iterator[None]:
        """After the operation: count its errors, label it."""
        self.phase = "parse"
        raised: list[GraphQLError] = []
        try:
            yield
        except GraphQLError as error:
            raised.append(error)
            raise
        finally:
            self._record(raised)

    def _record(self, raised: list[GraphQLError]) -> None:
        context = self.execution_context
        errors = [*raised, *(context.pre_execution_errors or ())]
        phase = self.phase
        for error in errors:
            ERRORS.labels(error_code(error, phase)).inc()
        labels = OperationLabels(operation="invalid", executed=True)
        if phase == "execute" and context.graphql_document is not None:
            operation = get_operation_ast(
                context.graphql_document, context.operation_name
            )
            if operation is not None:
                name = operation.name.value if operation.name else None
                labels.operation = OPERATION_NAMES.label(name)
                labels.type = operation.operation.value
        request = getattr(context.context, "request", None)
        scope = getattr(request, "scope", None) or {}
        target = scope.get(SCOPE_KEY)
        if isinstance(target, OperationLabels):
            target.operation, target.type = labels.operation, labels.type
            target.executed = True
        else:  # a websocket's operation: counted, not timed
            REQUESTS.labels(labels.operation, labels.type, "miss").inc()
