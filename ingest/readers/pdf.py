"""Read PDF minutes from their text layer (pypdf); a PDF without one is an error.

Prose comes from pypdf's plain extraction; tables from its layout extraction
(see pdf_tables), so a table's cells stay apart and rows continue across pages.
"""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PyPdfError

from ingest.blocks import RawDocument
from ingest.readers.lines import Line, blocks_from_lines
from ingest.readers.pdf_tables import LayoutRow, align, layout_rows, merge
from minutegraph.errors import EmptyDocument, EncryptedDocument, UnreadableDocument

MEDIA_TYPE = "application/pdf"
logging.getLogger("pypdf").setLevel(logging.ERROR)

# "3", "Page 3", "- 3 -", "Page 3 of 10", "3/10": a page number line
_PAGE_NUMBER = re.compile(
    r"^[-–\s]*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–\s]*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_EDGE = 2  # lines at the top and at the bottom of a page that may be running text

# A bullet glyph after text on the same line: a side column ("Welcome ● Seth ...")
# glued to the first bullet of the next column.
_INLINE_BULLET = re.compile(r"(?<=\S)\s+(?=[●•○◦▪■]\s)")


Page = tuple[list[str], list[LayoutRow | None]]  # plain lines, layout groups


def _page_texts(reader: PdfReader) -> list[Page]:
    pages = []
    for page in reader.pages:
        plain = [line.rstrip() for line in (page.extract_text() or "").splitlines()]
        try:
            layout = layout_rows(page.extract_text(extraction_mode="layout") or "")
        except Exception:  # noqa: BLE001 - layout mode is optional; plain text reads
            layout = []
        pages.append((plain, layout))
    return pages


def _tables(pages: list[Page]) -> list[list[tuple[str, ...]]]:
    """Per page, the rows of the tables found: runs of two or more row-like groups."""
    chosen: list[list[tuple[str, ...]]] = [[] for _ in pages]
    run: list[tuple[int, LayoutRow]] = []

    def close() -> None:
        """Keep the run as a table when it has two rows or more."""
        if len(run) >= 2:
            aligned = align([row for _, row in run])
            for (page, _), cells in zip(run, aligned, strict=True):
                chosen[page].append(cells)
        run.clear()

    for number, (_, rows) in enumerate(pages):
        for row in rows:  # a page break does not end a table: rows continue over it
            if row is None:
                close()
            else:
                run.append((number, row))
    close()
    return chosen


def _edges(lines: list[str]) -> list[int]:
    """Positions of the first and last few non-blank lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and headers/footers repeated on most pages."""
    counts: dict[str, int] = {}
    for lines in pages:
        for key in {_DIGITS.sub("#", lines[i].strip()) for i in _edges(lines)}:
            counts[key] = counts.get(key, 0) + 1
    # on more than half the pages (of three or more): running header or footer
    repeated = {key for key, n in counts.items()
                if len(pages) >= 3 and n * 2 > len(pages)}
    cleaned = []
    for lines in pages:
        drop = {i for i in _edges(lines) if _PAGE_NUMBER.match(lines[i])
                or _DIGITS.sub("#", lines[i].strip()) in repeated}
        cleaned.append([line for i, line in enumerate(lines) if i not in drop])
    return cleaned


def _lines(reader: PdfReader) -> list[Line]:
    pages = _page_texts(reader)
    plains = drop_running_lines([plain for plain, _ in pages])
    pages = [(plain, rows) for plain, (_, rows) in zip(plains, pages, strict=True)]
    lines: list[Line] = []
    for (plain, _), rows in zip(pages, _tables(pages), strict=True):
        for item in merge(plain, rows):
            if isinstance(item, str):
                lines.extend(_INLINE_BULLET.split(item))
            else:
                lines.append(item)
    return lines  # no blank line between pages: a paragraph may go on over the break


def read_pdf(data: bytes, filename: str) -> RawDocument:
    """Read a .pdf file's text layer into blocks."""
    if not data.lstrip()[:1024].startswith(b"%PDF"):
        raise UnreadableDocument(f"{filename}: not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise EncryptedDocument(f"{filename}: the PDF is password-protected")
        lines = _lines(reader)
        title = (reader.metadata.title if reader.metadata else None) or None
    except FileNotDecryptedError:
        raise EncryptedDocument(f"{filename}: the PDF is password-protected") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, NotImplementedError) as exc:
        raise UnreadableDocument(f"{filename}: the PDF is damaged ({exc})") from None
    blocks = blocks_from_lines(lines, reflow=True)
    if not blocks:
        raise EmptyDocument(f"{filename}: the PDF has no text layer (a scan?); "
                            "run OCR on it first")
    return RawDocument(source=filename, media_type=MEDIA_TYPE, blocks=blocks,
                       title=str(title).strip() or None if title else None)
