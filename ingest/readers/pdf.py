"""Read PDF minutes from their text layer (pypdf); a PDF without one is an error."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from ingest.blocks import RawDocument
from ingest.readers.text import blocks_from_lines
from minutegraph.errors import EmptyDocument, EncryptedDocument, UnreadableDocument

MEDIA_TYPE = "application/pdf"
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf(data: bytes, filename: str) -> RawDocument:
    """Read a .pdf file's text layer into blocks."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise UnreadableDocument(f"{filename}: not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure means we cannot read it
                raise EncryptedDocument(f"{filename}: the PDF is password-protected") from None
        lines: list[str] = []
        for page in reader.pages:
            lines.extend((page.extract_text() or "").splitlines())
            lines.append("")
    except FileNotDecryptedError:
        raise EncryptedDocument(f"{filename}: the PDF is password-protected") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnreadableDocument(f"{filename}: the PDF is damaged ({exc})") from None
    blocks = blocks_from_lines(lines)
    if not blocks:
        raise EmptyDocument(f"{filename}: the PDF has no text layer (a scan?); "
                            "run OCR on it first")
    title = (reader.metadata.title if reader.metadata else None) or None
    return RawDocument(source=filename, media_type=MEDIA_TYPE, blocks=blocks, title=title)
