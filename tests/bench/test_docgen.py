"""Generated minutes: same seed same bytes, the size asked for, laid out as minutes."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest

from bench.docgen import (
    WORDS_PER_PAGE,
    compose_minutes,
    generate_minutes,
    write_minutes,
)

Paragraphs = list[tuple[str, str]]
Tables = list[list[list[str]]]


def _paragraphs_and_tables(data: bytes) -> tuple[Paragraphs, Tables]:
    """(style, text) of every paragraph and the cell texts of every table."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows]
              for table in document.tables]
    return paragraphs, tables


def test_same_seed_gives_same_bytes_and_another_seed_other_content() -> None:
    first = generate_minutes(seed=7, pages=2)
    assert generate_minutes(seed=7, pages=2) == first
    assert generate_minutes(seed=8, pages=2) != first


@pytest.mark.parametrize("words", [5_000, 25_000])
def test_content_has_about_the_words_asked_for(words: int) -> None:
    total = sum(element.words for element in compose_minutes(seed=3, words=words))
    assert abs(total - words) <= 1_000  # within about one section of the target


def test_fifty_pages_is_about_25k_words() -> None:
    paragraphs, tables = _paragraphs_and_tables(generate_minutes(pages=50))
    words = sum(len(text.split()) for _, text in paragraphs)
    words += sum(len(cell.split()) for table in tables for row in table for cell in row)
    assert 50 * WORDS_PER_PAGE * 0.95 <= words <= 50 * WORDS_PER_PAGE * 1.05


def test_layout_reads_like_minutes() -> None:
    paragraphs, tables = _paragraphs_and_tables(generate_minutes(seed=11, pages=4))
    styles = {style for style, _ in paragraphs}
    texts = [text for _, text in paragraphs]
    assert paragraphs[0] == ("Title", "Plenary Meeting")
    assert {"Heading 2", "Heading 3", "List Number", "List Bullet"} <= styles
    date_line = next(t for t in texts if t.startswith("Date: "))
    meeting = dt.datetime.strptime(date_line.split(", ", 1)[1], "%d %B %Y").date()
    assert any(t.startswith("Next meeting: ") for t in texts)
    assert texts[texts.index("Apologies") + 1].count(";") >= 2
    # The agenda lists every numbered section, in order.
    agenda = [t for s, t in paragraphs if s == "List Number"]
    sections = [t.split(". ", 1)[1] for s, t in paragraphs
                if s == "Heading 2" and re.match(r"\d+\. ", t)]
    assert agenda == sections
    present, actions = tables[0], tables[-1]
    assert present[0] == ["Name", "Organisation"]
    assert len(present) > 30
    assert actions[0] == ["No.", "Action", "Owner", "Due"]
    assert len(actions) > 5
    dues = [dt.datetime.strptime(row[3], "%d/%m/%Y").date()
            for row in actions[1:] if row[3]]
    assert dues
    assert min(dues) > meeting  # actions are due after the meeting


def test_dated_sentences_use_several_date_styles() -> None:
    paragraphs, _ = _paragraphs_and_tables(generate_minutes(seed=5, pages=6))
    text = "\n".join(t for _, t in paragraphs)
    assert re.search(r"\b\d{1,2} [A-Z][a-z]+ 20\d\d\b", text)  # 14 March 2024
    assert re.search(r"\b\d\d/\d\d/20\d\d\b", text)  # 14/03/2024
    assert re.search(r"\b20\d\d-\d\d-\d\d\b", text)  # 2024-03-14
    assert re.search(r"\b\d{1,2} [A-Z][a-z]+\b(?! 20)", text)  # 14 March


def test_write_minutes_names_the_file_by_size_and_seed(tmp_path) -> None:
    path = write_minutes(tmp_path / "out", seed=4, pages=1)
    assert path.name == "minutes-1p-seed4.docx"
    assert path.read_bytes() == generate_minutes(seed=4, pages=1)
