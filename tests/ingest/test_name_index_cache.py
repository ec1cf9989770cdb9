"""The linker's name-index cache gives exactly what a fresh load gives.

On real SQLite and PostgreSQL: the same documents, merges and hand edits linked
with the cache and without it give the same graph; after a merge, a delete or an
UPDATE by hand the next load is rebuilt; a rolled-back link leaves the cache as
it was; two processes' caches linking in turn stay right.
"""

from __future__ import annotations

import asyncio
import pickle
import random
from collections.abc import AsyncIterator, Callable, Mapping
from collections.abc import Set as AbstractSet
from contextlib import asynccontextmanager
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from sqlalchemy import select, text

from bench.docgen import generate_minutes
from ingest.ingestion import register_document
from ingest.linker import link_extraction
from ingest.model import Extraction
from ingest.name_index_cache import (
    NameIndex,
    NameIndexCache,
    NameRows,
    graph_revision,
    load_fresh,
    read_rows,
)
from ingest.naming import Index, OrgName
from ingest.pipeline import extract_bytes
from ingest.report import Report
from minutegraph import models
from minutegraph.db import GRAPH_LOCK, Sessions, engine_scope, write_session
from minutegraph.graph import document_delete, entities, merging
from minutegraph.migrate import upgrade
from tests.corpus import shared_dir
from tests.databases import PostgresRun

CORPUS = shared_dir() / "corpus"
SOURCES = (".docx", ".txt", ".md", ".html", ".pdf")


def _documents() -> list[tuple[str, Callable[[], bytes]]]:
    """The corpus (its real minutes too) and generated minutes, in a fixed order."""
    files = sorted(
        p
        for folder in (CORPUS, CORPUS / "real")
        for p in folder.iterdir()
        if p.suffix in SOURCES
    )
    generated = [
        (
            f"generated-{seed}.docx",
            lambda seed=seed: generate_minutes(seed=seed, pages=2),
        )
        for seed in range(500, 506)
    ]
    return [*((p.name, p.read_bytes) for p in files), *generated]


DOCUMENTS = _documents()
_EXTRACTIONS: dict[str, tuple[bytes, Extraction]] = {}


def _extracted(
    name: str, read: Callable[[], bytes], nlp: Any
) -> tuple[bytes, Extraction]:
    """Each document is extracted once for the whole module: linking is under test."""
    if name not in _EXTRACTIONS:
        data = read()
        _EXTRACTIONS[name] = (data, extract_bytes(data, name, nlp=nlp))
    return _EXTRACTIONS[name]


class Boom(Exception):
    """Raised inside a linking transaction to roll it back."""


async def _link(
    sessions: Sessions,
    document_id: int,
    extraction: Extraction,
    cache: NameIndexCache | None,
    *,
    fail: bool = False,
) -> dict[str, Any]:
    async with write_session(sessions, exclusive=True) as session:
        document = await session.get(models.Document, document_id)
        assert document is not None
        report = await link_extraction(
            session, document=document, extraction=extraction, name_cache=cache
        )
        if fail:
            raise Boom
    return report.as_dict()


def _contents(state: NameIndex) -> dict[str, Any]:
    """Everything a name index holds, comparable (empty entries dropped)."""

    def norm(value: Any) -> Any:
        if isinstance(value, Mapping):  # a dict, or a clone's overlay
            return {k: norm(v) for k, v in value.items() if v}
        if isinstance(value, AbstractSet | list):
            return sorted(map(repr, value))
        return value

    orgs, people = state.index.organisations, state.index.people
    found: dict[str, Any] = {
        f"org{name}": norm(getattr(orgs, name))
        for name in ("_canonical", "_acronyms", "_full", "_exact", "_derived")
    }
    found |= {
        f"org{name}": norm(getattr(orgs, name)) for name in ("_abbrev", "_prefixes")
    }
    found |= {
        f"person{name}": norm(getattr(people, name))
        for name in ("_canonical", "_forms", "_orgs", "_exact", "_first", "_last")
    }
    for label, blocks in (("org", orgs._block), ("person", people._block)):
        found[f"{label}_block"] = {
            block: sorted(zip(texts, map(repr, blocks._ids.get(block)), strict=True))
            for block, texts in blocks._texts.items()
            if texts
        }
    found["alias_keys"] = sorted(state.alias_keys)
    found["memberships"] = sorted(state.memberships)
    found["names"] = state.names
    return found


