"""Text keys for names: folding, honorifics, acronyms, and the Resolution record."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from ingest.overlay import Overlay

Method = Literal[
    "exact",
    "alias",
    "acronym",
    "prefix",
    "unit",
    "initials",
    "given_names",
    "first_name",
    "surname",
    "fuzzy",
]

# Dropped before a person's name (the contract's labelling rules drop the same ones).
# "M." is not here: it is far more often an initial than "Monsieur".
# fmt: off
HONORIFICS = frozenset({
    "prof", "professor", "dr", "mr", "mrs", "ms", "miss", "mx", "cllr",
    "councillor", "messrs", "sir", "dame", "rev", "hon", "mme", "mlle", "herr",
    "frau", "dra"
})
# fmt: on

# Function words an acronym may skip ("GI-TOC": Global Initiative [against]
# Transnational Organized Crime, "UNODC": ... Office [on] Drugs [and] Crime) or keep
# ("CWB": Criminologists Without Borders), so both readings are indexed. English,
# French, Spanish, German articles / prepositions / conjunctions, as in score.py's
# ACRONYM_IGNORE plus the prepositions acronyms are seen to skip.
# fmt: off
ACRONYM_SKIPPABLE = frozenset({
    "of", "the", "for", "and", "on", "in", "against", "to", "at", "by", "with",
    "without", "from", "a", "an", "de", "des", "du", "la", "le", "les", "et",
    "pour", "sur", "y", "del", "el", "los", "las", "para", "der", "die", "das",
    "und", "fur", "gegen"
})
# fmt: on

_APOSTROPHES = "'’‘`´ʼ"
_NO_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
_ACRONYM_TOKEN = re.compile(r"^[A-Z0-9][A-Za-z0-9&.\-]*$")


# Letters NFKD does not decompose: "Çağıl" = "Cagil", "Małolepszy" = "Malolepszy".
_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"}
)


_ASCII_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Casefold, strip accents, turn punctuation and dashes into spaces, collapse.

    Cached, and plain ASCII takes a short cut: the linker folds the same names
    over and over, and most are ASCII, where casefold is lower() and nothing
    decomposes (`fold_slowly` is the one rule; a test holds them equal).
    """
    if text.isascii():
        return " ".join(_ASCII_NON_ALNUM.sub(" ", text.lower()).split())
    return fold_slowly(text)


def fold_slowly(text: str) -> str:
    """`fold` for any text, character by character."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    chars = (
        ch if ch.isalnum() else " "
        for ch in decomposed
        if not unicodedata.combining(ch)
    )
    return " ".join("".join(chars).split())


def fold_word(word: str) -> str:
    """Fold one word, dropping apostrophes inside it: "O’Connell" -> "oconnell"."""
    return fold(word.translate(_NO_APOSTROPHES))


def compact(text: str) -> str:
    """Folded text without spaces: "GI-TOC" -> "gitoc", the exact-match key."""
    return fold(text.translate(_NO_APOSTROPHES)).replace(" ", "")


def name_tokens(text: str) -> list[str]:
    """Folded words of a name; apostrophes join ("O'Connell"), dashes split."""
    return fold(text.translate(_NO_APOSTROPHES)).split()


def strip_honorifics(tokens: list[str]) -> tuple[list[str], bool]:
    """Leading honorifics removed from folded tokens, and whether there were any."""
    rest = list(tokens)
    while len(rest) > 1 and rest[0] in HONORIFICS:
        rest.pop(0)
    return rest, len(rest) < len(tokens)


def person_key(name: str) -> str:
    """No honorifics, folded: "Prof. Jean-Pierre Dupont" -> "jean pierre dupont"."""
    tokens, _ = strip_honorifics(name_tokens(name))
    return " ".join(tokens)


# British and American spellings of words organisations are named with.
_SPELLINGS = {
    "centre": "center", "centres": "centers", "organisation": "organization",
    "organisations": "organizations", "programme": "program", "programmes": "programs",
    "defence": "defense", "labour": "labor",
}  # fmt: skip


def org_key(name: str) -> str:
    """Folded name without a leading article: "The Centre" -> "center"."""
    tokens = [_SPELLINGS.get(t, t) for t in name_tokens(name)]
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def is_acronym(word: str) -> bool:
    """True for an acronym-like token: "GI-TOC", "UNODC", "BoM", "NGOs", "MF"."""
    word = word.strip("()[]")
    if not 2 <= len(word) <= 12 or not _ACRONYM_TOKEN.match(word):
        return False
    letters = [ch for ch in word if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and upper * 2 >= len(letters)


def initials_variants(words: Iterable[str]) -> set[str]:
    """Initials of folded words, with and without the skippable function words."""
    words = list(words)
    every = "".join(w[0] for w in words)
    content = "".join(w[0] for w in words if w not in ACRONYM_SKIPPABLE)
    return {key for key in (every, content) if len(key) >= 2}


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a written name resolved: the id or None, the rule, and any rival ids."""

    raw: str
    id: Hashable | None = None
    method: Method | None = None
    ambiguous_ids: tuple[Hashable, ...] = field(default=())
    score: float | None = None

    @property
    def ambiguous(self) -> bool:
        """True when several entities fit and none was picked."""
        return bool(self.ambiguous_ids)


