"""Make the Word versions of two held-out Markdown minutes (test support).

    .venv/bin/python tests/heldout/make_docx.py          # writes the .docx files
    .venv/bin/python tests/heldout/make_docx.py --check  # fails if the text differs

A small Markdown-to-Word converter built on python-docx, enough for these
minutes: YAML front matter is dropped; ``#`` headings become ``Heading N``;
``-``/``*``/``+`` bullets become ``List Bullet`` (``List Bullet 2`` / ``3`` when
nested), with ``[ ]`` / ``[x]`` task boxes written as the symbols U+2610 / U+2612;
pipe tables become Word tables (``Table Grid``, header row bold, the
``|---|`` row dropped); ``>`` quotes use ``Quote``; fenced code lines are
kept as ``No Spacing`` paragraphs; other lines are ``Normal`` paragraphs, soft
wrapped lines joined with a space and a line ending in two spaces closing its
paragraph.  Inline ``**bold**`` becomes bold, ``*em*`` / ``_em_`` italic (underscores
inside words and URLs are left alone),
``[text](url)`` keeps the text only and backquotes are dropped.  Bare URLs and
numbers such as ``15.`` stay as written.  Core properties are fixed so the
files only change when the conversion does.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

# Markdown source -> Word file written beside it.
CONVERSIONS = {
    "hypha-coop-board-2021-04-14.md": "hypha-coop-board-2021-04-14-word.docx",
    "aswf-rez-tsc-2023-04-20.md": "aswf-rez-tsc-2023-04-20-word.docx",
}

FIXED_TIME = _dt.datetime(2026, 11, 30, 0, 0, 0)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*```")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_TASK = re.compile(r"^\[([ xX])\]\s+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_INLINE = re.compile(
    r"(\*\*[^*]+\*\*|(?<!\w)__[^_]+__(?!\w)|\*[^*\s][^*]*\*|(?<!\w)_[^_\s][^_]*_(?!\w))")


def strip_front_matter(text: str) -> str:
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                return "\n".join(lines[i + 1:])
    return text


def add_inline(paragraph, text: str) -> None:
    """Add ``text`` to ``paragraph`` with bold / italic runs."""
    text = _LINK.sub(r"\1", text).replace("`", "")
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if (piece.startswith("**") and piece.endswith("**")) or (
                piece.startswith("__") and piece.endswith("__")):
            paragraph.add_run(piece[2:-2]).bold = True
        elif len(piece) > 2 and piece[0] in "*_" and piece[-1] == piece[0]:
            paragraph.add_run(piece[1:-1]).italic = True
        else:
            paragraph.add_run(piece)


def split_row(line: str) -> list[str]:
    cells = line.strip()
    if cells.startswith("|"):
        cells = cells[1:]
    if cells.endswith("|"):
        cells = cells[:-1]
    return [c.strip() for c in cells.split("|")]


def add_table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        for j in range(width):
            cell = table.cell(i, j)
            para = cell.paragraphs[0]
            add_inline(para, row[j] if j < len(row) else "")
            if i == 0:
                for run in para.runs:
                    run.bold = True


def bullet_style(level: int) -> str:
    return "List Bullet" if level <= 1 else f"List Bullet {min(level, 3)}"


class _Writer:
    """Walks the Markdown lines and adds one Word block at a time."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.i = 0
        self.document = docx.Document()
        self.document.styles["Normal"].font.size = Pt(11)
        props = self.document.core_properties
        props.created = props.modified = FIXED_TIME
        props.last_modified_by = props.author = "minutegraph tests"
        props.revision = 1
        self.paragraph_lines: list[str] = []
        self.bullet_indents: list[int] = []

    def flush(self) -> None:
        if self.paragraph_lines:
            para = self.document.add_paragraph(style="Normal")
            add_inline(para, " ".join(self.paragraph_lines))
            self.paragraph_lines.clear()

    def fence(self) -> None:
        self.i += 1
        while self.i < len(self.lines) and not _FENCE.match(self.lines[self.i]):
            self.document.add_paragraph(self.lines[self.i].strip(), style="No Spacing")
            self.i += 1
        self.i += 1

    def table(self) -> None:
        rows = []
        lines = self.lines
        while self.i < len(lines) and _TABLE_ROW.match(lines[self.i].rstrip()):
            if not _TABLE_RULE.match(lines[self.i]):
                rows.append(split_row(lines[self.i]))
            self.i += 1
        add_table(self.document, rows)

    def bullet(self, indent_text: str, text: str) -> None:
        indent = len(indent_text.expandtabs(4))
        while self.bullet_indents and self.bullet_indents[-1] > indent:
            self.bullet_indents.pop()
        if not self.bullet_indents or self.bullet_indents[-1] < indent:
            self.bullet_indents.append(indent)
        task = _TASK.match(text)
        if task:
            box = "\u2612" if task.group(1) in "xX" else "\u2610"
            text = f"{box} {text[task.end():]}"
        style = bullet_style(len(self.bullet_indents))
        add_inline(self.document.add_paragraph(style=style), text)

    def block(self) -> None:
        raw = self.lines[self.i]
        line = raw.rstrip()
        if not line.strip():
            self.bullet_indents.clear()
        elif _FENCE.match(line):
            return self.fence()
        elif _TABLE_ROW.match(line):
            return self.table()
        elif heading := _HEADING.match(line):
            self.bullet_indents.clear()
            level = len(heading.group(1))
            add_inline(self.document.add_heading(level=level), heading.group(2))
        elif bullet := _BULLET.match(line):
            self.bullet(bullet.group(1), bullet.group(2))
        elif quote := _QUOTE.match(line):
            add_inline(self.document.add_paragraph(style="Quote"), quote.group(1))
        else:
            self.paragraph_lines.append(line.strip())
            if raw.endswith("  "):
                self.flush()
        self.i += 1

    def run(self) -> docx.Document:
        while self.i < len(self.lines):
            line = self.lines[self.i].rstrip()
            if not line.strip() or not _is_text(line):
                self.flush()
            self.block()
        self.flush()
        return self.document


def _is_text(line: str) -> bool:
    """True for a line that continues or starts a Normal paragraph."""
    return not (_FENCE.match(line) or _TABLE_ROW.match(line) or _HEADING.match(line)
                or _BULLET.match(line) or _QUOTE.match(line))


def convert(markdown: str) -> docx.Document:
    return _Writer(strip_front_matter(markdown).splitlines()).run()


def document_text(path: Path) -> str:
    """Paragraph and table text of a .docx, for --check."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    status = 0
    for source, target in CONVERSIONS.items():
        document = convert((HERE / source).read_text(encoding="utf-8"))
        out = HERE / target
        if check:
            tmp = HERE / (target + ".tmp")
            document.save(str(tmp))
            same = out.exists() and document_text(tmp) == document_text(out)
            tmp.unlink()
            print(f"{target}: {'ok' if same else 'DIFFERS'}")
            status |= 0 if same else 1
        else:
            document.save(str(out))
            print(f"wrote {target}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
