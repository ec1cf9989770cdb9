"""The plain-text reader: encodings, line grouping, tables, the corpus .txt files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ingest.readers.dispatch import read_bytes
from ingest.readers.encoding import decode_text
from ingest.readers.lines import blocks_from_lines
from ingest.readers.text import read_text
from minutegraph.errors import EmptyDocument, UnreadableDocument
from tests.corpus import shared_dir

CORPUS = shared_dir() / "corpus"
SAMPLE = "Présent : Zoë Müller – “chair”"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # with BOM
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("cp1252"),
    ],
)
def test_encodings_detected(data: bytes) -> None:
    assert decode_text(data, "t.txt") == SAMPLE


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 20,
        b"\x89PNG\r\n\x1a\n" + b"\x00\x10\xff" * 200,
    ],
)
def test_binary_junk_refused(data: bytes) -> None:
    with pytest.raises(UnreadableDocument):
        read_text(data, "t.txt")


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t "])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(EmptyDocument):
        read_bytes(data, "t.txt")


def kinds(lines: list[str]) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks_from_lines(lines)]


def test_numbered_items_indented_by_one_space_stay_apart() -> None:
    lines = [
        " 1 Attendance: a list is available" + " x" * 60,
        " 2 Apologies: received from B. Mooney",
        " 2.1 Mark Littlewood delivered a report",
    ]
    blocks = blocks_from_lines(lines)
    assert [(b.kind, b.style, b.level) for b in blocks] == [
        ("list_item", "1", 0),
        ("list_item", "2", 0),
        ("list_item", "2.1", 1),
    ]
    assert blocks[2].text == "Mark Littlewood delivered a report"


WRAPPED = [
    "Present: Ingeborg Geyer (Alliance); Anna Alvazzi del Frate (Alliance);",
    "  Prof. Jay Albanese (CWB); Philip Reichel (ACJS); Sabine Peters",
    "Apologies: Billy Batware (UNODC)",
    "",
    "The side event took place on Wednesday 24 May 2023, in Room M7 at the",
    "VIC, during the thirty-second session of the CCPCJ. About 60 people",
    "attended in person.",
    "",
    "Next meeting: 21 June 2023.",
]


def test_hard_wrapped_prose_and_indented_continuations_joined() -> None:
    assert kinds(WRAPPED) == [
        (
            "paragraph",
            "Present: Ingeborg Geyer (Alliance); Anna Alvazzi del Frate "
            "(Alliance); Prof. Jay Albanese (CWB); Philip Reichel (ACJS); "
            "Sabine Peters",
        ),
        ("paragraph", "Apologies: Billy Batware (UNODC)"),
        (
            "paragraph",
            "The side event took place on Wednesday 24 May 2023, in Room M7 "
            "at the VIC, during the thirty-second session of the CCPCJ. "
            "About 60 people attended in person.",
        ),
        ("paragraph", "Next meeting: 21 June 2023."),
    ]


def test_unwrapped_file_keeps_each_line() -> None:
    long = "A long line that the author typed without any hard wrapping at all. " * 3
    assert [k for k, _ in kinds([long, "Short follow-up line", long])] == [
        "paragraph"
    ] * 3


def test_aligned_columns_make_one_table_with_a_header() -> None:
    gap = "\u00a0 " * 10
    lines = [
        f"UNODC MEMBERS{gap}ALLIANCE MEMBERS",
        "",
        f"Sarah Pirker{gap}Anna Frate",
        "",
        f"Billy Batware{gap}Ingeborg Geyer",
    ]
    blocks = blocks_from_lines(lines)
    assert [(b.kind, b.table, b.header) for b in blocks] == [
        ("table_row", 0, True),
        ("table_row", 0, False),
        ("table_row", 0, False),
    ]
    assert blocks[1].cells == ("Sarah Pirker", "Anna Frate")


def test_label_tab_value_lines_are_text_and_a_lone_aligned_line_too() -> None:
    assert kinds(["Grants:\t\t\t\t\t33000.00", "Fees:\t£10"]) == [
        ("paragraph", "Grants: 33000.00"),
        ("paragraph", "Fees: £10"),
    ]
    assert kinds(["Date: 1 June        Place: Vienna"]) == [
        ("paragraph", "Date: 1 June Place: Vienna")
    ]


def test_headings_underlined_numbered_and_capitals() -> None:
    lines = [
        "Debrief",
        "=======",
        "",
        "1. The side event",
        "",
        "Text.",
        "",
        "ACTION POINTS",
        "",
        "- Ann to write",
    ]
    assert kinds(lines) == [
        ("heading", "Debrief"),
        ("heading", "1. The side event"),
        ("paragraph", "Text."),
        ("heading", "ACTION POINTS"),
        ("list_item", "Ann to write"),
    ]


def test_consecutive_numbered_lines_are_an_agenda_not_headings() -> None:
    assert [k for k, _ in kinds(["", "1. Welcome", "2. Minutes", ""])] == [
        "list_item",
        "list_item",
    ]


def test_bullet_levels_follow_indentation() -> None:
    blocks = blocks_from_lines(["- Present:", "    - Ann", "    - Bob", "- Apologies:"])
    assert [(b.text, b.level) for b in blocks] == [
        ("Present:", 0),
        ("Ann", 1),
        ("Bob", 1),
        ("Apologies:", 0),
    ]


def test_wrapped_line_starting_with_a_date_is_not_an_item() -> None:
    lines = [
        "The dialogue on firearms, first planned for the spring, takes place on",
        "5 May 2023 in Vienna, with four panellists and a moderator from the",
        "Alliance. Written contributions are due two weeks before, and the",
        "12 NGOs that applied to speak will hear from the secretariat soon.",
        "",
        "Next point.",
    ]
    assert len(blocks_from_lines(lines)) == 2


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not available")
    return path


def test_corpus_no2id_items_and_annex() -> None:
    path = _corpus("real/no2id-agm-2004.txt")
    blocks = read_text(path.read_bytes(), path.name).blocks
    assert blocks[0].text == "No2ID Annual General Meeting"  # BOM stripped
    items = {b.style: b for b in blocks if b.kind == "list_item"}
    assert {"1", "2", "6", "6.1", "6.4", "8.3.1"} <= set(items)
    assert items["6.1"].text.startswith("Mark Littlewood")
    assert items["6.1"].level == 1
    assert "Grants: 33000.00" in [b.text for b in blocks]
    assert not any(b.kind == "table_row" for b in blocks)


def test_corpus_unodc_members_table() -> None:
    path = _corpus("unodc-informal-2023-02-15.txt")
    rows = [b for b in read_text(path.read_bytes(), path.name).blocks if b.table == 0]
    assert rows[0].header
    assert rows[0].cells == ("UNODC MEMBERS", "ALLIANCE MEMBERS")
    assert len(rows) == 5
    assert rows[-1].cells == ("Anders Frantzen", "Silvia Marino")


def test_corpus_ccpcj_present_line() -> None:
    path = _corpus("ccpcj-side-event-debrief-2023-06-01.txt")
    blocks = read_text(path.read_bytes(), path.name).blocks
    present = next(b for b in blocks if b.text.startswith("Present:"))
    assert present.text.endswith("Sarah Pirker (UNODC); Sabine Peters")
    assert "Tomás Ferreira (Nordic Crime Prevention Forum)" in present.text
    assert [b.text for b in blocks if b.kind == "heading"][1:3] == [
        "1. The side event",
        "2. Youth component",
    ]
