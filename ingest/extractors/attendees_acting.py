"""People the minutes record acting at the meeting, though no list names them.

Only explicit evidence counts: a full name as the subject of a verb of taking
part ("Sebastian Sklarß added...", "Phil Booth, Treasurer, made a report"),
the agent of a passive one ("a question was asked, from Albert Beale"), a
first name acting inside a block that names the person in full ("James Cronin:
... James mentioned"), and members of a roster ("The Board members are:")
whose initials open a speaker's line ("RGr - ...").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc

from ingest.blocks import Block
from ingest.extractors.attendees_entries import Entry
from ingest.extractors.attendees_people import People
from ingest.extractors.context import ExtractionContext
from ingest.extractors.names import (
    is_name_token,
    looks_like_name,
    strip_honorifics,
)

_VERBS = (
    r"presented|reported|explained|asked|answered|proposed|suggested|added|noted|said|"
    r"stated|commented|mentioned|agreed|agrees?|welcomed|opened|thanked|introduced|"
    r"delivered|gave|made|provided|described|illustrated|shared|raised|recommended|"
    r"recommends|questioned|responded|replied|highlighted|indicated|emphasi[sz]ed|"
    r"summari[sz]ed|chaired|chairing|presided|moved|seconded|clarified|confirmed|"
    r"expressed|requested|informed|announced|outlined|joined|spoke|argued|observed|led|"
    r"pointed\s+out|offered|volunteered|demonstrated|showed|urged|stressed|reminded|"
    r"objected|abstained|acknowledged|representing|notes|says|asks|explains|adds|"
    r"suggests|proposes|believes|thinks|mentions|presents|reports|comments|confirms"
)
# A verb of taking part right after a capitalised word, a bracket or a comma: the
# only places a name or its apposition can end (which keeps the scan cheap).
_ACTING_VERB = re.compile(
    rf"(?:[^\W\d_a-z][\w'’\-.]*|[),])(?P<gap>\s)(?:also\s+|then\s+|both\s+)?"
    rf"(?:{_VERBS})\b"
)
# What may sit between a name and its verb: "(RGr)", ", Treasurer (pro. tem.)".
# Name words; a dot only after initials ("J.P."), so "CoC. Myles" stays two sentences.
_NAME_WORD = re.compile(r"(?:(?:[^\W\d_]\.)+|[^\W\d_][\w'’\-]*)$")
_SPACED_WORD = re.compile(r"\S+")
_CLAUSE_MARK = re.compile(r"[;:()]")
_ORG_BEFORE = re.compile(r"([A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})\s*$")
_ORG_PREFIX = re.compile(
    r"(?:^|[•:;]\s*)([A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})\s+[-–—]\s+$"
)
_PASSIVE = re.compile(
    r"\b(?:was|were)\s+(?:\w+\s+)?(?:led|chaired|facilitated|moderated|opened|closed|"
    r"presented|introduced|asked|raised|made|given|delivered|minuted)\s*,?\s+"
    r"(?:by|from)\s+((?:[^\W\d_][\w'’\-]*\.?\s*){1,7})|"
    r"\bcalled\s+to\s+order\b[^.;:]{0,30}?\sby\s+((?:[^\W\d_][\w'’\-]*\.?\s*){1,7})"
)
_OBJECT_OF = re.compile(r"\b(?:of|from|in|at|the|for|with|on|about|than|as|by)\s+$")
_CAPITALISED_RUN = re.compile(
    r"(?<![\w'’\-])[^\W\d_a-z][\w'’\-]*(?:\s+[^\W\d_][\w'’\-]*){1,3}"
)
_VERB_WORD = re.compile(rf"(?:{_VERBS})", re.IGNORECASE)
_SPEAKER = re.compile(r"^([A-Z][A-Za-z]{1,3})\s*(?:[-–:]|\s(?:[A-Z]|[a-z]+ed\b))")


def add_acting(ctx: ExtractionContext, people: People) -> None:
    """Add roster members who speak and people recorded acting in the body."""
    speakers = {m.group(1) for b in ctx.blocks if (m := _SPEAKER.match(b.text))}
    for cand in people.roster:
        if cand.alias in speakers and not people.is_absent(cand.entry.name):
            people.add_candidate(cand)
    seen: set[str] = set()  # names already settled: a speaker acts many times
    for block, doc in zip(ctx.blocks, ctx.docs, strict=False):
        if block.kind in ("heading", "table_row"):
            continue
        for entry in itertools.chain(_acting(block), _acting_persons(doc)):
            if entry.name not in seen and not people.is_absent(entry.name):
                people.add(entry, block, 0, None)
            seen.add(entry.name)


def _acting_persons(doc: Doc) -> Iterator[Entry]:
    """A trained pipeline's PERSON entities acting ("Alan Press reported")."""
    # nothing with the blank pipeline, which labels no entities
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or ent.end >= len(doc):
            continue
        after = doc[ent.end]
        before = doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.pos_ in ("ADP", "DET", "PROPN"):
            continue  # "a report from Doris Day said": not the subject
        if after.pos_ == "VERB" and _VERB_WORD.fullmatch(after.text):
            name = strip_honorifics(ent.text)
            if len(name.split()) >= 2 and not name.isupper():
                start = ent.start_char + ent.text.find(name)
                yield Entry(name, None, None, start, start + len(name))


