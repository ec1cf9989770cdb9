"""Organisation names: resolve a parsed name against known organisations."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, MutableMapping

from ingest.naming_parse import (
    OrgName,
    parse_one_organisation,
    parse_organisation,
    single_word_acronym,
)
from ingest.naming_text import (
    ACRONYM_SKIPPABLE,
    FuzzyBlocks,
    Method,
    Resolution,
    compact,
    decide,
    initials_variants,
    is_acronym,
    one_word_typo,
    org_key,
)
from ingest.overlay import Overlay

# fuzz.ratio between folded names (0-100). The corpus study
# (tests/ingest/test_naming_corpus.py::test_fuzzy_thresholds_separate_the_corpus, -s)
# prints the distributions: different organisations score at most 78 ("International
# Association of Democratic Lawyers" / "... of Judges"); a one-letter typo in a
# 20-letter name scores 95. 90 keeps a 12-point margin; and a match must differ in
# one word only, a typo of it ("... of Judges" / "... of Jurists" scores 90.1).
ORG_FUZZY_THRESHOLD = 90.0

# A prefix made only of these words names no organisation by itself: "International"
# or "National Association" must not land on the one known name that starts so.
# fmt: off
GENERIC_WORDS = frozenset({
    "international", "national", "global", "world", "united", "european", "african",
    "asian", "american", "regional", "association", "society", "organisation",
    "organization", "network", "forum", "institute", "centre", "center",
    "foundation", "council", "committee", "federation", "union", "group", "office",
    "ngo", "ong", "agency"
})
# fmt: on

# Last words of a sub-unit: "UNODC Civil Society Unit" is part of UNODC.
# fmt: off
UNIT_WORDS = frozenset({
    "unit", "section", "branch", "division", "department", "secretariat", "team",
    "desk", "service", "programme", "program", "directorate"
})
# fmt: on

_UNIT_OF = re.compile(
    r"^(?P<unit>.+?)\s+(?:of|at)\s+(?:the\s+)?(?P<org>[^,]+)$", re.IGNORECASE
)


def _signatures(words: list[str]) -> set[str]:
    """Keys "prefix|initials of the rest", one per split ("Persons against NST").

    A whole-name acronym needs three letters: two ("MF", "UN") fit too many names.
    """
    keys: set[str] = set()
    for k in range(len(words) - 1):
        prefix = " ".join(words[:k])
        keys.update(
            f"{prefix}|{v}" for v in initials_variants(words[k:]) if k or len(v) >= 3
        )
    return keys


def _abbreviation(raw: str) -> str | None:
    """The signature of an abbreviated form ("GI-TOC", "Persons against NST")."""
    words = raw.split()
    if not words or not is_acronym(words[-1]):
        return None
    head = org_key(" ".join(words[:-1])) if len(words) > 1 else ""
    if head and all(is_acronym(w) for w in words[:-1]):
        return None  # "NGO CSW": a name made of acronyms, not an expansion
    return f"{head}|{compact(words[-1])}"


def _agree(name: list[str], words: list[str]) -> bool:
    """One of two names is a leading part of the other ("Global Initiative")."""
    return name == words[: len(name)] or words == name[: len(words)]


def _block_key(words: list[str]) -> str:
    """Fuzzy block: two letters of the first word, one of the last ("harbo(u)r")."""
    return words[0][:2] + words[-1][0]


def _distinctive(words: list[str]) -> bool:
    """A prefix that can stand for a name: not ending on "of", not all generic."""
    return (
        bool(words)
        and words[-1] not in ACRONYM_SKIPPABLE
        and not all(w in GENERIC_WORDS for w in words)
    )


class OrganisationIndex:
    """Known organisations, looked up by dicts; fuzzy only within a small block.

    In a clone the dicts are overlays (ingest.overlay) on the original's: a set
    or list is read with `.get` and only ever changed through `[key]`, which
    copies it into the clone first.
    """

    def __init__(self) -> None:
        self._canonical: MutableMapping[Hashable, str] = {}
        self._acronyms: MutableMapping[Hashable, set[str]] = defaultdict(set)
        self._full: MutableMapping[Hashable, list[list[str]]] = defaultdict(list)
        self._exact: MutableMapping[str, set[Hashable]] = defaultdict(set)
        self._derived: MutableMapping[str, set[Hashable]] = defaultdict(set)
        self._abbrev: MutableMapping[str, set[Hashable]] = defaultdict(set)
        self._prefixes: MutableMapping[str, set[Hashable]] = defaultdict(set)
        self._block = FuzzyBlocks()

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._canonical

    def clone(self) -> OrganisationIndex:
        """A view to add to and learn on without touching this one; O(1) to make.

        Only what the clone writes is copied (a set or list per key written);
        the word lists in `_full` are shared, as nothing changes one once filed.
        """
        copy = OrganisationIndex.__new__(OrganisationIndex)
        copy._canonical = Overlay(self._canonical)
        copy._acronyms = Overlay(self._acronyms, set)
        copy._full = Overlay(self._full, list)
        copy._exact = Overlay(self._exact, set)
        copy._derived = Overlay(self._derived, set)
        copy._abbrev = Overlay(self._abbrev, set)
        copy._prefixes = Overlay(self._prefixes, set)
        copy._block = self._block.clone()
        return copy

    def add(
        self,
        entity_id: Hashable,
        name: str,
        acronym: str | None = None,
        aliases: Iterable[str] = (),
    ) -> None:
        """Register an organisation (or more forms of a known one)."""
        self._canonical.setdefault(entity_id, name)
        # Every match learns its acronym again: only a new one is written (and
        # so copied into a clone).
        if acronym and compact(acronym) not in self._acronyms.get(entity_id, ()):
            self._acronyms[entity_id].add(compact(acronym))
        for form in [name, *([acronym] if acronym else []), *aliases]:
            self.add_alias(entity_id, form)

    def add_alias(self, entity_id: Hashable, form: str) -> None:
        """Register one more written form of a known organisation."""
        self._canonical.setdefault(entity_id, form)
        key = compact(org_key(form))
        if not key or entity_id in self._exact.get(key, ()):
            return
        self._exact[key].add(entity_id)
        signature = _abbreviation(form)
        if signature is not None:
            self._abbrev[signature].add(entity_id)
        words = org_key(form).split()
        if single_word_acronym(form) or len(words) < 2:
            return
        self._full[entity_id].append(words)
        self._block.add(_block_key(words), " ".join(words), entity_id)
        for sig in _signatures(words):
            self._derived[sig].add(entity_id)
        for k in range(1, len(words)):
            if _distinctive(words[:k]):
                self._prefixes[" ".join(words[:k])].add(entity_id)

    def learn(self, entity_id: Hashable, org: OrgName) -> None:
        """Record every form of a parsed name as belonging to a known organisation."""
        self.add(entity_id, org.name, org.acronym, org.aliases)

    def is_known(self, raw: str) -> bool:
        """True when raw resolves to exactly one organisation without fuzziness."""
        found = self._resolve_form(raw, fuzzy=False)
        return found is not None and found.id is not None

    def resolve_all(self, raw: str) -> list[tuple[OrgName, Resolution]]:
        """Parse a written string into organisations and resolve each."""
        parsed = parse_organisation(raw, is_known=self.is_known)
        return [(org, self.resolve(org)) for org in parsed]

    def resolve(self, raw: str | OrgName) -> Resolution:
        """Resolve one organisation (a string is parsed as ONE name)."""
        org = parse_one_organisation(raw) if isinstance(raw, str) else raw
        text = raw if isinstance(raw, str) else org.name
        by_name = self._resolve_form(org.name)
        matched = [r for r in map(self._resolve_form, org.forms()) if r is not None]
        if not matched:
            return Resolution(raw=text)
        # Every form must agree: "Name (ACR)" whose name fits A or B and whose
        # acronym fits A is A; a name fitting A with an acronym fitting C is neither.
        sets = [set(r.ambiguous_ids) or {r.id} for r in matched]
        common = set.intersection(*sets)
        candidates = common or set.union(*sets)
        if by_name is None and org.acronym and org.acronym != org.name:
            # Only the acronym fits, and it stands for another known full name:
            # "Centre for Water Bonds (CWB)" is not "Criminologists Without Borders".
            signature = f"|{compact(org.acronym)}"
            if any(self._rival_expansion(i, signature, None) for i in candidates):
                candidates |= {None}
        if len(candidates) > 1:
            ids = tuple(sorted(candidates - {None}, key=str))
            return Resolution(raw=text, method=matched[0].method, ambiguous_ids=ids)
        (entity_id,) = candidates
        best = next((r for r in matched if r.id == entity_id), matched[0])
        return Resolution(text, entity_id, best.method, (), best.score)

    def _resolve_form(self, form: str, *, fuzzy: bool = True) -> Resolution | None:
        """The first rule with candidates decides (one: match, more: ambiguous)."""
        rules: list[Callable[[str], Resolution | None]] = [
            self._by_exact,
            self._by_acronym,
            self._by_prefix,
            self._by_unit,
            self._by_extension,
        ]
        if fuzzy:
            rules.append(self._by_fuzzy)
        for rule in rules:
            result = rule(form)
            if result is not None:
                return result
        return None

    def _by_exact(self, form: str) -> Resolution | None:
        key = compact(org_key(form))
        ids = self._exact.get(key, set())
        if len(ids) != 1:
            return decide(form, sorted(ids, key=str), "alias")
        (entity_id,) = ids
        method: Method = "alias"
        if compact(org_key(self._canonical[entity_id])) == key:
            method = "exact"
        elif key in self._acronyms.get(entity_id, ()):
            method = "acronym"
        return Resolution(raw=form, id=entity_id, method=method)

    def _by_acronym(self, form: str) -> Resolution | None:
        """An acronym of a known name, or a name whose acronym is known."""
        signature = _abbreviation(form)
        if signature is not None:
            ids = self._derived.get(signature, set())
        else:
            words = org_key(form).split()
            ids = {
                i
                for sig in _signatures(words)
                for i in self._abbrev.get(sig, ())
                if not self._rival_expansion(i, sig, words)
            }
        return decide(form, sorted(ids, key=str), "acronym")

    def _rival_expansion(
        self, entity_id: Hashable, signature: str, words: list[str] | None
    ) -> bool:
        """True when the entity's acronym already stands for another full name.

        "Centre for Water Bonds" is not "CWB" once "CWB" is known to be
        "Criminologists Without Borders"; "UNODC Civil Society Unit" spells no
        "UNODC", so it does not stop "United Nations Office on Drugs and Crime".
        """
        return any(
            signature in _signatures(name)
            and (words is None or not _agree(name, words))
            for name in self._full.get(entity_id, [])
        )

    def _by_prefix(self, form: str) -> Resolution | None:
        ids = self._prefixes.get(org_key(form), set())
        return decide(form, sorted(ids, key=str), "prefix")

    def _by_extension(self, form: str) -> Resolution | None:
        """A known name that is a leading part of this one ("Maat for Peace, ...")."""
        words = org_key(form).split()
        for k in range(len(words) - 1, 0, -1):
            if not _distinctive(words[:k]):
                continue
            ids = self._exact.get(compact(" ".join(words[:k])), set())
            fits = [i for i in sorted(ids, key=str) if self._extends(i, words)]
            if fits:
                return decide(form, fits, "prefix")
        return None

    def _extends(self, entity_id: Hashable, words: list[str]) -> bool:
        """True when every full name of the entity agrees with words as a prefix."""
        return all(_agree(name, words) for name in self._full.get(entity_id, []))

    def _by_unit(self, form: str) -> Resolution | None:
        words = form.split()
        head: str | None = None
        if len(words) >= 2 and org_key(words[-1]) in UNIT_WORDS:
            head = words[0] if is_acronym(words[0]) else None
        match = _UNIT_OF.match(form)
        if match and (org_key(match["unit"]).split() or [""])[-1] in UNIT_WORDS:
            head = match["org"]
        if head is None:
            return None
        ids = self._exact.get(compact(org_key(head)), set())
        return decide(form, sorted(ids, key=str), "unit")

    def _by_fuzzy(self, form: str) -> Resolution | None:
        key = org_key(form)
        words = key.split()
        if len(words) < 2:
            return None  # one word (or an acronym): too short to judge a typo
        best = self._block.best(
            _block_key(words),
            key,
            ORG_FUZZY_THRESHOLD,
            accept=lambda known: one_word_typo(known.split(), words),
        )
        ids = sorted((i for i, s in best.items() if s >= ORG_FUZZY_THRESHOLD), key=str)
        result = decide(form, ids, "fuzzy")
        if result is not None and result.id is not None:
            return Resolution(form, result.id, "fuzzy", score=best[result.id])
        return result
