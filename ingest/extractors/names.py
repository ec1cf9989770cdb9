"""Person names in attendance lists: honorifics, name tests, "Name – Organisation"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Honorifics the contract drops from names ("Prof. Jay Albanese" -> "Jay Albanese").
_HONORIFIC = re.compile(
    r"^(?:(?:prof|dr|mr|mrs|ms|mx|miss|messrs|mme|mlle|sir|dame|cllr|councillor|hon|rev"
    r"|revd|fr|sr|professor|doctor|judge|amb|ambassador|h\.?e|mayor|senator|alderman"
    r"|councillors|cllrs|messrs"
    r"|deputy|minister|president|governor|commissioner|chairman|chairwoman)\.?\s+)+",
    re.IGNORECASE,
)
# Lower-case words that belong inside a name ("Anna Alvazzi del Frate").
_PARTICLE_WORDS = """
    van von der den del della de da di du la le los las bin binti ibn al el y dos das
    ter ten af zu of
"""
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
# Capitalised words that mark an organisation, a place or a heading, never a person.
_NOT_NAME_TEXT = """
    the a an and or for with to in on at by from is are was were be all none nil other
    without against across under over into beyond through towards among between
    others no yes tbc tbd n/a na see also member members board committee council group
    team unit office bureau department ministry agency service services association
    foundation society institute institution international national network forum
    alliance union commission organisation organization organisations organizations
    university college school centre center trust company ltd inc corp gmbh ngo ngos
    government republic kingdom states united federation county city province region
    secretariat chair chairs chairperson vice minutes minute agenda action actions
    meeting meetings present attendees attendance apologies regrets absent guests
    observers participants item items report reports business update updates note
    notes project programme program working party staff representatives delegation
    europe european world global africa asia america day week month year next previous
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december welcome thanks
    discussion summary decision decisions motion vote status open closed total
"""
_NOT_NAME_WORDS = frozenset(_NOT_NAME_TEXT.split())
# Words that make a bracket or a tail a role rather than an organisation.
_ROLE_WORDS = re.compile(
    r"\b(?:chair\w*|co-?chair\w*|vice|secretary|treasurer|president|director|assistant|"
    r"moderator|facilitator|observer|rapporteur|scribe|note[- ]?taker|minute[- ]?taker|"
    r"minutes|notes|guest|speaker|panell?ist|host|convenor|coordinator|co-ordinator|"
    r"officer|manager|member|voting|non-voting|ex[- ]officio|representative|delegate|"
    r"clerk|trustee|auditor|governor|councillor|mayor|deputy|"
    r"intern|volunteer|staff|consultant|advisor|adviser|lead|head|liaison|proxy|"
    r"presenter|invited|remote|online|in person|pro\.? tem\.?|apologies|absent|"
    r"left|joined|arrived|part|items?)\b",
    re.IGNORECASE,
)
# An office written before a name in a list: "Chair Roger Young", "Vice-chair B Hill".
_OFFICE = re.compile(
    r"(?:(?:vice|deputy|co)[- ]?)?(?:chair(?:man|woman|person)?|secretary|treasurer|"
    r"clerk|president|director|convenor|minute[- ]taker|note[- ]taker)\s+",
    re.IGNORECASE,
)
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]\.?$|^(?:[A-Z]\.)+[A-Z]\.?$")
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_SPACED_DASH = re.compile(r"\s+(?:--|[-–—])\s*|\s*(?:--|[–—])\s+")
_BRACKET = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
_HANDLE = re.compile(r"\s*(?:\(\s*@[\w.\-]+\s*\)|(?<!\S)@[\w.\-]+)")


@dataclass(frozen=True, slots=True)
class Entry:
    """One person as an attendance entry gives them, with offsets into the entry."""

    name: str
    organisation: str | None
    role: str | None
    start: int  # where the name starts inside the entry text
    end: int  # where the entry's last kept part ends


def fold(text: str) -> str:
    """Casefold, drop accents and punctuation: the key two spellings of a name share."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    chars = (
        ch if ch.isalnum() else " "
        for ch in decomposed
        if not unicodedata.combining(ch)
    )
    return " ".join("".join(chars).split())