def _acting(block: Block) -> Iterator[Entry]:
    """Full names acting in one block, in order."""
    text = block.text
    for verb in _ACTING_VERB.finditer(text):
        found = _subject(text, verb.start("gap"))
        if found is not None:
            yield found
    if " by " not in text and " from " not in text:
        return
    for passive in _PASSIVE.finditer(text):
        group = 1 if passive.group(1) else 2
        name = _leading_name(_after_office(passive.group(group)))
        if name:
            start = passive.start(group) + passive.group(group).find(name)
            yield Entry(name, None, None, start, start + len(name))


def _after_office(text: str) -> str:
    """ "Board President Tony Venuti": the words after a capitalised office."""
    words = text.split(" ")
    while len(words) > 2 and words[0][:1].isupper() and not is_name_token(words[0]):
        words = words[1:]
    return " ".join(words)


def _subject(text: str, end: int) -> Entry | None:
    """The full name that ends right before `end` (or before an apposition), if any."""
    before = text.rfind(" ", 0, max(0, end - 1)) + 1
    word = text[before:end]
    if word[:1].islower() and not word.endswith((")", ",")):
        return None  # "members agreed": most verbs follow a common word, not a name
    offset = max(0, end - 160)
    head = text[offset:end]
    found = _name_before(text, head, offset)
    if found is not None:
        return found
    rest = head.rstrip().rstrip(",").rstrip()
    if rest.endswith(")"):  # "Seth van Hooland (SVH) opened", "SEMIC (Bert V) said"
        opening = _opening_bracket(rest)
        if opening < 0 or len(rest) - opening > 62:
            return None
        inner, rest = rest[opening + 1 : -1].strip(), rest[:opening].rstrip()
        if looks_like_name(inner):
            return _bracketed(text, rest, inner, offset)
        found = _name_before(text, rest, offset)
    comma = rest.rfind(",")  # "Phil Booth, Treasurer (pro. tem.) made"
    if (
        found is None
        and comma >= 0
        and len(rest) - comma <= 51
        and not _CLAUSE_MARK.search(rest, comma + 1)
    ):
        found = _name_before(text, rest[:comma], offset)
    return found


def _opening_bracket(text: str) -> int:
    """Where the bracket that closes `text` opens ("(Academy (IAFP))"), or -1."""
    depth = 0
    for index in range(len(text) - 1, max(-1, len(text) - 80), -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return -1


def _name_before(text: str, head: str, offset: int) -> Entry | None:
    """The full name `head` ends with; a lone first name is looked up in the block."""
    window = max(0, len(head) - 90)
    words = [(m.start(), m.group()) for m in _SPACED_WORD.finditer(head, window)]
    if not words or words[-1][0] + len(words[-1][1]) != len(head):
        return None
    tail: list[tuple[int, str]] = []
    for position, word in reversed(words):
        if len(tail) == 6 or not (_NAME_WORD.match(word) and is_name_token(word)):
            break
        tail.insert(0, (position, word))
    while len(tail) >= 2 and not looks_like_name(" ".join(w for _, w in tail)):
        tail = tail[1:]
    if len(tail) == 1 and tail[0][1][0].isupper():
        alone = tail[0] == words[0] or not is_name_token(words[-2][1])
        return _first_name(text, tail[0][1]) if alone else None
    name = strip_honorifics(" ".join(w for _, w in tail))
    if len(name.split()) < 2:  # "Mayor Brown", "Cllr Jones": a surname alone
        return None
    start = offset + tail[-len(name.split())][0]
    if _OBJECT_OF.search(text, max(0, start - 12), start):
        return None  # "the representative of New Zealand said": not the subject
    org = _ORG_PREFIX.search(text[max(0, start - 60) : start])
    return Entry(name, org.group(1) if org else None, None, start, start + len(name))


def _bracketed(text: str, before: str, name: str, offset: int) -> Entry | None:
    """ "SEMIC (Bert Van Nuffelen) provided": a person given after their body."""
    org = _ORG_BEFORE.search(before)
    if org is None or looks_like_name(org.group(1)):
        return None
    start = text.find(name, offset)
    return Entry(name, org.group(1), None, start, start + len(name))


def _first_name(text: str, first: str) -> Entry | None:
    """ "James mentioned..." in a block that names "James Cronin": that person."""
    if not re.search(rf"\b{re.escape(first)}\s+[^\W\d_]", text):
        return None  # the block never writes the full name
    fulls = _full_names(text).get(first, set())
    if len(fulls) != 1:
        return None
    full = next(iter(fulls))
    start = text.find(full)
    return Entry(full, None, None, start, start + len(full))


@lru_cache(maxsize=8)
def _full_names(text: str) -> dict[str, set[str]]:
    """Full names written in a block, by first name: one pass per block."""
    found: dict[str, set[str]] = {}
    for run in _CAPITALISED_RUN.finditer(text):
        name = _leading_name(run.group())
        if name:
            found.setdefault(name.split()[0], set()).add(name)
    return found


def _leading_name(text: str) -> str | None:
    """The longest run of words at the start of `text` that reads as a full name."""
    tokens = text.split()
    for size in range(min(len(tokens), 5), 1, -1):
        name = " ".join(tokens[:size]).rstrip(".,;:")
        if looks_like_name(name):
            return name
    return None
