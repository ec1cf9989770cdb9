"""People's names: resolve a written name against known people, never guessing."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, MutableMapping
from dataclasses import dataclass

from ingest.naming_text import (
    HONORIFICS,
    FuzzyBlocks,
    Method,
    Resolution,
    decide,
    name_tokens,
    one_word_typo,
)
from ingest.overlay import Overlay

# fuzz.ratio between folded names (0-100); see ORG_FUZZY_THRESHOLD. Over the corpora
# (gold people, and the attendees of each real and held-out document) different
# people score at most 72 ("Brian Warner" / "Brian Kardell"); the typo "Micheael
# O'Connell" / "Michael O'Connell" scores 97, one letter in a 9-letter name 89.
# 88 sits between; a match must also differ in one word, not by a gendered ending.
PERSON_FUZZY_THRESHOLD = 88.0

# Dropped after a name, so that the surname is the last word: "Jay Albanese PhD".
_SUFFIXES = frozenset({
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "mp", "mep", "obe", "mbe", "cbe",
    "qc", "kc", "esq",
})  # fmt: skip
_INITIALS_WORD = re.compile(r"^(?:[^\W\d_]\.-?)+$")  # "J." "J.P." "J.-P."
_HANDLE = re.compile(r"^[A-Z][A-Za-z]{1,2}$")


def _word_tokens(word: str) -> list[str]:
    """Folded tokens of one written word; "J.P." and "I." give single letters."""
    letters = [ch for ch in word if ch.isalpha()]
    if _INITIALS_WORD.match(word) or len(letters) == 1:
        return [t for ch in letters for t in name_tokens(ch)]
    return name_tokens(word)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A written person's name as folded tokens (initials are single letters)."""

    tokens: tuple[str, ...]
    honorific: bool

    @classmethod
    def parse(cls, raw: str) -> PersonName:
        """Split a written name, dropping leading honorifics ("Prof. J. Albanese")."""
        return _parse(raw)

    @classmethod
    def _parse(cls, raw: str) -> PersonName:
        tokens = [t for word in raw.split() for t in _word_tokens(word)]
        honorific = False
        while len(tokens) > 1 and tokens[0] in HONORIFICS:
            tokens.pop(0)
            honorific = True
        while len(tokens) > 2 and tokens[-1] in _SUFFIXES:
            tokens.pop()
        return cls(tuple(tokens), honorific)

    @property
    def key(self) -> str:
        """Exact-match key: tokens without spaces ("Jean-Pierre" = "Jean Pierre")."""
        return "".join(self.tokens)

    @property
    def block(self) -> str:
        """The fuzzy block: initials of the first and last token."""
        return self.tokens[0][0] + self.tokens[-1][0] if self.tokens else ""


# Names are parsed over and over (each known canonical name at every exact match):
# a PersonName is frozen, so one parse can serve them all.
_parse = functools.lru_cache(maxsize=1 << 14)(PersonName._parse)


def _given_agree(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Given names agree: first with first, the rest in order; "j" stands for "jay"."""
    if not short:
        return False
    it = iter(long[1:])
    pairs = [(short[0], long[0])]
    for token in short[1:]:
        for other in it:
            if _token_agree(token, other):
                pairs.append((token, other))
                break
        else:
            return False
    return all(_token_agree(a, b) for a, b in pairs)


def _token_agree(a: str, b: str) -> bool:
    """Equal words, or an initial and a word it begins."""
    return (
        a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
    )


def compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same surname and given names that agree ("I. Geyer" ~ "Ingeborg Geyer")."""
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1] or len(a[-1]) < 2:
        return False
    short, long = sorted((a[:-1], b[:-1]), key=len)
    return _given_agree(short, long)


def _handles(form: tuple[str, ...]) -> set[str]:
    """Initials a person may sign with: all of them, or first and last."""
    if len(form) < 2:
        return set()
    return {"".join(t[0] for t in form), form[0][0] + form[-1][0]}


