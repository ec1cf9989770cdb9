"""What a dated happening is called and what kind it is, from the words around it."""

from __future__ import annotations

import re

from ingest.extractors.dialogues import DIALOGUE_RE, DIALOGUE_REF_RE, dialogue_title

# A clause ends at these; the name of the happening sits inside one clause.
# A link is a boundary too: the name never runs through "https://...".
# "X will start soon and we expect it ready for May": a new subject, a new clause.
_BOUNDARY = re.compile(r"\S+://\S+|[;:(\[]|,\s|\.\s|\s[–—-]\s|\n|^|"
                       r"\s(?:and|but)\s(?=(?:we|they|he|she|I)\s)")
_QUOTED = re.compile(r"[\"“](?P<q>[^\"”]{4,120})[\"”]")
# Words that link a name to its date: stripped from the end of the phrase.
_LINKER_WORDS = """
    will shall would is are was were be been being has have had take takes took taking
    place held hold scheduled planned set moved moving for on at in from by until till
    of the a an to between around possibly likely due now also still and or with as
    date dates starting expected targeted confirmed open opens opened close closes
    closed within during before after since about approximately which who that this
    these it its there then so ca circa morning afternoon evening night probably
    provisionally tentatively tbc tba tbd
"""
_LINKERS = frozenset(_LINKER_WORDS.split())
_LEADING = re.compile(r"^(?:(?:there|it)\s+(?:will|would|is|was)(?:\s+be)?|"
                      r"(?:we|i|they|you)\s+(?:will|shall|plan\s+to|are\s+going\s+to|"
                      r"have|need|expect)|"
                      r"(?:when|what|how|why|where)\s+(?:will|is|are|do|does|did|can)"
                      r"(?:\s+(?:we|it|they|you))?|(?:are|is|do|does|will|can)\s+"
                      r"(?:we|you|they|it)|"
                      r"\d+(?:\.\d+)*[.)]?|the|a|an|"
                      r"and|also|but|then|so|this|that|these|our|its|their|both|own|"
                      r"two|three|four|several)\s+",
                      re.IGNORECASE)
# "X will take place", "X has been moved": X names the happening.
_HAPPENS = re.compile(
    r"\s(?:will|shall|would|is|are|was|were|has|have|had|can|must|should|to)\b"
    r"(?:\s(?:be|been|not|also|now|still|possibly|likely|then))*\s"
    r"(?:take|took|taking|held|hold|scheduled|planned|organi[sz]ed|open|opened|opens|"
    r"close|closed|submitted|sent|arrive|moved|postponed|rescheduled|confirmed|frozen|"
    r"targeted|happen|run|start|begin|due|place|celebrated|marked|launched|"
    r"commemorated|observed|(?:in|at)(?=\s[A-Z]))\b", re.IGNORECASE)
# "the workshop on child protection held in Accra": the name ends before "held".
_HELD_TAIL = re.compile(r"\s+(?:held|hosted|organi[sz]ed)\s+(?:in|at|by|on)\b.*$",
                        re.IGNORECASE)
_ACTIVE = re.compile(
    r"^(?P<who>\S+(?:\s\S+)?)\s(?:will|shall|would|to)\s(?:have|hold|host|organi[sz]e|run)"
    r"\s(?:an?\s|the\s|its\s)?(?P<what>.+)$", re.IGNORECASE)
_REPORTING = re.compile(
    r"^.*?\b(?:\w+(?:ed|es|s|ing|e)\s+that|recommends?|recommended|proposes?|proposed|"
    r"suggests?|suggested|announced|explained|confirmed|noted|said|says|reported|agreed|"
    r"informed|mentioned|stated|note\s+that|attended|visited|hosted|joined)\s"
    r"(?:that\s)?", re.IGNORECASE)
