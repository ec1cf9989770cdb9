"""Dispatch: names pick the reader, contents that disagree get one typed error."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.readers.dispatch import read_bytes, read_document
from minutegraph.errors import (
    EmptyDocument,
    IngestError,
    UnreadableDocument,
    UnsupportedDocument,
)


@pytest.mark.parametrize("name", ["minutes.doc", "minutes.odt", "minutes", "notes.rtf"])
def test_unknown_extension(name: str) -> None:
    with pytest.raises(UnsupportedDocument) as caught:
        read_bytes(b"text", name)
    assert caught.value.code == "MG101"
    assert ".docx" in caught.value.message  # says what can be read


@pytest.mark.parametrize(
    ("data", "name", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "minutes.txt", "PDF"),
        (b"PK\x03\x04\x14\x00" + b"\x00" * 40, "minutes.md", "zip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "minutes.docx", "PNG"),
        (b"{\\rtf1\\ansi Minutes}", "minutes.txt", "RTF"),
        (b"%PDF-1.4", "minutes.html", "PDF"),
    ],
)
def test_content_that_contradicts_the_name(data: bytes, name: str, what: str) -> None:
    with pytest.raises(UnreadableDocument, match=what) as caught:
        read_bytes(data, name)
    assert caught.value.code == "MG102"


def test_empty_file_for_every_format() -> None:
    for name in ("a.txt", "a.md", "a.html", "a.pdf", "a.docx"):
        with pytest.raises(EmptyDocument):
            read_bytes(b"", name)


def test_text_reads_through_dispatch() -> None:
    doc = read_bytes(b"Present: Ann", "minutes.TXT")
    assert doc.media_type == "text/plain"
    assert doc.blocks[0].text == "Present: Ann"


def test_missing_file_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument):
        read_document(tmp_path / "nope.md")
    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(UnreadableDocument):
        read_document(folder)


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.pdf", "a.docx"])
def test_random_bytes_never_escape_as_a_traceback(name: str) -> None:
    junk = bytes((i * 7919 + 13) % 256 for i in range(4000))
    with pytest.raises(IngestError):
        read_bytes(junk, name)
