"""One rule per kind of marked clause: is it an action, whose, and where it starts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ingest.extractors.actions_clauses import (
    clause_start,
    joined_start,
    outside_brackets,
    skip_adverbs,
)
from ingest.extractors.actions_owner import agent_owner, owner_text, subject_tokens
from ingest.extractors.actions_words import (
    GROUP_WORDS,
    STATE_PARTICIPLES,
    STATE_VERBS,
    is_participle,
    words,
)

_RELATIVE = words("that which who whom whose where whether how what why")
# "X explained that the issue should be reviewed" reports a view, not a task.
_OPINION = words("""
explained noted mentioned said stated commented argued believes believed thinks
thought felt indicated feels
""")
_REPORTING = words("""
said says confirmed agreed noted added explained mentioned stated indicated replied
promised offered undertook
""")
_MEETING_VERBS = words("approve vote decide agree discuss adopt debate")
_GATHER = words("meet convene reconvene gather")
_BE = words("be is are am was were been being 's 're")
# "It was agreed that the Treasurer would obtain quotes": a reported commitment.
_AGREEING = words("agreed decided resolved confirmed undertook")
_DETERMINERS = words("the a an this that these those its their his her our your")
WOULD = words("would 'd ’d")
# "We will ..." commits the group; "We would ..." only inside "It was agreed that".
_COMMITTING = words("will 'll ’ll have") | WOULD
_OWNER_WORDS = GROUP_WORDS | {"the", "and", "&"}
_ANTECEDENT_WORDS = 6
_STARTING = words("start begin open close end")
_ING_ADJECTIVES = words("""
being interesting exciting challenging missing outstanding ongoing pending willing
amazing confusing encouraging promising demanding existing remaining following
upcoming leading concerning boring
""")


@dataclass(frozen=True, slots=True)
class Clause:
    """A marked trigger inside the statement (token range) that holds it."""

    span: Span  # the Matcher's match, labelled with its kind
    start: int  # first token of the statement, after any label
    end: int
    speaker: str | None  # who is talking, in scribe-style minutes
    proper: frozenset[str]  # the document's capitalised mid-sentence words
    bullet: bool = False  # the statement is a list item: a note, not prose

    @property
    def doc(self) -> Doc:
        """The block's Doc."""
        return self.span.doc


class Verdict(NamedTuple):
    """An action's owner and the token its text starts at."""

    owner: str | None
    text_start: int


Rule = Callable[[Clause], Verdict | None]


def _subject_owner(c: Clause, i: int) -> str | None:
    return owner_text(subject_tokens(c.doc[clause_start(c.doc, c.start, i):i]))


def _passive(c: Clause, j: int, subject: list) -> Verdict | None:
    """ "will be shared (by UNODC)": an action whatever the subject, except "there"."""
    doc = c.doc
    k = skip_adverbs(doc, j + 1, c.end)
    if k >= c.end or not is_participle(doc[k].text) \
            or doc[k].lower_ in STATE_PARTICIPLES:
        return None
    if subject and subject[0].lower_ == "there":
        return None
    return Verdict(agent_owner(doc[k + 1:c.end]), c.start)


def modal(c: Clause) -> Verdict | None:
    """ "X will/should/has to do": an action unless it describes; the owner when
    named."""
    doc, i = c.doc, c.span.start
    j = skip_adverbs(doc, c.span.end, c.end)
    if j + 2 < c.end and doc[j].lower_ == "need" and doc[j + 1].lower_ == "to":
        j += 2  # "The new committee will need to re-register the society"
    if j >= c.end or not doc[j].is_alpha:
        return None
    if i == c.start and doc[i].text[:1].isupper():
        return None  # "Should the type information be passed ...": a question
    # "would" reports a commitment only inside "It was agreed that ...".
    if doc[i].lower_ in WOULD and not framed(doc, c.start, i):
        return None
    if i > c.start and doc[i - 1].lower_ in _RELATIVE:
        return _relative(c, j)
    clause = clause_start(doc, c.start, i)
    begin = joined_start(doc, clause, i)
    if any(t.lower_ in _RELATIVE for t in outside_brackets(doc[begin:i])):
        return None  # "to which the Projects will contribute": a description
    reported = doc[begin - 2].lower_ if begin - 2 >= c.start \
        and doc[begin - 1].lower_ == "that" else ""
    if doc[i].lower_ == "should" and reported in _OPINION:
        return None
    subject = subject_tokens(doc[begin:i])
    if doc[j].lower_ == "be":
        return _with_be(c, j, begin, subject, reported)
    verdict = _active(c, j, begin, subject)
    if verdict is not None and begin > clause:  # "... and Carl will summarize"
        return Verdict(verdict.owner, begin)
    return verdict


