"""Read plain-text minutes: detect the encoding, then cut the text into blocks.

A block is a logical line: hard-wrapped prose and indented continuation lines are
joined; "Label: value" lines, bullets and numbered items start new blocks; lines
whose columns are aligned with runs of spaces (or NBSPs) become table rows.
"""

from __future__ import annotations

import codecs
import re

from ingest.blocks import Block, RawDocument
from minutegraph.errors import EmptyDocument, UnreadableDocument

MEDIA_TYPE = "text/plain"

_COLUMN_GAP = re.compile(r"[ \t\u00a0]{4,}")
_BULLET = re.compile(r"^\s*(?:[-*•‣◦▪●]|\d{1,2}[.)]|[a-z][.)])\s+")
_LABEL = re.compile(r"^\s*[A-Z][\w .'/&()-]{0,40}:(?:\s|$)")
_UNDERLINE = re.compile(r"^\s*([=\-~_*#])\1{2,}\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_text(data: bytes, filename: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), or cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) > len(sample) // 4:
        # UTF-16 without a BOM: NULs on the odd (LE) or even (BE) bytes of ASCII text
        odd = sample[1::2].count(0)
        even = sample[0::2].count(0)
        return data.decode("utf-16-le" if odd > even else "utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if _looks_binary(text):
        raise UnreadableDocument(f"{filename}: this is binary data, not text")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return bad > len(sample) * 0.05


def split_columns(line: str) -> list[str] | None:
    """Cells of a line laid out in columns with runs of spaces, or None."""
    stripped = line.strip(" \t\u00a0")
    parts = [p.strip() for p in _COLUMN_GAP.split(stripped)]
    if len(parts) >= 2 and all(parts) and all(len(p) <= 60 for p in parts):
        return parts
    return None


def _starts_block(line: str) -> bool:
    return bool(_BULLET.match(line) or _LABEL.match(line))


def blocks_from_lines(lines: list[str]) -> list[Block]:  # noqa: C901
    """Group text lines into blocks (shared by the text and PDF readers)."""
    blocks: list[Block] = []
    current: list[str] = []
    current_line = 0
    table_no = -1
    in_table = False

    def flush() -> None:
        nonlocal current
        if current:
            text = " ".join(part.strip() for part in current)
            text = re.sub(r"[ \t\u00a0]+", " ", text).strip()
            if text:
                blocks.append(_classify(len(blocks), text, current_line))
        current = []

    for number, raw in enumerate(lines, start=1):
        line = raw.replace("\u00a0", " ").rstrip()
        if not line.strip():
            flush()
            continue  # a blank line between aligned rows does not end their table
        if _UNDERLINE.match(line):
            if len(current) == 1 and blocks_heading_candidate(current[0]):
                text = current[0].strip()
                current = []
                blocks.append(Block(index=len(blocks), kind="heading", text=text,
                                    level=1 if line.strip()[0] == "=" else 2,
                                    line=current_line))
            continue
        cells = split_columns(raw)
        if cells is not None:
            flush()
            if not in_table:
                table_no += 1
                in_table = True
                header = True
            else:
                header = False
            blocks.append(Block.row(len(blocks), cells, table=table_no, header=header,
                                    line=number))
            continue
        in_table = False
        continuation = bool(current) and (
            raw[:1] in (" ", "\t") and not _BULLET.match(line)
            or not _starts_block(line) and _is_wrapped(current[-1]))
        if not continuation:
            flush()
            current_line = number
        current.append(line)
    flush()
    return blocks


def blocks_heading_candidate(line: str) -> bool:
    """A line short enough to be a heading."""
    return 0 < len(line.strip()) <= 120


def _is_wrapped(previous: str) -> bool:
    # A hard-wrapped line runs close to the wrap column and does not end a sentence
    # with a colon; short lines ("Date: ...") stand alone.
    return len(previous.rstrip()) >= 55


def _classify(index: int, text: str, line: int) -> Block:
    match = _BULLET.match(text)
    if match and not re.match(r"^\d{1,2}[.)]\s+[A-Z][^.]{0,80}$", text):
        return Block(index=index, kind="list_item", text=text[match.end():].strip(),
                     style=match.group(0).strip(), line=line)
    if match:  # "1. The side event": a numbered section heading
        return Block(index=index, kind="heading", text=text, level=2, line=line)
    return Block(index=index, kind="paragraph", text=text, line=line)


def read_text(data: bytes, filename: str) -> RawDocument:
    """Read a .txt file into blocks."""
    text = decode_text(data, filename)
    if _looks_binary(text):
        raise UnreadableDocument(f"{filename}: this is binary data, not text")
    blocks = blocks_from_lines(text.splitlines())
    if not blocks:
        raise EmptyDocument(f"{filename}: the file holds no text")
    return RawDocument(source=filename, media_type=MEDIA_TYPE, blocks=blocks)
