"""A deterministic minutes .docx of any length, laid out like real minutes.

The content is drawn from one seeded `random.Random` (the same seed gives the same
bytes): a title, meeting lines, a Present table, apologies, a numbered agenda,
sections with sub-headings, discussion, dated events, actions, bullet lists and small
tables, the next meeting and an action-points table. `compose_minutes` builds the
content as plain elements; `render_docx` lays them out with python-docx.
"""

from __future__ import annotations

import argparse
import io
import random
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import docx
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement

from bench.composer import Composer

WORDS_PER_PAGE = 500  # a page of minutes in 11 pt with a few tables
DEFAULT_SEED = 2023
DEFAULT_PAGES = 50
ZIP_TIME = (2024, 1, 1, 0, 0, 0)  # fixed member timestamps: same seed, same bytes
CORE_TIME = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Element:
    """One thing on the page: a heading, a paragraph (maybe a list item) or a table."""

    kind: Literal["heading", "paragraph", "table"]
    text: str = ""
    level: int = 0  # heading level; 0 is the document title
    style: str | None = None  # paragraph style: "List Bullet", "List Number"
    rows: tuple[tuple[str, ...], ...] = ()  # table rows, the first is the header

    @property
    def words(self) -> int:
        """How many words the element adds to the document."""
        if self.kind == "table":
            return sum(len(cell.split()) for row in self.rows for cell in row)
        return len(self.text.split())


def _heading(text: str, level: int) -> Element:
    return Element("heading", text, level=level)


def _para(text: str, style: str | None = None) -> Element:
    return Element("paragraph", text, style=style)


def _table(rows: list[tuple[str, ...]]) -> Element:
    return Element("table", rows=tuple(rows))


def _front_matter(c: Composer) -> list[Element]:
    chair, scribe = c.people[0][0], c.people[1][0]
    present = [("Name", "Organisation"), *c.people]
    elements = [
        _heading("Plenary Meeting", 0),
        _para("Minutes of the plenary meeting of the Joint Committee on Community "
              "Justice and its member organisations"),
        _para(f"Date: {c.meeting.strftime('%A')}, {c.long_date(c.meeting)}"),
        _para("Time: 09:30–17:00 CET"),
        _para("Venue: Conference Centre, Room 4, and online"),
        _para(f"Chair: {chair} | Minutes: {scribe}"),
        _heading("Present", 2),
        _table(present),
        _para(f"{c.secretariat_label}: {', '.join(c.secretariat)}"),
        _heading("Apologies", 2),
        _para("; ".join(f"{name} ({org})" if org != "–" else name
                        for name, org in c.apologies)),
    ]
    return elements


def _section(c: Composer, number: int, title: str) -> list[Element]:
    elements = [_heading(f"{number}. {title}", 2)]
    for _ in range(c.rng.randint(1, 4)):
        elements.append(_heading(c.subheading(), 3))
        for _ in range(c.rng.randint(2, 4)):
            elements.append(_para(c.paragraph()))
        if c.rng.random() < 0.5:
            elements.extend(_para(c.bullet(), "List Bullet")
                            for _ in range(c.rng.randint(3, 6)))
        if c.rng.random() < 0.2:
            elements.append(_table(c.small_table()))
    return elements


def _closing(c: Composer) -> list[Element]:
    rows = [("No.", "Action", "Owner", "Due")]
    rows += [(str(i), text, owner, due)
             for i, (text, owner, due) in enumerate(c.actions, start=1)]
    return [
        _heading("Any other business", 2),
        _para("No other business was raised. The Chair thanked the participants and "
              "the interpreters."),
        _para(f"Next meeting: {c.next_meeting_line()}"),
        _heading("Action points", 2),
        _table(rows),
    ]


def compose_minutes(*, seed: int = DEFAULT_SEED, words: int = 25_000) -> list[Element]:
    """The content of minutes of about `words` words, drawn from `seed`."""
    c = Composer(random.Random(seed))
    head = _front_matter(c)
    sections: list[list[Element]] = []
    total, body = sum(e.words for e in head), 0
    # Stop when one more section (of the average size so far) would overshoot more
    # than stopping undershoots: the size lands within half a section of `words`.
    while not sections or total + c.action_words + body / len(sections) / 2 < words:
        title = c.section_title(len(sections))
        sections.append(_section(c, len(sections) + 1, title))
        added = sum(e.words for e in sections[-1])
        total, body = total + added, body + added
    agenda = [_heading("Agenda", 2)]
    agenda += [_para(s[0].text.split(". ", 1)[1], "List Number") for s in sections]
    body = [e for s in sections for e in s]
    return [*head, *agenda, *body, *_closing(c)]


def _mark_header_row(row: object) -> None:
    # Word repeats a header row on each page; readers may use the flag.
    tr = row._tr  # type: ignore[attr-defined]
    tr_pr = tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def _add_table(document: DocxDocument, rows: tuple[tuple[str, ...], ...]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    _mark_header_row(table.rows[0])


def _normalised_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            dst.writestr(member, src.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def render_docx(elements: list[Element], *, title: str = "Plenary Meeting") -> bytes:
    """Lay the elements out as a Word document and return its bytes."""
    document = docx.Document()
    props = document.core_properties
    props.title, props.author, props.revision = title, "minutegraph bench", 1
    props.created = props.modified = props.last_printed = CORE_TIME
    for element in elements:
        if element.kind == "heading":
            document.add_heading(element.text, element.level)
        elif element.kind == "paragraph":
            document.add_paragraph(element.text, style=element.style)
        else:
            _add_table(document, element.rows)
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalised_zip(buffer.getvalue())


def generate_minutes(*, seed: int = DEFAULT_SEED,
                     pages: float = DEFAULT_PAGES) -> bytes:
    """A minutes .docx of about `pages` pages (WORDS_PER_PAGE words each)."""
    return render_docx(compose_minutes(seed=seed, words=int(pages * WORDS_PER_PAGE)))


def write_minutes(directory: Path, *, seed: int = DEFAULT_SEED,
                  pages: float = DEFAULT_PAGES) -> Path:
    """Write the generated minutes under `directory` and return the file's path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"minutes-{pages:g}p-seed{seed}.docx"
    path.write_bytes(generate_minutes(seed=seed, pages=pages))
    return path


def main(argv: list[str] | None = None) -> None:
    """`python -m bench.docgen [--pages N] [--seed N] [--out DIR]`: write one file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=float, default=DEFAULT_PAGES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args(argv)
    print(write_minutes(args.out, seed=args.seed, pages=args.pages))


if __name__ == "__main__":
    main()