def decide(raw: str, ids: Iterable[Hashable], method: Method) -> Resolution | None:
    """One id -> a match; several -> ambiguous (never a guess); none -> None."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return None
    if len(unique) == 1:
        return Resolution(raw=raw, id=unique[0], method=method)
    return Resolution(raw=raw, method=method, ambiguous_ids=tuple(unique))


class FuzzyBlocks:
    """Names grouped by a block key; rapidfuzz scores one block at a time, in C."""

    def __init__(self) -> None:
        # Written as `[block].append`: an overlay copies the block's lists first.
        self._texts: MutableMapping[str, list[str]] = defaultdict(list)
        self._ids: MutableMapping[str, list[Hashable]] = defaultdict(list)

    def add(self, block: str, text: str, entity_id: Hashable) -> None:
        """File one written form of an entity under a block."""
        self._texts[block].append(text)
        self._ids[block].append(entity_id)

    def clone(self) -> FuzzyBlocks:
        """A view whose blocks can grow without touching these (see ingest.overlay)."""
        copy = FuzzyBlocks.__new__(FuzzyBlocks)
        copy._texts = Overlay(self._texts, list)
        copy._ids = Overlay(self._ids, list)
        return copy

    def best(
        self,
        block: str,
        text: str,
        cutoff: float,
        accept: Callable[[str], bool] = lambda _: True,
    ) -> dict[Hashable, float]:
        """Best fuzz.ratio per entity of the block, at or above cutoff and accepted."""
        found: dict[Hashable, float] = {}
        ids = self._ids.get(block, ())
        hits = process.extract(
            text,
            self._texts.get(block, ()),
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            limit=None,
        )
        for choice, score, position in hits:
            if not accept(choice):
                continue
            entity_id = ids[position]
            found[entity_id] = max(found.get(entity_id, 0.0), score)
        return found


# Two spellings of one word differ by a typo when they score this much (fuzz.ratio):
# "micheael"/"michael" 93, "harbour"/"harbor" 92, "jon"/"john" 86, while different
# words score lower ("judges"/"jurists" 46). A fuzzy match allows one such word.
WORD_TYPO_SCORE = 80.0


def one_word_typo(
    a: list[str] | tuple[str, ...],
    b: list[str] | tuple[str, ...],
    *,
    given_name: bool = False,
) -> bool:
    """Same words but one, and that one a likely typo of the other.

    With `given_name`, a changed or added last letter is another name (Maria /
    Mario, Daniel / Daniela), not a typo.
    """
    if len(a) != len(b):
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return not differing
    x, y = differing[0]
    if given_name and _gendered_pair(x, y):
        return False
    return fuzz.ratio(x, y) >= WORD_TYPO_SCORE


def _gendered_pair(x: str, y: str) -> bool:
    """Maria / Mario, Daniel / Daniela, Jan / Jana: a different name, not a typo."""
    short, long = sorted((x, y), key=len)
    if len(long) - len(short) == 1:
        return long[:-1] == short
    return len(x) == len(y) and x[:-1] == y[:-1]