async def _cached_equals_fresh(sessions: Sessions, cache: NameIndexCache) -> NameIndex:
    """Load through the cache and from scratch in one transaction; they must agree."""
    async with write_session(sessions, exclusive=True) as session:
        cached = await cache.load(session)
        fresh = await load_fresh(session)
    assert _contents(cached) == _contents(fresh)
    return cached


async def _graph(sessions: Sessions) -> dict[str, list[Any]]:
    """The rows linking decides, with their links."""
    o, p, a, m = models.Organisation, models.Person, models.Alias, models.Membership
    at, ai = models.Attendance, models.ActionItem
    queries = {
        "organisation": select(o.id, o.name, o.acronym).order_by(o.id),
        "person": select(p.id, p.name).order_by(p.id),
        "alias": select(
            a.id, a.kind, a.name, a.name_key, a.organisation_id, a.person_id, a.origin
        ).order_by(a.id),
        "membership": select(
            m.id, m.person_id, m.organisation_id, m.first_seen, m.last_seen
        ).order_by(m.id),
        "attendance": select(
            at.id,
            at.meeting_id,
            at.position,
            at.status,
            at.raw_name,
            at.person_id,
            at.organisation_id,
        ).order_by(at.id),
        "action_item": select(
            ai.id, ai.owner_raw, ai.owner_person_id, ai.owner_organisation_id
        ).order_by(ai.id),
    }
    async with sessions() as session:
        return {
            table: [tuple(r) for r in (await session.execute(q)).all()]
            for table, q in queries.items()
        }


