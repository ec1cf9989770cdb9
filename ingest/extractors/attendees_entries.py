"""Attendance entries: "Name – Organisation", "Name (Org) – role", list lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.extractors.attendees_entry_text import (
    acronym_after_name,
    unescape,
    unquote,
)
from ingest.extractors.names import (
    initials_of,
    is_bracket_initials,
    looks_like_name,
    strip_honorifics,
)

# Words that make a bracket or a tail a role rather than an organisation.
_ROLE_WORDS = re.compile(
    r"\b(?:chair\w*|co-?chair\w*|vice|secretary|treasurer|president|director|assistant|"
    r"moderator|facilitator|observer|rapporteur|scribe|note[- ]?taker|minute[- ]?taker|"
    r"minutes|notes|guest|speaker|panell?ist|host|convenor|coordinator|co-ordinator|"
    r"officer|manager|member|voting|non-voting|ex[- ]officio|representative|delegate|"
    r"clerk|trustee|auditor|governor|councillor|mayor|deputy|"
    r"zoom|teams|phone|telephone|video|virtual|skype|webex|dial-?in|"
    r"intern|volunteer|staff|consultant|advisor|adviser|lead|head|liaison|proxy|"
    r"presenter|invited|remote|online|in person|pro\.? tem\.?|apologies|absent|"
    r"left|joined|arrived|part|items?|scientist|engineer|analyst|developer|architect|"
    r"researcher|lecturer|fellow|student|designer|editor|writer|specialist|expert|"
    r"publicity|webmaster|sysadmin|administrator|accountant|counsel|economist|"
    r"statistician|archivist|librarian|historian|photographer|auditor|ceo|cfo|cto|"
    r"coo|chief|executive|founder|co-founder|dean|registrar|minister|ambassador)\b",
    re.IGNORECASE,
)
# An office written before a name in a list: "Chair Roger Young", "Vice-chair B Hill".
_OFFICE = re.compile(
    r"(?:(?:vice|deputy|co)[- ]?)?(?:chair(?:man|woman|person)?|secretary|treasurer|"
    r"clerk|president|director|convenor|minute[- ]taker|note[- ]taker)\s+",
    re.IGNORECASE,
)
_SPACED_DASH = re.compile(r"\s+(?:--|[-–—])\s*|\s*(?:--|[–—])\s+")
_BRACKET = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
# Chat handles and e-mail addresses: "(@jorydotcom)", "@addaleax", "<ann@x.org>".
_HANDLE = re.compile(
    r"\s*(?:\(\s*@[\w.\-]+\s*\)|(?<!\S)@[\w.\-]+|<[^<>@\s]+@[^<>\s]+>"
    r"|\(\s*[^()@\s]+@[^()\s]+\s*\)|(?<!\S)[^@\s]+@[\w\-]+\.[\w.\-]+)"
)

# Punctuation ending an entry, but not the dot of a final initial ("Brown, A.").
_END_MARK = re.compile(r"(?:(?<!(?<![^\s,])[A-Z])\.|[;,])+$")
_BULLET = re.compile(r"^(?:[-*•●○]|\d+[.)]|[a-z][.)])\s+")
# A tick box before a name: "☒ Ann Lee", "[x] Ann Lee" (present); "☐", "[ ]" (not).
_BOX = re.compile(r"^(?:\[([ xX✓✔]?)\]|([☐□☑☒✓✔✗✘]))\s*")
_TICKED = "xX✓✔☑☒"
# Initials tagging a name: "[DC] Daniel Collins", "(DC) Daniel Collins", "DC - D...".
_LEAD_INITIALS = re.compile(
    r"^(?:[(\[]([A-Z][A-Za-z]{0,4})[)\]]\s*|([A-Z]{2,4})\s+[-–—]\s+)(?=\S)"
)
# "Smith, John", "DOE, Jane (ACME)", "Brown, A.": the surname first, then given names.
_SURNAME_FIRST = re.compile(
    r"^([^\W\d_][\w'’\-]*),\s+((?:[A-Z]\.?\s?){1,3}|[^\W\d_][\w'’\-]*"
    r"(?:\s+[A-Z]\.?)?)(?=\s*$|\s*[(\[]|\s+(?:--|[-–—])\s)"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One person as an attendance entry gives them, with offsets into the entry."""

    name: str
    organisation: str | None
    role: str | None
    start: int  # where the name starts inside the entry text
    end: int  # where the entry's last kept part ends
    checked: bool | None = None  # a tick box before it: True ticked, False empty