def strip_honorifics(text: str) -> str:
    """Drop leading titles (Prof., Dr., Ms, Cllr...) from a name."""
    return _HONORIFIC.sub("", text.strip()).strip()


def _is_name_token(token: str) -> bool:
    if token.lower() in _PARTICLES or _INITIAL.match(token):
        return True
    if not _NAME_TOKEN.match(token) or not token[0].isupper():
        return False
    return token.lower().strip(".") not in _NOT_NAME_WORDS


def looks_like_name(text: str, *, single: bool = False) -> bool:
    """True when `text` reads as a person's name ("Anna Alvazzi del Frate").

    `single` accepts a lone capitalised word (a first name in an explicit list).
    """
    text = text.strip()
    if not text or len(text) > 60:
        return False
    if "_" in text and " " not in text:  # IRC style: Daniel_Peintner
        return looks_like_name(text.replace("_", " "), single=single)
    tokens = text.split()
    if len(tokens) > 6 or not all(_is_name_token(t) for t in tokens):
        return False
    if tokens[0].lower() in _PARTICLES or tokens[-1].lower() in _PARTICLES:
        return False
    real = [t for t in tokens if not _INITIAL.match(t) and t.lower() not in _PARTICLES]
    if not real:
        return False
    if all(t.isupper() for t in real):  # "UNODC", "CWB PMC": acronyms, not people
        return False
    return len(tokens) >= 2 or single


def _is_role(text: str) -> bool:
    """A bracket or tail that describes a role ("Assistant to Treasurer", "chair")."""
    text = text.strip()
    return (
        not text
        or text[0].islower()
        or (bool(_ROLE_WORDS.search(text)) and len(text.split()) <= 5)
    )


def _initials_of(name: str) -> str:
    return "".join(
        t[0] for t in name.replace("-", " ").split() if t[0].isalpha()
    ).upper()


def _is_initials(bracket: str, name: str) -> bool:
    """Initials the minutes give a person ("(RGr)", "(JA)"), not an organisation."""
    compact = bracket.replace(".", "").strip()
    if (
        not compact.isalpha()
        or len(compact) > 5
        or sum(c.isupper() for c in compact) < 2
    ):
        return False
    initials = set(_initials_of(name))
    capitals = {c for c in compact if c.isupper()}
    return compact[0].isupper() and capitals <= initials


def _clean_org(text: str) -> str | None:
    text = text.strip().strip(",;").strip()
    text = re.sub(r"^(?:the|of the|of)\s+", "", text, flags=re.IGNORECASE)
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


def _split_tail(tail: str) -> tuple[str | None, str | None]:
    """Organisation and role from what follows a name ("- chair", ", UNODC")."""
    tail = tail.strip()
    tail = re.sub(r"^(?:--|[-–—,])\s*", "", tail)
    if re.match(r"of\s", tail):
        return _clean_org(tail), None
    if not tail or _is_role(tail):
        return None, tail or None
    # "Météo France [MF] - Managing Director: Chairperson": a role after the last dash
    dashes = list(_SPACED_DASH.finditer(tail))
    if dashes and _is_role(tail[dashes[-1].end() :]):
        return _clean_org(tail[: dashes[-1].start()]), tail[dashes[-1].end() :].strip()
    return _clean_org(tail), None


def _name_and_title(head: str) -> tuple[str, str | None]:
    """A name without honorifics, and an office written before it ("Chair R Young")."""
    name, role = head.strip(), None
    while True:
        bare = strip_honorifics(name)
        office = _OFFICE.match(bare)
        if office is None or len(bare[office.end() :].split()) < 2:
            return bare.rstrip(","), role
        role, name = role or office.group().strip(), bare[office.end() :]


