"""The text of an attendance entry before it is read: what wraps or trails a name.

Exports and web pages leave marks around names that no person's name holds:
literal character references ("Douglas&#x20;", from a GitBook export pasted into
Word), quotes around a whole entry ("“Ann Lee - Acme”"), and an organisation's
acronym written after the name without a dash ("Steven Hasendinckx J&J").
"""

from __future__ import annotations

import html
import re

from ingest.extractors.names import looks_like_name

# A character reference written out as text: "&#x20;", "&#160;", "&amp;", "&nbsp;".
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
# Quotes or guillemets around the whole entry; typographic single quotes only as a
# pair (a straight ' is an apostrophe in names such as O'Connell).
_QUOTED = re.compile(r"^(?:[\"“”„«]\s*(.+?)\s*[\"“”»]|[‘‚]\s*(.+?)\s*’)$")
# An acronym no name word looks like: capitals with "&" or "+" ("J&J", "AT&T"), or
# two capitals and a digit ("ABC2"; one capital, "Q3", is a quarter). An all-letter
# one ("SMITH") may be a surname written in capitals, so it is never split off.
_ACRONYM = re.compile(
    r"^(?=.*[A-Z])(?:(?=.*[&+])|(?=(?:.*[A-Z]){2})(?=.*[0-9]))[A-Z0-9][A-Z0-9&+.\-/]{1,9}$"
)


def unescape(text: str) -> str:
    """`text` with character references written out as text read ("&#x20;" -> " ")."""
    if "&" not in text or not _ENTITY.search(text):
        return text
    return " ".join(_ENTITY.sub(lambda m: html.unescape(m.group()), text).split())


def mask_entities(text: str) -> str:
    """`text` with character references blanked, same length (their ";" splits not)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(_blank, text)


def _blank(found: re.Match[str]) -> str:
    ref = found.group()  # "&Ms;" is no reference: its ";" still separates
    return ref if html.unescape(ref) == ref else "&" + "_" * (len(ref) - 1)


def unquote(body: str) -> str:
    """An entry without the double quotes around all of it."""
    quoted = _QUOTED.match(body)
    return (quoted.group(1) or quoted.group(2)) if quoted else body


def acronym_after_name(head: str) -> tuple[str, str] | None:
    """ "Steven Hasendinckx J&J" -> ("Steven Hasendinckx", "J&J"): name, then body."""
    name, _, last = head.strip().rpartition(" ")
    if not _ACRONYM.match(last) or len(name.split()) < 2:
        return None
    return (name, last) if looks_like_name(name) else None
