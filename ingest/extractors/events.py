"""Events: every dated happening other than the meeting itself; dialogue figures."""

from __future__ import annotations

from ingest.extractors.context import ExtractionContext
from ingest.model import DialogueFigures, Event


def extract_events(ctx: ExtractionContext) -> tuple[list[Event], list[DialogueFigures]]:
    """Dated events in reading order, and the figures reported for dialogues."""
    return [], []
