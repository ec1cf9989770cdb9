"""What a dated happening is called and what kind it is, read from the words around the date."""

from __future__ import annotations

import re

from ingest.extractors.dialogues import DIALOGUE_RE, DIALOGUE_REF_RE, dialogue_title
from ingest.model import EventKind

# A clause ends at these; the name of the happening sits inside one clause.
_BOUNDARY = re.compile(r"[;:(\[]|,\s|\.\s|\s[–—-]\s|\n|^")
_QUOTED = re.compile(r"[\"“](?P<q>[^\"”]{4,120})[\"”]")
# Words that link a name to its date: stripped from the end of the phrase.
_LINKERS = frozenset("""
    will shall would is are was were be been being has have had take takes took taking
    place held hold scheduled planned set moved moving for on at in from by until till of
    the a an to between around possibly likely due now also still and or with as date
    dates starting starts start begin begins expected targeted confirmed open opens
    opened close closes closed within during before after since about approximately
    which who that this these it its there then so ca circa
""".split())
_LEADING = re.compile(r"^(?:(?:there|it)\s+(?:will|would|is|was)\s+(?:be\s+)?|the|a|an|"
                      r"and|also|but|then|so|this|that|these|our|its|their|both)\s+",
                      re.IGNORECASE)
# "X will take place", "X has been moved": X names the happening.
_HAPPENS = re.compile(
    r"\s(?:will|shall|would|is|are|was|were|has|have|had|can|must|should|to)\b"
    r"(?:\s(?:be|been|not|also|now|still|possibly|likely|then))*\s"
    r"(?:take|took|taking|held|hold|scheduled|planned|organi[sz]ed|open|opened|opens|"
    r"close|closed|submitted|sent|arrive|moved|postponed|rescheduled|confirmed|frozen|"
    r"targeted|happen|run|start|begin|be|due|place)\b", re.IGNORECASE)
_ACTIVE = re.compile(r"^(?P<who>\S+(?:\s\S+)?)\s(?:will|shall|would|to)\s(?:have|hold|host|"
                     r"organi[sz]e|run)\s(?:an?\s|the\s|its\s)?(?P<what>.+)$",
                     re.IGNORECASE)
_REPORTING = re.compile(
    r"^.*?\b(?:recommends?|recommended|proposes?|proposed|suggests?|suggested|announced|"
    r"explained|confirmed|noted|said|says|reported|agreed|informed|mentioned|stated)"
    r"\s(?:that\s)?", re.IGNORECASE)
_TEMPORAL = re.compile(r"^.*\b(?:before|after|during|until|since|following)\s(?=\S+\s\S)",
                       re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]{3,}")

_KINDS: list[tuple[EventKind, re.Pattern[str]]] = [
    ("side_event", re.compile(r"\bside[\s-]events?\b|\bparallel\s+events?\b", re.I)),
    ("deadline", re.compile(
        r"\bdeadline|\bapplications?\b|\bregistration\b|\bsubmissions?\b|\bcloses?\b|"
        r"\bcfp\b|\bcall for\b|\bnominations?\b|\bfrozen\b|\bdue\b", re.I)),
    ("meeting", re.compile(
        r"\bprepar\w*\s+meetings?\b|\bbriefings?\b|\bcheck\b", re.I)),
    ("dialogue", re.compile(r"\bdialogues?\b|\bCDs?\s+on\b")),
    ("session", re.compile(
        r"\bsessions?\b|\bcommission\b|\bcongress\b|\bintersessional\b|\bassembly\b|"
        r"\bplenary\b|\bCoP\b|\bconference of the parties\b", re.I)),
    ("meeting", re.compile(
        r"\bmeetings?\b|\bconsultations?\b|\bwebinars?\b|\btown\s+hall\b|\bcalls?\b|"
        r"\bworkshops?\b|\bintroduction day\b|\bhearings?\b|\bSC\b|\bAGM\b", re.I)),
]


def event_kind(title: str) -> EventKind:
    """The kind a happening's name implies (side events before deadlines before...)."""
    for kind, pattern in _KINDS:
        if pattern.search(title):
            return kind
    return "other"


