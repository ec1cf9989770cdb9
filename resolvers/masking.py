"""Unexpected exceptions never reach clients: their errors are masked, not their logs.

Strawberry logs every error with its traceback (logger `strawberry.execution`)
before extensions see the result, so the server keeps the whole story while the
response says only "Unexpected error." with the path. Errors a client caused or
can act on keep their message: GraphQL's own (syntax, validation, limits,
permissions), bad arguments (ValueError: a bad cursor or ID) and minutegraph's own
errors with their stable codes.
"""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from minutegraph.errors import MinutegraphError

MASKED_MESSAGE = "Unexpected error."
_SHOWN = (GraphQLError, ValueError, MinutegraphError)


def is_unexpected(error: GraphQLError) -> bool:
    """True for an error raised by a bug or a failing service, not by the request."""
    original = error.original_error
    return original is not None and not isinstance(original, _SHOWN)


def mask_errors() -> MaskErrors:
    """The extension that masks unexpected errors in responses."""
    return MaskErrors(should_mask_error=is_unexpected, error_message=MASKED_MESSAGE)
