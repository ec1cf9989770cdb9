"""Attendees: who the minutes record as present, with organisation and group."""

from __future__ import annotations

from ingest.extractors.context import ExtractionContext
from ingest.model import Attendee


def extract_attendees(ctx: ExtractionContext) -> list[Attendee]:
    """Every person recorded as present, once each, in reading order."""
    return []
