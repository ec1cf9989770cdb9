"""Read -> extract: one document in, one `Extraction` out, no database involved."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from spacy.language import Language

from ingest.blocks import RawDocument
from ingest.extractors.actions import extract_action_items
from ingest.extractors.attendees import extract_attendance
from ingest.extractors.context import ExtractionContext
from ingest.extractors.events import extract_events
from ingest.extractors.meeting import extract_meeting
from ingest.model import Extraction
from ingest.nlp import build_nlp
from ingest.readers.dispatch import read_bytes, read_document


def extract_raw(
    raw: RawDocument, *, nlp: Language, date_order: Literal["dmy", "mdy"] = "dmy"
) -> Extraction:
    """Run every extractor over a document that has been read."""
    docs = list(nlp.pipe(block.text for block in raw.blocks))
    ctx = ExtractionContext(raw=raw, docs=docs, date_order=date_order)
    ctx.meeting = extract_meeting(ctx)
    attendees, apologies = extract_attendance(ctx)
    events, figures = extract_events(ctx)
    actions = extract_action_items(ctx)
    return Extraction(
        filename=raw.source,
        media_type=raw.media_type,
        meeting=ctx.meeting,
        attendees=attendees,
        apologies=apologies,
        events=events,
        action_items=actions,
        dialogue_figures=figures,
    )


def extract_file(
    path: Path,
    *,
    nlp: Language | None = None,
    date_order: Literal["dmy", "mdy"] = "dmy",
) -> Extraction:
    """Read and extract one file."""
    return extract_raw(
        read_document(path), nlp=nlp or build_nlp(), date_order=date_order
    )


def extract_bytes(
    data: bytes,
    filename: str,
    *,
    nlp: Language | None = None,
    date_order: Literal["dmy", "mdy"] = "dmy",
) -> Extraction:
    """Read and extract a document held in memory."""
    return extract_raw(
        read_bytes(data, filename), nlp=nlp or build_nlp(), date_order=date_order
    )
