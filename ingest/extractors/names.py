"""Person names: honorifics, what reads as a name, initials, and when two names meet."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

# Honorifics the contract drops from names ("Prof. Jay Albanese" -> "Jay Albanese").
_HONORIFIC = re.compile(
    r"^(?:(?:prof|dr|mr|mrs|ms|mx|miss|messrs|mme|mlle|sir|dame|cllr|councillor|hon|rev"
    r"|revd|fr|sr|professor|doctor|judge|amb|ambassador|h\.?e|mayor|senator|alderman"
    r"|councillors|cllrs|messrs"
    r"|deputy|minister|president|governor|commissioner|chairman|chairwoman"
    r"|(?:county|borough|district|parish|town|city)\s+councillors?"
    r"|pcso|pc|sgt|sergeant|insp|inspector|constable|rabbi|pastor|canon|lord|lady"
    r"|baroness|rt)\.?\s+)+",
    re.IGNORECASE,
)
# Lower-case words that belong inside a name ("Anna Alvazzi del Frate").
_PARTICLE_WORDS = """
    van von der den del della de da di du la le los las bin binti ibn al el y dos das
    ter ten af zu
"""
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
# Capitalised words that mark an organisation, a place or a heading, never a person.
_NOT_NAME_TEXT = """
    the and or for with to in on at by from is are was were be all none nil other
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
    planning review budget paper proposal strategy policy plan overview presentation
    introduction opening closing adjournment matters arising correspondence finance
    financial election elections aob date time venue location place approval adoption
    general annual special regular session conference workshop training event events
    academy initiative observatory fund bank church mission league club press media
    laboratory hospital court tribunal parliament assembly senate congress authority
    administration directorate division section branch coalition consortium
    panel taskforce steering advisory oversight
    director manager officer president treasurer secretary clerk coordinator
    consultant advisor adviser chief executive ceo cto cfo coo professor student
    intern volunteer editor author speaker guest observer
    water news partnership partners england scotland wales ireland britain highways
    police rescue health housing homes energy electric railway railways transport
    airport gazette herald radio television limited plc llc holdings solutions
    systems technologies developments estates surgery pharmacy library museum
    village parish borough district
"""
_NOT_NAME_WORDS = frozenset(_NOT_NAME_TEXT.split())
# Months and common words that are also surnames ("Nicholas May", "Jamison Day"):
# a name's last word, never its first.
_MONTH_SURNAMES = frozenset(
    {"April", "May", "June", "August", "Day", "Church", "Bank", "Banks", "Court"}
)
_HANDLE_WORD = re.compile(r"^@?[a-z][a-z0-9_.\-]{1,30}$")
_COMMON_WORDS = _NOT_NAME_WORDS | STOP_WORDS
_ASCII_PUNCT = re.compile(r"[^a-z0-9]+")
_ELIDED = re.compile(r"^[a-z]['’][A-Z][\w\-]+$")  # d'Alembert, l'Hôpital
_VOWEL = re.compile(r"[AEIOUYÀ-ÖØ-Ý]")
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]\.?$|^(?:[A-Z]\.)+[A-Z]\.?$")
# No digits: "V2", "Q3" are versions and quarters, never part of a name.
_NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:['’.\-][^\W\d_'’.\-]*)*$")
# Short capitals that name an office, a body or a place, never one person.
_ACRONYM_TEXT = """
    CEO CFO CTO COO CIO VP MD GM PM PA EA HR IT QA PR UN EU US USA UK AOB TBC TBD
    NA ALL AND AGM EGM NGO
"""
_COMMON_ACRONYMS = frozenset(_ACRONYM_TEXT.split())
_SHORT_INITIALS = re.compile(r"^(?:[A-Z]\.?){2,3}$")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Casefold, drop accents and punctuation: the key two spellings of a name share."""
    if text.isascii():  # the common case, without a pass per character
        return " ".join(_ASCII_PUNCT.sub(" ", text.lower()).split())
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


def is_name_token(token: str) -> bool:
    """A word that can be part of a name: capitalised, a particle or an initial."""
    if token.lower() in _PARTICLES or _INITIAL.match(token) or _ELIDED.match(token):
        return True
    if not _NAME_TOKEN.match(token) or not token[0].isupper():
        return False
    return token.lower().strip(".") not in _NOT_NAME_WORDS


