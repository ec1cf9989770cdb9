"""Read .docx files by walking WordprocessingML directly (python-docx's objects are slow).

python-docx opens the package (and checks it is one); the body is then walked as
XML: paragraphs and tables in body order, tracked changes resolved, text boxes and
content controls read in place, list levels from numbering properties, headings
from style outline levels.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from lxml import etree

from ingest.blocks import Block, RawDocument
from minutegraph.errors import (
    DocumentTooLarge,
    EncryptedDocument,
    UnreadableDocument,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and old .doc
MAX_UNPACKED = 200 * 1024 * 1024

_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.IGNORECASE)


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, R, T, SDT, SDTCONTENT = (
    _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("r"), _q("t"), _q("sdt"), _q("sdtContent"))
DEL, INS, MOVEFROM, BR, CR, TAB = (
    _q("del"), _q("ins"), _q("moveFrom"), _q("br"), _q("cr"), _q("tab"))
TXBX = _q("txbxContent")
VAL = _q("val")


def _open_zip(data: bytes, filename: str, max_unpacked: int) -> zipfile.ZipFile:
    if data.startswith(OLE_MAGIC):
        raise EncryptedDocument(
            f"{filename}: this is a password-protected or legacy (.doc) Word file; "
            "save it unprotected as .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableDocument(
            f"{filename}: not a Word document (the .docx container is broken: {exc})"
        ) from None
    if sum(info.file_size for info in infos) > max_unpacked:
        raise DocumentTooLarge(
            f"{filename}: unpacks to more than {max_unpacked // (1024 * 1024)} MiB")
    if "word/document.xml" not in archive.namelist():
        raise UnreadableDocument(f"{filename}: not a Word document (no word/document.xml)")
    for info in infos:
        if info.file_size > 0 and info.compress_size * 1000 < info.file_size:
            raise DocumentTooLarge(f"{filename}: {info.filename} is a zip bomb "
                                   "(compressed over 1000 to 1)")
    return archive


def _style_info(styles_xml: etree._Element | None) -> dict[str, tuple[str, int | None]]:
    """Map style id -> (style name, heading level or None)."""
    info: dict[str, tuple[str, int | None]] = {}
    if styles_xml is None:
        return info
    for style in styles_xml.iterfind("w:style", NS):
        style_id = style.get(_q("styleId"))
        name_el = style.find("w:name", NS)
        name = name_el.get(VAL) if name_el is not None else style_id
        level: int | None = None
        outline = style.find("w:pPr/w:outlineLvl", NS)
        if outline is not None and (outline.get(VAL) or "").isdigit():
            level = int(outline.get(VAL)) + 1
        match = _HEADING_STYLE.match(name or "")
        if match:
            level = int(match.group(1))
        elif (name or "").lower() == "title":
            level = 0
        info[style_id] = (name or style_id, level)
    return info


class _Walker:
    def __init__(self, styles: dict[str, tuple[str, int | None]]) -> None:
        self.styles = styles
        self.blocks: list[Block] = []
        self.tables = 0
        self.pending_boxes: list[etree._Element] = []

    def add(self, **kw: object) -> None:
        self.blocks.append(Block(index=len(self.blocks), **kw))  # type: ignore[arg-type]

    def walk(self, container: etree._Element) -> None:
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
            elif tag in (INS, _q("customXml"), _q("smartTag")):
                self.walk(child)

    def paragraph_text(self, p: etree._Element) -> str:
        parts: list[str] = []
        self._runs(p, parts)
        text = "".join(parts).replace("\u00a0", " ").replace("\u200b", "")
        return "\n".join(line.strip() for line in text.split("\n")).strip()

    def _runs(self, node: etree._Element, parts: list[str]) -> None:
        for child in node:
            tag = child.tag
            if tag in (DEL, MOVEFROM):
                continue  # tracked deletion: not part of the text
            if tag == T:
                parts.append(child.text or "")
            elif tag == TAB:
                parts.append("\t")
            elif tag in (BR, CR):
                if child.get(_q("type")) not in ("page", "column"):
                    parts.append("\n")
            elif tag == _q("noBreakHyphen"):
                parts.append("-")
            elif tag == TXBX:
                self.pending_boxes.append(child)
            elif tag in (_q("pPr"), _q("rPr"), _q("instrText"), _q("delText")):
                continue
            else:
                self._runs(child, parts)

    def paragraph(self, p: etree._Element) -> None:
        text = self.paragraph_text(p)
        boxes, self.pending_boxes = self.pending_boxes, []
        if text:
            style_id = p.find("w:pPr/w:pStyle", NS)
            sid = style_id.get(VAL) if style_id is not None else None
            name, heading = self.styles.get(sid or "", (sid, None))
            ilvl = p.find("w:pPr/w:numPr/w:ilvl", NS)
            num_id = p.find("w:pPr/w:numPr/w:numId", NS)
            outline = p.find("w:pPr/w:outlineLvl", NS)
            if heading is None and outline is not None and (outline.get(VAL) or "").isdigit():
                level = int(outline.get(VAL))
                heading = level + 1 if level < 9 else None
            if heading is not None:
                self.add(kind="heading", text=text, level=heading, style=name)
            elif (num_id is not None and num_id.get(VAL) != "0") or (
                    name and name.lower().startswith("list")):
                level = int(ilvl.get(VAL)) if ilvl is not None and (ilvl.get(VAL) or "").isdigit() else 0
                self.add(kind="list_item", text=text, level=level, style=name)
            else:
                self.add(kind="paragraph", text=text, style=name)
        for box in boxes:
            self.walk(box)

    def cell_text(self, tc: etree._Element) -> str:
        lines: list[str] = []
        for p in tc.iter(P):
            text = self.paragraph_text(p)
            self.pending_boxes = []
            if text:
                lines.append(text)
        return "\n".join(lines)

    def table(self, tbl: etree._Element) -> None:
        table_no = self.tables
        self.tables += 1
        first = True
        for tr in tbl.iter(TR):
            if tr.getparent() is not None and tr.getparent().tag not in (TBL, SDTCONTENT, INS):
                continue
            if _ancestor_table(tr) is not tbl:
                continue  # a nested table's row: its cells are read as text
            header = tr.find("w:trPr/w:tblHeader", NS) is not None
            cells: list[str] = []
            for tc in _row_cells(tr):
                vmerge = tc.find("w:tcPr/w:vMerge", NS)
                if vmerge is not None and vmerge.get(VAL) in (None, "continue"):
                    cells.append("")  # the merged cell was read in the row above
                else:
                    cells.append(self.cell_text(tc))
            if any(cells):
                self.blocks.append(Block.row(len(self.blocks), cells, table=table_no,
                                             header=header or first))
                first = False


def _ancestor_table(node: etree._Element) -> etree._Element | None:
    parent = node.getparent()
    while parent is not None and parent.tag != TBL:
        parent = parent.getparent()
    return parent


def _row_cells(tr: etree._Element) -> list[etree._Element]:
    cells: list[etree._Element] = []
    for child in tr:
        if child.tag == TC:
            cells.append(child)
        elif child.tag == SDT:
            content = child.find(SDTCONTENT)
            if content is not None:
                cells.extend(c for c in content if c.tag == TC)
    return cells


def read_docx(data: bytes, filename: str, *, max_unpacked: int = MAX_UNPACKED) -> RawDocument:
    """Flatten a .docx into blocks (headings, paragraphs, list items, table rows)."""
    _open_zip(data, filename, max_unpacked)  # type, size and zip-bomb checks first
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken packages
        raise UnreadableDocument(
            f"{filename}: not a readable Word document ({type(exc).__name__}: {exc})"
        ) from None
    try:
        styles = _style_info(document.styles.element)
    except (KeyError, ValueError):  # a package without a styles part
        styles = {}
    body = document.element.body
    walker = _Walker(styles)
    walker.walk(body)
    title = (document.core_properties.title or "").strip() or None
    return RawDocument(source=filename, media_type=MEDIA_TYPE, blocks=walker.blocks,
                       title=title)
