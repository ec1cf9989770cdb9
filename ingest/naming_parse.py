"""Organisation strings as written: one or several organisations, name and acronym."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.naming_text import is_acronym

_SPLIT = re.compile(r"\s*[,;/]\s*")
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")
_BRACKET = re.compile(r"\s*[(\[]([^)\]]*)[)\]]")


@dataclass(frozen=True, slots=True)
class OrgName:
    """One organisation as written: its name, a stated acronym, other forms."""

    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()

    def forms(self) -> list[str]:
        """Every written form, name first."""
        forms = [self.name, *([self.acronym] if self.acronym else []), *self.aliases]
        return list(dict.fromkeys(forms))


def single_word_acronym(text: str) -> bool:
    """True when text is one acronym-like word."""
    words = text.split()
    return len(words) == 1 and is_acronym(words[0])


def parse_one_organisation(raw: str) -> OrgName:
    """Parse a string that names one organisation: brackets, "ACR – Name", "ACR"."""
    text = " ".join(raw.split())
    brackets = [b.strip() for b in _BRACKET.findall(text)]
    acronyms = [b for b in brackets if single_word_acronym(b)]
    if acronyms:
        name = _BRACKET.sub(
            lambda m: "" if m.group(1).strip() in acronyms else m.group(0), text
        ).strip()
        if name:
            return OrgName(name, acronyms[0], tuple(acronyms[1:]))
    parts = _SPACED_DASH.split(text, maxsplit=1)
    if len(parts) == 2:
        left, right = parts
        if single_word_acronym(left) and len(right.split()) >= 2:
            return OrgName(right, left)
        if single_word_acronym(right) and len(left.split()) >= 2:
            return OrgName(left, right)
    if single_word_acronym(text):
        return OrgName(text, text)
    return OrgName(text)


def parse_organisation(
    raw: str, *, is_known: Callable[[str], bool] | None = None
) -> list[OrgName]:
    """The organisation(s) one written string denotes: "NIOC, CGR" is two."""
    text = " ".join(raw.split())
    if not text:
        return []
    parts = [p for p in _SPLIT.split(text) if p]
    if len(parts) > 1 and all(
        single_word_acronym(p) or (is_known is not None and is_known(p)) for p in parts
    ):
        return [parse_one_organisation(p) for p in parts]
    return [parse_one_organisation(text)]
