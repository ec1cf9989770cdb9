"""Unexpected exceptions never reach clients: their errors are masked, not their logs.

Strawberry logs every error with its traceback (logger `strawberry.execution`)
before extensions see the result, so the server keeps the whole story while the
response says only "Unexpected error." with the path. Errors a client caused or
can act on keep their message: GraphQL's own (syntax, validation, limits,
permissions), bad arguments (ValueError: a bad cursor or ID) and minutegraph's own
errors with their stable codes.

Strawberry's log line is `str(error)`: the message plus the query's source around
the error, and a rejected variable's value ("Variable '$x' got invalid value
..."), where a token or document text may sit. `ErrorLogFilter` rewrites an
unexpected error's line to its path and exception type (the traceback stays) and
drops the client's own errors (they are in the response and counted by /metrics).
"""

from __future__ import annotations

import logging

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


class ErrorLogFilter(logging.Filter):
    """Strawberry's error lines without query text or variable values."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep an unexpected error as path + type (+ traceback); drop the rest."""
        error = record.msg
        if not isinstance(error, GraphQLError):
            return True
        if not is_unexpected(error):
            return False
        path = ".".join(str(part) for part in error.path or ()) or "(operation)"
        record.msg = "Unexpected error at %s: %s"
        record.args = (path, type(error.original_error).__name__)
        return True


def redact_error_logs() -> None:
    """Put ErrorLogFilter on strawberry's error logger (once)."""
    logger = logging.getLogger("strawberry.execution")
    if not any(isinstance(f, ErrorLogFilter) for f in logger.filters):
        logger.addFilter(ErrorLogFilter())