def _is_role(text: str) -> bool:
    """A bracket or tail that describes a role ("Assistant to Treasurer", "chair")."""
    text = text.strip()
    return (
        not text
        or text[0].islower()
        or (bool(_ROLE_WORDS.search(text)) and len(text.split()) <= 5)
    )


def _clean_org(text: str) -> str | None:
    text = text.strip().strip(",;").strip()
    text = re.sub(r"^(?:the|of the|of)\s+", "", text, flags=re.IGNORECASE)
    whole = _BRACKET.fullmatch(text)
    if whole is not None:  # "Aaron Poulsen - (Amazon)"
        text = whole.group(1).strip()
    if not text or text in {"-", "–", "—", "n/a", "N/A"}:
        return None
    return text


def _is_status(text: str) -> bool:
    """A status written where an organisation goes ("Independent consultant")."""
    return bool(
        re.match(
            r"(?:independent|self|individual|freelance|private|personal|"
            r"retired|none|n/?a)\b",
            text.strip(),
            re.IGNORECASE,
        )
    )


def clean_organisation(text: str) -> str | None:
    """An organisation cell or tail as written, or None for empty, dash or a status."""
    org = _clean_org(text)
    return None if org is None or _is_status(org) else org


def _bracket_parts(inner: str) -> tuple[str | None, str | None]:
    """Organisation and role in one bracket: "(ACME, Chair)", "(Treasurer)", "(CWB)"."""
    if not _is_role(inner):  # "(Individual)": a membership class, not a body
        return clean_organisation(inner), None
    parts = [part.strip() for part in inner.split(",")]
    orgs = [part for part in parts if part and not _is_role(part)]
    if len(parts) > 1 and len(orgs) == 1:
        return _clean_org(orgs[0]), ", ".join(p for p in parts if p != orgs[0])
    return None, inner


def _head_end(text: str) -> int:
    """Where the name part of an entry ends: a bracket, spaced dash, comma or "of"."""
    ends = [len(text)]
    for pattern in (
        r"[(\[]",
        r",\s",
        r"\s+of\s+(?:the\s+)?[A-Z]",
        r"\s+(?:--|[-–—])\s+",
        r"\s+(?:--|[–—])|(?:--|[–—])\s+",
    ):
        found = re.search(pattern, text)
        if found:
            ends.append(found.start())
    return min(ends)


def _split_tail(tail: str, name: str) -> tuple[str | None, str | None]:
    """Organisation and role from what follows a name ("- chair", ", UNODC")."""
    tail = tail.strip()
    tail = re.sub(r"^(?:--|[-–—,])\s*", "", tail)
    if re.match(r"of\s", tail):
        return _clean_org(tail), None
    if not tail:
        return None, None
    # "Unicode (APP) - chair", "Météo France [MF] - Director": a role after a dash
    dashes = list(_SPACED_DASH.finditer(tail))
    if dashes and _is_role(tail[dashes[-1].end() :]):
        head = _drop_initials(tail[: dashes[-1].start()], name)
        if head and not _is_role(head):
            return _clean_org(head), tail[dashes[-1].end() :].strip()
    tail = _drop_initials(tail, name)
    # "ACME (Chair)": an organisation with the person's role in brackets
    last = _BRACKET.search(tail)
    if last and last.end() == len(tail) and _is_role(last.group(1)):
        head = tail[: last.start()].strip()
        if head and not _is_role(head):
            return _clean_org(head), last.group(1).strip()
    if _is_role(tail):
        return _bracket_parts(tail) if "," in tail else (None, tail)
    return _clean_org(tail), None


def _drop_initials(tail: str, name: str) -> str:
    """ "Google (MIH)" -> "Google": the person's initials after their organisation."""
    last = _BRACKET.search(tail)
    if last and last.end() == len(tail) and is_bracket_initials(last.group(1), name):
        return tail[: last.start()].strip()
    return tail.strip()


