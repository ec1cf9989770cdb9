"""Which attendances a list returns: the present (the default), apologies, or all."""

from collections.abc import Iterable
from enum import Enum
from typing import Annotated

import strawberry

from minutegraph import models


@strawberry.enum(description="Which attendances to list: who came, who sent apologies.")
class AttendanceStatus(Enum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ALL = "all"


STATUS_DESCRIPTION = "PRESENT (the default) lists who came; APOLOGIES, who did not."
# The `status` argument of every attendances field.
StatusArgument = Annotated[
    AttendanceStatus, strawberry.argument(description=STATUS_DESCRIPTION)
]


def with_status(
    rows: Iterable[models.Attendance], status: AttendanceStatus
) -> list[models.Attendance]:
    """The rows of one status, or all of them."""
    if status is AttendanceStatus.ALL:
        return list(rows)
    return [row for row in rows if row.status == status.value]
