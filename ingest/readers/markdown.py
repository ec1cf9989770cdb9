"""Read Markdown minutes with markdown-it-py (CommonMark + tables + front matter).

Front matter is kept apart from the body (its `date:` is often a publication or
edit date, not the meeting's). Inline markup is dropped, link text kept, link
targets dropped; checklist boxes ("- [ ]", "- [x]") become `Block.checked`.
Lines opening with a bullet glyph CommonMark does not know ("•", pasted from
Word) become list items; a paragraph that is one short bold span is a heading.
Soft line breaks join lines with a space, unless the lines read as entries of
their own ("Name - Organisation" one a line, no bullets): then they stay breaks.
"""

from __future__ import annotations

import itertools
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ingest.blocks import Block, RawDocument
from ingest.readers.encoding import decode_text
from ingest.readers.html import read_fragment
from ingest.readers.lines import wrap_width
from minutegraph.errors import EmptyDocument

MEDIA_TYPE = "text/markdown"

_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_CHECKBOX = re.compile(r"^\[([ xX])\]\s+")
_GLYPH_ITEM = re.compile(r"^[•●▪◦‣○■]\s*")
_SOFT = "\x00"  # a soft line break, until we know whether a bullet glyph follows it
# Lines of an unbulleted list are short; a wrapped line ends on a word that
# carries on into the next one.
_ENTRY_MAX = 60
_CARRIES_ON = frozenset({
    "a", "an", "the", "and", "or", "nor", "but", "of", "to", "for", "with", "in",
    "on", "at", "by", "from", "as", "that", "which", "who",
})
_MD = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def split_front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """Return (front matter as flat key/value pairs, body, lines it took)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not line.startswith((" ", "\t", "-")):
            meta[key.strip().lower()] = value.strip().strip("'\"")
    consumed = match.group(0).count("\n")
    return meta, text[match.end():], consumed


def inline_text(token: Token, soft: str = " ") -> str:
    """The visible text of an inline token: markup, link targets and tags dropped."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(soft)
        elif child.type == "hardbreak" or (
                child.type == "html_inline"
                and child.content.lower().startswith("<br")):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content or "")
    text = "".join(parts).replace("\u00a0", " ")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _bold_only(token: Token) -> bool:
    children = [c for c in token.children or []
                if c.type != "text" or c.content.strip()]
    return len(children) >= 3 and children[0].type == "strong_open" \
        and children[-1].type == "strong_close" \
        and sum(c.type == "strong_open" for c in children) == 1


class _Reader:
    def __init__(self, offset: int, width: int | None = None) -> None:
        self.offset = offset
        self.width = width  # the column the source is hard-wrapped at, if it is
        self.blocks: list[Block] = []
        self.depth = -1
        self.tables = -1
        self.in_header = False
        self.row: list[str] = []
        self.markers: list[str] = []  # the open list items' markers
        self.heading_level = 0  # the last real heading's level

    def add(self, **kw: object) -> None:
        """Append a block numbered in reading order."""
        self.blocks.append(Block(index=len(self.blocks), **kw))  # type: ignore[arg-type]

    def structure(self, tok: Token, line: int | None) -> None:
        """Track lists, tables and raw blocks from a non-inline token."""
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.depth -= 1
        elif kind == "list_item_open":
            self.markers.append(tok.markup or "-")
        elif kind == "list_item_close":
            self.markers.pop()
        elif kind == "table_open":
            self.tables += 1
        elif kind in ("thead_open", "thead_close"):
            self.in_header = kind == "thead_open"
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close" and any(self.row):
            self.blocks.append(Block.row(len(self.blocks), self.row, table=self.tables,
                                         header=self.in_header, line=line))
        elif kind == "html_block":
            self.tables = read_fragment(tok.content, self.blocks, self.tables + 1) - 1
        elif kind in ("code_block", "fence"):
            for part in filter(None, (p.strip() for p in tok.content.split("\n\n"))):
                self.add(kind="paragraph", text=" ".join(part.split()), line=line)

    def inline(self, tokens: list[Token], i: int, line: int | None) -> None:
        """The text of an inline token as a heading, cell, list item or paragraph."""
        tok, parent = tokens[i], tokens[i - 1].type if i else ""
        if parent in ("th_open", "td_open"):
            self.row.append(inline_text(tok))
            return
        if parent == "heading_open":
            self.heading_level = int(tokens[i - 1].tag[1])
            text = inline_text(tok)
            if text:
                self.add(kind="heading", text=text, level=self.heading_level,
                         style=tokens[i - 1].tag, line=line)
            return
        soft = inline_text(tok, soft=_SOFT)
        (_, text), *glyph_items = _glyph_items(soft, self.width)
        opens_item = self.markers and i >= 2 and tokens[i - 2].type == "list_item_open"
        if opens_item:
            self.list_item(text, line)
        elif text and _bold_only(tok) and len(text) <= 80 \
                and not text.endswith((".", ":")):
            self.add(kind="heading", text=text, level=min(self.heading_level + 1, 6),
                     style="strong", line=line)
        elif text:
            self.add(kind="paragraph", text=text, line=line)
        for number, item in glyph_items:
            self.add(kind="list_item", text=item, level=self.depth + 1, style="•",
                     line=line + number if line else None)

    def list_item(self, text: str, line: int | None) -> None:
        """A list item, with its checkbox read off."""
        checked = None
        match = _CHECKBOX.match(text)
        if match:
            checked = match.group(1).lower() == "x"
            text = text[match.end():]
        if text:
            self.add(kind="list_item", text=text, level=max(self.depth, 0),
                     style=self.markers[-1], checked=checked, line=line)