def _name_and_title(head: str) -> tuple[str, str | None]:
    """A name without honorifics, and an office written before it ("Chair R Young")."""
    name, role = head.strip(), None
    while True:
        bare = strip_honorifics(name)
        office = _OFFICE.match(bare)
        if office is None or len(bare[office.end() :].split()) < 2:
            return bare.rstrip(","), role
        role, name = role or office.group().strip(), bare[office.end() :]


def parse_entry(
    text: str, *, single: bool = False, inverted: bool = False, known: str | None = None
) -> Entry | None:
    """One attendance entry: "Prof. Jay Albanese (CWB)", "Taher Al-Hatef - AWTAD"."""
    # `inverted` also reads "Smith, John" (a list line or a bullet of one person);
    # `known` is a name a trained pipeline found at the start of the entry.
    body = _END_MARK.sub("", unescape(_HANDLE.sub("", text)).strip()).strip()
    body = _BULLET.sub("", body)
    body, checked = _strip_box(body)
    body = _END_MARK.sub("", unquote(body)).strip()  # "“Ann Lee - Acme”"
    if inverted and (entry := _surname_first(text, body)) is not None:
        return replace(entry, checked=checked)
    return _read_entry(text, body, single, checked, known)


def _surname_first(text: str, body: str) -> Entry | None:
    """ "Smith, John (ACME)" read as John Smith; given names are not acronyms."""
    found = _SURNAME_FIRST.match(body)
    if found is None:
        return None
    given = found.group(2).strip()
    if given.isupper() and len(given.replace(".", "").replace(" ", "")) > 3:
        return None  # "Lee, ACME": a person and their organisation
    swapped = f"{given} {found.group(1)}{body[found.end() :]}"
    entry = _read_entry(text, swapped, False, None)
    if entry is None:
        return None
    start, end = _span(text, found.group().strip(), entry.organisation)
    return Entry(entry.name, entry.organisation, entry.role, start, end)


def _read_entry(
    text: str, body: str, single: bool, checked: bool | None, known: str | None = None
) -> Entry | None:
    """The name, organisation and role of an entry stripped of bullet and box."""
    body = _strip_lead_initials(body)
    cut = _head_end(body)
    name, role = _name_and_title(body[:cut])
    org = None
    if known and strip_honorifics(body).startswith(known):
        # a name the pipeline recognised, though a word of it reads as common
        cut = body.find(known) + len(known)
        name, role = known, None
    elif not looks_like_name(name, single=single):
        split = acronym_after_name(name)  # "Steven Hasendinckx J&J", no dash
        if split is None:
            return None
        name, org = split
    rest = body[cut:]
    while (bracket := _BRACKET.match(rest)) is not None:
        inner = bracket.group(1).strip()
        if (
            rest.lstrip().startswith("[")
            and inner.isupper()
            and inner == initials_of(name)
        ):
            return None  # "Météo France [MF]": an organisation with its acronym
        if not (inner.startswith("@") or is_bracket_initials(inner, name)):
            inner_org, inner_role = _bracket_parts(inner)
            role = role or inner_role
            org = org or inner_org
        rest = rest[bracket.end() :]
    tail_org, tail_role = _split_tail(rest, name)
    org, role = org or tail_org, role or tail_role
    start, end = _span(text, name, org)
    return Entry(name, org, role, start, end, checked)


def _strip_box(body: str) -> tuple[str, bool | None]:
    """A tick box before a name: "☒ Ann" (came), "☐ Bob" or "[ ] Bob" (did not)."""
    box = _BOX.match(body)
    if box is None:
        return body, None
    mark = box.group(1) if box.group(1) is not None else box.group(2)
    return body[box.end() :], bool(mark) and mark in _TICKED


def _strip_lead_initials(body: str) -> str:
    """ "[DC] Daniel Collins", "JB - Justin Baker": initials that tag a name."""
    lead = _LEAD_INITIALS.match(body)
    if lead is None:
        return body
    rest = body[lead.end() :]
    name = strip_honorifics(rest[: _head_end(rest)])
    tag = lead.group(1) or lead.group(2)
    return rest if is_bracket_initials(tag, name) or tag == initials_of(name) else body


def _span(text: str, name: str, org: str | None) -> tuple[int, int]:
    """Where an entry's name starts in its text and where its last kept part ends."""
    start = max(text.find(name), 0)
    end = start + len(name)
    if org and org in text:
        end = max(end, text.find(org) + len(org))
    return start, end
