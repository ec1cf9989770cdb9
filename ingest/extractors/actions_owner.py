"""Who an action belongs to: subjects, "by" agents and speakers, as written."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from ingest.extractors.actions_words import (
    GROUP_WORDS,
    NAME_JOINERS,
    PRONOUN_SUBJECTS,
    words,
)

# Words that end a subject before the person it names is complete:
# "BVN and Xavier Desurmont from the Publications Office", "members willing to...".
_SUBJECT_CUT = words("from who whose which that willing with at in on under")
_NAMES_ONLY_WORDS = 4
# Words after a passive agent that start something else.
_AGENT_END = words("""
when if after before once as until because since during for to within by next this
these those so but then
""")
# Words between a subject and its verb that are not part of the subject.
_AUX = words("""
is are am was were be been has have had will shall should would also still now then
soon therefore further again both already jointly kindly 's 're
""")
_LINK_MARKS = frozenset({"[", "]", "[[", "]]"})
_LINK_TARGET = re.compile(r"\](?:\[[^\]\s]*\]?|\([^)\s]*\)?)")
_LEAD = words("also then so and but therefore thus finally first next")
_JOINERS = NAME_JOINERS | {",", "."}
# Lower-case words that can still be part of an owner: "the secretariat", "all members".
_OWNER_LOWER = GROUP_WORDS | {"the"}

SPEAKER = re.compile(
    r"^\s*(?P<who>[A-Z][\w.]{0,24}(?:[ _][A-Z][\w.]*){0,2})\s*(?::|\s?[-–]\s)\s*")
# Labels that look like a speaker or an owner but name no one.
NOT_NAMES = words("""
action actions note notes date time venue location present apologies regrets agenda
chair minutes decision decisions resolution re subject update status next outcome
discussion background summary comment comments deadline due topic item question answer
q a ps nb tbd tbc ongoing done open closed
""")


def speaker_of(text: str) -> str | None:
    """The speaker a scribe-style line starts with: "EK: ...", "RGr - ..."."""
    found = SPEAKER.match(text)
    if found is None or found.group("who").lower() in NOT_NAMES:
        return None
    return found.group("who")


def subject_tokens(tokens: Sequence[Token]) -> list[Token]:
    """The tokens of a subject written before its verb, trimmed of auxiliaries.

    Link brackets are no words: "[Sam] will", "[[Sam Lee]] will".
    """
    words = [t for t in tokens if not t.is_space and t.text not in _LINK_MARKS]
    while words and words[-1].lower_ in _AUX:
        words.pop()
    while words and words[0].lower_ in _LEAD:
        words.pop(0)
    for i, token in enumerate(words):
        if i > 0 and token.lower_ in _SUBJECT_CUT:
            return words[:i]
    return words


def owner_text(words: Sequence[Token]) -> str | None:
    """The subject as an owner when it names people, else None.

    It opens with a capital, "the" or a group word and ends with a capital or a
    group word; lower-case words in between are joiners ("Criminologists without
    Borders", "Anna Alvazzi del Frate"). "the dialogues" names no one.
    """
    if not words or len(words) > 7:
        return None
    first, last = words[0], words[-1]
    if len(words) == 1 and first.lower_ == "they":
        return first.text  # as written: the contract keeps "They"
    if first.lower_ in PRONOUN_SUBJECTS or first.lower_ in {"we", "you", "i"}:
        return None
    if first.lower_ in {"all", "each", "every"} and len(words) <= 4:
        return _text(words)  # "All trustees", "each member"
    if not (_named(first) or first.lower_ == "the") or not _named(last):
        return None
    inner = [t for t in words[1:-1] if not _named(t) and t.lower_ not in _OWNER_LOWER
             and not _glued(t)]
    # "Bo, Kim, and Lu": commas and "and" join names, they are no stray words.
    if sum(t.text not in _JOINERS for t in inner) > 1 or any(
            not t.is_alpha and t.text not in _JOINERS for t in inner):
        return None
    return _text(words)


def _text(words: Sequence[Token]) -> str:
    text = words[0].doc[words[0].i:words[-1].i + 1].text
    # "[Sam][SamLee]", "[Sam Lee](https://...)": the name as rendered.
    return _LINK_TARGET.sub("", text).replace("[", "").replace("]", "").strip(" ,")


def _glued(token: Token) -> bool:
    """A hyphen or slash written without spaces inside a name: "NORD-EAST",
    "Ana/Ravi"."""
    return token.text in {"-", "/"} and not token.whitespace_ and token.i > 0 \
        and not token.doc[token.i - 1].whitespace_


def _named(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1] == "@" \
        or token.lower_ in GROUP_WORDS


def agent_owner(tokens: Sequence[Token]) -> str | None:
    """The agent of a passive clause: "will be sent by UNODC" -> "UNODC"."""
    for i, token in enumerate(tokens):
        if token.lower_ != "by":
            continue
        words: list[Token] = []
        for word in tokens[i + 1:]:
            # "sent out by Martin when the booking is confirmed": the agent ends
            # where the names do.
            if (word.is_punct and word.text not in {"&", "/"}) \
                    or word.lower_ in _SUBJECT_CUT or word.lower_ in _AGENT_END:
                break
            words.append(word)
        owner = owner_text(words)
        if owner is not None:
            return owner
    return None


def names_only(text: str) -> bool:
    """ "JB", "Clerk / Treasurer", "All": initials or names, no task."""
    names = text.replace("/", " ").replace("&", " ").replace(",", " ").split()
    return 0 < len(names) <= _NAMES_ONLY_WORDS and all(
        n[:1].isupper() or n.lower() in GROUP_WORDS for n in names)
