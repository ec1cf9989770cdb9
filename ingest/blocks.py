"""The reader output: a document as ordered blocks, each addressable for provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table_row"]

CELL_SEPARATOR = " | "


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text in reading order: a heading, paragraph, list item or table row.

    `text` is what extractors read. For a table row it is the cells joined by
    `CELL_SEPARATOR`, so a character span inside `text` still points at the
    source; `cells` keeps them apart. Line breaks the document made on purpose
    (soft breaks in Word, hard breaks in Markdown) stay as "\\n" in `text`.
    """

    index: int
    kind: BlockKind
    text: str
    level: int = 0  # heading level (1..6) or list nesting (0 = top)
    cells: tuple[str, ...] = ()
    table: int | None = None  # which table a row belongs to (0, 1, ...)
    header: bool = False  # a table's header row
    style: str | None = None  # Word style name, Markdown marker, HTML tag
    checked: bool | None = None  # a checklist item: True [x], False [ ], None not one
    line: int | None = None  # first source line (text formats), for humans

    @classmethod
    def row(cls, index: int, cells: list[str] | tuple[str, ...], **kw: object) -> Block:
        """A table row whose text is its cells joined by the cell separator."""
        cells = tuple(cells)
        return cls(
            index=index,
            kind="table_row",
            text=CELL_SEPARATOR.join(cells),
            cells=cells,
            **kw,
        )  # type: ignore[arg-type]

    def cell_offsets(self) -> list[int]:
        """Start offset of each cell inside `text`."""
        offsets, pos = [], 0
        for cell in self.cells:
            offsets.append(pos)
            pos += len(cell) + len(CELL_SEPARATOR)
        return offsets


@dataclass(slots=True)
class RawDocument:
    """What a reader returns: the blocks plus what the file says about itself."""

    source: str  # file name
    media_type: str
    blocks: list[Block]
    title: str | None = (
        None  # metadata title (docx core properties, <title>, front matter)
    )
    metadata: dict[str, str] = field(default_factory=dict)  # front matter and the like

    @property
    def text(self) -> str:
        """The whole document as text, one block a line."""
        return "\n".join(block.text for block in self.blocks)
