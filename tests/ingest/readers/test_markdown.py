"""The Markdown reader: front matter, lists, checkboxes, tables, corpus .md files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.blocks import RawDocument
from ingest.readers.markdown import read_markdown
from minutegraph.errors import EmptyDocument
from tests.corpus import shared_dir

CORPUS = shared_dir() / "corpus"


def read(text: str) -> RawDocument:
    return read_markdown(text.encode("utf-8"), "t.md")


def test_front_matter_kept_apart_from_the_body() -> None:
    doc = read("---\ntitle: Board meeting\ndate: 2024-04-02\n---\n# Minutes\n\nText.\n")
    assert doc.title == "Board meeting"
    assert doc.metadata["date"] == "2024-04-02"
    assert [b.text for b in doc.blocks] == ["Minutes", "Text."]
    assert doc.blocks[0].line == 5


def test_nested_lists_keep_levels_and_checkboxes() -> None:
    doc = read(
        "- Present:\n  - Ann\n    - Bob\n- [ ] Ann to write\n- [x] Bob sent it\n"
    )
    assert [(b.text, b.level, b.checked) for b in doc.blocks] == [
        ("Present:", 0, None),
        ("Ann", 1, None),
        ("Bob", 2, None),
        ("Ann to write", 0, False),
        ("Bob sent it", 0, True),
    ]


def test_table_rows_with_header() -> None:
    doc = read("| Name | Org |\n| --- | --- |\n| Ann | [UNODC](https://x) |\n")
    assert [(b.cells, b.header, b.table) for b in doc.blocks] == [
        (("Name", "Org"), True, 0),
        (("Ann", "UNODC"), False, 0),
    ]


def test_word_bullet_glyphs_become_list_items() -> None:
    doc = read("The board members are:\n\t•\tAnn (AA), UNODC\n\t•\tBob (BB)\n")
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("paragraph", "The board members are:", 1),
        ("list_item", "Ann (AA), UNODC", 2),
        ("list_item", "Bob (BB)", 3),
    ]


def test_bold_only_paragraph_is_a_heading_but_a_bold_label_is_not() -> None:
    doc = read("## Minutes\n\n**1. Welcome**\n\n*Other attendees:*\n\n**Note:** text\n")
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("heading", 2),
        ("heading", 3),
        ("paragraph", 0),
        ("paragraph", 0),
    ]


def test_hard_break_kept_and_soft_break_joined() -> None:
    doc = read("Date: 1 May  \nTime: 10:00\nCET\n")
    assert doc.blocks[0].text == "Date: 1 May\nTime: 10:00 CET"


def test_soft_breaks_kept_between_one_person_a_line() -> None:
    doc = read(
        "Attendees:\n\nAnn Lee - Unicode (ALE) - chair\nBob Stone - Google (BST)\n"
        "Carol King (CKI)\n"
    )
    assert doc.blocks[1].text == (
        "Ann Lee - Unicode (ALE) - chair\nBob Stone - Google (BST)\nCarol King (CKI)"
    )


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("**Present:**\nAnn Lee - ACME\nBob Stone - Initech\n",
         "Present:\nAnn Lee - ACME\nBob Stone - Initech"),
        ("Present:\nAnn\nBob\nCarol\n", "Present:\nAnn\nBob\nCarol"),
    ],
)
def test_soft_breaks_kept_after_a_label_line(text: str, kept: str) -> None:
    assert read(text).blocks[0].text == kept


@pytest.mark.parametrize(
    "text",
    [
        # lines that broke where the next word would not have fitted (width 60)
        "The committee discussed the budget for the year at great\n"
        "Length and agreed that the Treasurer would report again\n"
        "Before the summer, after the auditor had seen the accounts.\n",
        "Ann Lee reported on the state of the\nGarden and the hall.\n",
        "Ann Lee reported that the fence\nwas repaired.\n",
    ],
)
def test_soft_breaks_in_wrapped_prose_are_spaces(text: str) -> None:
    doc = read(text)
    assert "\n" not in doc.blocks[0].text


def test_soft_breaks_of_bulleted_glyph_lines_still_make_items() -> None:
    doc = read("Present:\n• Ann Lee - ACME\n• Bob Stone - Initech\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Present:"),
        ("list_item", "Ann Lee - ACME"),
        ("list_item", "Bob Stone - Initech"),
    ]


def test_raw_html_blocks_read_as_html() -> None:
    doc = read(
        "<table><tr><th>Name</th></tr><tr><td>Ann</td></tr></table>\n\n"
        "| Org |\n| --- |\n| UNODC |\n\n<!-- a comment -->\n"
    )
    assert [(b.cells, b.table, b.header) for b in doc.blocks] == [
        (("Name",), 0, True),
        (("Ann",), 0, False),
        (("Org",), 1, True),
        (("UNODC",), 1, False),
    ]


def test_empty_markdown() -> None:
    with pytest.raises(EmptyDocument):
        read("---\ntitle: x\n---\n\n")


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not available")
    return path


def test_corpus_checklist_and_attendees() -> None:
    path = _corpus("alliance-cd-firearms-prep-2023-04-20.md")
    blocks = read_markdown(path.read_bytes(), path.name).blocks
    checks = [b.checked for b in blocks if b.checked is not None]
    assert checks.count(False) == 7
    assert checks.count(True) == 1
    assert "Konrad Gertz (UNODC)" in [b.text for b in blocks if b.kind == "list_item"]


def test_corpus_artifactory_front_matter_and_tables() -> None:
    path = _corpus("real/artifactory-committee-2023-05-20.md")
    doc = read_markdown(path.read_bytes(), path.name)
    assert "title" in doc.metadata
    assert doc.blocks[0].kind == "heading"  # the front matter is not body text
    headers = [b.cells for b in doc.blocks if b.header]
    assert ("Action Items", "Who") in headers
    present = next(b for b in doc.blocks if b.text == "Present:")
    assert doc.blocks[present.index + 1].level == present.level + 1
