"""The PDF reader: layout tables merged into plain text, broken and text-less PDFs."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from ingest.readers.pdf import drop_running_lines, read_pdf
from ingest.readers.pdf_tables import LayoutRow, align, layout_row, merge
from minutegraph.errors import EmptyDocument, EncryptedDocument, UnreadableDocument
from tests.corpus import shared_dir

CORPUS = shared_dir() / "corpus"


def test_layout_row_cuts_cells_at_gaps_shared_by_all_lines() -> None:
    row = layout_row(
        [
            " Project     Action 2016-07     Meeting     15/09/2021",
            "             Promoting          Date/Time   10:00",
        ]
    )
    assert row is not None
    assert row.cells == [
        "Project",
        "Action 2016-07 Promoting",
        "Meeting Date/Time",
        "15/09/2021 10:00",
    ]


def test_prose_is_not_a_row() -> None:
    assert layout_row(["A line of prose with single spaces only."]) is None
    assert layout_row(["Topic     " + "word " * 40]) is None  # a cell too long


def test_align_puts_short_rows_under_the_widest_rows_columns() -> None:
    rows = [
        LayoutRow(["Attendee Name", "Organisation"], [1, 48]),
        LayoutRow(["Ann Lee", "AL", "PwC"], [1, 36, 48]),
        LayoutRow(["Carlos Perez", "CP"], [0, 35]),
    ]
    assert align(rows) == [
        ("Attendee Name", "", "Organisation"),
        ("Ann Lee", "AL", "PwC"),
        ("Carlos Perez", "CP", ""),
    ]


def test_merge_replaces_the_plain_lines_holding_a_row() -> None:
    plain = ["Title", "Project", "Action 2016-07", "Meeting", "Ann Lee AL PwC", "After"]
    rows = [("Project", "Action 2016-07", "Meeting"), ("Ann Lee", "AL", "PwC")]
    assert merge(plain, rows) == ["Title", rows[0], rows[1], "After"]


def test_merge_leaves_text_when_a_row_is_not_found() -> None:
    assert merge(["Some text"], [("Not", "there")]) == ["Some text"]


def test_running_headers_and_page_numbers_dropped() -> None:
    body = [["Present: Ann", "Ann opened", "Bob spoke"], ["Bob to write", "Ann agreed",
            "Cy left"], ["Next meeting", "Closed", "Thanks"]]
    pages = [["Board minutes 2024", *lines, f"Page {n} of 3"]
             for n, lines in enumerate(body, start=1)]
    assert drop_running_lines(pages) == body


def test_a_line_on_one_page_only_is_kept() -> None:
    pages = [["Minutes", "Present: Ann"], ["Actions", "Ann to write"], ["Close", "End"]]
    assert drop_running_lines(pages) == pages


def _pdf(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_without_text_layer_is_a_clear_error() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with pytest.raises(EmptyDocument, match="no text layer"):
        read_pdf(_pdf(writer), "scan.pdf")


def test_password_protected_pdf() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    with pytest.raises(EncryptedDocument):
        read_pdf(_pdf(writer), "locked.pdf")


@pytest.mark.parametrize(
    "data", [b"not a pdf at all", b"%PDF-1.7\n1 0 obj <<", b"%PDF"]
)
def test_broken_pdf(data: bytes) -> None:
    with pytest.raises(UnreadableDocument):
        read_pdf(data, "broken.pdf")


def test_corpus_semic_attendee_and_header_tables() -> None:
    path = CORPUS / "real" / "semic-dcat-ap-webinar-2021-09-15.pdf"
    if not path.exists():
        pytest.skip("corpus file not available")
    blocks = read_pdf(path.read_bytes(), path.name).blocks
    rows = [b for b in blocks if b.kind == "table_row"]
    header = next(b for b in rows if "Meeting Date/Time" in b.cells)
    assert (
        header.cells[header.cells.index("Meeting Date/Time") + 1]
        == "15/09/2021 10:00-12:00 PM (GMT+1)"
    )
    attendees = [b for b in rows if b.table == rows[-1].table]
    assert attendees[0].header
    assert attendees[0].cells == ("Attendee Name", "", "Organisation/Country")
    assert len(attendees) == 32  # header + 31 people, over three pages
    assert ("Carlos Perez", "CP", "") in [b.cells for b in attendees]
    bullets = [b for b in blocks if b.kind == "list_item" and b.style == "●"]
    assert bullets[0].text.startswith("Seth van Hooland (SVH) opened the webinar")
    assert bullets[0].text.endswith("on GitHub.")  # wrapped lines joined
