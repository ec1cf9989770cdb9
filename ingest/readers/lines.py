"""Group the lines of plain text into blocks; shared by the text and PDF readers.

A block is a logical line. Hard-wrapped prose is joined when the document is
wrapped (its lines stop near one width and the next word would not have fitted);
deeper-indented lines continue the block above them; bullets, numbered items
("1.", "6.1", " 1 Attendance") and "Label:" lines start new blocks; lines whose
columns are set apart by tabs or runs of spaces become table rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.blocks import Block

# A column gap: any tab, or four or more spaces / NBSPs.
_GAP = re.compile(r"[ \u00a0]*\t[ \t\u00a0]*|[ \u00a0]{4,}")
_BULLET = re.compile(r"^([-*•‣◦▪●○■□➢►–])[ \t\u00a0]+(?=\S)")
# "1." "2)" "(a)" "iv." - safe anywhere; upper-case letters are left out (initials).
_NUM_STRONG = re.compile(r"^(\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])[ \t\u00a0]+(?=\S)")
# "6.1 Mark", "1 Attendance" - only where the line is not a wrapped continuation.
_NUM_WEAK = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2})[ \t\u00a0]+"
    r"(?!(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)(?=[A-Z(\"“])",
    re.IGNORECASE)
_LABEL = re.compile(r"^[A-Z][\w .'’/&()-]{0,40}:(?:\s|$)")
_UNDERLINE = re.compile(r"^\s*([=\-~_*#])\1{2,}\s*$")
_SPACES = re.compile(r"[ \t\u00a0]+")
_GLYPH_LEVEL = {"○": 1, "◦": 1, "▪": 2, "■": 2, "□": 2}
_MAX_CELL = 80
_WRAP_MAX = 100

Line = str | tuple[str, ...]  # a text line, or a table row another reader already cut


@dataclass(slots=True)
class _Chunk:
    """Lines that make one block, before they are classified."""

    lines: list[str]
    line: int  # first source line, 1-based
    indent: int
    blank_before: bool
    blank_after: bool = False
    heading: int = 0  # set for an underlined heading
    cells: tuple[str, ...] = ()
    marker: str | None = None
    level: int = 0
    rest: str = field(default="")  # text after the marker
    hanging: bool = False  # later lines are indented under the first


def wrap_width(lines: Sequence[Line]) -> int | None:
    """The column a hard-wrapped text breaks at, or None when lines run long."""
    lengths = [len(x.rstrip()) for x in lines if isinstance(x, str) and x.strip()]
    short = [n for n in lengths if n <= _WRAP_MAX]
    if len(short) < 3 or len(lengths) - len(short) > len(lengths) // 10:
        return None
    width = max(short)
    near = sum(1 for n in short if n >= width - 15)
    return width if width >= 40 and near >= 3 else None


def split_columns(line: str) -> list[str] | None:
    """Cells of a line laid out in columns with tabs or runs of spaces, or None."""
    stripped = line.strip(" \t\u00a0")
    if not _GAP.search(stripped):
        return None
    parts = [p.strip() for p in _GAP.split(stripped)]
    if len(parts) >= 2 and all(parts) and all(len(p) <= _MAX_CELL for p in parts):
        return parts
    return None


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" \t\u00a0"))


def _first_word(line: str) -> str:
    return line.split(maxsplit=1)[0] if line.split() else ""


def _marker(line: str, *, weak_ok: bool) -> tuple[str, str, int] | None:
    """(marker, text after it, level) when the line opens a list item."""
    match = _BULLET.match(line) or _NUM_STRONG.match(line)
    if match is None and weak_ok:
        match = _NUM_WEAK.match(line)
    if match is None:
        return None
    marker = match.group(1)
    level = _GLYPH_LEVEL.get(marker, marker.rstrip(".").count("."))
    return marker, line[match.end():], level


class _Grouper:
    """Cuts lines into chunks: the first pass, before classification."""

    def __init__(self, width: int | None, reflow_min: int | None) -> None:
        self.width = width
        self.reflow_min = reflow_min
        self.chunks: list[_Chunk] = []
        self.current: _Chunk | None = None
        self.blank = True  # a blank line (or the start) precedes the next chunk

    def close(self) -> None:
        """Finish the chunk being built."""
        if self.current is not None:
            self.chunks.append(self.current)
            self.current = None

    def blank_line(self) -> None:
        """A blank line ends the chunk and marks it as followed by space."""
        self.close()
        if self.chunks:
            self.chunks[-1].blank_after = True
        self.blank = True

    def start(self, chunk: _Chunk) -> None:
        """Begin a new chunk."""
        self.close()
        self.current = chunk
        self.blank = False

    def wrapped(self, line: str) -> bool:
        """True when the previous line broke only because `line` did not fit."""
        # The previous line broke here because the next word would not have fitted.
        if self.current is None or self.current.cells:
            return False
        if self.width is None and self.reflow_min is None:
            return False
        previous = self.current.lines[-1].rstrip()
        if self.reflow_min is not None:
            return len(previous) >= self.reflow_min
        return len(previous) + 1 + len(_first_word(line)) > self.width - 4

    def continues(self, raw: str, line: str, marker: object) -> bool:
        """True when `line` goes on with the current chunk."""
        current = self.current
        if current is None or current.cells or current.heading:
            return False
        if marker is not None:
            return False
        if _indent(raw) > current.indent and not _LABEL.match(line):
            current.hanging = True
            return True
        if current.hanging:
            return False  # back at the margin of a hanging-indent block: a new one
        if not self.wrapped(line):
            return False
        ends_sentence = current.lines[-1].rstrip().endswith((".", ";", ":", "!", "?"))
        return not (_LABEL.match(line) and ends_sentence)


def _reflow_min(lines: Sequence[Line]) -> int | None:
    # Extracted PDF text has no blank line between paragraphs and several column
    # widths: a line continues the one before when that one is long for the page.
    lengths = sorted(len(x.strip()) for x in lines if isinstance(x, str) and x.strip())
    return int(lengths[len(lengths) * 9 // 10] * 0.6) if lengths else None


def _group(lines: Sequence[Line], reflow: bool) -> list[_Chunk]:
    grouper = _Grouper(wrap_width(lines), _reflow_min(lines) if reflow else None)
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, tuple):
            grouper.start(_Chunk([" ".join(raw)], number, 0, grouper.blank, cells=raw))
            continue
        raw = raw.rstrip()
        line = raw.strip(" \t\u00a0")
        if not line:
            grouper.blank_line()
            continue
        current = grouper.current
        if _UNDERLINE.match(line) and current is not None and len(current.lines) == 1 \
                and not current.cells and len(current.lines[0]) <= 120:
            current.heading = 1 if line[0] == "=" else 2
            grouper.close()
            continue
        cells = split_columns(raw)
        # "Label:<tab>value" is a line of text, "1.<tab>item" a list item
        if cells is not None and not cells[0].endswith(":") \
                and not _marker(cells[0] + " x", weak_ok=False):
            grouper.start(_Chunk([line], number, _indent(raw), grouper.blank,
                                 cells=tuple(cells)))
            continue
        weak_ok = not grouper.wrapped(line)
        marker = _marker(line, weak_ok=weak_ok)
        if grouper.continues(raw, line, marker):
            current.lines.append(line)  # type: ignore[union-attr]
            continue
        chunk = _Chunk([line], number, _indent(raw), grouper.blank)
        if marker is not None:
            chunk.marker, chunk.rest, chunk.level = marker
        grouper.start(chunk)
    grouper.close()
    if grouper.chunks:
        grouper.chunks[-1].blank_after = True
    return grouper.chunks


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one text; a hyphen ending a line joins tight."""
    text = ""
    for part in lines:
        part = part.strip()
        if text and not (text.endswith("-") and text[-2:-1].isalnum()):
            text += " "
        text += part
    return _SPACES.sub(" ", text).strip()