EVENT_NOUN = re.compile(
    r"\b(?:meetings?|sessions?|conferences?|webinars?|workshops?|dialogues?|summits?|"
    r"congress|commission|events?|calls?|hall|briefings?|forums?|assembly|deadlines?|"
    r"consultations?|hearings?|seminars?|trainings?|elections?|festivals?|launch|CoP|"
    r"AGM|SC|part(?:y|ies)|socials?|dinners?|picnics?|fairs?|ceremon(?:y|ies)|"
    r"celebrations?|reunions?|retreats?|hackathons?|galas?|tournaments?|"
    r"exhibitions?|open\s+days?|[AEMS]GM)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:it|this|that|these|those)\s+(?:is|was|will|has|are|were)\b",
                      re.IGNORECASE)
_OPEN_CLOSE = re.compile(r"\b(?:closes|opens|ends|starts|begins)\b|\bclose\b|\bopen\b",
                         re.IGNORECASE)
# Where a label or a sentence naming the happening starts.
_LABEL_START = re.compile(r"[;(\[\n]|\.\s|:\s")
# "WQ - When will code be ready?": the speaker's initials are not part of the name.
_SPEAKER = re.compile(r"^\s*[A-Z][A-Za-z]{0,3}\s?[-–]\s")
_CLAUSE_VERB = re.compile(
    r"\b(?:will|is|are|was|were|has|have|had|shall|would|should|must|can|could)\b")
# "... advised that from": a change taking effect ("that on 5 May the Clerk would
# write" is an action's date, not a happening).
_OPENS_CLAUSE = re.compile(
    r"\b(?:that|then|and)\s+(?:from|as\s+of|starting|beginning)\s*$", re.IGNORECASE)
# "reserve Saturday, December 11 for the holiday party": the name after the date;
# "confirm the date (August 15th) for the open day event" too.
_FOR_THE = re.compile(
    r"\)?\s*(?:for|as)\s+(?:the|a|an|our|their|its|this)\s+(?P<what>[^.,;:()\n]{3,60}?)"
    r"(?=\s*(?:[.,;:()\n]|$)|\s(?:and|at|in|on|with|to|from|which|that|where|when)\b)")
_STATE = re.compile(r"\s(?P<v>closes|opens|ends|begins|starts)\b")
_AFTER_COLON = re.compile(r"\s*:\s*(?P<what>[A-Z][^(\n.;,]+)")
_PLACE_ONLY = re.compile(r"^\s*(?:in|at|on)\s", re.IGNORECASE)
_AFTER_DASH = re.compile(r"\s+[–—-]\s+(?P<what>[A-Z][^(\n.;,]+)")
_LINE_LABEL = re.compile(r"^\W*(?P<l>[A-Z][^:.;]{2,40}):\s")
_BRACKET_AFTER = re.compile(r"\s*\((?P<b>[^()]{3,60})\)")
_LAST_BRACKET = re.compile(r"\s*\([^()]*\)$")
_CLAUSE_END = re.compile(r"[.;]\s")
_ASIDE_START = re.compile(r"[(,]")
_ASIDE = re.compile(r"\s*\((?:[^()\s]+\s+){3,}[^()]*\)")
_GENERIC = frozenset({"deadline", "meeting", "session", "event", "call", "webinar"})
_BRACKETS = re.compile(r"\([^()]*\)")
_TEMPORAL = re.compile(
    r"^.*\b(?:before|after|during|until|since|following)\s(?=\S+\s\S)", re.IGNORECASE)
_WORDS_AFTER = re.compile(r" (?P<w>[\w-]+(?: [\w-]+){0,2})")
_WORD = re.compile(r"[A-Za-z]{3,}|\b[A-Z][A-Z0-9]+\b")

def strip_phrase(phrase: str) -> str:
    """Drop linking words at the end and articles at the start of a phrase."""
    words = phrase.strip(" \t,.;:?!–—-").split()
    while words and words[-1].lower().strip(",.;:") in _LINKERS:
        words.pop()
    text = " ".join(words).strip(" \t,.;:?!–—-")
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
    # Brackets already closed hold asides ("(mainly the OP, and the JRC)"): not clauses.
    masked = _BRACKETS.sub(lambda m: " " * len(m.group(0)), before)
    starts = list(_BOUNDARY.finditer(masked))
    last = starts[-1] if starts else None
    opening = last.group(0).strip() if last else ""
    return before[last.end() if last else 0:], opening


