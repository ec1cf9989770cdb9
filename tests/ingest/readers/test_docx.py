"""The .docx reader on small built files and on the corpus Word files."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import docx
import pytest

from ingest.readers.dispatch import read_bytes
from ingest.readers.docx import read_docx
from minutegraph.errors import (
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    IngestError,
    UnreadableDocument,
    UnsupportedDocument,
)
from tests.corpus import shared_dir
from tests.ingest.readers.docx_builder import (
    DECLS,
    build,
    cell,
    para,
    run,
    table,
    text_box,
)

CORPUS = shared_dir() / "corpus"


def texts(data: bytes) -> list[str]:
    return [block.text for block in read_docx(data, "t.docx").blocks]


def test_body_order_with_table_between_paragraphs() -> None:
    row = f"<w:tr>{cell('Name')}{cell('Organisation')}</w:tr>"
    data = build(
        para(run("Before")),
        table(row, f"<w:tr>{cell('Ann')}{cell('')}</w:tr>"),
        para(run("After")),
    )
    blocks = read_docx(data, "t.docx").blocks
    assert [b.kind for b in blocks] == [
        "paragraph",
        "table_row",
        "table_row",
        "paragraph",
    ]
    assert blocks[2].cells == ("Ann", "")
    assert [b.index for b in blocks] == [0, 1, 2, 3]


def test_tracked_changes_read_insertions_and_drop_deletions() -> None:
    deleted = (
        '<w:del w:id="1" w:author="a"><w:r><w:delText>Bob </w:delText></w:r></w:del>'
    )
    inserted = f'<w:ins w:id="2" w:author="a">{run("Carol ")}</w:ins>'
    assert texts(build(para(run("Present: "), deleted, inserted, run("and Dan")))) == [
        "Present: Carol and Dan"
    ]


def test_moved_text_read_once_at_its_new_place() -> None:
    moved_from = f'<w:moveFrom w:id="1" w:author="a">{run("old place")}</w:moveFrom>'
    moved_to = f'<w:moveTo w:id="2" w:author="a">{run("new place")}</w:moveTo>'
    assert texts(build(para(moved_from), para(moved_to))) == ["new place"]


def test_content_controls_read_in_place() -> None:
    inline = (
        f"<w:sdt><w:sdtPr/><w:sdtContent>{run('22 March 2023')}</w:sdtContent></w:sdt>"
    )
    block = (
        f"<w:sdt {DECLS}><w:sdtPr/><w:sdtContent>"
        f"{para(run('Inside a control'))}</w:sdtContent></w:sdt>"
    )
    assert texts(build(para(run("Date: "), inline), block, para(run("End")))) == [
        "Date: 22 March 2023",
        "Inside a control",
        "End",
    ]


def test_text_box_read_once_after_its_anchor() -> None:
    data = build(para(run("Anchor"), text_box("In the box")), para(run("Next")))
    assert texts(data) == ["Anchor", "In the box", "Next"]


def test_soft_breaks_tabs_and_nbsp_normalised() -> None:
    runs = (
        run("Present:\u00a0Ann"),
        "<w:r><w:br/></w:r>",
        run("Bob  Smith"),
        "<w:r><w:tab/><w:tab/></w:r>",
        run("UNODC"),
        '<w:r><w:br w:type="page"/></w:r>',
        run("x"),
    )
    assert texts(build(para(*runs))) == ["Present: Ann\nBob Smith\tUNODC x"]


def test_merged_cells_read_once() -> None:
    header = f"<w:tr>{cell('Name')}{cell('Organisation')}{cell('Role')}</w:tr>"
    span_two, restart = '<w:gridSpan w:val="2"/>', '<w:vMerge w:val="restart"/>'
    span = f"<w:tr>{cell('Ann')}{cell('UNODC', span_two)}</w:tr>"
    top = f"<w:tr>{cell('Bob')}{cell('Alliance', restart)}{cell('chair')}</w:tr>"
    below = (
        f"<w:tr>{cell('Cy')}{cell('Alliance', '<w:vMerge/>')}{cell('member')}</w:tr>"
    )
    rows = [
        b.cells for b in read_docx(build(table(header, span, top, below)), "t").blocks
    ]
    assert rows[1] == ("Ann", "UNODC")
    assert rows[2:] == [("Bob", "Alliance", "chair"), ("Cy", "", "member")]


def test_header_row_from_flag_or_bold_first_row() -> None:
    flagged = f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{cell('Name')}</w:tr>"
    bold = "<w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Who</w:t></w:r></w:p></w:tc>"
    data = build(
        table(flagged, f"<w:tr>{cell('Ann')}</w:tr>"),
        table(f"<w:tr>{bold}</w:tr>", f"<w:tr>{cell('Bob')}</w:tr>"),
        table(f"<w:tr>{cell('Cy')}</w:tr>", f"<w:tr>{cell('Di')}</w:tr>"),
    )
    blocks = read_docx(data, "t.docx").blocks
    assert [(b.table, b.header) for b in blocks] == [
        (0, True),
        (0, False),
        (1, True),
        (1, False),
        (2, False),
        (2, False),
    ]


def test_nested_table_text_stays_in_its_cell() -> None:
    inner = table(f"<w:tr>{cell('inner a')}{cell('inner b')}</w:tr>")
    outer = f"<w:tr><w:tc>{para(run('outer'))}{inner}<w:p/></w:tc>{cell('x')}</w:tr>"
    blocks = read_docx(build(table(outer)), "t.docx").blocks
    assert [b.cells for b in blocks] == [("outer\ninner a\ninner b", "x")]


def _styled(document: docx.document.Document) -> None:
    document.add_heading("Minutes", level=1)
    document.add_paragraph("First point", style="List Bullet")
    document.add_paragraph("Sub point", style="List Bullet 2")
    document.add_paragraph("Plain text")


def test_headings_and_list_levels_from_styles() -> None:
    blocks = read_docx(build(setup=_styled), "t.docx").blocks
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "Minutes"),
        ("list_item", 0, "First point"),
        ("list_item", 1, "Sub point"),
        ("paragraph", 0, "Plain text"),
    ]


def test_list_level_from_numbering_properties() -> None:
    numbered = '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
    blocks = read_docx(build(para(run("Nested item"), ppr=numbered)), "t.docx").blocks
    assert (blocks[0].kind, blocks[0].level) == ("list_item", 1)


def test_title_from_core_properties() -> None:
    def setup(document: docx.document.Document) -> None:
        document.core_properties.title = "Board meeting"
        document.add_paragraph("x")

    assert read_docx(build(setup=setup), "t.docx").title == "Board meeting"


def test_entities_are_not_expanded() -> None:
    data = build(para(run("Safe")))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "word/document.xml":
                laughs = b'<!DOCTYPE d [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>'
                body = body.replace(b"?>", b"?>" + laughs, 1).replace(b"Safe", b"&b;")
            target.writestr(info, body)
    # refusing the file is as good as not expanding the entities
    with contextlib.suppress(IngestError):
        assert "lol" not in " ".join(texts(out.getvalue()))


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyDocument),
        (b"this is plain text, not a zip", UnreadableDocument),
        (b"\x00\x01\x02junk\xff" * 100, UnreadableDocument),
        (b"%PDF-1.7\n...", UnreadableDocument),
        (_zip({"hello.txt": b"hi"}), UnreadableDocument),
        (
            _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}),
            UnreadableDocument,
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"),
            EncryptedDocument,
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, UnsupportedDocument),
    ],
)
def test_broken_files_raise_one_typed_error(data: bytes, error: type) -> None:
    with pytest.raises(error) as caught:
        read_bytes(data, "minutes.docx")
    assert caught.value.code.startswith("MG1")
    assert "minutes.docx" in caught.value.message


def test_truncated_docx_is_unreadable() -> None:
    data = build(para(run("Some text")))
    with pytest.raises(UnreadableDocument):
        read_bytes(data[: len(data) // 2], "minutes.docx")


def test_zip_needing_a_newer_unzip_is_unreadable() -> None:
    data = bytearray(build(para(run("x"))))
    entry = data.index(b"PK\x01\x02")  # first central directory entry
    data[entry + 6 : entry + 8] = (66).to_bytes(2, "little")  # "version needed" 6.6
    with pytest.raises(UnreadableDocument):  # the reader itself, not dispatch's net
        read_docx(bytes(data), "minutes.docx")


def test_zip_bomb_refused() -> None:
    bomb = _zip(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 20_000_000}
    )
    with pytest.raises(DocumentTooLarge):
        read_bytes(bomb, "minutes.docx")


def test_unpacked_size_limit() -> None:
    with pytest.raises(DocumentTooLarge):
        read_docx(build(para(run("x"))), "t.docx", max_unpacked=1000)


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not available")
    return path


def test_corpus_libreoffice_tables_and_headings() -> None:
    blocks = read_docx(
        _corpus("unodc-informal-2023-03-22.docx").read_bytes(), "m"
    ).blocks
    rows = [b for b in blocks if b.table == 0]
    assert rows[0].header
    assert rows[0].cells == ("Name", "Organisation")
    assert ("Herta Kaschitz", "") in [r.cells for r in rows]
    headings = [b.text for b in blocks if b.kind == "heading" and b.level == 2]
    assert headings[:3] == ["Present", "Apologies", "Agenda"]
    actions = [b for b in blocks if b.table == 1]
    assert actions[0].cells == ("No.", "Action", "Owner", "Due")
    assert len(actions) == 8


def test_corpus_word_lists_keep_levels() -> None:
    path = _corpus("real/no2id-agm-2004-word.docx")
    items = [
        b
        for b in read_docx(path.read_bytes(), path.name).blocks
        if b.kind == "list_item"
    ]
    assert items[0].text.startswith("Attendance:")
    assert items[0].level == 0
    assert any(b.text.startswith("Mark Littlewood") and b.level == 1 for b in items)
    assert any(b.text.startswith("James Cronin") and b.level == 2 for b in items)
