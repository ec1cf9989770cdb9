"""Labels that file people: "Present:", "Apologies", "Chair:", "In attendance were:"."""

from __future__ import annotations

import re
from typing import Literal

LabelKind = Literal["present", "absent", "roster", "role", "members", "other"]

# "Previous attendees", "Next chair": people of another meeting ("Past President",
# "Incoming Chair" are offices held now, so they are not here).
_OTHER_TIME = re.compile(
    r"^(?:previous|prior|former|last|next|future|upcoming)\b",
    re.IGNORECASE,
)

_ABSENT = re.compile(
    r"apolog|regret|absen[tc]|excused|declined|unable\s+to\s+attend|"
    r"not\s+(?:present|attending|attended|in\s+attendance)|"
    r"could\s+not\s+attend|did\s+not\s+attend|leave\s+of|missing|"
    r"abwesend|entschuldigt|excus[ée]s?|ausentes|afwezig|assenti",
    re.IGNORECASE,
)
_PRESENT = re.compile(
    r"\b(?:present|attendance|attendees?|attending|attended|participants?|participating|"
    r"guests?|joined\s+(?:remotely|online|late|by\s+\w+|via\s+\w+)|dial(?:l)?ed\s+in|"
    r"observers?|observing|visitors?|invitees|in\s+the\s+room|on\s+the\s+call|roll\s+call|"
    r"(?:remote|online|dial-?in)\s+(?:attendees|participants)|speakers?|presenters?|"
    r"panell?ists?|anwesend\w*|teilnehm\w*|pr[ée]sents?|presentes|asistentes|aanwezig|"
    r"presenti|partecipanti|participantes)\b",
    re.IGNORECASE,
)
# How people took part, used as a label of its own: "Remote: A, B", "In person: C".
_WHERE = re.compile(
    r"^(?:remote(?:ly)?|online|in[\s-]person|virtual(?:ly)?|on[\s-]?site|"
    r"by\s+(?:phone|video)|via\s+\w+|dial-?in)$",
    re.IGNORECASE,
)
# "Maybe present" (scribe.perl diagnostics), "Expected": guesses, not a record.
_UNSURE = re.compile(r"\b(?:maybe|possibly|expected|invited\s+but)\b", re.IGNORECASE)
# "The current Board members are:": who sits on a body, not who came.
_ROSTER = re.compile(
    r"\bmembers?\b.*\b(?:are|is)\s*$|^(?:the\s+)?current\b.*\bmembers?\b", re.IGNORECASE
)
# Who sits on a body, as a label at the head of minutes: "Board members: A, B".
_MEMBERS = re.compile(
    r"^(?:(?:board|committee|council|steering|executive|management|core|voting|"
    r"non-voting|tsc|other)\s+)?(?:members?|directors?|trustees?|councillors?|"
    r"governors?|officers?|staff|delegates?|representatives?)$",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"^(?:(?:co-?|vice[- ]?)?chair(?:ed\s+by|person|man|woman|s)?|minutes(?:\s+by)?|"
    r"minute[- ]?tak(?:er|ing)|minuted\s+by|notes(?:\s+by)?|note[- ]?tak(?:er|ing)|"
    r"scribes?|recording\s+secretary|recorder|facilitat(?:or|ed\s+by)|moderat(?:or|ed\s+by)|"
    r"convenor|convener|rapporteur|host(?:ed\s+by)?|presiding|in\s+the\s+chair|"
    r"secretary|(?:minutes\s+)?(?:taken|recorded)\s+by)$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*[*_]*([^:|]{1,60}?)[*_]*\s*:[*_]*\s*")
