"""Read HTML minutes with lxml: headings, paragraphs, list items, table rows, in order."""

from __future__ import annotations

import re

from lxml import etree, html

from ingest.blocks import Block, RawDocument
from ingest.readers.text import decode_text
from minutegraph.errors import EmptyDocument, UnreadableDocument

MEDIA_TYPE = "text/html"

_SKIP = {"script", "style", "head", "noscript", "template", "svg", "nav"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_TEXT_BLOCKS = {"p", "dt", "dd", "pre", "blockquote", "address", "figcaption", "caption"}
_CONTAINERS = {"div", "section", "article", "main", "body", "header", "footer", "aside",
               "details", "summary", "dl", "form", "fieldset", "center", "span"}


def _text(el: etree._Element) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str) or node.tag in _SKIP:
            return
        if node.tag == "br":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    text = "".join(parts).replace("\u00a0", " ")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.tables = 0
        self.list_depth = -1

    def add(self, **kw: object) -> None:
        self.blocks.append(Block(index=len(self.blocks), **kw))  # type: ignore[arg-type]

    def walk(self, el: etree._Element) -> None:  # noqa: C901
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if not tag or tag in _SKIP:
                continue
            if tag in _HEADINGS:
                text = _text(child)
                if text:
                    self.add(kind="heading", text=text, level=_HEADINGS[tag], style=tag)
            elif tag in ("ul", "ol"):
                self.list_depth += 1
                for item in child:
                    if isinstance(item.tag, str) and item.tag == "li":
                        self.list_item(item)
                self.list_depth -= 1
            elif tag == "table":
                self.table(child)
            elif tag in _TEXT_BLOCKS:
                if child.find(".//p") is not None or child.find(".//table") is not None:
                    self.walk(child)
                else:
                    text = _text(child)
                    if text:
                        self.add(kind="paragraph", text=text, style=tag)
            elif tag in _CONTAINERS or len(child):
                self.walk(child)
            else:
                text = _text(child)
                if text:
                    self.add(kind="paragraph", text=text, style=tag)
            if child.tail and child.tail.strip() and tag not in _CONTAINERS:
                self.add(kind="paragraph", text=" ".join(child.tail.split()))

    def list_item(self, item: etree._Element) -> None:
        nested = [c for c in item if isinstance(c.tag, str) and c.tag in ("ul", "ol", "table")]
        for c in nested:
            item.remove(c)
        text = _text(item)
        checked = None
        box = item.find(".//input[@type='checkbox']")
        if box is not None:
            checked = box.get("checked") is not None
        if text:
            self.add(kind="list_item", text=text, level=max(self.list_depth, 0),
                     style="li", checked=checked)
        holder = etree.Element("div")
        holder.extend(nested)
        self.walk(holder)

    def table(self, table: etree._Element) -> None:
        number = self.tables
        self.tables += 1
        for tr in table.iter("tr"):
            cells = [_text(c) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            header = bool(cells) and all(
                c.tag == "th" for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th"))
            if any(cells):
                self.blocks.append(Block.row(len(self.blocks), cells, table=number,
                                             header=header or tr.getparent().tag == "thead"))


def read_html(data: bytes, filename: str) -> RawDocument:
    """Read an .html file into blocks."""
    text = decode_text(data, filename)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str with an encoding decl
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableDocument(f"{filename}: not readable as HTML ({exc})") from None
    title_el = root.find(".//title")
    title = _text(title_el) if title_el is not None else None
    body = root.find("body")
    walker = _Walker()
    walker.walk(body if body is not None else root)
    if not walker.blocks:
        raise EmptyDocument(f"{filename}: the page holds no text")
    return RawDocument(source=filename, media_type=MEDIA_TYPE, blocks=walker.blocks,
                       title=title or None)