@asynccontextmanager
async def _fresh_database(
    backend: str, tmp_path: Path, label: str
) -> AsyncIterator[str]:
    """An empty migrated database of its own."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / f'{label}.db'}"
        await asyncio.to_thread(upgrade, url)
        yield url
        return
    from tests.conftest import _service_url

    run = PostgresRun(_service_url("MINUTEGRAPH_TEST_POSTGRES_URL", "PostgreSQL"))
    await asyncio.to_thread(run.create)
    try:
        yield run.url
    finally:
        await asyncio.to_thread(run.drop)


async def _merge_first_people(sessions: Sessions) -> None:
    """Merge the two people with the lowest ids (the same ones in every run)."""
    async with write_session(sessions, exclusive=True) as session:
        ids = (await session.scalars(select(models.Person.id).order_by("id"))).all()
        await merging.merge_people(session=session, into_id=ids[0], from_id=ids[1])


async def _rename_by_hand(sessions: Sessions) -> None:
    """What an operator might do in psql: no alias kept, triggers only."""
    async with write_session(sessions) as session:
        await session.execute(
            text(
                "UPDATE person SET name = 'Zebulon Quartermaine' WHERE id = ("
                "SELECT max(id) FROM person)"
            )
        )


async def _run(
    url: str, tmp_path: Path, nlp: Any, mode: str
) -> tuple[dict[str, list[Any]], list[dict[str, Any]], list[NameIndexCache]]:
    """Link every document (mode off / on / two caches in turn), edits midway."""
    one = NameIndexCache()
    caches: list[NameIndexCache | None] = {
        "off": [None, None],
        "on": [one, one],
        "two": [one, NameIndexCache()],  # two processes: an engine and a cache each
    }[mode]
    reports: list[dict[str, Any]] = []
    async with engine_scope(url) as (_, first), engine_scope(url) as (_, second):
        linkers = [(first, caches[0]), (second, caches[1])]
        registered = [
            (
                await register_document(
                    first,
                    data=_extracted(name, read, nlp)[0],
                    filename=name,
                    storage_dir=tmp_path / "originals",
                ),
                _extracted(name, read, nlp)[1],
            )
            for name, read in DOCUMENTS
        ]
        half = len(registered) // 2
        for i, (doc, extraction) in enumerate([*registered, *registered[:3]]):
            if i == half:
                await _merge_first_people(first)
            if i == half + 3:
                await _rename_by_hand(first)
            sessions, cache = linkers[i % 2]
            reports.append(await _link(sessions, doc.document_id, extraction, cache))
        graph = await _graph(first)
        for sessions, cache in linkers:
            if cache is not None:
                await _cached_equals_fresh(sessions, cache)
    return graph, reports, list({id(c): c for c in caches if c is not None}.values())


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_linking_with_the_cache_gives_the_graph_linking_without_it(
    backend: str, tmp_path: Path, nlp: Any
) -> None:
    async def main() -> None:
        runs = {}
        for mode in ("off", "on", "two"):
            async with _fresh_database(backend, tmp_path, mode) as url:
                runs[mode] = await _run(url, tmp_path / mode, nlp, mode)
        graph, reports, _ = runs["off"]
        assert len(graph["person"]) > 50
        assert len(graph["membership"]) > 20
        for mode in ("on", "two"):
            other_graph, other_reports, caches = runs[mode]
            for table, rows in graph.items():
                assert other_graph[table] == rows, (mode, table)
            assert other_reports == reports, mode
            # The cache did serve: mostly from deltas, rebuilt after each edit.
            assert sum(c.stats.delta for c in caches) >= len(DOCUMENTS) - 4, mode
        on = runs["on"][2][0].stats
        # One full load to start, one after the merge, one after the hand
        # rename, and one check at the end of the run (after the rename).
        assert on.full <= 4, on

    asyncio.run(main())


@asynccontextmanager
async def _warm(
    url: str, tmp_path: Path, nlp: Any
) -> AsyncIterator[tuple[Sessions, NameIndexCache, list[int]]]:
    """A graph of three linked documents and a cache that has seen them."""
    cache = NameIndexCache()
    async with engine_scope(url) as (_, sessions):
        ids = []
        for name, read in [DOCUMENTS[0], DOCUMENTS[-2], DOCUMENTS[-1]]:
            data, extraction = _extracted(name, read, nlp)
            doc = await register_document(
                sessions, data=data, filename=name, storage_dir=tmp_path
            )
            await _link(sessions, doc.document_id, extraction, cache)
            ids.append(doc.document_id)
        await _cached_equals_fresh(sessions, cache)
        yield sessions, cache, ids


async def _two_people(sessions: Sessions) -> tuple[int, int]:
    async with sessions() as session:
        ids = (await session.scalars(select(models.Person.id).order_by("id"))).all()
    return ids[0], ids[-1]


async def _two_organisations(sessions: Sessions) -> tuple[int, int]:
    async with sessions() as session:
        ids = (
            await session.scalars(select(models.Organisation.id).order_by("id"))
        ).all()
    return ids[0], ids[-1]


def _invalidation_case(name: str) -> Callable[[Sessions, list[int]], Any]:
    async def merge_people(sessions: Sessions, _docs: list[int]) -> None:
        into, from_ = await _two_people(sessions)
        async with write_session(sessions, exclusive=True) as session:
            await merging.merge_people(session=session, into_id=into, from_id=from_)

    async def merge_organisations(sessions: Sessions, _docs: list[int]) -> None:
        into, from_ = await _two_organisations(sessions)
        async with write_session(sessions, exclusive=True) as session:
            await merging.merge_organisations(
                session=session, into_id=into, from_id=from_
            )

    async def delete_document(sessions: Sessions, docs: list[int]) -> None:
        async with write_session(sessions, exclusive=True) as session:
            await document_delete.delete_document(session=session, document_id=docs[1])

    async def rename_person(sessions: Sessions, _docs: list[int]) -> None:
        _, person = await _two_people(sessions)
        async with write_session(sessions, exclusive=True) as session:
            await entities.update_person(
                session=session, person_id=person, name="Zebulon Quartermaine"
            )

    async def sql_update(sessions: Sessions, _docs: list[int]) -> None:
        _, person = await _two_people(sessions)
        async with write_session(sessions) as session:
            await session.execute(
                text("UPDATE person SET name = 'Zebulon Quartermaine' WHERE id = :id"),
                {"id": person},
            )

    return locals()[name]


@pytest.mark.parametrize(
    "case",
    [
        "merge_people",
        "merge_organisations",
        "delete_document",
        "rename_person",
        "sql_update",
    ],
)
def test_a_change_or_delete_rebuilds_the_next_load(
    case: str, database_url: str, tmp_path: Path, nlp: Any
) -> None:
    async def main() -> None:
        async with _warm(database_url, tmp_path, nlp) as (sessions, cache, docs):
            before = await _graph(sessions)
            full = cache.stats.full
            await _invalidation_case(case)(sessions, docs)
            state = await _cached_equals_fresh(sessions, cache)
            assert cache.stats.full == full + 1
            after = await _graph(sessions)
            gone = {r[0] for r in before["person"]} - {r[0] for r in after["person"]}
            assert not gone & set(state.names)
            if case in ("rename_person", "sql_update"):
                person = before["person"][-1][0]
                found = state.index.resolve_person("Zebulon Quartermaine")
                assert found.id == person

    asyncio.run(main())


def test_new_rows_and_membership_dates_are_read_as_a_delta(
    database_url: str, tmp_path: Path, nlp: Any
) -> None:
    async def main() -> None:
        async with _warm(database_url, tmp_path, nlp) as (sessions, cache, _docs):
            full = cache.stats.full
            async with write_session(sessions) as session:  # what the linker updates
                await session.execute(text("UPDATE membership SET last_seen = NULL"))
            name, read = DOCUMENTS[-3]
            data, extraction = _extracted(name, read, nlp)
            doc = await register_document(
                sessions, data=data, filename=name, storage_dir=tmp_path
            )
            report = await _link(sessions, doc.document_id, extraction, cache)
            assert report["counts"]["person"]["insert"] > 0
            await _cached_equals_fresh(sessions, cache)
            assert cache.stats.full == full

    asyncio.run(main())


def test_a_rolled_back_link_leaves_the_cache_as_it_was(
    database_url: str, tmp_path: Path, nlp: Any
) -> None:
    async def main() -> None:
        async with _warm(database_url, tmp_path, nlp) as (sessions, cache, _docs):
            name, read = DOCUMENTS[-3]
            data, extraction = _extracted(name, read, nlp)
            doc = await register_document(
                sessions, data=data, filename=name, storage_dir=tmp_path
            )
            async with sessions() as session:
                people = await session.scalar(
                    select(models.Person.id).order_by(models.Person.id.desc()).limit(1)
                )
            with pytest.raises(Boom):
                await _link(sessions, doc.document_id, extraction, cache, fail=True)
            state = await _cached_equals_fresh(sessions, cache)
            assert max(state.names) == people  # none of the rolled-back people
            # SQLite hands the rolled-back ids out again: the delta finds them.
            other_name, other_read = DOCUMENTS[-4]
            data, other = _extracted(other_name, other_read, nlp)
            second = await register_document(
                sessions, data=data, filename=other_name, storage_dir=tmp_path
            )
            await _link(sessions, second.document_id, other, cache)
            await _link(sessions, doc.document_id, extraction, cache)
            await _cached_equals_fresh(sessions, cache)

    asyncio.run(main())


def test_an_old_cache_is_loaded_again(
    database_url: str, tmp_path: Path, nlp: Any
) -> None:
    async def main() -> None:
        async with _warm(database_url, tmp_path, nlp) as (sessions, cache, _docs):
            cache.max_age = 0.0
            full = cache.stats.full
            await _cached_equals_fresh(sessions, cache)
            assert cache.stats.full == full + 1

    asyncio.run(main())


def test_a_clone_learns_without_changing_the_original() -> None:
    index = Index()
    index.add_organisation(1, "Harbour Watchers Without Frontiers", "HWWF")
    index.add_person(10, "Ingeborg Geyer", organisation_ids=[1])
    before = _contents(NameIndex(index))
    clone = index.clone()
    clone.learn_person(10, "Inge Geyer-Smith", [2])
    clone.learn_organisation(1, OrgName("Harbour Watch", "HW"))
    clone.add_person(11, "Jay Albanese")
    clone.add_organisation(2, "Maat for Peace")
    assert _contents(NameIndex(index)) == before
    assert index.resolve_person("Jay Albanese").id is None
    assert clone.resolve_person("Jay Albanese").id == 11
    assert index.resolve_organisation("HW").id is None
    assert clone.resolve_organisation("HW").id == 1
    with pytest.raises(TypeError, match="overlay of an overlay"):
        clone.clone()  # not needed, and reads stay two lookups deep


def _freeze(index: Index) -> None:
    """Make every container of an index read-only: writing one raises."""

    def frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
        return MappingProxyType(
            {
                key: frozenset(v) if isinstance(v, set) else tuple(v)
                for key, v in mapping.items()
            }
        )

    for part in (index.organisations, index.people):
        for name, value in vars(part).items():
            if isinstance(value, dict):
                setattr(part, name, frozen(value) if name != "_canonical" else value)
        part._canonical = MappingProxyType(dict(part._canonical))
        part._block._texts = frozen(part._block._texts)
        part._block._ids = frozen(part._block._ids)


def test_a_clone_never_writes_a_set_or_list_it_shares() -> None:
    """Every way of learning, on a frozen original: a write through would raise."""
    index = Index()
    index.add_organisation(1, "Harbour Watchers Without Frontiers", "HWWF")
    index.add_organisation(2, "Maat for Peace")
    index.add_person(10, "Ingeborg Geyer", organisation_ids=[1])
    index.add_person(11, "Jay Albanese", aliases=["J. Albanese"])
    _freeze(index)
    clone = index.clone()
    clone.people.add_organisation(10, 3)
    clone.learn_person(10, "Ingeborg Geyer", [1])  # nothing new
    clone.learn_person(10, "Inge Geyer", [2])  # a form and an organisation
    clone.people.add_organisation(11, 1)
    clone.people.add_alias(11, "Jay A. Albanese")
    clone.learn_organisation(1, OrgName("Harbour Watchers Without Frontiers", "HWWF"))
    clone.learn_organisation(1, OrgName("Harbour Watch", "HW"))
    clone.learn_organisation(2, OrgName("Maat for Peace", "MFP"))
    clone.add_person(12, "Micheael Geyer", organisation_ids=[2])
    clone.add_organisation(3, "Harbour Wardens Without Frontiers")
    assert clone.resolve_person("Inge Geyer").id == 10
    assert clone.resolve_person("Jay A. Albanese").id == 11
    assert clone.resolve_person("Michael Geyer", organisation_ids=[2]).id == 12
    assert clone.resolve_organisation("HW").id == 1
    assert clone.resolve_organisation("MFP").id == 2
    assert index.resolve_organisation("HW").id is None
    assert index.resolve_person("Inge Geyer").id is None


async def _link_rolled_back(
    sessions: Sessions, document_id: int, extraction: Extraction, cache: NameIndexCache
) -> Report:
    """Link, keep the report, roll back: the cache does not take the rows in."""
    try:
        async with write_session(sessions, exclusive=True) as session:
            document = await session.get(models.Document, document_id)
            assert document is not None
            report = await link_extraction(
                session, document=document, extraction=extraction, name_cache=cache
            )
            raise Boom
    except Boom:
        return report


def test_linking_with_a_clone_leaves_the_cached_index_byte_for_byte_equal(
    database_url: str, tmp_path: Path, nlp: Any
) -> None:
    """A clone shares the cached index's sets and lists: none may be written."""

    async def main() -> None:
        async with _warm(database_url, tmp_path, nlp) as (sessions, cache, _docs):
            (entry,) = cache._entries.values()
            before = pickle.dumps(entry.state)
            name, read = DOCUMENTS[-3]
            data, extraction = _extracted(name, read, nlp)
            doc = await register_document(
                sessions, data=data, filename=name, storage_dir=tmp_path
            )
            report = await _link_rolled_back(
                sessions, doc.document_id, extraction, cache
            )
            for kind in ("person", "alias", "membership"):
                assert report.counts[kind]["insert"] > 0, kind
            assert report.counts["person"]["noop"] > 0  # known people learned on
            assert cache._entries[next(iter(cache._entries))] is entry
            assert pickle.dumps(entry.state) == before

    asyncio.run(main())