def parse_entry(text: str, *, single: bool = False) -> Entry | None:
    """One attendance entry: "Prof. Jay Albanese (CWB)", "Taher Al-Hatef - AWTAD"."""
    body = _HANDLE.sub("", text).strip().rstrip(".;,").strip()
    body = re.sub(r"^(?:[-*•●○]|\d+[.)]|[a-z][.)])\s+", "", body)
    cut = _head_end(body)
    name, role = _name_and_title(body[:cut])
    if not looks_like_name(name, single=single):
        return None
    rest, org = body[cut:], None
    while (bracket := _BRACKET.match(rest)) is not None:
        inner = bracket.group(1).strip()
        if (
            rest.lstrip().startswith("[")
            and inner.isupper()
            and inner == _initials_of(name)
        ):
            return None  # "Météo France [MF]": an organisation with its acronym
        if not (inner.startswith("@") or _is_initials(inner, name)):
            if _is_role(inner):
                role = role or inner
            elif org is None:
                org = _clean_org(inner)
        rest = rest[bracket.end() :]
    tail_org, tail_role = _split_tail(rest)
    org, role = org or tail_org, role or tail_role
    start = text.find(name)
    end = start + len(name)
    if org and org in text:
        end = max(end, text.find(org) + len(org))
    return Entry(name=name, organisation=org, role=role, start=max(start, 0), end=end)


def split_entries(text: str, separators: str | None = None) -> list[tuple[int, int]]:
    """Spans of the entries of a list line, split at top-level ";", "," or bullets."""
    if separators is None:
        separators = "•;" if has_strong_separator(text) else ","
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
    return bool(re.search(r"[•;]", _outside_brackets(text)))


def _outside_brackets(text: str) -> str:
    return re.sub(r"[(\[][^()\[\]]*[)\]]", "", text)


def initials_of(name: str) -> str:
    """Upper-case initials of a name: "Seth van Hooland" -> "SVH"."""
    return _initials_of(name.replace("_", " "))


def is_initials_token(token: str, name: str) -> bool:
    """A short capitalised token that can stand for `name` ("BVN", "GSc", "RGr")."""
    letters = token.replace(".", "")
    return (
        2 <= len(letters) <= 4
        and letters.isalpha()
        and letters[0].isupper()
        and sum(c.isupper() for c in letters) >= 2
        and letters[0] == initials_of(name)[:1]
    )


def same_person(short: str, full: str) -> bool:
    """Whether `short` names `full`: same name, first name, initials or chat handle."""
    a, b = fold(short).split(), fold(full).split()
    if not a or not b:
        return False
    if "".join(a) == "".join(b):
        return True
    if len(a) == 1 and len(b) > 1:
        word = a[0]
        if word in (b[0], b[-1]):
            return True
        if short.isupper() and short == initials_of(full):
            return True
        # IRC handles made of name prefixes: "dape" = DAniel PEintner
        return (
            any(
                word == b[0][:i] + b[-1][: len(word) - i]
                for i in range(2, len(word) - 1)
            )
            and len(word) >= 4
        )
    return False


def bracket_initials(text: str, name: str) -> str | None:
    """The initials an entry gives in brackets: "Rémy Giraud (RGr)" -> "RGr"."""
    found = re.search(r"\(([A-Z][A-Za-z]{1,3})\)", text)
    if found and _is_initials(found.group(1), name):
        return found.group(1)
    return None


def split_pair(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """ "Ann Lee and Bob Stone" (or "&"): two people when both halves are names."""
    start, end = span
    found = re.search(r"\s+(?:and|&)\s+", text[start:end])
    if found is None or parse_entry(text[start:end]) is not None:
        return [span]
    left = (start, start + found.start())
    right = (start + found.end(), end)
    if parse_entry(text[left[0] : left[1]]) and parse_entry(text[right[0] : right[1]]):
        return [left, right]
    return [span]


def is_people_line(text: str) -> bool:
    """A line that holds people and nothing else ("Ann Lee (ACME), Bob Stone")."""
    if len(text) > 400:
        return False
    spans = [part for span in split_entries(text) for part in split_pair(text, span)]
    for start, end in spans:
        entry = parse_entry(text[start:end])
        if entry is None or len((entry.role or "").split()) > 4:  # prose after a name
            return False
    return bool(spans)
