"""Attendance list lines: "A (X); B (Y)", "A, B and C", one person with details."""

from __future__ import annotations

import re

from ingest.extractors.attendees_entries import Entry, parse_entry
from ingest.extractors.attendees_entry_text import mask_entities
from ingest.extractors.names import is_bracket_initials, is_initials_handle

# What may stand before a name in an entry: a bullet, a tick box, an honorific.
_LEAD = re.compile(
    r"[-*•●○☐☑☒✓✔✗✘\[\]x ]|\b(?:prof|dr|mr|mrs|ms|mx|cllr|councillor|sir|dame)\.?",
    re.IGNORECASE,
)
# What may follow initials in a list: "CK (minutes)", "AL - chair".
_TAIL = re.compile(r"\s*[(\[]|\s+(?:--|[-–—])\s+")
_AND = re.compile(r"\s+(?:and|&)\s+")
_INSIDE = re.compile(r"[(\[][^()\[\]]*[)\]]")
# Where lines that Markdown joined part: after "(INITIALS)" and an optional
# "- role", before the capital of the next name ("Ann Lee - X (ALE) - chair Bob...").
_RUN_ON = re.compile(
    r"\(([A-Z][A-Za-z]{1,4})\)(?:\s+(?:--|[-–—])\s+[a-z][\w\- ]{0,30}?)?\s+(?=[A-Z])"
)
# A closing count of unnamed people: "... and 3 members of the public."
_COUNT = re.compile(
    r"(?:[,;]\s*|\s+(?:and|&|plus)\s+)(?:\d+|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|several|some|a\s+few|many)\s+[^\d,;()]{1,40}$",
    re.IGNORECASE,
)
# Where "Name (Organisation)" lines run together once their breaks were lost (an
# HTML <pre> read as one paragraph): after a bracket, before a capital.
_BRACKET_RUN = re.compile(r"(?<=[)\]])\s+(?=[A-Z])")


def split_entries(text: str, separators: str | None = None) -> list[tuple[int, int]]:
    """Spans of the entries of a list line, split at top-level ";", "," or bullets."""
    if separators is None:
        separators = "•;\t" if has_strong_separator(text) else ","
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in separators:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return [
        (s + len(text[s:e]) - len(text[s:e].lstrip()), e)
        for s, e in spans
        if text[s:e].strip()
    ]


def has_strong_separator(text: str) -> bool:
    """Whether a list line separates people with ";" or bullets (commas then nest)."""
    return bool(re.search(r"[•;\t]", _outside_brackets(text)))


def _outside_brackets(text: str) -> str:
    """`text` without its bracketed parts."""
    return re.sub(r"[(\[][^()\[\]]*[)\]]", "", text)


def split_pair(
    text: str, span: tuple[int, int], *, single: bool = False
) -> list[tuple[int, int]]:
    """ "Ann Lee and Bob Stone", "Ann Lee (ACME) & Bob Stone": two people."""
    start, end = span
    found = _AND.search(_outside_brackets_kept(text[start:end]))
    if found is None:
        return [span]
    left = (start, start + found.start())
    right = (start + found.end(), end)
    if parse_entry(text[start:end]) is not None and not text[: left[1]].endswith(")"):
        return [span]  # "Ann Lee - Marks and Spencer": one person and a body
    if parse_entry(text[left[0] : left[1]], single=single) and parse_entry(
        text[right[0] : right[1]], single=single
    ):
        return [left, right]
    return [span]


def _outside_brackets_kept(text: str) -> str:
    """`text` with what is inside brackets blanked out, offsets kept."""
    return _INSIDE.sub(lambda m: "(" + " " * (len(m.group()) - 2) + ")", text)


def is_people_line(text: str) -> bool:
    """A line that holds people and nothing else ("Ann Lee (ACME), Bob Stone")."""
    if len(text) > 400:
        return False
    entries = list_entries(text, bullet=False, single=False)
    return entries is not None and all(
        entry is not None and len((entry.role or "").split()) <= 4  # not prose
        for entry, _ in entries
    )