async def _all_rows(sessions: Sessions) -> NameRows:
    async with sessions() as session:
        rows, _revision = await read_rows(session, None)
    return rows


def test_rows_in_any_order_and_any_deltas_give_one_index(
    database_url: str, tmp_path: Path, nlp: Any
) -> None:
    """No ORDER BY in the reads: shuffled rows, applied in id ranges, agree."""

    async def main() -> None:
        async with _warm(database_url, tmp_path, nlp) as (sessions, _cache, _docs):
            rows = await _all_rows(sessions)
        whole = NameIndex()
        whole.apply(rows)
        tables = ("organisations", "people", "aliases", "memberships")
        top = max(r[0] for t in tables for r in getattr(rows, t))
        rng = random.Random(7)
        for _attempt in range(5):
            cuts = sorted(rng.sample(range(1, top), 3))
            state = NameIndex()
            for low, high in pairwise([0, *cuts, top]):
                part = {
                    t: [r for r in getattr(rows, t) if low < r[0] <= high]
                    for t in tables
                }
                for found in part.values():
                    rng.shuffle(found)
                state.apply(NameRows(**part))
            assert _contents(state) == _contents(whole)

    asyncio.run(main())


def _migration_graph_lock() -> int:
    import importlib.util

    import minutegraph.migrations

    path = (
        Path(minutegraph.migrations.__file__).parent
        / "versions"
        / "2026-11-30_a61d0c3e9f27_graph_revision.py"
    )
    spec = importlib.util.spec_from_file_location("graph_revision_migration", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.GRAPH_LOCK


def test_an_insert_without_the_graph_lock_rebuilds_the_next_load(
    database_url: str,
) -> None:
    """A writer that forgets the lock: its ids need not follow commit order, so
    PostgreSQL bumps the revision for it (SQLite, one writer at a time, needs not)."""
    assert _migration_graph_lock() == GRAPH_LOCK  # the trigger seeks the same key

    async def insert(sessions: Sessions, *, locked: bool) -> tuple[int, int]:
        async with write_session(sessions, exclusive=locked) as session:
            before = await graph_revision(session)
            session.add(models.Person(name=f"Ann {'Locked' if locked else 'Free'}"))
            await session.flush()
            return before, await graph_revision(session)

    async def main() -> None:
        async with engine_scope(database_url) as (_, sessions):
            before, after = await insert(sessions, locked=True)
            assert after == before  # the linker's way: read by id, no rebuild
            before, after = await insert(sessions, locked=False)
            postgres = not database_url.startswith("sqlite")
            assert (after != before) is postgres

    asyncio.run(main())
