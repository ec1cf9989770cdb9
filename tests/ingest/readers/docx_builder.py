"""Build small .docx files in memory: python-docx for the package, raw XML for the rest.

python-docx has no API for tracked changes, content controls, text boxes or
merged cells, so tests write those as WordprocessingML fragments.
"""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"
DECLS = f'xmlns:w="{W}" xmlns:mc="{MC}" xmlns:wps="{WPS}" xmlns:v="{V}"'


def run(text: str) -> str:
    """A run holding `text` (spaces kept)."""
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str, ppr: str = "") -> str:
    """A paragraph of raw runs, with optional raw paragraph properties."""
    return f"<w:p {DECLS}><w:pPr>{ppr}</w:pPr>{''.join(runs)}</w:p>"


def cell(text: str, tcpr: str = "") -> str:
    """A table cell with one paragraph."""
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p>{run(text)}</w:p></w:tc>"


def table(*rows: str) -> str:
    """A table of raw rows (<w:tr>...</w:tr>)."""
    return f"<w:tbl {DECLS}><w:tblPr/>{''.join(rows)}</w:tbl>"


def text_box(text: str) -> str:
    """A run holding a text box the way Word saves it: DrawingML plus a VML fallback."""
    content = f"<w:txbxContent><w:p>{run(text)}</w:p></w:txbxContent>"
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><wps:wsp><wps:txbx>'
        f"{content}</wps:txbx></wps:wsp></mc:Choice><mc:Fallback><w:pict>"
        f"<v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
        f"</mc:Fallback></mc:AlternateContent></w:r>"
    )


def build(*fragments: str, setup: object = None) -> bytes:
    """A .docx whose body is the given raw XML fragments, in order."""
    document = docx.Document()
    if callable(setup):
        setup(document)
    body = document.element.body
    sect = body[-1]  # sectPr stays last
    for fragment in fragments:
        sect.addprevious(parse_xml(fragment))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
