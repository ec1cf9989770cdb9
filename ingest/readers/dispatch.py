"""Pick the reader for a file by its content and name; one entry point for all formats."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.blocks import RawDocument
from ingest.readers.docx import read_docx
from ingest.readers.html import read_html
from ingest.readers.markdown import read_markdown
from ingest.readers.pdf import read_pdf
from ingest.readers.text import read_text
from minutegraph.errors import EmptyDocument, UnsupportedDocument

Reader = Callable[[bytes, str], RawDocument]

MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
}

READERS: dict[str, Reader] = {
    MEDIA_TYPES[".docx"]: read_docx,
    "text/plain": read_text,
    "text/markdown": read_markdown,
    "text/html": read_html,
    "application/pdf": read_pdf,
}


def media_type_of(filename: str) -> str:
    """The media type minutegraph reads a file as, from its extension."""
    suffix = Path(filename).suffix.lower()
    try:
        return MEDIA_TYPES[suffix]
    except KeyError:
        known = ", ".join(sorted(MEDIA_TYPES))
        raise UnsupportedDocument(
            f"{filename}: cannot read '{suffix or 'no extension'}' files "
            f"(minutegraph reads {known})") from None


def read_bytes(data: bytes, filename: str) -> RawDocument:
    """Read a document held in memory; `filename` chooses the format."""
    media_type = media_type_of(filename)
    if not data:
        raise EmptyDocument(f"{filename}: the file is empty")
    return READERS[media_type](data, filename)


def read_document(path: Path) -> RawDocument:
    """Read a document from disk."""
    media_type_of(path.name)  # refuse unknown types before reading the bytes
    return read_bytes(path.read_bytes(), path.name)
