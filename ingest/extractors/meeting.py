"""The meeting itself: title, date, times, time zone, location."""

from __future__ import annotations

from ingest.extractors.context import ExtractionContext
from ingest.model import Meeting


def extract_meeting(ctx: ExtractionContext) -> Meeting:
    """The meeting the minutes record."""
    return Meeting()
