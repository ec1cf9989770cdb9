"""Read plain-text minutes: detect the encoding, then cut the lines into blocks."""

from __future__ import annotations

from ingest.blocks import RawDocument
from ingest.readers.encoding import decode_text
from ingest.readers.lines import blocks_from_lines
from minutegraph.errors import EmptyDocument

MEDIA_TYPE = "text/plain"


def read_text(data: bytes, filename: str) -> RawDocument:
    """Read a .txt file into blocks."""
    text = decode_text(data, filename)
    blocks = blocks_from_lines(text.splitlines())
    if not blocks:
        raise EmptyDocument(f"{filename}: the file holds no text")
    return RawDocument(source=filename, media_type=MEDIA_TYPE, blocks=blocks)