# A label in words before a capitalised name: "Present were", "Those attending were",
# "Apologies were received from".
_PROSE_LABEL = re.compile(
    r"^\s*((?:(?:also|those|the\s+following|members?|directors?|trustees?|"
    r"councillors?)\s+)*(?:present|in\s+attendance|attending)"
    r"(?:\s+(?:at|in)\s+the\s+meeting)?\s+(?:were|was)|"
    r"(?:apologies|regrets)(?:\s+for\s+absence)?\s+(?:were|was)\s+"
    r"(?:received|given|sent|noted|tendered)\s+(?:from|by|for))\s+(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)
_DASH_LABEL = re.compile(r"^\s*[*_]*([A-Za-z][A-Za-z ]{1,30}?)[*_]*\s+[-–—]+\s+(?=\S)")
# A colon that may end an inline label: "... O'Neill Officers present: Jane Doe".
_INNER_COLON = re.compile(r"(?<=\S) ?:(?=\s)")
_LABEL_LEAD = re.compile(
    r"(?:(?<=\s)|^)(?:in|also|not|other|others|those|members?|staff|officers?|directors?|"
    r"board|committee|council|trustees?|councillors?|governors?|voting|"
    r"previous|prior|former|last|next|future|upcoming)\s+$",
    re.IGNORECASE,
)
# What may open a line's own label before an inner one: "Members Present:",
# "Incoming Chair:" (nothing, or one word).
_OWN_LABEL = re.compile(r"\s*(?:[^\W\d_]+\s+)?")
# "The", "2.1.1" (a section number) before a group; "were" or a note in brackets
# ("(please correct/complete the list)") after it.
_GROUP_TRIM = re.compile(
    r"^(?:the\s+|\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+)|\s+(?:were|are|was|is)\s*$"
    r"|\s*\((?:[^()\s]+\s+){2,}[^()]*\)\s*$",
    re.IGNORECASE,
)
_TABLE_NAME = re.compile(
    r"\b(?:name|attendee|participant|person|delegate|member)s?\b", re.IGNORECASE
)
_TABLE_ORG = re.compile(
    r"organi[sz]ation|affiliation|company|country|agency|"
    r"institution|employer|representing|\borg\b|entity",
    re.IGNORECASE,
)
_TABLE_SKIP = re.compile(r"\b(?:action|task|due|motion)s?\b", re.IGNORECASE)
# A column that says whether each person came: "Present", "Attendance", "Status".
_TABLE_STATUS = re.compile(r"present|attend|status|apolog", re.IGNORECASE)
_ABSENT_CELL = re.compile(r"^(?:no|n|✗|✘|☐|-|–|0)$", re.IGNORECASE)
_PRESENT_CELL = re.compile(r"^(?:yes|y|x|✓|✔|☑|☒|1)$", re.IGNORECASE)


def classify_label(label: str) -> LabelKind | None:
    """What a label files people as: present, absent, roster, role, members, other."""
    # "other": people of another meeting ("Previous attendees", "Next chair")
    label = label.strip(" *_#:\t")
    if not label or len(label.split()) > 6:
        return None
    if _OTHER_TIME.match(label):
        return "other"
    if _ABSENT.search(label):
        return "absent"
    if any(_ROLE.match(part.strip()) for part in label.split("/")):
        return "role"  # "Secretary/Minute Taker"
    if _ROSTER.search(label):
        return "roster"
    if _MEMBERS.match(label):
        return "members"  # attendance at the head of minutes, else a mention
    if (_PRESENT.search(label) or _WHERE.match(label)) and not _UNSURE.search(label):
        return "present"
    return None


def split_label(text: str) -> tuple[str, int] | None:
    """A leading "Label:" (or "Present were") and where the text after it starts."""
    found = _LABEL.match(text) or _PROSE_LABEL.match(text)
    if found is None:
        # "Present – Ann Lee, Bob Stone": a dash after an attendance word
        found = _DASH_LABEL.match(text)
        if found and classify_label(found.group(1)) not in ("present", "absent"):
            return None
    if found is None or len(found.group(1).split()) > 6:
        return None
    return found.group(1).strip(), found.end()


def group_name(label: str) -> str:
    """The group a label names: "Also in attendance were:" -> "Also in attendance"."""
    label = label.strip(" *_#:\t")
    previous = None
    while previous != label:
        previous, label = label, _GROUP_TRIM.sub("", label).strip()
    return label


def table_columns(header: tuple[str, ...]) -> tuple[int | None, int | None]:
    """The name and organisation columns of an attendance table's header row."""
    if any(_TABLE_SKIP.search(cell) for cell in header):
        return None, None
    names = [i for i, c in enumerate(header) if _TABLE_NAME.search(c)]
    if len(names) != 1:  # "UNODC MEMBERS | ALLIANCE MEMBERS": columns are groups
        return None, None
    name = names[0]
    org = next(
        (i for i, c in enumerate(header) if i != name and _TABLE_ORG.search(c)), None
    )
    return name, org


def status_column(header: tuple[str, ...], taken: set[int]) -> int | None:
    """The column of an attendance table that says whether each person came."""
    return next(
        (i for i, c in enumerate(header) if i not in taken and _TABLE_STATUS.search(c)),
        None,
    )


def is_absent_cell(cell: str, header: str = "", *, marked: bool = False) -> bool:
    """Whether a status cell under `header` says its person did not come."""
    # Under "Present (Y/N)" an "N", "No", "✗" or "Apologies" is absent, and an
    # empty cell too when other rows are `marked` ("x"); under "Apologies" or
    # "Absent" any mark means absent.
    cell = cell.strip()
    if classify_label(header) == "absent":
        return bool(cell) and not _ABSENT_CELL.match(cell)
    if not cell:
        return marked
    return classify_label(cell) == "absent" or bool(_ABSENT_CELL.match(cell))


def is_present_mark(cell: str) -> bool:
    """A status cell that marks its person as present ("x", "Y", "✓", "Present")."""
    cell = cell.strip()
    return bool(_PRESENT_CELL.match(cell)) or classify_label(cell) == "present"


def is_table_header_line(text: str) -> bool:
    """A paragraph that is a flat table header ("Attendee Name Organisation")."""
    return (
        len(text.split()) <= 6
        and bool(_TABLE_NAME.search(text))
        and bool(_TABLE_ORG.search(text))
        and ":" not in text
    )


def inner_label_starts(text: str) -> list[int]:
    """Where labels start inside a line that soft-wrapping ran together.

    "Present: A; B Regrets: C" -> [the offset of "Regrets"]: for each colon, the
    shortest capitalised run of up to six words before it that reads as a label.
    """
    starts: list[int] = []
    for colon in _INNER_COLON.finditer(text):
        if colon.start() < 80 and classify_label(text[: colon.start()]) == "roster":
            continue  # the line's own label: "The current Board members are:"
        window = max(0, colon.start() - 80)  # a label is short: look back a little
        words = list(re.finditer(r"\S+", text[window : colon.start()]))
        for size in range(1, min(len(words), 6) + 1):
            first = window + words[-size].start()
            label = text[first : colon.start()]
            if first > 0 and label[0].isupper() and _inner_kind(label):
                lead = _label_lead(text, first)
                if not _OWN_LABEL.fullmatch(text[:lead]):
                    starts.append(lead)
                break
    return starts


def _label_lead(text: str, start: int) -> int:
    """Widen an inner label over its leading word: "IN ATTENDANCE", "Also present"."""
    while start > 0 and (lead := _LABEL_LEAD.search(text[:start])):
        start = lead.start()  # "Board Members Absent": every leading word
    return start


def _inner_kind(label: str) -> bool:
    """Labels explicit enough to start inside a line: not "Ordinary Members"."""
    return classify_label(label) in ("present", "absent", "role")