class PersonIndex:
    """Known people by dicts: exact key, first token, last token, fuzzy block.

    In a clone the dicts are overlays (ingest.overlay) on the original's: a set
    or list is read with `.get` and only ever changed through `[key]`, which
    copies it into the clone first.
    """

    def __init__(self) -> None:
        self._canonical: MutableMapping[Hashable, str] = {}
        self._forms: MutableMapping[Hashable, list[tuple[str, ...]]] = defaultdict(list)
        self._orgs: MutableMapping[Hashable, set[Hashable]] = defaultdict(set)
        self._exact: MutableMapping[str, set[Hashable]] = defaultdict(set)
        self._first: MutableMapping[str, set[Hashable]] = defaultdict(set)
        self._last: MutableMapping[str, set[Hashable]] = defaultdict(set)
        self._block = FuzzyBlocks()

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._canonical

    def clone(self) -> PersonIndex:
        """A view to add to and learn on without touching this one; O(1) to make.

        Only what the clone writes is copied (a set or list per key written).
        """
        copy = PersonIndex.__new__(PersonIndex)
        copy._canonical = Overlay(self._canonical)
        copy._forms = Overlay(self._forms, list)
        copy._orgs = Overlay(self._orgs, set)
        copy._exact = Overlay(self._exact, set)
        copy._first = Overlay(self._first, set)
        copy._last = Overlay(self._last, set)
        copy._block = self._block.clone()
        return copy

    def add(
        self,
        entity_id: Hashable,
        name: str,
        aliases: Iterable[str] = (),
        organisation_ids: Iterable[Hashable] = (),
    ) -> None:
        """Register a person (or more forms and organisations of a known one)."""
        self._canonical.setdefault(entity_id, name)
        for form in [name, *aliases]:
            self.add_alias(entity_id, form)
        orgs = set(organisation_ids)
        # Most are known already (every match learns them): a clone copies the
        # person's set only when one is new.
        if not orgs <= self._orgs.get(entity_id, set()):
            self._orgs[entity_id].update(orgs)

    def add_organisation(self, entity_id: Hashable, organisation_id: Hashable) -> None:
        """Record that a known person belongs to an organisation."""
        if organisation_id not in self._orgs.get(entity_id, ()):
            self._orgs[entity_id].add(organisation_id)

    def add_alias(self, entity_id: Hashable, form: str) -> None:
        """Register one more written form of a known person."""
        self._canonical.setdefault(entity_id, form)
        name = PersonName.parse(form)
        if not name.tokens or name.tokens in self._forms.get(entity_id, ()):
            return
        self._forms[entity_id].append(name.tokens)
        self._exact[name.key].add(entity_id)
        if len(name.tokens[0]) > 1:
            self._first[name.tokens[0]].add(entity_id)
        if len(name.tokens[-1]) > 1:
            self._last[name.tokens[-1]].add(entity_id)
        if len(name.tokens) >= 2 and min(map(len, name.tokens)) > 1:
            self._block.add(name.block, " ".join(name.tokens), entity_id)

    def resolve(
        self,
        raw: str,
        *,
        context_ids: Collection[Hashable] | None = None,
        organisation_ids: Collection[Hashable] = (),
    ) -> Resolution:
        """Resolve a written name; context and organisations only break ties."""
        name = PersonName.parse(raw)
        if not name.tokens:
            return Resolution(raw=raw)
        rules: list[Callable[[PersonName, str], Resolution | None]] = [
            self._by_exact,
            self._by_parts,
            self._by_first_name,
            self._by_surname,
            functools.partial(self._by_fuzzy, organisation_ids=organisation_ids),
        ]
        for rule in rules:
            found = rule(name, raw)
            if found is not None:
                found = self._narrow(found, context_ids, organisation_ids)
            if found is not None and (found.id is not None or found.ambiguous):
                return found
        if context_ids is not None:
            found = self._by_handle(raw, context_ids)
            if found is not None:
                return found
        return Resolution(raw=raw)

    def _narrow(
        self,
        found: Resolution,
        context_ids: Collection[Hashable] | None,
        organisation_ids: Collection[Hashable],
    ) -> Resolution:
        """Prefer candidates in the context, then in the organisations; else keep."""
        ids = list(found.ambiguous_ids) or [found.id]
        bare = found.method in ("first_name", "surname")
        if context_ids is not None:
            inside = [i for i in ids if i in context_ids]
            if bare and not inside:
                return Resolution(raw=found.raw)  # a bare name outside the meeting
            ids = inside or ids
        in_orgs = [i for i in ids if self._orgs.get(i, set()) & set(organisation_ids)]
        ids = in_orgs or ids
        if len(ids) == 1:
            return Resolution(found.raw, ids[0], found.method, (), found.score)
        return Resolution(found.raw, None, found.method, tuple(ids), found.score)

    def _by_exact(self, name: PersonName, raw: str) -> Resolution | None:
        ids = sorted(self._exact.get(name.key, set()), key=str)
        method: Method = "alias"
        if len(ids) == 1 and PersonName.parse(self._canonical[ids[0]]).key == name.key:
            method = "exact"
        return decide(raw, ids, method)

    def _by_parts(self, name: PersonName, raw: str) -> Resolution | None:
        """Initials or missing middle names; with an honorific, the surname alone."""
        tokens = name.tokens
        if len(tokens) < 2:
            return None
        ids = [i for i in self._last_candidates(tokens) if self._fits(i, tokens)]
        method: Method = "initials" if min(map(len, tokens)) == 1 else "given_names"
        if not ids and name.honorific:
            candidates = self._last_candidates(tokens)
            ids = [i for i in candidates if self._has_suffix(i, tokens)]
            method = "surname"
        return decide(raw, ids, method)

    def _by_first_name(self, name: PersonName, raw: str) -> Resolution | None:
        """One word without an honorific, as someone's first name ("Ingeborg")."""
        if len(name.tokens) != 1 or name.honorific or len(name.tokens[0]) < 2:
            return None
        return decide(raw, self._sorted(self._first.get(name.tokens[0])), "first_name")

    def _by_surname(self, name: PersonName, raw: str) -> Resolution | None:
        """One word as someone's surname ("Prof. Albanese", or "Albanese")."""
        if len(name.tokens) != 1 or len(name.tokens[0]) < 2:
            return None
        return decide(raw, self._sorted(self._last.get(name.tokens[0])), "surname")

    def _last_candidates(self, tokens: tuple[str, ...]) -> list[Hashable]:
        return self._sorted(self._last.get(tokens[-1]))

    def _fits(self, entity_id: Hashable, tokens: tuple[str, ...]) -> bool:
        return any(compatible(tokens, form) for form in self._forms.get(entity_id, ()))

    def _has_suffix(self, entity_id: Hashable, tokens: tuple[str, ...]) -> bool:
        n = len(tokens)
        return any(
            form[-n:] == tokens
            for form in self._forms.get(entity_id, ())
            if len(form) > n
        )

    def _by_fuzzy(
        self, name: PersonName, raw: str, organisation_ids: Collection[Hashable] = ()
    ) -> Resolution | None:
        """A typo of a known name, unless the two are known at other organisations.

        "Michaela O'Connell" is one letter from "Michael O'Connell": a stated
        organisation that the known person does not share keeps them apart.
        """
        if len(name.tokens) < 2:
            return None
        joined = " ".join(name.tokens)
        best = self._block.best(
            name.block,
            joined,
            PERSON_FUZZY_THRESHOLD,
            accept=lambda known: one_word_typo(
                known.split(), name.tokens, given_name=True
            ),
        )
        for entity_id in list(best):
            orgs = self._orgs.get(entity_id)
            if organisation_ids and orgs and not orgs & set(organisation_ids):
                del best[entity_id]
        ids = self._sorted(i for i, s in best.items() if s >= PERSON_FUZZY_THRESHOLD)
        found = decide(raw, ids, "fuzzy")
        if found is not None and found.id is not None:
            return Resolution(raw, found.id, "fuzzy", score=best[found.id])
        return found

    def _by_handle(
        self, raw: str, context_ids: Collection[Hashable]
    ) -> Resolution | None:
        """Capitals standing for someone present: "HP" = Heidi Perrett there."""
        word = raw.strip()
        if not _HANDLE.match(word) or sum(ch.isupper() for ch in word) < 2:
            return None
        letters = word.casefold()
        ids = [
            i
            for i in self._sorted(context_ids)
            if any(letters in _handles(form) for form in self._forms.get(i, []))
        ]
        return decide(raw, ids, "initials")

    @staticmethod
    def _sorted(ids: Iterable[Hashable] | None) -> list[Hashable]:
        return sorted(ids or (), key=str)