def _strip(phrase: str) -> str:
    """Drop linking words at the end and articles at the start of a phrase."""
    words = phrase.strip(" \t,.;:–—-").split()
    while words and words[-1].lower().strip(",.;:") in _LINKERS:
        words.pop()
    text = " ".join(words).strip(" \t,.;:–—-")
    previous = None
    while previous != text:
        previous, text = text, _LEADING.sub("", text)
    return text.strip(" \t,.;:–—-")


def has_content(phrase: str) -> bool:
    """At least one word of three letters that is not a linking word."""
    return any(w.lower() not in _LINKERS for w in _WORD.findall(phrase))


def _phrase_before(sentence: str, pos: int) -> tuple[str, str]:
    """The clause before `pos`, and the boundary character that opens it."""
    before = sentence[:pos]
    starts = list(_BOUNDARY.finditer(before))
    last = starts[-1] if starts else None
    opening = last.group(0).strip() if last else ""
    return before[last.end() if last else 0:], opening


def _shorten(phrase: str) -> str:
    """The happening in a clause: its subject, or what follows a reporting verb."""
    phrase = _REPORTING.sub("", phrase)
    active = _ACTIVE.match(_strip(phrase))
    if active:
        return f"{active.group('who')} {_strip(active.group('what'))}"
    verb = _HAPPENS.search(phrase)
    if verb and has_content(phrase[:verb.start()]):
        return _strip(phrase[:verb.start()])
    temporal = _TEMPORAL.sub("", phrase)
    return _strip(temporal if has_content(temporal) else phrase)


def _label(sentence: str, pos: int, end: int) -> str | None:
    """ "Next meeting: 2023-06-24" -> "Next meeting"; "Feb 19: Town Hall (11a)" -> "Town Hall"."""
    before, opening = _phrase_before(sentence, pos)
    if opening == ":" and not before.strip():
        head = sentence[:pos].rstrip()[:-1]
        label, _ = _phrase_before(head, len(head))
        return _strip(label) or None
    after = re.match(r"\s*:\s*(?P<what>[^(\n.;]+)", sentence[end:])
    if not sentence[:pos].strip(" \t*-•") and after:
        return _strip(after.group("what")) or None
    return None


def event_title(sentence: str, pos: int, end: int, previous: str | None,
                last_dialogue: str | None) -> str | None:
    """The name of the happening dated at sentence[pos:end], as the text names it."""
    quoted = list(_QUOTED.finditer(sentence[:pos]))
    if quoted:
        return quoted[-1].group("q").strip()
    bracket = re.match(r"\s*\((?P<b>[^()]{3,60})\)", sentence[end:])
    label = _label(sentence, pos, end)
    if label and has_content(label):
        return _with_dialogue(label, bracket)
    before, cut = _phrase_before(sentence, pos), pos
    for _ in range(2):  # "(Vienna, 11–21 April)": the name is before the bracket
        if has_content(before[0]) or not before[1]:
            break
        cut = sentence.rfind(before[1], 0, cut - len(before[0]))
        before = _phrase_before(sentence, max(cut, 0))
    if sentence[:pos].rstrip().endswith("(") and not sentence[pos:end].count("("):
        named = list(DIALOGUE_RE.finditer(before[0]))
        if named and not before[0][named[-1].end():].strip():
            return dialogue_title(named[-1].group("topic"))
    phrase = _shorten(before[0])
    if has_content(phrase):
        if DIALOGUE_REF_RE.fullmatch(phrase) or phrase.lower() == "dialogue":
            return last_dialogue or phrase
        return _with_dialogue(phrase, bracket)
    if bracket and DIALOGUE_RE.search(bracket.group("b")):
        return dialogue_title(DIALOGUE_RE.search(bracket.group("b")).group("topic"))
    if previous:
        return _shorten(re.split(r"[(,]", previous)[0]) or None
    return None


def _with_dialogue(phrase: str, bracket: re.Match[str] | None) -> str:
    """A phrase ending in a dialogue's name is that dialogue; "(CD on X)" qualifies."""
    named = list(DIALOGUE_RE.finditer(phrase))
    if named and not phrase[named[-1].end():].strip() and not re.search(
            r"\b(?:prepar\w*|meetings?|briefings?|note|applications?)\b",
            phrase[:named[-1].start()], re.IGNORECASE):
        return dialogue_title(named[-1].group("topic"))
    if bracket and DIALOGUE_RE.search(bracket.group("b")):
        return f"{phrase} ({bracket.group('b').strip()})"
    return phrase
