"""Read .docx files by walking WordprocessingML (python-docx's objects are slow).

python-docx opens the package (after docx_package has checked it); the body is
then walked as XML: paragraphs and tables in body order, tracked changes resolved
(deletions dropped, insertions kept), text boxes and content controls read in
place, list levels from numbering properties, headings from style outline levels.
"""

from __future__ import annotations

import io
import re

import docx
from lxml import etree

from ingest.blocks import Block, RawDocument
from ingest.readers.docx_package import (
    MAX_UNPACKED,
    NS,
    VAL,
    Style,
    check_package,
    q,
    read_styles,
)
from minutegraph.errors import UnreadableDocument

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

P, TBL, TR, TC, T, SDT, SDTCONTENT = (
    q("p"), q("tbl"), q("tr"), q("tc"), q("t"), q("sdt"), q("sdtContent"))
DEL, INS, MOVEFROM, MOVETO, BR, CR, TAB = (
    q("del"), q("ins"), q("moveFrom"), q("moveTo"), q("br"), q("cr"), q("tab"))
TXBX = q("txbxContent")
# Run content that is not text: field codes, deleted text, properties, symbols.
_SKIP = {q("pPr"), q("rPr"), q("instrText"), q("delText"), q("delInstrText"), DEL,
         MOVEFROM, MC_FALLBACK, q("softHyphen"), q("footnoteReference"),
         q("endnoteReference"), q("commentReference"), q("sdtPr"), q("sdtEndPr")}
_TRANSPARENT = {INS, MOVETO, q("customXml"), q("smartTag"), q("sdtContent")}
_SPACES = re.compile(r" {2,}")
_TABS = re.compile(r"[ \t]*\t[ \t]*")


def _on(el: etree._Element | None) -> bool:
    # <w:b/> and <w:b w:val="true"/> switch a property on; val="0"/"false" off.
    return el is not None and el.get(VAL, "true") not in ("0", "false", "off")


class _Walker:
    def __init__(self, styles: dict[str, Style]) -> None:
        self.styles = styles
        self.blocks: list[Block] = []
        self.tables = 0
        self.boxes: list[etree._Element] = []  # text boxes met inside the paragraph

    def add(self, **kw: object) -> None:
        """Append a block numbered in reading order."""
        self.blocks.append(Block(index=len(self.blocks), **kw))  # type: ignore[arg-type]

    def walk(self, container: etree._Element) -> None:
        """Blocks for the paragraphs and tables of a body, cell, text box or control."""
        for child in container:
            tag = child.tag
            if tag == P:
                self.paragraph(child)
            elif tag == TBL:
                self.table(child)
            elif tag == SDT:
                content = child.find(SDTCONTENT)
                if content is not None:
                    self.walk(content)
            elif tag in _TRANSPARENT:
                self.walk(child)

    def text(self, p: etree._Element) -> str:
        """A paragraph's text: soft breaks kept as newlines, spaces normalised."""
        parts: list[str] = []
        self._runs(p, parts)
        text = "".join(parts).replace("\u00a0", " ").replace("\u200b", "")
        lines = (_SPACES.sub(" ", _TABS.sub("\t", line)).strip(" \t")
                 for line in text.split("\n"))
        return "\n".join(line for line in lines if line)

    def _runs(self, node: etree._Element, parts: list[str]) -> None:
        for child in node:
            tag = child.tag
            if tag == T:
                parts.append(child.text or "")
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            elif tag == TAB:
                parts.append("\t")
            elif tag in (BR, CR):
                # a page or column break inside a paragraph still separates words
                parts.append("\n" if child.get(q("type")) in (None, "textWrapping")
                             else " ")
            elif tag == q("noBreakHyphen"):
                parts.append("-")
            elif tag == TXBX:
                self.boxes.append(child)  # read after the paragraph that anchors it
            elif tag != P:
                self._runs(child, parts)

    def paragraph(self, p: etree._Element) -> None:
        """One paragraph as a block, then the text boxes it anchors."""
        text = self.text(p)
        boxes, self.boxes = self.boxes, []
        if text:
            self.add(**self._describe(p), text=text)
        for box in boxes:
            self.walk(box)

    def _describe(self, p: etree._Element) -> dict[str, object]:
        style_el = p.find("w:pPr/w:pStyle", NS)
        style_id = style_el.get(VAL) if style_el is not None else None
        style = self.styles.get(style_id or "") \
            or Style(style_id or "Normal", None, False)
        heading = style.heading
        outline = p.find("w:pPr/w:outlineLvl", NS)
        if outline is not None and (outline.get(VAL) or "").isdigit():
            heading = int(outline.get(VAL) or 0) + 1 if int(outline.get(VAL) or 0) < 9 \
                else None
        if heading is not None:
            return {"kind": "heading", "level": heading, "style": style.name}
        num_id = p.find("w:pPr/w:numPr/w:numId", NS)
        numbered = style.numbered if num_id is None else num_id.get(VAL) != "0"
        if not numbered:
            return {"kind": "paragraph", "style": style.name}
        ilvl = p.find("w:pPr/w:numPr/w:ilvl", NS)
        raw = ilvl.get(VAL) if ilvl is not None else None
        level = int(raw) if raw and raw.isdigit() else style.list_level
        return {"kind": "list_item", "level": level, "style": style.name}

    def cell_text(self, tc: etree._Element) -> str:
        """A cell's paragraphs (nested tables included) as lines of one text."""
        lines: list[str] = []
        for p in _paragraphs(tc):
            text = self.text(p)
            for box in self.boxes:  # a text box in a cell counts as cell text
                lines.extend(t for t in map(self.text, box.iter(P)) if t)
            self.boxes = []
            if text:
                lines.append(text)
        return "\n".join(lines)

    def table(self, tbl: etree._Element) -> None:
        """The table's rows as blocks, header rows marked."""
        number = self.tables
        self.tables += 1
        rows = [tr for tr in _rows(tbl) if not _on(tr.find("w:trPr/w:del", NS))]
        marked = [tr.find("w:trPr/w:tblHeader", NS) is not None for tr in rows]
        if not any(marked) and len(rows) >= 2:
            marked[0] = _looks_like_header(rows[0], self.styles)
        for tr, header in zip(rows, marked, strict=True):
            cells = [self._cell(tc) for tc in _cells(tr)]
            if any(cells):
                self.blocks.append(Block.row(len(self.blocks), cells, table=number,
                                             header=header))

    def _cell(self, tc: etree._Element) -> str:
        vmerge = tc.find("w:tcPr/w:vMerge", NS)
        if vmerge is not None and vmerge.get(VAL) in (None, "continue"):
            return ""  # a vertically merged cell: its text was read in the row above
        return self.cell_text(tc)


