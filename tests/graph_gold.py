"""Compare the linked graph with ../shared/corpus/graph-gold.json.

Gold nodes are matched to graph rows by the names the documents use (folded):
organisations by name, acronym, aliases and surface forms; people by name and
aliases; meetings by date; dialogues by topic; other events by date and a shared
distinctive title word. Mentions are (meeting, target) pairs; only the gold's dated
mentions count (the corpus README allows leaving the undated ones out).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ingest.naming_text import fold
from minutegraph import models
from minutegraph.db import Sessions
from tests.corpus import shared_dir


def load_gold() -> dict[str, Any]:
    """The graph gold."""
    return json.loads((shared_dir() / "corpus" / "graph-gold.json").read_text("utf-8"))


@dataclass
class PR:
    """Precision and recall of one node type."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    def __str__(self) -> str:
        return (
            f"P {self.precision:.3f} R {self.recall:.3f} "
            f"({self.tp} of {self.predicted} predicted, {self.gold} gold)"
        )


def _match(predicted: dict[int, set[str]], gold: dict[str, set[str]]) -> dict[int, str]:
    """One-to-one matching of graph ids to gold ids sharing a folded form."""
    by_form: dict[str, set[str]] = {}
    for gold_id, forms in gold.items():
        for form in forms:
            by_form.setdefault(form, set()).add(gold_id)
    pairs: dict[int, str] = {}
    taken: set[str] = set()
    for pred_id, forms in sorted(predicted.items()):
        hits: dict[str, int] = {}
        for form in forms:
            for gold_id in by_form.get(form, ()):
                hits[gold_id] = hits.get(gold_id, 0) + 1
        for gold_id, _ in sorted(hits.items(), key=lambda kv: -kv[1]):
            if gold_id not in taken:
                pairs[pred_id] = gold_id
                taken.add(gold_id)
                break
    return pairs


async def _forms(sessions: Sessions, kind: str) -> dict[int, set[str]]:
    model = models.Organisation if kind == "organisation" else models.Person
    column = (
        models.Alias.organisation_id
        if kind == "organisation"
        else models.Alias.person_id
    )
    async with sessions() as session:
        forms: dict[int, set[str]] = {}
        for row in (await session.scalars(select(model))).all():
            forms.setdefault(row.id, set()).add(fold(row.name))
            if kind == "organisation" and row.acronym:
                forms[row.id].add(fold(row.acronym))
        for alias_name, owner in (
            await session.execute(
                select(models.Alias.name, column).where(column.is_not(None))
            )
        ).all():
            forms.setdefault(owner, set()).add(fold(alias_name))
    return forms


def _gold_forms(
    nodes: list[dict[str, Any]], keys: tuple[str, ...]
) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for node in nodes:
        forms: set[str] = set()
        for key in keys:
            value = node.get(key)
            values = value if isinstance(value, list) else [value]
            forms |= {fold(v) for v in values if v}
        out[node["id"]] = forms
    return out


async def compare(sessions: Sessions) -> dict[str, Any]:
    """Counts and precision/recall of the graph against the gold."""
    gold = load_gold()
    orgs = _match(
        await _forms(sessions, "organisation"),
        _gold_forms(
            gold["organisations"], ("name", "acronym", "aliases", "surface_forms")
        ),
    )
    org_total = len(await _forms(sessions, "organisation"))
    people_forms = await _forms(sessions, "person")
    people = _match(people_forms, _gold_forms(gold["people"], ("name", "aliases")))
    mentions = await _mentions(sessions, gold)
    async with sessions() as session:
        meetings = len((await session.scalars(select(models.Meeting))).all())
        dialogues = len(
            (
                await session.scalars(
                    select(models.Event).where(models.Event.kind == "dialogue")
                )
            ).all()
        )
    gold_mentions = {
        (m["meeting"], m["target"]) for m in gold["mentions"] if m["dated"]
    }
    return {
        "meetings": (meetings, len(gold["meetings"])),
        "dialogues": (dialogues, len(gold["dialogues"])),
        "organisations": PR(len(orgs), org_total, len(gold["organisations"])),
        "people": PR(len(people), len(people_forms), len(gold["people"])),
        "mentions": PR(
            len(mentions & gold_mentions), len(mentions), len(gold_mentions)
        ),
        "missing_mentions": sorted(gold_mentions - mentions),
        "extra_mentions": sorted(mentions - gold_mentions),
    }


async def _mentions(sessions: Sessions, gold: dict[str, Any]) -> set[tuple[str, str]]:
    """The graph's mentions as (gold meeting id, gold target id or a made-up id).

    Each graph mention is first paired with the gold mention of the same meeting that
    has the same date and a similar title as written; each event node then takes the
    gold target most of its mentions point at (one node per target), so a happening
    split into two nodes, or two merged into one, costs mentions.
    """
    meeting_id = {m["date"]: m["id"] for m in gold["meetings"]}
    async with sessions() as session:
        meetings = {
            m.id: m for m in (await session.scalars(select(models.Meeting))).all()
        }
        rows = (await session.scalars(select(models.Mention))).all()
    votes: dict[int, dict[str, int]] = {}
    for row in rows:
        source = meeting_id.get(meetings[row.meeting_id].date_text or "")
        for g in gold["mentions"]:
            if (
                g["meeting"] == source
                and g["dated"]
                and g["start_in_document"] == row.start_in_document
                and _similar(g["title_in_document"], row.title_in_document)
            ):
                per = votes.setdefault(row.event_id, {})
                per[g["target"]] = per.get(g["target"], 0) + 1
                break
    target: dict[int, str] = {}
    taken: set[str] = set()
    for event_id, per in sorted(votes.items(), key=lambda kv: -max(kv[1].values())):
        best = max(per, key=per.__getitem__)
        if best not in taken:
            target[event_id] = best
            taken.add(best)
    return {
        (
            meeting_id.get(meetings[r.meeting_id].date_text or "", f"m?{r.meeting_id}"),
            target.get(r.event_id, f"ev?{r.event_id}:{r.title_in_document}"),
        )
        for r in rows
    }


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    words = {w for w in fold(a).split() if len(w) >= 3}
    return (
        bool(words & {w for w in fold(b).split() if len(w) >= 3})
        or fuzz.token_set_ratio(fold(a), fold(b)) >= 50
    )


async def attendance(sessions: Sessions, status: str) -> PR:
    """(person, meeting) pairs of one status ("attended" / "apologies" in the gold)."""
    gold = load_gold()
    people = _match(
        await _forms(sessions, "person"),
        _gold_forms(gold["people"], ("name", "aliases")),
    )
    key = "attended" if status == "present" else status
    gold_pairs = {(p["id"], m) for p in gold["people"] for m in p[key]}
    async with sessions() as session:
        rows = await session.execute(
            select(models.Attendance.person_id, models.Meeting.date_text)
            .join(models.Meeting, models.Meeting.id == models.Attendance.meeting_id)
            .where(models.Attendance.status == status)
        )
        pairs = {
            (people.get(person_id, f"graph:{person_id}"), f"m-{date}")
            for person_id, date in rows.all()
        }
    return PR(len(pairs & gold_pairs), len(pairs), len(gold_pairs))
