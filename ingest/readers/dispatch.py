"""Pick the reader for a file by its name, after checking its content agrees.

One entry point for all formats. A file whose bytes say it is something else (a
PDF or a zip renamed .txt, a picture renamed .docx) gets a clear typed error
instead of a page of junk text or a parser traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from ingest.blocks import RawDocument
from ingest.readers.docx import read_docx
from ingest.readers.docx_package import MAX_UNPACKED
from ingest.readers.html import read_html
from ingest.readers.markdown import read_markdown
from ingest.readers.pdf import read_pdf
from ingest.readers.text import read_text
from minutegraph.errors import (
    EmptyDocument,
    IngestError,
    UnreadableDocument,
    UnsupportedDocument,
)

log = logging.getLogger(__name__)

Reader = Callable[[bytes, str], RawDocument]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

MEDIA_TYPES = {
    ".docx": DOCX,
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
}

READERS: dict[str, Reader] = {
    "text/plain": read_text,
    "text/markdown": read_markdown,
    "text/html": read_html,
    "application/pdf": read_pdf,
}

# Leading bytes of formats people rename by mistake, with what to call them.
_MAGIC = (
    (b"%PDF", "application/pdf", "a PDF file"),
    (b"PK\x03\x04", DOCX, "a zip archive (a Word .docx or another Office file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", DOCX, "a legacy Office (.doc) file"),
    (b"{\\rtf", None, "an RTF file"),
    (b"\x89PNG", None, "a PNG image"),
    (b"\xff\xd8\xff", None, "a JPEG image"),
    (b"GIF8", None, "a GIF image"),
    (b"\x1f\x8b", None, "a gzip archive"),
    (b"7z\xbc\xaf", None, "a 7-Zip archive"),
    (b"Rar!", None, "a RAR archive"),
)


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


def sniff(data: bytes, filename: str, media_type: str) -> None:
    """Raise when the content is plainly another format than the name says."""
    head = data[:1024].lstrip()
    for magic, kind, label in _MAGIC:
        if head.startswith(magic) and kind != media_type:
            suffix = Path(filename).suffix.lower()
            raise UnreadableDocument(
                f"{filename}: the name says {suffix} but the file is {label}; "
                "give it the right extension or convert it")


def read_bytes(data: bytes, filename: str, *,
               max_unpacked: int = MAX_UNPACKED) -> RawDocument:
    """Read a document held in memory; `filename` chooses the format."""
    media_type = media_type_of(filename)
    if not data.strip():
        raise EmptyDocument(f"{filename}: the file is empty")
    sniff(data, filename, media_type)
    try:
        if media_type == DOCX:
            return read_docx(data, filename, max_unpacked=max_unpacked)
        return READERS[media_type](data, filename)
    except IngestError:
        raise
    except Exception as exc:
        # A reader bug must not reach the user as a traceback; the log keeps it.
        log.warning("reader failed on %s", filename, exc_info=True)
        raise UnreadableDocument(
            f"{filename}: could not be read ({type(exc).__name__}: {exc})") from exc


def read_document(path: Path, *, max_unpacked: int = MAX_UNPACKED) -> RawDocument:
    """Read a document from disk."""
    media_type_of(path.name)  # refuse unknown types before reading the bytes
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"{path.name}: cannot open the file "
                                 f"({exc.strerror or exc})") from None
    return read_bytes(data, path.name, max_unpacked=max_unpacked)