def _glyph_items(text: str, width: int | None = None) -> list[tuple[int, str]]:
    """Text before the first glyph-bulleted line, then each such line, with offsets."""
    runs: list[tuple[int, list[str]]] = [(0, [])]
    for number, part in enumerate(text.split(_SOFT)):
        part = part.strip()
        match = _GLYPH_ITEM.match(part)
        if match and part[match.end():]:
            runs.append((number, [part[match.end():]]))
        elif part:
            runs[-1][1].append(part)
    return [(number, _join(lines, width)) for number, lines in runs]


def _join(lines: list[str], width: int | None) -> str:
    """Soft-broken lines as one text: a line break between entries, a space in prose."""
    return ("\n" if keeps_soft_breaks(lines, width) else " ").join(lines)


def keeps_soft_breaks(lines: list[str], width: int | None) -> bool:
    """Whether soft-broken lines are entries of their own, not wrapped prose.

    Entries are short lines that open with a capital or a digit, of two words or
    more (one word each when there are three or more), maybe after a label line
    ("Present:"); a line that broke only because the next word would not have
    fitted (the text reader's wrap rule) or on "and", "of", "the"... is prose.
    """
    if len(lines) < 2:
        return False
    entries = lines[1:] if lines[0].endswith(":") else lines
    shortest = 1 if len(entries) >= 3 else 2
    if not all(_entry_line(line, shortest) for line in entries):
        return False
    for previous, line in itertools.pairwise(lines):
        previous = previous.rsplit("\n", 1)[-1]
        if previous.split()[-1].lower() in _CARRIES_ON:
            return False
        if width is not None and len(previous) + 1 + len(line.split()[0]) > width - 4:
            return False
    return True


def _entry_line(line: str, shortest: int) -> bool:
    """A short line that can stand as one entry of a list."""
    last, first = line.rsplit("\n", 1)[-1], line.split("\n", 1)[0]
    if len(last) > _ENTRY_MAX or min(len(first.split()), len(last.split())) < shortest:
        return False
    return first[0].isupper() or first[0].isdigit()


def read_markdown(data: bytes, filename: str) -> RawDocument:
    """Read a .md file into blocks."""
    meta, body, offset = split_front_matter(decode_text(data, filename))
    tokens = _MD.parse(body)
    reader = _Reader(offset, wrap_width(body.splitlines()))
    for i, tok in enumerate(tokens):
        line = tok.map[0] + offset + 1 if tok.map else None
        if tok.type == "inline":
            reader.inline(tokens, i, line)
        else:
            reader.structure(tok, line)
    if not reader.blocks:
        raise EmptyDocument(f"{filename}: the file holds no text")
    return RawDocument(source=filename, media_type=MEDIA_TYPE, blocks=reader.blocks,
                       title=meta.get("title") or None, metadata=meta)
