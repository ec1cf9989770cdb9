"""People the minutes say were present in a sentence, not in a list.

"Board Secretary Dave Fravel and Board Treasurer Gary Johnson were also in
attendance", "PCSO Sara Clipperton was present for part of the meeting": the
subject of "was / were present", "in attendance" or "attended the meeting",
when every word of it is a name, an office or an honorific. A subject with a
common word in it ("3 members of the public", "the Chair's guest") names
nobody for sure, and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.blocks import Block
from ingest.extractors.attendees_entries import Entry
from ingest.extractors.attendees_people import People
from ingest.extractors.context import ExtractionContext
from ingest.extractors.names import is_name_token, looks_like_name, strip_honorifics

_PRESENCE = re.compile(
    r"(?<!\S)(?:(?:was|were)\s+(?:also\s+|all\s+)?(?:present|in\s+attendance)|"
    r"(?:also\s+)?attended(?:\s+(?:the|this|today['’]s)\s+meeting\b|(?=\s*[.;]|\s*$)))",
    re.IGNORECASE,
)
# Where the sentence holding the subject starts: after ". ", ";", ":" or a line
# break; a dot after an initial or a short title ("Cllr. R. Crisp") is no end.
_BOUNDARY = re.compile(r"(?:[.!?;:]|\n)\s+|\s{3,}")
_ABBREVIATION = re.compile(
    r"(?:^|[\s.])(?:[A-Z]|Cllrs?|Messrs|Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Revd|Hon|St|Sr|Jr|Capt|Sgt|"
    r"Insp)\.$"
)
_PARTS = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
# An office or rank written as capitals before a name: "PCSO", "CC".
_RANK = re.compile(r"^[A-Z]{2,5}$")


def add_present_in_prose(ctx: ExtractionContext, people: People) -> None:
    """Add the people a sentence says were present, unless absent or listed."""
    for block in ctx.blocks:
        if block.kind in ("heading", "table_row"):
            continue
        for entry in _present_in(block):
            if not people.is_absent(entry.name):
                people.add(entry, block, 0, None)


def _present_in(block: Block) -> Iterator[Entry]:
    """The people of one block's "X and Y were present" sentences."""
    text = block.text
    for found in _PRESENCE.finditer(text):
        start = _sentence_start(text, found.start())
        subject = text[start : found.start()]
        # split where no bracket is open: "Ann Lee (Chair, ACME), Bob Stone"
        pieces = _pieces(_BRACKETED.sub(lambda m: " " * len(m.group()), subject))
        names = [_name_of(subject[s:e]) for s, e in pieces]
        if not names or None in names:
            continue  # "3 members of the public and Ann Lee": not all named
        for (s, e), name in zip(pieces, names, strict=True):
            at = start + s + subject[s:e].find(name or "")
            yield Entry(name or "", None, None, at, at + len(name or ""))


def _sentence_start(text: str, end: int) -> int:
    """Where the sentence ending at `end` starts, looking back a little."""
    window = max(0, end - 200)
    start = window
    for boundary in _BOUNDARY.finditer(text, window, end):
        if not _ABBREVIATION.search(text, window, boundary.start() + 1):
            start = boundary.end()
    return start


def _pieces(subject: str) -> list[tuple[int, int]]:
    """Spans of the people of "A, B and C", stripped of white space."""
    spans, position = [], 0
    for sep in [*_PARTS.finditer(subject), None]:
        end = sep.start() if sep else len(subject)
        chunk = subject[position:end]
        if chunk.strip():
            first = position + len(chunk) - len(chunk.lstrip())
            spans.append((first, first + len(chunk.strip())))
        position = sep.end() if sep else end
    return spans


def _name_of(part: str) -> str | None:
    """The full name a subject piece ends with, after offices and honorifics."""
    words = _BRACKETED.sub("", part).split()  # "Ann Lee (Chair)"
    if not words or not all(_capitalised(word) for word in words):
        return None
    tail: list[str] = []
    for word in reversed(words):
        if not is_name_token(word) or (_RANK.match(word) and len(tail) >= 2):
            break
        tail.insert(0, word)
    name = strip_honorifics(" ".join(tail))
    if len(name.split()) < 2 or not looks_like_name(name):
        return None
    return name


def _capitalised(word: str) -> bool:
    """A word that may stand in a name or an office before it."""
    return word[:1].isupper() or is_name_token(word)
