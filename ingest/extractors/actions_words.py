"""Word lists and word-overlap tests the action-item rules share."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> frozenset[str]:
    """A word list written as one string, as a set."""
    return frozenset(text.split())


STOPWORDS = words("""
a an the and or of to in on at for with from by into onto about as is are was were be
been being will shall should would could can may might must this that these those it
its their our your his her they we you he she i not no so also all any some there
need needs needed plan plans please asked action
""")

# People referred to as a group: valid owners although written in lower case.
GROUP_WORDS = words("""
all everyone everybody members participants panellists panelists volunteers
delegates attendees speakers organisers organizers staff secretariat chair
committee board team group secretary treasurer chairman chairperson clerk president
convenor coordinator officer officers editors editor audience society association
council foundation organisation organization network alliance commission union club
department office unit branch panel forum trust company
residents parents students councillors trustees directors managers contractor
contractors auditor accountant webmaster admins administrators maintainers reviewers
authors moderators partners volunteer member
""")

# Lower-case words inside a name or a list of names: "Anna Alvazzi del Frate".
NAME_JOINERS = words("and & / of de du van von del della da der la le di dos al bin")

# "X will <verb>" with one of these verbs describes, it does not commit anyone.
STATE_VERBS = words("""
be have has include includes contain consist cover feature focus remain become seem
appear need require depend mean allow enable affect cost reduce increase decrease
help continue happen start begin end close open last attend speak join participate
arrive come like want hope wish benefit result expire apply count matter exist
occur understand know
""")

# Participles after "will be" that describe a state or an event, not work to do.
STATE_PARTICIPLES = words("""
held based used needed required expected frozen closed opened located involved
interested pleased delighted glad able allowed affected concerned
related linked associated connected bound limited hosted chaired attended
retained kept maintained unchanged
""")

IRREGULAR_PARTICIPLES = words("""
made done sent given taken shown written built brought bought kept set put read met
paid told found left led seen chosen drawn sought spent understood undertaken won
begun known thrown forthcoming available
""")

# Hedged or opinion statements are views, not commitments: "I think we should".
HEDGES = words("""
likely probably possibly perhaps maybe hopefully assume suppose guess think believe
estimate estimating
""")

# A commitment that depends on something else happening is a process, not an action.
# "when the officer does not attend" is a condition too.
CONDITIONAL = re.compile(
    r"\b(?:if|unless|as soon as|absent|in case|in the event|provided that"
    r"|whether or not"
    r"|when\b[^.;]{0,40}\b(?:not|n't|n’t))\b", re.I)

# "Sam asked if ...": a reported question, no condition.
_ASKED = ("asked ", "asks ", "wondered ")


def conditional(text: str) -> bool:
    """Whether a condition governs the text ("if", "unless", "in the event")."""
    return any(not text[:found.start()].lower().endswith(_ASKED)
               for found in CONDITIONAL.finditer(text))


PRONOUN_SUBJECTS = words("it this that these those there they which what who")


# Cells and lines that hold nothing: "-", "n/a", "None".
EMPTY_OWNERS = frozenset({"", "-", "–", "—", "n/a", "tbd", "tbc", "?"})
EMPTY_TEXT = re.compile(r"^\W*(?:none|nil|n/?a|nothing)?\W*$", re.IGNORECASE)


def is_participle(word: str) -> bool:
    """True for a past participle: "shared", "sent", "reached"."""
    lower = word.lower()
    return (lower.endswith("ed") and len(lower) > 3) or lower in IRREGULAR_PARTICIPLES


def content_stems(text: str) -> frozenset[str]:
    """A text's content words cut to five letters: "prepare" meets "prepared"."""
    return frozenset(w.lower()[:5] for w in _WORD.findall(text)
                     if len(w) > 2 and w.lower() not in STOPWORDS)