def list_entries(
    text: str,
    bullet: bool,
    *,
    single: bool,
    persons: tuple[tuple[int, int], ...] = (),
) -> list[tuple[Entry | None, int]] | None:
    """The entries of a list line with where each starts; None when it holds none."""
    # `persons`: spans a trained pipeline labelled PERSON ("Frank Church")
    text = _without_count(text)
    plain = mask_entities(text)  # "Douglas&#x20;": the ";" of "&#x20;" parts nobody
    strong = has_strong_separator(plain)
    spans = _run_on_spans(text) or split_entries(plain)
    if strong:  # "Councillor J Smith; Councillors A Brown, B Green and C White"
        spans = [sub for span in spans for sub in _comma_people(text, span)]
    lone = len(spans) > 1  # in a list, "Green and White" may be two surnames
    spans = [part for span in spans for part in split_pair(text, span, single=lone)]
    if not strong and len(spans) == 2:
        first = parse_entry(text[spans[0][0] : spans[0][1]], single=single)
        second = parse_entry(text[spans[1][0] : spans[1][1]]) or _person_entry(
            text, spans[1], persons
        )
        if bullet or (first and not second):
            # "Alice Martin, Statistics Norway": a person and their body
            return [(parse_entry(text, single=single, inverted=bullet), 0)]
    many = len(spans) > 1
    entries = [
        (parse_entry(text[s:e], single=single or many, inverted=strong), s)
        for s, e in spans
    ]
    if persons:
        entries = [
            (entry or _person_entry(text, span, persons), span[0])
            for (entry, _), span in zip(entries, spans, strict=True)
        ]
    if not strong and _name_then_details(entries):
        # "Jane Doe, Director, ACME Corp": one person, then what they are
        return [(parse_entry(text, single=single), 0)]
    entries = _with_initials(text, spans, entries)
    return entries if any(entry for entry, _ in entries) else None


def _without_count(text: str) -> str:
    """A list line without its closing count of people nobody names."""
    found = _COUNT.search(text)
    return text[: found.start()] if found else text


def _person_entry(
    text: str, span: tuple[int, int], persons: tuple[tuple[int, int], ...]
) -> Entry | None:
    """The entry at `span` read with the PERSON name that opens it, if one does."""
    start, end = span
    for first, last in persons:
        lead = text[start:first]
        if start <= first and last <= end and not _LEAD.sub("", lead).strip():
            return parse_entry(text[start:end], single=True, known=text[first:last])
    return None


def _run_on_spans(text: str) -> list[tuple[int, int]]:
    """ "Name - Org (ACR)" lines run together: cut after each person's initials."""
    return _initials_run_spans(text) or _bracket_run_spans(text)


def _bracket_run_spans(text: str) -> list[tuple[int, int]]:
    """ "Ann Lee (ACME) Bob Stone (Initech)": one person a line, lines joined."""
    if (")" not in text and "]" not in text) or has_strong_separator(text):
        return []
    cuts = list(_BRACKET_RUN.finditer(text))
    if not cuts:
        return []
    bounds = [0, *(cut.end() for cut in cuts)]
    ends = [*(cut.start() for cut in cuts), len(text)]
    spans = list(zip(bounds, ends, strict=True))
    for start, end in spans:
        entry = parse_entry(text[start:end])
        if entry is None or len(entry.name.split()) < 2 or entry.start > 0:
            return []  # "Ann Lee (ACME) Board Member": one person and more words
    return spans


def _initials_run_spans(text: str) -> list[tuple[int, int]]:
    """Cuts after "(INITIALS)" and an optional "- role" before the next name."""
    spans, start = [], 0
    for cut in _RUN_ON.finditer(text):
        head = parse_entry(text[start : cut.end()])
        if head is None or not is_bracket_initials(cut.group(1), head.name):
            return []
        spans.append((start, cut.end()))
        start = cut.end()
    if len(spans) < 1 or parse_entry(text[start:]) is None:
        return []
    return [*spans, (start, len(text))]


def _with_initials(
    text: str, spans: list[tuple[int, int]], entries: list[tuple[Entry | None, int]]
) -> list[tuple[Entry | None, int]]:
    """Initials ("LJ", "CK (minutes)") are a person among first names or initials."""
    heads = [_TAIL.split(text[s:e].strip(), maxsplit=1)[0] for s, e in spans]
    if len(spans) < 2 or not any(is_initials_handle(h) for h in heads):
        return entries
    short = [e is not None and " " not in e.name for e, _ in entries]
    if not any(short) and not all(is_initials_handle(h) for h in heads):
        return entries  # "Ann Lee (ACME), Bob Stone, UNODC": an acronym is a body
    initials = [
        Entry(h, None, None, 0, len(h)) if e is None and is_initials_handle(h) else e
        for h, (e, _) in zip(heads, entries, strict=True)
    ]
    return [(e, s) for e, (_, s) in zip(initials, entries, strict=True)]


def _name_then_details(entries: list[tuple[Entry | None, int]]) -> bool:
    """A full name, then no other full name: details of one person, not a list."""
    if len(entries) < 2 or entries[0][0] is None:
        return False
    first = entries[0][0]
    if len(first.name.split()) < 2:
        return False
    return not any(
        entry is not None and len(entry.name.split()) > 1 for entry, _ in entries[1:]
    )


def _comma_people(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Comma-separated people inside one ";" entry, when every part is a person."""
    start, end = span
    subs = [(start + s, start + e) for s, e in split_entries(text[start:end], ",")]
    parts = [part for sub in subs for part in split_pair(text, sub)]
    if len(subs) > 1 and all(parse_entry(text[s:e]) for s, e in parts):
        return subs
    return [span]