def _shorten(phrase: str) -> str:
    """The happening in a clause: its subject, or what follows a reporting verb."""
    verb = _HAPPENS.search(phrase)
    if verb and has_content(_REPORTING.sub("", phrase[:verb.start()])):
        subject = strip_phrase(_REPORTING.sub("", phrase[:verb.start()]))
        state = _OPEN_CLOSE.search(verb.group(0))  # "registration closes"
        return f"{subject} {state.group(0).lower()}" if state else subject
    for _ in range(3):  # "noted that 42 residents attended the open day"
        rest = _REPORTING.sub("", phrase, count=1)
        if _PLACE_ONLY.match(rest) and has_content(rest):
            break  # "the conference she attended in Brussels": not "in Brussels"
        phrase = rest
    state = _STATE.search(phrase)
    if state and has_content(phrase[:state.start()]):
        return f"{strip_phrase(phrase[:state.start()])} {state.group('v')}"
    active = _ACTIVE.match(strip_phrase(phrase))
    if active:
        who = active.group("who")
        what = strip_phrase(active.group("what"))
        return what if who.lower() in ("which", "who", "that") else f"{who} {what}"
    temporal = _TEMPORAL.sub("", phrase)
    return strip_phrase(temporal if has_content(temporal) else phrase)


def _label(sentence: str, pos: int, end: int) -> str | None:
    """A label names the date: "Next meeting: 2023-06-24", "Feb 19: Town Hall"."""
    after = _AFTER_COLON.match(sentence, end)
    last_word = (sentence[:pos].split() or [""])[-1].lower()
    if after and last_word not in _LINKERS:  # a list of dates: "Feb 25: Next meeting"
        return strip_phrase(after.group("what")) or None
    dash = _AFTER_DASH.match(sentence, end)
    if dash and not has_content(sentence[:pos]):  # "- 12 May – Open day"
        return strip_phrase(dash.group("what")) or None
    before, opening = _phrase_before(sentence, pos)
    if opening == ":" and not before.strip():
        head = sentence[:pos].rstrip()[:-1]  # "Commission – Parallel Event: March 9th"
        return strip_phrase(_LABEL_START.split(head)[-1]) or None
    if opening in ("-", "–", "—") and not before.strip() and "(" not in sentence[:pos]:
        head = strip_phrase(sentence[:pos].rstrip()[:-1])  # "Next meeting – 12 April"
        return head if 0 < len(head.split()) <= 6 and "\n" not in head else None
    return None


def event_title(sentence: str, pos: int, end: int, previous: str | None,
                last_dialogue: str | None, sibling: str | None = None) -> str | None:
    """The name of the happening dated at sentence[pos:end], as the text names it."""
    title = _title(sentence, pos, end, previous, last_dialogue, sibling)
    if title:  # a long aside in brackets is not part of the name; "(CCPCJ 32)" is
        title = _ASIDE.sub(lambda m: m.group(0) if DIALOGUE_RE.search(m.group(0))
                           else "", title).strip()
    if title and has_content(_HELD_TAIL.sub("", title)):
        title = _HELD_TAIL.sub("", title)
    if title and title.lower() == "minutes":
        return "meeting"  # "the minutes of 2 February were agreed": that meeting
    label = _LINE_LABEL.match(sentence)
    if title and title.lower() in _GENERIC and label and pos > label.end():
        return f"{label.group('l').strip()} {title}"  # "Written contributions deadline"
    return title


def _clause(sentence: str, pos: int) -> str:
    """The clause naming what is dated at `pos`, past an aside ("(month 3 - May)")."""
    before, cut = _phrase_before(sentence, pos), pos
    # a dash opens an aside only inside brackets: "RGr - Likely to be" names nothing
    bracketed = sentence.rfind("(", 0, pos) > sentence.rfind(")", 0, pos)
    asides = (",", "(", "-", "–", "—") if bracketed else (",", "(")
    for _ in range(2):  # "the AHC (Vienna, 11–21 April)": the name is before it
        if has_content(before[0]) or before[1] not in asides:
            break
        cut = sentence.rfind(before[1], 0, cut - len(before[0]))
        before = _phrase_before(sentence, max(cut, 0))
    if before[1] == "(" and len(before[0].split()) <= 3:
        cut = sentence.rfind("(", 0, cut)
        before = _phrase_before(sentence, max(cut, 0))
    return before[0]