def _with_be(c: Clause, j: int, begin: int, subject: list,
             reported: str) -> Verdict | None:
    """ "X will be working on it" (active) or "will be shared" (passive)."""
    doc, i = c.doc, c.span.start
    k = j + 1  # "Ilse will be working on it": a commitment, not a state
    if k < c.end and doc[i].lower_ in _COMMITTING and (
            _progressive(doc[k]) or doc[k].lower_ == "responsible"):
        return _active(c, k, begin, subject)
    verdict = _passive(c, j, subject)
    # "The committee agreed that the goals will be retained": a decision,
    # unless it says who is to act; "It was agreed that a notice will be
    # displayed" gives the work to no one in particular.
    impersonal = begin >= c.start + 4 and doc[begin - 4].lower_ == "it" \
        and reported != "confirmed"  # "It was confirmed that this should ..."
    if reported in _AGREEING and verdict is not None and verdict.owner is None \
            and not impersonal:
        return None
    return verdict


def _progressive(token: Token) -> bool:
    """ "working" in "will be working on", not "interesting" or "ongoing"."""
    return token.lower_.endswith("ing") and token.lower_ not in _ING_ADJECTIVES


def framed(doc: Doc, start: int, i: int) -> bool:
    """Whether "agreed/decided ... that" frames the statement before token i."""
    return any(doc[k].lower_ == "that" and doc[k - 1].lower_ in _AGREEING
               for k in range(start + 1, i))


def _relative(c: Clause, j: int) -> Verdict | None:
    """ "..., who would then draft a letter" (owner: the one named before) and
    "which will be done within WP2" (a passive); other relatives describe."""
    doc, i = c.doc, c.span.start
    pronoun = doc[i - 1].lower_
    if pronoun == "which" and doc[j].lower_ == "be":
        return _passive(c, j, [])
    if pronoun != "who" or doc[j].lower_ in STATE_VERBS or doc[j].lower_ == "be":
        return None
    owner = _antecedent(c, i - 1)
    return Verdict(owner, c.start) if owner is not None else None


def _antecedent(c: Clause, who: int) -> str | None:
    """The name "who" at token `who` refers to: "Doug, who offers to ..."."""
    doc = c.doc
    end = who
    end -= end - 1 >= c.start and doc[end - 1].text == ","
    k = end
    while k > c.start and end - k < _ANTECEDENT_WORDS and (
            doc[k - 1].text[:1].isupper() or doc[k - 1].lower_ in _OWNER_WORDS):
        k -= 1
    return owner_text(list(doc[k:end])) if k < end else None


