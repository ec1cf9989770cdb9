"""Read HTML minutes with lxml: headings, paragraphs, list items, table rows, in order.

Text directly inside a container (a <div> with words and <b>s in it) is a
paragraph of its own; <br> stays a line break; a <dl> becomes "term: definition"
paragraphs (scribe.perl's "Present", "Regrets", "Chair", "Scribe" header).
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree, html

from ingest.blocks import Block, RawDocument
from ingest.readers.encoding import decode_text
from ingest.readers.lines import blocks_from_lines, split_columns
from minutegraph.errors import EmptyDocument, UnreadableDocument

MEDIA_TYPE = "text/html"

_SKIP = {"script", "style", "head", "noscript", "template", "svg", "nav", "button",
         "select", "textarea", "iframe", "object"}
# Inline text only screen readers get ("Tip", "opens in a new tab"): a sighted
# reader never sees it, and it runs into the visible label beside it.
_SCREEN_READER_ONLY = {"sr-only", "screen-reader-only", "screen-reader-text",
                       "visually-hidden", "visuallyhidden", "sr-only-focusable"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_TEXT_BLOCKS = {"p", "pre", "address", "figcaption", "caption", "dt", "dd", "summary",
                "legend"}
_BLOCKS = {"div", "section", "article", "main", "body", "header", "footer", "aside",
           "details", "form", "fieldset", "center", "figure", "blockquote", "ul", "ol",
           "li", "table", "dl", "hr", "html", *_HEADINGS, *_TEXT_BLOCKS}
_BREAK = "\x00"  # stands for <br> while white space is collapsed
_SPACES = re.compile(r"[^\S\x00]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def _tag(node: etree._Element) -> str:
    return node.tag if isinstance(node.tag, str) else ""


def _skipped(node: etree._Element, tag: str) -> bool:
    """Elements with no visible text: scripts, navigation, screen-reader-only text."""
    if tag in _SKIP:
        return True
    if tag in _BLOCKS:  # a hidden heading ("Attendees") still says what follows
        return False
    classes = node.get("class")
    return bool(classes) and not _SCREEN_READER_ONLY.isdisjoint(classes.split())


def _inline(node: etree._Element, parts: list[str], *, pre: bool = False) -> None:
    """Append the visible text under `node`; <br> becomes a break marker.

    Inside a <pre> the source's line breaks are visible, so they become breaks too
    (a <pre> list of names is one name a line).
    """
    tag = _tag(node)
    pre = pre or tag == "pre"
    if tag == "br":
        parts.append(_BREAK)
    elif tag == "input" and node.get("type") in ("checkbox", "radio"):
        pass
    elif tag and not _skipped(node, tag):
        if node.text:
            parts.append(_pre_lines(node.text) if pre else node.text)
        for child in node:
            _inline(child, parts, pre=pre)
            if child.tail:
                parts.append(_pre_lines(child.tail) if pre else child.tail)


def _pre_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", _BREAK)


def clean(parts: list[str]) -> str:
    """Collapse white space as a browser does; keep <br> breaks as newlines."""
    text = _SPACES.sub(" ", "".join(parts).replace("\u00a0", " "))
    return "\n".join(line.strip() for line in text.split(_BREAK) if line.strip())


def _text(node: etree._Element) -> str:
    parts: list[str] = []
    _inline(node, parts)
    return clean(parts)


def _has_block(node: etree._Element) -> bool:
    return any(_tag(d) in _BLOCKS for d in node.iterdescendants())


_LAYOUT = {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "dl"}


def _is_layout(cell: etree._Element) -> bool:
    # A data cell holds a value; a cell with headings, lists, tables or several
    # paragraphs holds part of the page.
    paragraphs = 0
    for node in cell.iterdescendants():
        tag = _tag(node)
        if tag in _LAYOUT:
            return True
        paragraphs += tag in ("p", "div")
        if paragraphs > 2:
            return True
    return False


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.tables = 0
        self.depth = -1  # list nesting

    def add(self, **kw: object) -> None:
        """Append a block numbered in reading order."""
        self.blocks.append(Block(index=len(self.blocks), **kw))  # type: ignore[arg-type]

    def flush(self, parts: list[str], style: str | None = None) -> None:
        """Collected inline text as one paragraph, if any."""
        text = clean(parts)
        parts.clear()
        if text:
            self.add(kind="paragraph", text=text, style=style)

    def walk(self, node: etree._Element) -> None:
        """Blocks for the children of `node`; loose inline text becomes paragraphs."""
        parts: list[str] = [node.text] if node.text else []
        for child in node:
            tag = _tag(child)
            if _skipped(child, tag):
                pass
            elif tag in _BLOCKS or (tag and len(child) and _has_block(child)):
                self.flush(parts)
                self.block(child, tag)
            else:
                _inline(child, parts)
            if child.tail:
                parts.append(child.tail)
        self.flush(parts)

    def block(self, node: etree._Element, tag: str) -> None:
        """The blocks of one block-level element."""
        if tag in _HEADINGS:
            text = _text(node)
            if text:
                self.add(kind="heading", text=text, level=_HEADINGS[tag], style=tag)
        elif tag in ("ul", "ol"):
            self.depth += 1
            for item in node:
                if _tag(item) == "li":
                    self.list_item(item)
                elif _tag(item):
                    self.block(item, _tag(item))
            self.depth -= 1
        elif tag == "li":  # an <li> outside a list
            self.list_item(item=node)
        elif tag == "table":
            self.table(node)
        elif tag == "dl":
            self.definitions(node)
        elif tag in _TEXT_BLOCKS and not _has_block(node):
            parts: list[str] = []
            _inline(node, parts)
            if tag != "pre" or not self.aligned(parts):
                self.flush(parts, style=tag)
        else:
            self.walk(node)

    def aligned(self, parts: list[str]) -> bool:
        """A <pre> laid out in columns: table rows, as the text reader makes them."""
        lines = [line for line in "".join(parts).split(_BREAK) if line.strip()]
        columns = [split_columns(line) for line in lines]
        widths = {len(cells or ()) for cells in columns}
        if len(lines) < 2 or not all(columns) or len(widths) > 1:
            return False
        for block in blocks_from_lines(lines):
            table = None if block.table is None else self.tables + block.table
            self.blocks.append(replace(block, index=len(self.blocks), table=table))
        self.tables += 1
        return True

    def list_item(self, item: etree._Element) -> None:
        """An <li> as a list item; its nested lists follow it."""
        parts: list[str] = [item.text] if item.text else []
        rest: list[etree._Element] = []
        for child in item:
            tag = _tag(child)
            if rest or tag in _BLOCKS or (tag and len(child) and _has_block(child)):
                first_p = tag == "p" and not rest and not clean(parts)
                if first_p and not _has_block(child):
                    _inline(child, parts)  # <li><p>text</p>...: the <p> is the item
                else:
                    rest.append(child)
                continue
            _inline(child, parts)
            if child.tail:
                parts.append(child.tail)
        box = item.find(".//input[@type='checkbox']")
        checked = None if box is None else box.get("checked") is not None
        text = clean(parts)
        if text:
            self.add(kind="list_item", text=text, level=max(self.depth, 0), style="li",
                     checked=checked)
        for child in rest:  # a nested list counts its own level
            self.block(child, _tag(child))

    def table(self, table: etree._Element) -> None:
        """Table rows as blocks, or the cells as content for a layout table."""
        rows = [tr for tr in table if _tag(tr) == "tr"]
        for part in table:
            if _tag(part) in ("thead", "tbody", "tfoot"):
                rows.extend(tr for tr in part if _tag(tr) == "tr")
        cells = [c for tr in rows for c in tr if _tag(c) in ("td", "th")]
        if any(_is_layout(c) for c in cells):
            for cell in cells:  # a page laid out with a table: cells are content
                self.walk(cell)
            return
        number = self.tables
        self.tables += 1
        for i, tr in enumerate(rows):
            cells = [c for c in tr if _tag(c) in ("td", "th")]
            texts = [_text(c) for c in cells]
            if any(texts):
                header = _tag(tr.getparent()) == "thead" or (
                    i == 0 and all(_tag(c) == "th" for c in cells))
                self.blocks.append(Block.row(len(self.blocks), texts, table=number,
                                             header=header))

    def definitions(self, dl: etree._Element) -> None:
        """A <dl> as "term: definition" paragraphs."""
        term = ""
        for child in dl:
            tag = _tag(child)
            if tag == "dt":
                if term:
                    self.flush([term], style="dt")
                term = _text(child).replace("\n", " ")
            elif tag == "dd" and not _has_block(child):
                parts = [f"{term}: "] if term else []
                _inline(child, parts)
                self.flush(parts, style="dl")
                term = ""
            elif tag:
                if term:
                    self.flush([f"{term}:"], style="dt")
                    term = ""
                self.block(child, tag)
        if term:
            self.flush([term], style="dt")


def read_fragment(markup: str, blocks: list[Block], first_table: int) -> int:
    """Append the blocks of an HTML fragment (Markdown's raw HTML) to `blocks`.

    Returns the number the next table gets.
    """
    try:
        root = html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return first_table  # an unbalanced tag or a comment alone: no text to read
    walker = _Walker()
    walker.blocks, walker.tables = blocks, first_table
    walker.walk(root)
    return walker.tables


def read_html(data: bytes, filename: str) -> RawDocument:
    """Read an .html file into blocks."""
    text = _XML_DECL.sub("", decode_text(data, filename))  # lxml refuses str + encoding
    if not text.strip():
        raise EmptyDocument(f"{filename}: the file holds no text")
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