def _title(sentence: str, pos: int, end: int, previous: str | None,
           last_dialogue: str | None, sibling: str | None) -> str | None:
    """The name before any clean-up (see event_title)."""
    quoted = list(_QUOTED.finditer(sentence[:pos]))
    if quoted:
        return quoted[-1].group("q").strip()
    bracket = _BRACKET_AFTER.match(sentence, end)
    between = _BRACKETS.sub("", sentence[:pos]).strip(" \t,;–—-")
    if sibling and not between.removesuffix("and").strip():
        # "20 April (CD on Firearms) and 16 May (CD on ...)": the same kind of thing
        return _with_dialogue(_LAST_BRACKET.sub("", sibling), bracket)
    label = _label(sentence, pos, end) or _named_by_date(sentence, pos, end)
    if label and has_content(label):
        return _with_dialogue(label, bracket)
    before = _clause(sentence, pos)
    if bracket and EVENT_NOUN.search(bracket.group("b")) and not EVENT_NOUN.search(
            before) and not DIALOGUE_RE.search(bracket.group("b")):
        # "in october 2024 (next meeting of the CoP)"
        return strip_phrase(bracket.group("b"))
    if sentence[:pos].rstrip().endswith("(") and not sentence[pos:end].count("("):
        named = list(DIALOGUE_RE.finditer(before))
        if named and not before[named[-1].end():].strip():
            return dialogue_title(named[-1].group("topic"))
    named_after = _FOR_THE.match(sentence, end)
    if named_after and EVENT_NOUN.search(named_after.group("what")) \
            and not EVENT_NOUN.search(before):
        return strip_phrase(named_after.group("what"))  # "11 December for the party"
    phrase = _shorten(before)
    if _PRONOUN.match(before.strip()) and previous:
        phrase = ""  # "It is taking longer": the thing was named before
    if has_content(phrase):
        if DIALOGUE_REF_RE.fullmatch(phrase) or phrase.lower() == "dialogue":
            return last_dialogue or phrase
        return _with_dialogue(phrase, bracket)
    named_in_bracket = DIALOGUE_RE.search(bracket.group("b")) if bracket else None
    if named_in_bracket:
        return dialogue_title(named_in_bracket.group("topic"))
    return _from_elsewhere(sentence, pos, end, previous)


def _from_elsewhere(sentence: str, pos: int, end: int,
                    previous: str | None) -> str | None:
    """A date opening its clause: the rest names it, else the sentence before."""
    after = sentence[end:].lstrip(" ,:")
    verb = _CLAUSE_VERB.search(after)
    if verb and (not has_content(sentence[:pos]) or _OPENS_CLAUSE.search(
            sentence[:pos])):
        # "From 1 March the office will open", "advised that from 12 May the key..."
        title = _shorten(_CLAUSE_END.split(after)[0] + " ")
        if len(title.split()) > 8 and has_content(after[:verb.start()]):
            title = strip_phrase(after[:verb.start()])  # its subject names it
        return title if has_content(title) else None
    if previous:
        head = _LABEL_START.split(_ASIDE_START.split(previous)[0])[-1]
        return _shorten(_SPEAKER.sub("", head)) or None
    return None


def _named_by_date(sentence: str, pos: int, end: int) -> str | None:
    """ "the August 2021 MGM", "the March minutes": the date names what follows it."""
    after = _WORDS_AFTER.match(sentence, end)
    taken: list[str] = []
    for word in after.group("w").split() if after else ():
        if word.lower() in _LINKERS:
            return None
        taken.append(word)
        if EVENT_NOUN.fullmatch(word) or word.lower() == "minutes":
            return f"{sentence[pos:end]} {' '.join(taken)}"
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
