"""Statement guard for linking: rows of a document must not cost a statement each.

The linking transaction of one document (from the lock to the last write before
the commit) is counted with a `before_cursor_execute` listener. It may spend a
fixed number of statements, plus (SQLite) one INSERT per new person and
organisation (their ids are needed at once), plus its new events: one INSERT for
all of them on PostgreSQL, one each on SQLite (which cannot order RETURNING).
Attendances, aliases, memberships, mentions, action items, figures and the reads
behind them go in batches. Measured when this guard was written: at most 39 beyond that
allowance on either backend (a second ingest: 22); before the batching, 180.
The name index (ingest/name_index_cache.py) is then read in one statement, the
revision and the four tables' new rows (all rows without the cache) together,
instead of four: 35 (a second ingest: 19), bounds lowered by as much.
On PostgreSQL new people and organisations then stopped costing a statement
each (ids drawn from their sequences in one statement): the seed minutes, 30 new
people and 22 organisations, went from 69 statements to 30, and the allowance
per new node is SQLite's alone.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench.docgen import generate_minutes
from ingest.extractor import ThreadExtractor
from ingest.ingestion import ingest_document, register_document
from ingest.report import Report
from minutegraph.db import engine_scope, is_sqlite
from tests.corpus import shared_dir

FIXED = 42  # statements per document beyond the per-new-node allowance
AGAIN = 23  # a document linked a second time (nothing new)

CORPUS = shared_dir() / "corpus"
DOCUMENTS = [
    *(
        (name, (CORPUS / name).read_bytes)
        for name in (
            "unodc-informal-2023-02-15.txt",
            "unodc-informal-2023-03-22.docx",
            "alliance-cd-firearms-prep-2023-04-20.md",
            "ccpcj-side-event-debrief-2023-06-01.txt",
        )
    ),
    *(
        (
            f"generated-{seed}.docx",
            lambda seed=seed: generate_minutes(seed=seed, pages=2),
        )
        for seed in (500, 501, 502)
    ),
]


def _kind(statement: str) -> str:
    words = statement.split()
    table = next(
        (b for a, b in pairwise(words) if a.upper() in ("FROM", "INTO", "UPDATE")), ""
    )
    return f"{words[0].upper()} {table.strip(chr(34))}".strip()


async def _link_counted(
    url: str, tmp_path: Path, nlp: Any
) -> list[tuple[str, Report, Counter[str]]]:
    """Ingest every document twice; each linking's report and statements by kind."""
    results: list[tuple[str, Report, Counter[str]]] = []
    async with engine_scope(url) as (engine, sessions):
        current: Counter[str] | None = None

        def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if current is not None:
                current[_kind(statement)] += 1

        event.listen(engine.sync_engine, "before_cursor_execute", count)
        for _pass in range(2):
            for name, read in DOCUMENTS:
                registered = await register_document(
                    sessions, data=read(), filename=name, storage_dir=tmp_path
                )
                statements: Counter[str] = Counter()

                async def start(statements: Counter[str] = statements) -> None:
                    nonlocal current
                    current = statements

                async def stop(*_args: Any) -> None:
                    nonlocal current
                    current = None

                report = await ingest_document(
                    sessions,
                    registered.document_id,
                    extractor=ThreadExtractor(nlp),
                    before_link=start,
                    on_commit=stop,
                )
                results.append((name, report, statements))
    return results


def test_linking_costs_few_statements_per_document(
    database_url: str, tmp_path: Path, nlp: Any
) -> None:
    results = asyncio.run(_link_counted(database_url, tmp_path, nlp))
    sqlite = is_sqlite(database_url)
    first, again = results[: len(DOCUMENTS)], results[len(DOCUMENTS) :]
    for name, report, statements in first:
        inserts = {kind: per.get("insert", 0) for kind, per in report.counts.items()}
        # New people and organisations: on PostgreSQL their ids are drawn
        # together and their rows go in one INSERT per table (ingest.link_people
        # NewRows); SQLite flushes each for its id.
        new_nodes = inserts.get("person", 0) + inserts.get("organisation", 0)
        new_nodes = new_nodes if sqlite else 0
        events = inserts.get("event", 0)
        allowed = FIXED + new_nodes + (events if sqlite else min(events, 1))
        total = sum(statements.values())
        assert total <= allowed, (name, total, allowed, statements.most_common())
    # Enough rows that a statement per row would break the bound several times over.
    most = Counter[str]()
    for _name, report, _statements in first:
        for kind in ("attendance", "alias", "membership", "mention"):
            most[kind] = max(most[kind], report.counts[kind].get("insert", 0))
    assert min(most.values()) >= 10, most
    for name, report, statements in again:
        assert not report.changed(), (name, report.as_dict()["counts"])
        total = sum(statements.values())
        assert total <= AGAIN, (name, total, statements.most_common())
