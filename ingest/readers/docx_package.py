"""Check a .docx container before it is parsed, and read the styles the walker needs.

Refuses, with one typed error each: legacy .doc and password-protected files
(both OLE compound files), anything that is not a zip, a zip without a Word
body, zip bombs (declared size over the limit, or a wild compression ratio).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from minutegraph.errors import (
    DocumentTooLarge,
    EncryptedDocument,
    UnreadableDocument,
    UnsupportedDocument,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED = 200 * 1024 * 1024
MAX_ENTRIES = 10_000
MAX_RATIO = 1000  # deflate cannot do much better than ~1030:1; bombs sit at the limit

_LIST_NAME = re.compile(r"^list(?: bullet| number)?\s*(\d)?$", re.IGNORECASE)
_HEADING_NAME = re.compile(r"^(?:heading|überschrift|titre|kop)\s*(\d)$", re.IGNORECASE)


def q(tag: str) -> str:
    """The Clark name of a WordprocessingML tag."""
    return f"{{{W}}}{tag}"


VAL = q("val")


def check_package(data: bytes, filename: str, max_unpacked: int = MAX_UNPACKED) -> None:
    """Raise the right IngestError unless `data` is a sane .docx zip."""
    if data.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise EncryptedDocument(f"{filename}: the Word file is password-protected; "
                                    "save an unprotected copy and upload that")
        raise UnsupportedDocument(f"{filename}: this is a Word 97-2003 (.doc) file, "
                                  "not .docx; save it as .docx first")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
            NotImplementedError) as exc:  # NotImplementedError: a zip version we lack
        raise UnreadableDocument(
            f"{filename}: not a Word document (not a readable .docx container: {exc})"
        ) from None
    if len(infos) > MAX_ENTRIES:
        raise DocumentTooLarge(f"{filename}: the .docx holds {len(infos)} files")
    if sum(info.file_size for info in infos) > max_unpacked:
        raise DocumentTooLarge(
            f"{filename}: unpacks to more than {max_unpacked // (1024 * 1024)} MiB")
    for info in infos:
        big = info.file_size > 1024 * 1024
        if big and info.compress_size * MAX_RATIO < info.file_size:
            raise DocumentTooLarge(
                f"{filename}: {info.filename} is compressed over {MAX_RATIO} to 1 "
                "(a zip bomb)")
    # python-docx finds the body through the package relationships, so only the
    # OPC content-types part is required here; a non-Word package fails there.
    if not any(info.filename == "[Content_Types].xml" for info in infos):
        raise UnreadableDocument(f"{filename}: a zip file, but not a Word document")


@dataclass(frozen=True, slots=True)
class Style:
    """What the walker needs from a paragraph style, inheritance resolved."""

    name: str
    heading: int | None  # 0 for Title, 1..9 for headings, None for body text
    numbered: bool  # the style itself carries list numbering (List Bullet, ...)
    list_level: int = 0


def _own(style: etree._Element) -> tuple[str | None, str, int | None, bool | None, int]:
    name_el = style.find("w:name", NS)
    name = (name_el.get(VAL) if name_el is not None else None) \
        or style.get(q("styleId"))
    heading: int | None = None
    outline = style.find("w:pPr/w:outlineLvl", NS)
    if outline is not None and (outline.get(VAL) or "").isdigit():
        value = int(outline.get(VAL) or 0)
        heading = value + 1 if value < 9 else None  # 9 means body text
    match = _HEADING_NAME.match(name or "")
    if match:
        heading = int(match.group(1))
    elif (name or "").lower() in ("title", "titel", "titre"):
        heading = 0
    num_id = style.find("w:pPr/w:numPr/w:numId", NS)
    numbered = None if num_id is None else num_id.get(VAL) != "0"
    ilvl = style.find("w:pPr/w:numPr/w:ilvl", NS)
    raw_level = ilvl.get(VAL) if ilvl is not None else None
    level = int(raw_level) if raw_level and raw_level.isdigit() else 0
    based = style.find("w:basedOn", NS)
    return (based.get(VAL) if based is not None else None), name or "", heading, \
        numbered, level


def read_styles(styles_xml: etree._Element | None) -> dict[str, Style]:
    """Map paragraph style id -> Style, following basedOn for headings and numbering."""
    raw: dict[str, tuple[str | None, str, int | None, bool | None, int]] = {}
    if styles_xml is not None:
        for style in styles_xml.iterfind("w:style", NS):
            if style.get(q("type"), "paragraph") == "paragraph":
                raw[style.get(q("styleId")) or ""] = _own(style)
    styles: dict[str, Style] = {}
    for style_id, (based, name, heading, numbered, level) in raw.items():
        seen = {style_id}
        while based and based in raw and based not in seen and (
                heading is None or numbered is None):
            seen.add(based)
            parent = raw[based]
            heading = heading if heading is not None else parent[2]
            numbered = numbered if numbered is not None else parent[3]
            based = parent[0]
        # "List Bullet 2" is the second level even where its numbering says ilvl 0
        match = _LIST_NAME.match(name)
        if match and match.group(1) and not level:
            level = int(match.group(1)) - 1
        is_list = bool(numbered) or bool(match and name.lower() != "list")
        styles[style_id] = Style(name, heading, is_list, level)
    return styles
