"""Name resolution for the linker: pure, no database.

The linker builds an `Index` from the graph's known organisations and people, asks it
to resolve every written name, `add`s what it creates and `learn`s each new form of
what it matched (so "Micheael" -> "Michael" -> "M." chain across documents). A name
that fits several known entities resolves to `id=None` with `ambiguous_ids`: it is
reported, never guessed. The first rule with candidates decides:

- organisations (`naming_orgs`): exact folded key or known alias / acronym; acronym
  of the name or of its tail ("GI-TOC", "Persons against NST"); a leading part of a
  known name ("Global Initiative"); a unit of a known acronym ("UNODC Civil Society
  Unit"); a known name extended ("Maat for Peace, Development ..."); fuzzy >= 90.
- people (`naming_people`): exact key or alias; initials or missing middle names
  ("I. Geyer", "Prof. J. Albanese"); a surname with an honorific ("Prof. Albanese");
  a first name, then a surname, alone; fuzzy >= 88 unless the organisations differ;
  capitals of someone present ("HP"). `context_ids` (the meeting's people) and
  `organisation_ids` break ties; bare names need the context when one is given.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Hashable, Iterable

from ingest.naming_orgs import ORG_FUZZY_THRESHOLD, OrganisationIndex
from ingest.naming_parse import OrgName, parse_one_organisation, parse_organisation
from ingest.naming_people import PERSON_FUZZY_THRESHOLD, PersonIndex, PersonName
from ingest.naming_text import Resolution, compact, fold, org_key, person_key

__all__ = [
    "ORG_FUZZY_THRESHOLD",
    "PERSON_FUZZY_THRESHOLD",
    "Index",
    "OrgName",
    "OrganisationIndex",
    "PersonIndex",
    "PersonName",
    "Resolution",
    "compact",
    "fold",
    "group_organisation",
    "org_key",
    "parse_one_organisation",
    "parse_organisation",
    "person_key",
]

# Words of an attendance heading that are not an organisation's name: "Present",
# "Other attendees", "current Board members in attendance", "UNODC MEMBERS".
# fmt: off
_LABELS = frozenset({
    "present", "attending", "attendees", "attendance", "participants", "apologies",
    "regrets", "absent", "guests", "observers", "members", "member", "in", "also",
    "invited", "staff", "remote", "online", "chair", "minutes", "other", "others",
    "current", "all", "team", "delegation", "representatives", "representative",
    "not", "voting", "non", "the", "and", "of", "list",
})
# Bodies every organisation has: "Board members" names no organisation.
_BODIES = frozenset({
    "board", "committee", "council", "secretariat", "steering", "group", "officers",
    "directors", "trustees", "volunteers", "panellists", "panelists", "speakers",
    "moderators", "facilitators", "executive", "working", "management",
})
# fmt: on
_PEOPLE_SPLIT = re.compile(r"\s*(?:[,;/&+]|\band\b)\s*", re.IGNORECASE)


def group_organisation(group: str | None) -> str | None:
    """The organisation a group heading names ("UNODC MEMBERS" -> "UNODC"), if any."""
    words = (group or "").replace(":", " ").split()
    while words and fold(words[-1]) in _LABELS:
        words.pop()
    while words and fold(words[0]) in _LABELS:
        words.pop(0)
    if all(fold(w) in _LABELS | _BODIES for w in words):
        return None
    return " ".join(words)


class Index:
    """Known organisations and people of the graph, for the linker to resolve."""

    def __init__(self) -> None:
        self.organisations = OrganisationIndex()
        self.people = PersonIndex()

    def clone(self) -> Index:
        """A view that can be added to and learn without changing this index.

        O(1) to make: its dicts are overlays on this index's (ingest.overlay),
        and only the keys it writes are copied. A clone is not cloned again.
        """
        copy = Index.__new__(Index)
        copy.organisations = self.organisations.clone()
        copy.people = self.people.clone()
        return copy

    def add_organisation(
        self,
        entity_id: Hashable,
        name: str,
        acronym: str | None = None,
        aliases: Iterable[str] = (),
    ) -> None:
        """Register an organisation (or more forms of a known one)."""
        self.organisations.add(entity_id, name, acronym, aliases)

    def add_person(
        self,
        entity_id: Hashable,
        name: str,
        aliases: Iterable[str] = (),
        organisation_ids: Iterable[Hashable] = (),
    ) -> None:
        """Register a person (or more forms and organisations of a known one)."""
        self.people.add(entity_id, name, aliases, organisation_ids)

    def learn_organisation(self, entity_id: Hashable, org: OrgName) -> None:
        """Record a parsed name's forms on a known organisation after a match."""
        self.organisations.learn(entity_id, org)

    def learn_person(
        self,
        entity_id: Hashable,
        form: str,
        organisation_ids: Iterable[Hashable] = (),
    ) -> None:
        """Record a written form (and organisations) on a known person after a match."""
        self.people.add(entity_id, form, organisation_ids=organisation_ids)

    def resolve_organisation(self, raw: str | OrgName) -> Resolution:
        """Resolve a string naming ONE organisation (see resolve_organisations)."""
        return self.organisations.resolve(raw)

    def resolve_organisations(self, raw: str) -> list[tuple[OrgName, Resolution]]:
        """Split a written string into organisations ("NIOC, CGR") and resolve each."""
        return self.organisations.resolve_all(raw)

    def resolve_person(
        self,
        raw: str,
        *,
        context_ids: Collection[Hashable] | None = None,
        organisation_ids: Collection[Hashable] = (),
    ) -> Resolution:
        """Resolve a person's name; context (the meeting's people) breaks ties.

        With `context_ids` given, a bare first name or surname only resolves to a
        person in the context; capitals such as "HP" only ever do.
        """
        return self.people.resolve(
            raw, context_ids=context_ids, organisation_ids=organisation_ids
        )

    def resolve_people(
        self,
        raw: str,
        *,
        context_ids: Collection[Hashable] | None = None,
        organisation_ids: Collection[Hashable] = (),
    ) -> list[Resolution]:
        """One or several people in one string ("HP, NL", "Luther/Valentine").

        The string is split only when it names nobody whole and every part names
        someone; otherwise the whole string's (unresolved) result is returned.
        """

        def one(text: str) -> Resolution:
            return self.resolve_person(
                text, context_ids=context_ids, organisation_ids=organisation_ids
            )

        whole = one(raw)
        parts = [p for p in _PEOPLE_SPLIT.split(raw) if p.strip()]
        if whole.id is not None or whole.ambiguous or len(parts) < 2:
            return [whole]
        found = [one(part) for part in parts]
        if not all(r.id is not None or r.ambiguous for r in found):
            return [whole]
        ids = {r.id for r in found}
        return found if len(ids) > 1 or None in ids else found[:1]
