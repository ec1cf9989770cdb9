"""One event per happening: mentions of the same happening merged, in reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.model import Event

_CONTENT = re.compile(r"[a-z]{3,}")


@dataclass(slots=True)
class Found:
    """An event with what deduplication needs to know about it."""

    event: Event
    block: int
    moved: bool = False


def _shares_words(a: Event, b: Event) -> bool:
    """The two titles share a content word."""
    words_a = set(_CONTENT.findall(a.title.lower()))
    return bool(words_a & set(_CONTENT.findall(b.title.lower())))


def _same(a: Event, b: Event) -> bool:
    """Two mentions of one happening: the same start and a shared content word."""
    return a.start == b.start and _shares_words(a, b)


def add_event(found: list[Found], item: Found, since: int) -> None:
    """Keep an event; "XYZ Summit 2024 is on April 10-12": the days refine the year."""
    last = found[-1].event if len(found) > since else None
    if last is not None and len(last.start) == 4 and item.event.start.startswith(
            f"{last.start}-") and _shares_words(last, item.event):
        found[-1] = item
    else:
        found.append(item)


def _twin(kept: list[Found], by_start: dict[str, list[int]],
          by_title: dict[str, int], item: Found) -> int | None:
    """The index of an event already kept that is the same happening as `item`."""
    ev = item.event
    for k in by_start.get(ev.start, []):
        other = kept[k]
        if _same(other.event, ev) or (other.block == item.block
                                      and other.event.start == ev.start):
            return k
    return by_title.get(ev.title) if ev.kind == "dialogue" else None


def merge_events(found: list[Found]) -> list[Event]:
    """One event per happening; a moved dialogue keeps its new date only."""
    kept: list[Found] = []
    by_start: dict[str, list[int]] = {}  # indexed, so merging stays linear
    by_title: dict[str, int] = {}
    for item in found:
        ev, k = item.event, _twin(kept, by_start, by_title, item)
        if k is None or (item.moved and not kept[k].moved):
            if k is None:
                k = len(kept)
                kept.append(item)
            else:  # the moved dialogue replaces its mention at the old date
                kept[k] = item
            by_start.setdefault(ev.start, []).append(k)
            by_title.setdefault(ev.title, k)
            continue
        old = kept[k].event
        kept[k].event = replace(old, end=old.end or ev.end,
                                start_time=old.start_time or ev.start_time,
                                end_time=old.end_time or ev.end_time,
                                location=old.location or ev.location)
    return [k.event for k in kept]