def _is_heading(chunk: _Chunk) -> bool:
    # A short line standing alone between blank lines, not ending like a sentence:
    # "1. The side event", "ACTION POINTS".
    if len(chunk.lines) != 1 or not (chunk.blank_before and chunk.blank_after):
        return False
    text = chunk.lines[0]
    if len(text) > 80 or text.endswith((".", ";", ",", ":")):
        return False
    if chunk.marker is not None:
        return chunk.marker[0].isdigit() and chunk.rest[:1].isupper()
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


class _Builder:
    """Second pass: chunks to blocks (tables numbered, list levels from indents)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.tables = 0
        self.indents: list[int] = []  # indents of the open list levels

    def add(self, **kw: object) -> None:
        """Append a block numbered in reading order."""
        self.blocks.append(Block(index=len(self.blocks), **kw))  # type: ignore[arg-type]

    def table(self, rows: list[_Chunk]) -> None:
        """Rows of one aligned table as blocks; a single row is text."""
        if len(rows) < 2:  # one aligned line is not a table
            self.add(kind="paragraph", text=" ".join(rows[0].cells), line=rows[0].line)
            return
        header = not any(ch.isdigit() for ch in rows[0].lines[0])
        for i, row in enumerate(rows):
            self.blocks.append(Block.row(len(self.blocks), row.cells, table=self.tables,
                                         header=header and i == 0, line=row.line))
        self.tables += 1

    def list_level(self, chunk: _Chunk) -> int:
        """Nesting level of a list item from the indents of open items."""
        while self.indents and self.indents[-1] > chunk.indent:
            self.indents.pop()
        if not self.indents or self.indents[-1] < chunk.indent:
            self.indents.append(chunk.indent)
        return max(len(self.indents) - 1, chunk.level)

    def chunk(self, chunk: _Chunk) -> None:
        """One chunk as a heading, list item or paragraph."""
        text = join_lines(chunk.lines)
        if chunk.heading:
            self.add(kind="heading", text=text, level=chunk.heading, line=chunk.line)
        elif _is_heading(chunk):
            self.add(kind="heading", text=text, level=2, line=chunk.line)
        elif chunk.marker is not None:
            rest = join_lines([chunk.rest, *chunk.lines[1:]])
            self.add(kind="list_item", text=rest, level=self.list_level(chunk),
                     style=chunk.marker, line=chunk.line)
            return
        else:
            self.add(kind="paragraph", text=text, line=chunk.line)
        self.indents = []


def blocks_from_lines(lines: Sequence[Line], *, reflow: bool = False) -> list[Block]:
    """Group text lines (or ready table rows, as tuples of cells) into blocks.

    `reflow` joins lines by length alone (extracted PDF text, which has no
    blank lines between paragraphs) instead of by the document's wrap width.
    """
    builder = _Builder()
    rows: list[_Chunk] = []
    for chunk in _group(lines, reflow):
        if chunk.cells:
            if rows and len(chunk.cells) != len(rows[-1].cells) and \
                    isinstance(lines[chunk.line - 1], str):
                builder.table(rows)
                rows = []
            rows.append(chunk)
            continue
        if rows:
            builder.table(rows)
            rows = []
        builder.chunk(chunk)
    if rows:
        builder.table(rows)
    return builder.blocks
