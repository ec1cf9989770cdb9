"""Provenance: the document, block and character span a fact was read from."""

from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry

from resolvers.context import Info

if TYPE_CHECKING:
    from schema.document import Document

DocumentRef = Annotated["Document", strawberry.lazy("schema.document")]


@strawberry.type(description="Where a fact was read: document, block, span, snippet.")
class Provenance:
    block: int | None = strawberry.field(
        description="Index of the block (paragraph, list item, table row)."
    )
    start: int | None = strawberry.field(description="First character in the block.")
    end: int | None = strawberry.field(description="Character after the last one.")
    snippet: str | None = strawberry.field(description="The text read.")
    document_id: strawberry.Private[int]

    @classmethod
    def of(cls, row: Any) -> Self:
        """The provenance of a sourced row (meeting, attendance, mention, ...)."""
        return cls(
            block=row.source_block,
            start=row.source_start,
            end=row.source_end,
            snippet=row.source_snippet,
            document_id=row.document_id,
        )

    @strawberry.field(description="The document the fact was read from.")
    async def document(self, info: Info) -> DocumentRef:
        from schema.document import Document

        row = await info.context.loaders.document_by_id.load(self.document_id)
        return Document.from_row(row)
