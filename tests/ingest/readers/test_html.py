"""The HTML reader: blocks, <br>, <dl>, tables, and the corpus scribe.perl page."""

from __future__ import annotations

import pytest

from ingest.blocks import RawDocument
from ingest.readers.html import read_html
from minutegraph.errors import EmptyDocument
from tests.corpus import shared_dir

CORPUS = shared_dir() / "corpus"


def read(markup: str) -> RawDocument:
    return read_html(markup.encode("utf-8"), "t.html")


def texts(markup: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in read(markup).blocks]


def test_definition_list_becomes_label_value_paragraphs() -> None:
    markup = "<dl><dt>Present</dt><dd>Ann, Bob</dd><dt>Regrets</dt><dd>-</dd></dl>"
    assert texts(markup) == [
        ("paragraph", "Present: Ann, Bob"),
        ("paragraph", "Regrets: -"),
    ]


def test_br_is_a_line_break_and_source_newlines_are_spaces() -> None:
    markup = "<p><cite>EK:</cite> first\n line<br>\n<span>… second</span></p>"
    assert texts(markup) == [("paragraph", "EK: first line\n… second")]


def test_pre_keeps_its_line_breaks_inside_inline_tags_too() -> None:
    markup = "<pre>\nAnn Lee (X)\r\n<b>Bob Stone</b>\n\nCy  Doe\n</pre><p>a\nb</p>"
    assert texts(markup) == [
        ("paragraph", "Ann Lee (X)\nBob Stone\nCy Doe"),
        ("paragraph", "a b"),
    ]


def test_pre_laid_out_in_columns_is_a_table_as_in_plain_text() -> None:
    markup = ("<pre>\nName       Organisation\nAnn Lee    Acme Corp\n"
              "Bob Stone\tInitech\n</pre>")
    rows = read(markup).blocks
    assert [(b.kind, b.cells, b.table) for b in rows] == [
        ("table_row", ("Name", "Organisation"), 0),
        ("table_row", ("Ann Lee", "Acme Corp"), 0),
        ("table_row", ("Bob Stone", "Initech"), 0),
    ]
    assert rows[0].header


def test_pre_with_one_aligned_line_stays_text() -> None:
    markup = "<pre>Ann Lee    Acme Corp\nBob Stone (Initech)</pre>"
    assert texts(markup) == [("paragraph", "Ann Lee Acme Corp\nBob Stone (Initech)")]


def test_screen_reader_only_text_is_not_read() -> None:
    markup = ('<div><span class="screen-reader-only">Tip</span>View Attendee List</div>'
              '<p>Read <span class="x sr-only">(opens a new tab)</span>more</p>'
              '<h2 class="visually-hidden">Attendees</h2>')
    assert texts(markup) == [
        ("paragraph", "View Attendee List"),
        ("paragraph", "Read more"),
        ("heading", "Attendees"),
    ]


def test_loose_text_in_a_container_is_kept_in_order() -> None:
    markup = "<div>Intro <b>bold</b> text<p>Para</p>tail text</div>"
    assert texts(markup) == [
        ("paragraph", "Intro bold text"),
        ("paragraph", "Para"),
        ("paragraph", "tail text"),
    ]


def test_nested_lists_and_checkboxes() -> None:
    markup = (
        "<ul><li><p>Present</p><ul><li>Ann</li></ul></li>"
        "<li><input type=checkbox checked> Done</li>"
        "<li><input type=checkbox> Todo</li></ul>"
    )
    blocks = read(markup).blocks
    assert [(b.text, b.level, b.checked) for b in blocks] == [
        ("Present", 0, None),
        ("Ann", 1, None),
        ("Done", 0, True),
        ("Todo", 0, False),
    ]


def test_table_header_and_colspan_cell_once() -> None:
    markup = (
        "<table><thead><tr><th>Name</th><th>Org</th></tr></thead>"
        "<tbody><tr><td colspan=2>Ann</td></tr><tr><td>Bob</td><td>X</td></tr>"
        "</tbody></table>"
    )
    blocks = read(markup).blocks
    assert [(b.cells, b.header) for b in blocks] == [
        (("Name", "Org"), True),
        (("Ann",), False),
        (("Bob", "X"), False),
    ]


def test_table_inside_a_table_cell_is_read_once_as_its_own_table() -> None:
    markup = (
        "<table><tr><td>Minutes</td><td><table><tr><th>Name</th></tr>"
        "<tr><td>Ann</td></tr></table></td></tr></table>"
    )
    blocks = read(markup).blocks
    assert [(b.kind, b.text, b.table) for b in blocks] == [
        ("paragraph", "Minutes", None),
        ("table_row", "Name", 0),
        ("table_row", "Ann", 0),
    ]


def test_layout_table_is_read_as_page_content() -> None:
    markup = (
        "<table><tr><td><h2>Present</h2><ul><li>Ann</li><li>Bob</li></ul></td>"
        "<td><p>Side note</p></td></tr></table>"
    )
    assert texts(markup) == [
        ("heading", "Present"),
        ("list_item", "Ann"),
        ("list_item", "Bob"),
        ("paragraph", "Side note"),
    ]


def test_scripts_navigation_and_comments_skipped() -> None:
    markup = "<nav><a>Home</a></nav><script>x=1</script><!-- c --><p>Text</p>"
    assert texts(markup) == [("paragraph", "Text")]


def test_title_and_xml_declaration() -> None:
    markup = '<?xml version="1.0" encoding="utf-8"?><html><head><title>T</title></head>'
    doc = read(markup + "<body><h2>Minutes</h2></body></html>")
    assert doc.title == "T"
    assert [(b.kind, b.level) for b in doc.blocks] == [("heading", 2)]


@pytest.mark.parametrize(
    "markup", ["   ", "<html><body><script>x</script></body></html>"]
)
def test_page_without_text(markup: str) -> None:
    with pytest.raises(EmptyDocument):
        read(markup)


def test_corpus_scribe_minutes() -> None:
    path = CORPUS / "real" / "w3c-wot-td-2025-10-15.html"
    if not path.exists():
        pytest.skip("corpus file not available")
    blocks = read_html(path.read_bytes(), path.name).blocks
    text = [b.text for b in blocks]
    assert text[3].startswith("Present: Daniel_Peintner, Ege_Korkan")
    assert "Scribe: dape" in text
    assert "Contents" not in text  # the table of contents is navigation
    irc = next(b for b in blocks if b.text.startswith("EK: the URI schema"))
    assert (
        irc.text.split("\n")[1] == "… protocol allows any string which is UTF8 encoded"
    )
