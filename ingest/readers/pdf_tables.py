"""Find tables in a PDF page's layout text and put them in place among its plain lines.

pypdf's layout mode keeps columns apart with runs of spaces but breaks prose
(justified gaps, side columns interleaved); its plain mode reads prose well but
glues table cells together. So: tables come from layout mode, everything else from
plain mode, and each table row replaces the plain lines holding the same characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MIN_GAP = 3  # blank columns, across every line of a row, that separate two cells
_MAX_CELL = 100
_MAX_ROW_LINES = 6
_SEARCH = 80  # plain lines to look ahead for a row's text
_WHITESPACE = re.compile(r"\s+")


@dataclass(slots=True)
class LayoutRow:
    """A candidate table row from layout text: its cells and where each starts."""

    cells: list[str]
    starts: list[int]


def _groups(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines: layout mode leaves a blank line between table rows."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _columns(group: list[str]) -> list[tuple[int, int]]:
    """Spans of character columns used by some line, split where all lines are blank."""
    width = max(len(line) for line in group)
    used = [False] * width
    for line in group:
        for pos, char in enumerate(line):
            if not char.isspace():
                used[pos] = True
    spans: list[tuple[int, int]] = []
    start, blank = None, 0
    for pos, flag in enumerate(used):
        if flag:
            if start is None or blank >= _MIN_GAP:
                if start is not None:
                    spans.append((start, pos - blank))
                start = pos
            blank = 0
        else:
            blank += 1
    if start is not None:
        spans.append((start, width - blank))
    return spans


def layout_row(group: list[str]) -> LayoutRow | None:
    """The group as a table row, or None when it reads as prose."""
    if len(group) > _MAX_ROW_LINES:
        return None
    spans = _columns(group)
    if len(spans) < 2:
        return None
    cells = [" ".join(filter(None, (line[a:b].strip() for line in group)))
             for a, b in spans]
    if any(len(cell) > _MAX_CELL for cell in cells):
        return None
    return LayoutRow([_WHITESPACE.sub(" ", c) for c in cells], [a for a, _ in spans])


def layout_rows(text: str) -> list[LayoutRow | None]:
    """Every group of a page's layout text: a row, or None for prose."""
    return [layout_row(group) for group in _groups(text.splitlines())]


def align(rows: list[LayoutRow]) -> list[tuple[str, ...]]:
    """Cells of one table's rows put under the columns of its widest row."""
    reference = max(rows, key=lambda row: len(row.cells)).starts
    aligned: list[tuple[str, ...]] = []
    for row in rows:
        slots = [""] * len(reference)
        for cell, start in zip(row.cells, row.starts, strict=True):
            column = min(range(len(reference)), key=lambda i: abs(reference[i] - start))
            if slots[column]:  # two cells under one column: keep the row as it is
                slots = list(row.cells)
                break
            slots[column] = cell
        aligned.append(tuple(slots))
    return aligned


def _key(text: str) -> str:
    return "".join(sorted(_WHITESPACE.sub("", text)))


def _find(plain: list[str], start: int, key: str) -> tuple[int, int] | None:
    """Lines plain[s:e] holding exactly the characters of `key`, from `start` on."""
    for s in range(start, min(start + _SEARCH, len(plain))):
        size, e = 0, s
        while e < len(plain) and size < len(key):
            size += len(_WHITESPACE.sub("", plain[e]))
            e += 1
        if size == len(key) and _key("".join(plain[s:e])) == key:
            return s, e
    return None


def merge(plain: list[str], rows: list[tuple[str, ...]]) -> list[str | tuple[str, ...]]:
    """Plain lines with the lines of each table row replaced by the row's cells."""
    out: list[str | tuple[str, ...]] = []
    pos = 0
    for row in rows:
        found = _find(plain, pos, _key("".join(row)))
        if found is None:
            continue  # the row's text stays as plain lines
        s, e = found
        out.extend(plain[pos:s])
        out.append(row)
        pos = e
    out.extend(plain[pos:])
    return out
