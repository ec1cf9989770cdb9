"""Date and time expressions: found in text, resolved against the meeting date."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("minutegraph_dates", assigns=["doc.spans"])
def date_spans(doc: Doc) -> Doc:
    """Mark date expressions as doc.spans["dates"] (placeholder until the grammar lands)."""
    doc.spans["dates"] = []
    return doc
