"""What every extractor reads: blocks, their spaCy docs, the meeting found so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span

from ingest.blocks import Block, RawDocument
from ingest.model import Meeting, Provenance


@dataclass(slots=True)
class ExtractionContext:
    """The parsed document an extractor works on."""

    raw: RawDocument
    docs: list[Doc]  # docs[i] is blocks[i] run through the pipeline
    date_order: Literal["dmy", "mdy"] = "dmy"
    meeting: Meeting = field(default_factory=Meeting)

    @property
    def blocks(self) -> list[Block]:
        """The document's blocks in reading order."""
        return self.raw.blocks

    def provenance(
        self, block: int, start: int = 0, end: int | None = None
    ) -> Provenance:
        """Provenance for a span of one block's text (the whole block by default)."""
        text = self.raw.blocks[block].text
        end = len(text) if end is None else end
        return Provenance(block=block, start=start, end=end, snippet=text[start:end])


# The text a Doc was made from, kept by the pipeline's tokenizer (ingest.nlp):
# `Doc.text` and `Span.text` rebuild it token by token on every access.
TEXT_KEY = "minutegraph_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, without rebuilding it when the pipeline kept it."""
    text = doc.user_data.get(TEXT_KEY)
    return doc.text if text is None else text


def span_text(span: Span) -> str:
    """`span.text`, cut from the kept text of its Doc."""
    return doc_text(span.doc)[span.start_char:span.end_char]
