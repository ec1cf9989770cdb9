"""Read Markdown minutes with markdown-it-py (CommonMark + tables + front matter).

Front matter is kept apart from the body (its `date:` is often a publication or
edit date, not the meeting's). Inline markup is dropped, link text kept, link
targets dropped; checklist boxes ("- [ ]", "- [x]") become `Block.checked`.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ingest.blocks import Block, RawDocument
from ingest.readers.text import decode_text
from minutegraph.errors import EmptyDocument

MEDIA_TYPE = "text/markdown"

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?---[ \t]*(?:\r?\n|\Z)",
                           re.DOTALL)
_CHECKBOX = re.compile(r"^\[([ xX])\]\s+")
_MD = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def split_front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """Return (front matter as flat key/value pairs, body, lines the front matter took)."""
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


def inline_text(token: Token) -> str:
    """The visible text of an inline token: markup, link targets and HTML tags dropped."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "html_inline":
            if child.content.lower().startswith("<br"):
                parts.append("\n")
        elif child.type == "image":
            parts.append(child.content or "")
    text = "".join(parts).replace("\u00a0", " ")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def read_markdown(data: bytes, filename: str) -> RawDocument:  # noqa: C901
    """Read a .md file into blocks."""
    text = decode_text(data, filename)
    meta, body, offset = split_front_matter(text)
    tokens = _MD.parse(body)
    blocks: list[Block] = []
    list_depth = -1
    table_no = -1
    in_header = False
    row: list[str] = []
    heading_level = 0
    context: list[str] = []  # enclosing block types: list_item, blockquote, ...

    def add(**kw: object) -> None:
        blocks.append(Block(index=len(blocks), **kw))  # type: ignore[arg-type]

    for i, tok in enumerate(tokens):
        line = tok.map[0] + offset + 1 if tok.map else None
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open":
            context.append(tok.markup or "-")
        elif kind == "list_item_close":
            context.pop()
        elif kind == "heading_open":
            heading_level = int(tok.tag[1])
        elif kind == "table_open":
            table_no += 1
        elif kind == "thead_open":
            in_header = True
        elif kind == "thead_close":
            in_header = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if any(row):
                blocks.append(Block.row(len(blocks), row, table=table_no,
                                        header=in_header, line=line))
        elif kind == "inline":
            content = inline_text(tok)
            parent = tokens[i - 1].type if i else ""
            if parent in ("th_open", "td_open"):
                row.append(content)
            elif not content:
                continue
            elif parent == "heading_open":
                add(kind="heading", text=content, level=heading_level, style=f"h{heading_level}",
                    line=line)
            elif context and parent == "paragraph_open" and _first_in_item(tokens, i):
                checked = None
                match = _CHECKBOX.match(content)
                if match:
                    checked = match.group(1).lower() == "x"
                    content = content[match.end():]
                add(kind="list_item", text=content, level=max(list_depth, 0),
                    style=context[-1], checked=checked, line=line)
            else:
                add(kind="paragraph", text=content, line=line)
        elif kind in ("html_block", "code_block", "fence"):
            content = _strip_tags(tok.content).strip()
            for part in filter(None, (p.strip() for p in content.split("\n\n"))):
                add(kind="paragraph", text=" ".join(part.split()), line=line)
    if not blocks:
        raise EmptyDocument(f"{filename}: the file holds no text")
    return RawDocument(source=filename, media_type=MEDIA_TYPE, blocks=blocks,
                       title=meta.get("title") or None, metadata=meta)


def _first_in_item(tokens: list[Token], i: int) -> bool:
    # The paragraph that opens a list item is the item's text; later paragraphs in
    # the same item are ordinary paragraphs.
    return i >= 2 and tokens[i - 2].type == "list_item_open"


def _strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)