def _active(c: Clause, j: int, begin: int, subject: list) -> Verdict | None:
    """The active voice: a verb of work, and a subject that names someone."""
    doc = c.doc
    after = doc[j + 1] if j + 1 < c.end else None
    if (doc[j].lower_ in STATE_VERBS and not _begins_work(doc[j], after)) or (
            after is not None and after.lower_ == "place"):
        return None
    if doc[j].lower_ in _GATHER and not (after is not None and (
            after.text[:1].isupper() or after.lower_ == "with")):
        return None  # "The Board will meet in June" is an event; "meet AWS" is work
    if not subject:  # "… will show it tomorrow": the speaker's line goes on
        return Verdict(c.speaker, c.start) if begin == c.start else None
    first = subject[0].lower_
    if first == "i":
        return Verdict(c.speaker, c.start)
    if subject[-1].lower_ in {"he", "she"}:  # "Sam said he will send the link"
        reporter = _reporter(c, begin, subject)
        return Verdict(reporter, c.start) if reporter is not None else None
    if first in {"we", "you"}:
        # "We now have to approve this": what the meeting itself does is no task.
        committed = c.doc[c.span.start].lower_ in _COMMITTING \
            and doc[j].lower_ not in _MEETING_VERBS
        return Verdict(None, c.start) if committed else None
    owner = owner_text(subject)
    return Verdict(owner, c.start) if owner is not None else None


def _begins_work(verb: Token, after: Token | None) -> bool:
    """ "will start the process", "will open an issue": work, not a timetable."""
    return verb.lower_ in _STARTING and after is not None \
        and after.lower_ in {"the", "a", "an", "work", "working"}


def _reporter(c: Clause, begin: int, subject: list) -> str | None:
    """Who "he"/"she" is when the clause reports a person: "Sam said (that) he"."""
    doc = c.doc
    if len(subject) == 1 and begin - 2 >= c.start and doc[begin - 1].lower_ == "that":
        verb = begin - 2
    elif len(subject) >= 3:
        verb = subject[-2].i
    else:
        return None
    if doc[verb].lower_ not in _REPORTING:
        return None
    return owner_text(subject_tokens(doc[clause_start(doc, c.start, verb):verb]))


def going_to(c: Clause) -> Verdict | None:
    """ "UNODC is also going to organise ..."."""
    verb = c.span.end
    if verb >= c.end or c.doc[verb].lower_ in STATE_VERBS:
        return None
    begin = clause_start(c.doc, c.start, c.span.start)
    if not subject_tokens(c.doc[begin:c.span.start]):
        return None
    return Verdict(_subject_owner(c, c.span.start), c.start)


def request(c: Clause) -> Verdict | None:
    """ "Members are asked to ..." (owner: the subject) or "X asked Y to ..." (Y)."""
    doc, i = c.doc, c.span.start
    if i > c.start and doc[i - 1].lower_ in _BE:
        if i + 1 >= c.end or doc[i + 1].lower_ != "to":
            return None
        return Verdict(_subject_owner(c, i - 1), c.start)
    for j in range(i + 1, min(i + 7, c.end)):
        if doc[j].lower_ == "to":
            if j + 1 < c.end and doc[j + 1].lower_ == "please":
                return None  # "asked the new members to please stand": in the room
            owner = owner_text(list(doc[i + 1:j]))
            return Verdict(owner, c.start) if owner is not None else None
        if doc[j].is_punct or doc[j].lower_ in {"if", "whether", "for", "about"}:
            break
    return None


def offer(c: Clause) -> Verdict | None:
    """ "Prof. Albanese offered to draft ...": only with a named owner.

    "agreed to" commits a person ("Dr. Patel agreed to contact ..."); a body that
    "agreed to approve the budget" decided, and "agreed to the proposal" is no task.
    """
    owner = _subject_owner(c, c.span.start)
    before = c.span.start - 1
    if owner is None and before > c.start and c.doc[before].lower_ == "who":
        owner = _antecedent(c, before)  # "resistance from Doug, who offers to"
    if owner is None:
        return None
    if c.doc[c.span.start].lower_ in {"agreed", "agrees"}:
        verb = c.doc[c.span.end] if c.span.end < c.end else None
        if verb is None or verb.lower_ in _DETERMINERS or not verb.is_alpha \
                or owner.split()[-1].lower() in GROUP_WORDS:
            return None
    return Verdict(owner, c.start)


BASE_RULES: dict[str, Rule] = {
    "MODAL": modal, "HAVE_TO": modal, "GOING_TO": going_to, "REQUEST": request,
    "OFFER": offer,
}
