"""Action items: commitments, requests and checklist rows, with owner and due date."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ingest.extractors.context import ExtractionContext
from ingest.model import ActionItem


@Language.component("minutegraph_actions", assigns=["doc.spans"])
def action_spans(doc: Doc) -> Doc:
    """Mark candidate action clauses as doc.spans["actions"] (placeholder)."""
    doc.spans["actions"] = []
    return doc


def extract_action_items(ctx: ExtractionContext) -> list[ActionItem]:
    """Every action item in the document, in reading order."""
    return []