def _paragraphs(container: etree._Element) -> list[etree._Element]:
    """Paragraphs of a cell in reading order, nested tables included, boxes not."""
    found: list[etree._Element] = []
    for child in container:
        if child.tag == P:
            found.append(child)
        elif child.tag == TBL:
            for tr in _rows(child):
                for tc in _cells(tr):
                    found.extend(_paragraphs(tc))
        elif child.tag in (SDT, *_TRANSPARENT):
            content = child.find(SDTCONTENT) if child.tag == SDT else child
            if content is not None:
                found.extend(_paragraphs(content))
    return found


def _rows(tbl: etree._Element) -> list[etree._Element]:
    """The table's own rows, through content controls and tracked insertions."""
    rows: list[etree._Element] = []
    for child in tbl:
        if child.tag == TR:
            rows.append(child)
        elif child.tag in (SDT, *_TRANSPARENT):
            content = child.find(SDTCONTENT) if child.tag == SDT else child
            if content is not None:
                rows.extend(_rows(content))
    return rows


def _cells(tr: etree._Element) -> list[etree._Element]:
    cells: list[etree._Element] = []
    for child in tr:
        if child.tag == TC:
            cells.append(child)
        elif child.tag in (SDT, *_TRANSPARENT):
            content = child.find(SDTCONTENT) if child.tag == SDT else child
            if content is not None:
                cells.extend(_cells(content))
    return cells


def _looks_like_header(tr: etree._Element, styles: dict[str, Style]) -> bool:
    """A first row without the repeat-header flag: all bold or in a heading style."""
    runs = [r for r in tr.iter(q("r"))
            if "".join(t.text or "" for t in r.iter(T)).strip()]
    if not runs:
        return False
    for p in tr.iter(P):
        style_el = p.find("w:pPr/w:pStyle", NS)
        style = styles.get(style_el.get(VAL) or "") if style_el is not None else None
        if style is not None and "heading" in style.name.lower():
            return True
    return all(_on(r.find("w:rPr/w:b", NS)) for r in runs)


def read_docx(data: bytes, filename: str, *,
              max_unpacked: int = MAX_UNPACKED) -> RawDocument:
    """Flatten a .docx into blocks (headings, paragraphs, list items, table rows)."""
    check_package(data, filename, max_unpacked)
    try:
        document = docx.Document(io.BytesIO(data))
        try:
            styles = read_styles(document.styles.element)
        except (KeyError, ValueError):  # a package without a styles part
            styles = {}
        walker = _Walker(styles)
        walker.walk(document.element.body)
        title = (document.core_properties.title or "").strip() or None
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types on junk
        raise UnreadableDocument(
            f"{filename}: not a readable Word document ({type(exc).__name__}: {exc})"
        ) from None
    return RawDocument(source=filename, media_type=MEDIA_TYPE, blocks=walker.blocks,
                       title=title)