def looks_like_name(text: str, *, single: bool = False) -> bool:
    """True when `text` reads as a person's name ("Anna Alvazzi del Frate").

    `single` accepts a lone word in an explicit list: a first name or a handle.
    """
    text = text.strip()
    if not text or len(text) > 60:
        return False
    if single and _HANDLE_WORD.match(text) and text.lower() not in _COMMON_WORDS:
        return True  # a chat handle or user id in a list: "dape", "jdoe42"
    if "_" in text and " " not in text:  # IRC style: Daniel_Peintner
        return looks_like_name(text.replace("_", " "), single=single)
    tokens = text.split()
    if len(tokens) > 6 or not all(is_name_token(t) for t in tokens[:-1]):
        return False
    if not is_name_token(tokens[-1]) and not (
        len(tokens) > 1 and tokens[-1] in _MONTH_SURNAMES
    ):
        return False
    if tokens[0].lower() in _PARTICLES or tokens[-1].lower() in _PARTICLES:
        return False
    real = [t for t in tokens if not _INITIAL.match(t) and t.lower() not in _PARTICLES]
    if not real:
        return False
    if len(real) > 1 and all(t.lower() in STOP_WORDS for t in real):
        return False  # "Any Further (reports)": a heading's words, not a person
    if all(t.isupper() for t in real):  # "UNODC", "CWB PMC": acronyms, not people
        # ... except in a list, where "J SMITH" or "JOHN SMITH" is a person
        return single and len(tokens) >= 2 and all(_VOWEL.search(t) for t in real)
    return len(tokens) >= 2 or single


def _initials_of(name: str) -> str:
    return "".join(
        t[0] for t in name.replace("-", " ").split() if t[0].isalpha()
    ).upper()


def is_bracket_initials(bracket: str, name: str) -> bool:
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
    if compact[0].isupper() and capitals <= initials:
        return True
    return compact.isupper() and _is_letter_acronym(compact, name)


def _is_letter_acronym(acronym: str, name: str) -> bool:
    """A scribe's acronym made of the name's letters in order ("MIH" Mihai Niță)."""
    letters = fold(name).replace(" ", "")
    if len(acronym) < 2 or not letters.startswith(acronym[0].lower()):
        return False
    rest = iter(letters[1:])
    return all(ch in rest for ch in acronym[1:].lower())  # a subsequence test


def is_initials_handle(text: str) -> bool:
    """Two or three capitals ("LJ", "C.J."): initials standing as a name."""
    text = text.strip()
    return bool(_SHORT_INITIALS.match(text)) and text not in _COMMON_ACRONYMS


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
    """Whether `short` names `full`: same name, initials, first name or chat handle."""
    a, b = fold(short).split(), fold(full).split()
    if not a or not b:
        return False
    if "".join(a) == "".join(b):
        return True
    if len(a) == 2 and len(b) > 2 and a[0] == b[0] and a[-1] == b[-1]:
        return True  # "Steven Loomis" = "Steven R Loomis": the middle left out
    if len(a) == len(b) > 1 and a[-1] == b[-1]:  # "E. Zapata" = "Elif Zapata"
        pairs = zip(a, b, strict=True)
        return all(x == y or (len(x) == 1 and y.startswith(x)) for x, y in pairs)
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


def misspelt(one: str, other: str) -> bool:
    """The same name with a long surname one letter off ("Karin Langesen")."""
    a, b = fold(one).split(), fold(other).split()
    if len(a) != len(b) or len(a) < 2:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(diff) != 1 or diff[0][0] == a[0]:  # the first name must match
        return False
    x, y = diff[0]
    if min(len(x), len(y)) < 5 or abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):  # one letter changed
        return sum(p != q for p, q in zip(x, y, strict=True)) == 1
    short, long = sorted((x, y), key=len)
    pairs = enumerate(zip(short, long[: len(short)], strict=True))
    cut = next((i for i, (p, q) in pairs if p != q), len(short))
    return short[cut:] == long[cut + 1 :]  # one letter added


def bracket_initials(text: str, name: str) -> str | None:
    """The initials an entry gives in brackets: "Rémy Giraud (RGr)" -> "RGr"."""
    found = re.search(r"\(([A-Z][A-Za-z]{1,3})\)", text)
    if found and is_bracket_initials(found.group(1), name):
        return found.group(1)
    return None
