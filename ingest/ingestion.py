"""Register, extract and link a document: one code path for CLI, API and workers."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from spacy.language import Language
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.extractor import Extractor, ThreadExtractor
from ingest.linker import link_extraction
from ingest.model import EXTRACTOR_VERSION
from ingest.name_index_cache import NAME_INDEXES, NameIndexCache
from ingest.readers.dispatch import media_type_of
from ingest.report import Report
from minutegraph import models
from minutegraph.db import Sessions, write_session
from minutegraph.storage import save_original

log = logging.getLogger(__name__)

# A concurrent linker that created the same organisation or person first makes our
# insert fail on a unique key; linking again then finds its row.
LINK_ATTEMPTS = 3


@dataclass(slots=True)
class Registered:
    """A stored original and its document row."""

    document_id: int
    sha256: str
    created: bool


async def register_document(
    sessions: Sessions, *, data: bytes, filename: str, storage_dir: Path
) -> Registered:
    """Store the original under its sha256 and get or create its Document row."""
    media_type = media_type_of(filename)  # refuse unknown types before storing
    sha256, path = save_original(storage_dir, data)
    for _attempt in range(2):  # a concurrent upload of the same file may win the key
        try:
            async with write_session(sessions) as session:
                document = await session.scalar(
                    select(models.Document).where(models.Document.sha256 == sha256)
                )
                if document is not None:
                    return Registered(document.id, sha256, created=False)
                document = models.Document(
                    sha256=sha256,
                    filename=Path(filename).name,
                    media_type=media_type,
                    size=len(data),
                    storage_path=str(path),
                )
                session.add(document)
                await session.flush()
                return Registered(document.id, sha256, created=True)
        except IntegrityError:
            continue
    raise AssertionError("the document row could neither be found nor made")


async def ingest_document(
    sessions: Sessions,
    document_id: int,
    *,
    extractor: Extractor,
    date_order: Literal["dmy", "mdy"] = "dmy",
    before_link: Callable[[], Awaitable[None]] | None = None,
    on_commit: Callable[[AsyncSession, Report], Awaitable[None]] | None = None,
    name_cache: NameIndexCache | None = NAME_INDEXES,
) -> Report:
    """Extract a registered document and link it in one transaction. Safe to repeat.

    A job passes `before_link` (awaited between extraction and linking) and
    `on_commit` (awaited inside the linking transaction, last): what either
    raises stops the ingestion, and from `on_commit` it rolls the linking back.
    `name_cache` keeps the linker's name index between documents (None: built
    from the whole graph each time; the results are the same).
    """
    async with sessions() as session:
        document = await session.get(models.Document, document_id)
        if document is None:
            raise LookupError(f"no document {document_id}")
        path, filename = Path(document.storage_path), document.filename
    # Extraction is CPU work: it runs off the event loop (a thread or a child
    # process, see ingest.extractor) so the API and other jobs' database I/O
    # keep answering. An IngestError stops here.
    extraction = await extractor.extract(path, filename, date_order=date_order)
    payload = extraction.as_contract(explain=True)
    if before_link is not None:
        await before_link()
    for attempt in range(1, LINK_ATTEMPTS + 1):
        try:
            async with write_session(sessions, exclusive=True) as session:
                document = await session.get(models.Document, document_id)
                assert document is not None
                report = await link_extraction(
                    session,
                    document=document,
                    extraction=extraction,
                    name_cache=name_cache,
                )
                fresh = (
                    document.extraction != payload
                    or document.extractor_version != EXTRACTOR_VERSION
                )
                report.count("document", "update" if fresh else "noop")
                if fresh or report.changed() or document.linked_at is None:
                    document.extraction = payload
                    document.extractor_version = EXTRACTOR_VERSION
                    document.linked_at = dt.datetime.now(dt.UTC)
                if on_commit is not None:
                    await on_commit(session, report)
                return report
        except (IntegrityError, DBAPIError) as exc:
            if attempt == LINK_ATTEMPTS or not _contended(exc):
                raise
            log.info(
                "document %s: a concurrent linker won a unique key; linking again",
                document_id,
            )
    raise AssertionError("unreachable")


def _contended(exc: DBAPIError) -> bool:
    """A unique key a concurrent writer won, a deadlock or a serialization failure."""
    if isinstance(exc, IntegrityError):
        return True
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return code in ("40P01", "40001") or "deadlock" in str(exc.orig).lower()


async def ingest_bytes(
    sessions: Sessions,
    *,
    data: bytes,
    filename: str,
    storage_dir: Path,
    nlp: Language,
    date_order: Literal["dmy", "mdy"] = "dmy",
    name_cache: NameIndexCache | None = NAME_INDEXES,
) -> tuple[int, Report]:
    """Register and ingest one file's bytes; returns (document id, report)."""
    registered = await register_document(
        sessions, data=data, filename=filename, storage_dir=storage_dir
    )
    report = await ingest_document(
        sessions,
        registered.document_id,
        extractor=ThreadExtractor(nlp),
        date_order=date_order,
        name_cache=name_cache,
    )
    return registered.document_id, report
