"""The attendees found so far: each person once; role lines kept for the end."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.blocks import Block
from ingest.extractors.attendees_entries import Entry, parse_entry
from ingest.extractors.attendees_lists import split_entries
from ingest.extractors.attendees_tables import read_initials_line
from ingest.extractors.context import ExtractionContext
from ingest.extractors.names import fold, initials_of, misspelt, same_person
from ingest.model import Attendee


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person named somewhere other than a list: a role line or a roster entry."""

    entry: Entry
    block: int
    base: int  # offset of the entry text inside the block
    group: str | None
    alias: str | None = None  # the initials the minutes use for them ("RGr")


# How close to the top the unlabelled attendance of a document can start.
HEAD_BLOCKS = 12


class People:
    """Collects attendees in reading order, each person once."""

    def __init__(self, ctx: ExtractionContext) -> None:
        self.ctx = ctx
        self.listed: list[Attendee] = []
        self.labelled = False  # an attendance label or heading was seen
        self.roles: list[Candidate] = []
        self.roster: list[Candidate] = []
        self.absent: set[str] = set()
        self.apologies: list[Attendee] = []  # the absent, as written, in order
        self.body_start: int | None = None
        self.first_heading: int | None = None  # the title, when it is a heading
        self._ticks: dict[int, bool] = {}  # listed position -> checkbox state
        self._index = _Index(self.listed)

    def in_head(self, index: int) -> bool:
        """Whether block `index` comes before the first heading of the minutes' body."""
        return self.body_start is None or index < self.body_start

    def near_top(self, index: int) -> bool:
        """Whether block `index` is in the head of the minutes, close to the title."""
        return index < HEAD_BLOCKS and self.in_head(index)

    def body_started(self, index: int) -> None:
        """Record a heading that is not about attendance: the body starts there."""
        if self.body_start is None:
            self.body_start = index

    def persons(
        self, block: Block, offset: int, length: int
    ) -> tuple[tuple[int, int], ...]:
        """Spans a trained pipeline labelled PERSON in a slice of a block's text."""
        # the blank pipeline labels nothing: empty without a model
        doc = self.ctx.docs[block.index] if block.index < len(self.ctx.docs) else None
        if doc is None or not doc.ents:
            return ()
        end = offset + length
        return tuple(
            (ent.start_char - offset, ent.end_char - offset)
            for ent in doc.ents
            if ent.label_ == "PERSON" and offset <= ent.start_char < ent.end_char <= end
        )

    def find(self, name: str, group: str | None = "") -> Attendee | None:
        """The listed attendee `name` denotes, if any."""
        # A misspelt surname is the listed person only when named elsewhere than
        # in the same list: one list may hold both "John Smith" and "John Smyth".
        return next(
            (
                a
                for a in self._index.get_all(_lookup_keys(name))
                if same_person(name, a.name)
                or same_person(a.name, name)
                or (group != a.group and misspelt(name, a.name))
            ),
            None,
        )

    def add(self, entry: Entry, block: Block, base: int, group: str | None) -> None:
        """File a listed person, unless already listed."""
        if self.find(entry.name, group) is not None:
            return
        prov = self.ctx.provenance(block.index, base + entry.start, base + entry.end)
        tick = block.checked if block.checked is not None else entry.checked
        if tick is not None:
            self._ticks[len(self.listed)] = tick
        self._index.put(_lookup_keys(entry.name), len(self.listed))
        self.listed.append(
            Attendee(
                name=entry.name,
                organisation=entry.organisation,
                group=group,
                provenance=prov,
                role=entry.role,
            )
        )

    def add_role(self, block: Block, text: str, offset: int, role: str) -> None:
        """A role line's person ("Chair: Beau"), added at the end if nobody matches."""
        for start, end in split_entries(text):  # "Co-chairs: Ann Lee, Bob Stone"
            piece = text[start:end]
            entry = parse_entry(piece, single=True)
            if entry is not None and ":" not in piece[entry.end :]:
                entry = Entry(
                    entry.name, entry.organisation, role, entry.start, entry.end
                )
                self.roles.append(Candidate(entry, block.index, offset + start, None))

    def add_roster(
        self,
        entry: Entry,
        block: Block,
        base: int,
        group: str | None,
        alias: str | None,
    ) -> None:
        """A member of a body ("The Board members are:"): present if seen acting."""
        self.roster.append(Candidate(entry, block.index, base, group, alias))

    def add_candidate(self, cand: Candidate) -> None:
        """File a role-line or roster person found to be present."""
        self.add(cand.entry, self.ctx.blocks[cand.block], cand.base, cand.group)

    def add_initials_line(self, block: Block, group: str | None) -> None:
        """A row of a flattened "Name INITIALS Organisation" table."""
        entry = read_initials_line(block.text)
        if entry is not None:
            self.add(entry, block, 0, group)

    def note_absent(
        self, entry: Entry, block: Block, base: int, group: str | None
    ) -> None:
        """Someone under Apologies / Regrets / Absent: never an attendee."""
        key = fold(entry.name)
        if key in self.absent:
            return
        self.absent.add(key)
        prov = self.ctx.provenance(block.index, base + entry.start, base + entry.end)
        self.apologies.append(
            Attendee(
                name=entry.name,
                organisation=entry.organisation,
                group=group,
                provenance=prov,
            )
        )

    def is_absent(self, name: str) -> bool:
        """Whether `name` was filed under Apologies / Regrets / Absent."""
        return any(
            same_person(name, other) or same_person(other, name)
            for other in self.absent
        )

    def add_roles(self) -> None:
        """Add the role-line people nobody listed matches."""
        for cand in self.roles:
            if self.is_absent(cand.entry.name):
                continue
            listed = self.find(cand.entry.name)
            if listed is None:
                self.add_candidate(cand)
            elif listed.organisation is None:  # "Chair: Jane Doe (ACME)", listed bare
                listed.organisation = cand.entry.organisation

    def result(self) -> list[Attendee]:
        """The attendees in reading order, without the unticked of a ticked list."""
        ticked = {self.listed[i].group for i, tick in self._ticks.items() if tick}
        unticked = {
            i
            for i, tick in self._ticks.items()
            if not tick and self.listed[i].group in ticked
        }
        # "- [x] Ann" / "- [ ] Bob" under Attendees: Bob did not come. A list with
        # no box ticked is a template or was never ticked: everyone stays.
        kept = [a for i, a in enumerate(self.listed) if i not in unticked]
        return sorted(kept, key=lambda a: (a.provenance.block, a.provenance.start))

    def absentees(self, present: list[Attendee]) -> list[Attendee]:
        """The people filed as absent, in reading order, less any found present."""
        # "Apologies: Ann Lee" above a list that names her after all: she came.
        return sorted(
            (
                a
                for a in self.apologies
                if not any(
                    same_person(a.name, p.name) or same_person(p.name, a.name)
                    for p in present
                )
            ),
            key=lambda a: (a.provenance.block, a.provenance.start),
        )


def _lookup_keys(name: str) -> set[str]:
    """Keys under which two names that may denote one person meet."""
    tokens = fold(name).split()
    if not tokens:
        return set()
    keys = {
        "=" + "".join(tokens),
        "t:" + tokens[0],
        "t:" + tokens[-1],
        "p:" + tokens[0][:2],
        "t:" + initials_of(name).lower(),
    }
    if len(tokens) == 1:  # a handle or initials: meet the full names they stand for
        keys.add("p:" + tokens[0][:2])
    return keys


class _Index:
    """Listed attendees by lookup key, so finding a person is not a scan of them all."""

    def __init__(self, listed: list[Attendee]) -> None:
        self._listed = listed
        self._by_key: dict[str, list[int]] = {}

    def put(self, keys: set[str], position: int) -> None:
        """Index the attendee at `position` under `keys`."""
        for key in keys:
            self._by_key.setdefault(key, []).append(position)

    def get_all(self, keys: set[str]) -> list[Attendee]:
        """The attendees sharing a key with `keys`, in the order they were listed."""
        found = sorted({i for key in keys for i in self._by_key.get(key, ())})
        return [self._listed[i] for i in found]
