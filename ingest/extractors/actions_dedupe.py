"""One item per piece of work: prose that restates a table row or repeats itself."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from dataclasses import dataclass, field

from ingest.extractors.actions_words import content_stems
from ingest.model import ActionItem

# Shared words over the shorter text (two at least): prose restating a row.
_RESTATES = 0.5
_REPEATS = 0.7  # Jaccard: the same statement written twice
# How far apart (in blocks) a restatement may be from what it restates: far enough
# for a closing "Summary of actions" of long minutes, and it keeps the search linear.
WINDOW = 2000


def _what(item: ActionItem) -> frozenset[str]:
    """The words that say what is to be done; the owner's own words say who."""
    return content_stems(item.text) - content_stems(item.owner or "")


def _same_owner(a: ActionItem, b: ActionItem) -> bool:
    return a.owner is not None and b.owner is not None \
        and a.owner.casefold() == b.owner.casefold()


@dataclass(slots=True)
class ItemIndex:
    """Items indexed by their words, so each new one meets only those it shares with."""

    items: list[ActionItem] = field(default_factory=list)
    _stems: list[frozenset[str]] = field(default_factory=list)
    # stem -> (block, item number), sorted by block
    _by_stem: dict[str, list[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(list))
    _by_place: dict[tuple[int, int], int] = field(default_factory=dict)

    def add(self, item: ActionItem) -> None:
        """Index one item."""
        stems = _what(item)
        for stem in stems:
            insort(self._by_stem[stem], (item.provenance.block, len(self.items)))
        self._by_place[(item.provenance.block, item.provenance.start)] = len(self.items)
        self.items.append(item)
        self._stems.append(stems)

    def _sharing(self, stems: frozenset[str], block: int) -> set[int]:
        """Items within the window that share a word with `stems`."""
        found: set[int] = set()
        for stem in stems:
            posting = self._by_stem.get(stem, [])
            low = bisect_left(posting, (block - WINDOW, -1))
            high = bisect_right(posting, (block + WINDOW, len(self.items)))
            found.update(i for _, i in posting[low:high])
        return found

    def restated(self, item: ActionItem) -> bool:
        """Whether a prose item restates an indexed (structured) one.

        One shared word is enough when the owners are the same: "Invitations will
        be sent by UNODC" restates UNODC's row "Send invitations and joining links".
        """
        stems = _what(item)
        for i in self._sharing(stems, item.provenance.block):
            other, other_stems = self.items[i], self._stems[i]
            shared = len(stems & other_stems)
            ratio = shared / min(len(stems), len(other_stems))
            if (shared >= 2 and ratio >= _RESTATES) or _same_owner(item, other):
                return True
        return False

    def repeated(self, item: ActionItem) -> ActionItem | None:
        """The indexed prose item this one repeats (or reads again), if any."""
        place = self._by_place.get((item.provenance.block, item.provenance.start))
        if place is not None:
            return self.items[place]
        stems = _what(item)
        for i in self._sharing(stems, item.provenance.block):
            other_stems = self._stems[i]
            if len(stems & other_stems) / len(stems | other_stems) >= _REPEATS:
                return self.items[i]
        return None
