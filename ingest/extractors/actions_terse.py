"""Rules for terse note lines: "Myles to follow up", "To be processed by ...",
"Action: JS to circulate", "Please check v8.1", "Finance audit needed"."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ingest.extractors.actions_clauses import BOUNDARY, clause_start, segment_bounds
from ingest.extractors.actions_owner import agent_owner
from ingest.extractors.actions_rules import Clause, Rule, Verdict
from ingest.extractors.actions_words import (
    GROUP_WORDS,
    STATE_PARTICIPLES,
    STATE_VERBS,
    is_participle,
    words,
)

_RELATIVE = words("that which who whom whose where whether how what why")
_BE = words("be is are am was were been being 's 're")
# "Please be aware ...", "please note": advice to readers, no task.
_NOT_REQUESTS = words("note see refer find let be")
_JUDGED = words("considered regarded seen deemed treated noted understood")
# A chat or forge handle: "DarrelMiller", "JaneDoe42".
_HANDLE = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*\d*$")
_X_TO_WORDS = 6  # "Ola Berg and Tim Rask to keep ..."


def need_ing(c: Clause) -> Verdict | None:
    """ "printed materials need distributing"."""
    return Verdict(None, clause_start(c.doc, c.start, c.span.start))


def anywhere(c: Clause) -> Verdict | None:
    """ "it's necessary to communicate ...": an action wherever it stands."""
    return Verdict(None, c.start)


def needed(c: Clause) -> Verdict | None:
    """ "Finance audit needed to ...": a terse to-do line."""
    after = c.doc[c.span.end].lower_ if c.span.end < c.end else ""
    if c.span.start - c.start > 2 or after in {"by", "for"}:
        return None
    return Verdict(None, c.start)


def to_be(c: Clause) -> Verdict | None:
    """ "More work to be done", "To be processed by ...", "was to be forthcoming"."""
    doc, i = c.doc, c.span.start
    participle = doc[c.span.end - 1]
    if not is_participle(participle.text) or participle.lower_ in STATE_PARTICIPLES:
        return None
    if i > c.start and doc[i - 1].lower_ in _BE:  # "X was to be forthcoming"
        if participle.lower_ in _JUDGED:
            return None  # "the issues are to be considered resolved": a judgement
    elif i - c.start > 4:
        return None
    return Verdict(agent_owner(doc[c.span.end:c.end]), c.start)


def x_to(c: Clause) -> Verdict | None:
    """ "Myles to follow up", "Action for all to review ...": owner before "to"."""
    doc, to = c.doc, c.span.start + 1
    j = to
    while j > c.start and j > to - _X_TO_WORDS * 2 and (
            doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in GROUP_WORDS
            or doc[j - 1].lower_ in {"and", "&"} or _listed(doc, j - 1, to)):
        j -= 1
    first = doc[j + 1] if doc[j].lower_ == "the" and j + 1 < to else doc[j]
    names = [t for t in doc[j:to] if t.text[:1].isupper()]
    # "Ola Berg and Tim Rask to keep ...": two capitalised words name
    # someone even when the document never writes them mid-sentence.
    named = first.text in c.proper or (first.is_upper and len(first) > 1) \
        or _HANDLE.match(first.text) is not None \
        or first.lower_ in GROUP_WORDS or len(names) >= 2
    opens = j == c.start or doc[j - 1].text in BOUNDARY or (
        doc[j - 1].lower_ == "for" and j - 2 >= c.start
        and doc[j - 2].lower_ == "action")
    verb = doc[to + 1].lower_
    if j == to or not named or not opens or verb == "be" or verb in STATE_VERBS:
        return None
    return Verdict(doc[j:to].text, j)


def _listed(doc: Doc, comma: int, to: int) -> bool:
    """A comma inside a list of names that "and" closes: "Bo, Kim, and Lu to"."""
    after = doc[comma + 1]
    return doc[comma].text == "," \
        and (after.text[:1].isupper() or after.lower_ == "and") \
        and any(t.lower_ in {"and", "&"} for t in doc[comma + 1:to])


def please(c: Clause) -> Verdict | None:
    """ "Please check v8.1": a request to whoever reads; "please note" is not."""
    doc, i = c.doc, c.span.start
    if doc[c.span.end - 1].lower_ in _NOT_REQUESTS:
        return None
    # "asked them to please stand" reports the meeting; "(please correct the
    # list)" is an aside to readers.
    opened = sum(t.text == "(" for t in doc[c.start:i]) \
        - sum(t.text == ")" for t in doc[c.start:i])
    if (i > c.start and doc[i - 1].lower_ == "to") or opened > 0:
        return None
    words_after = [t for t in doc[c.span.end:c.end] if not t.is_punct]
    if not words_after and i == c.start and i > 0:
        # A bare "Please review." asks about what the sentence before names.
        before = segment_bounds(doc, i - 1)[0] if not doc[i - 1].is_space else i
        if before < i:
            return Verdict(None, before)
    return Verdict(None, c.span.start)


def action_label(c: Clause) -> Verdict | None:
    """ "Action: JS to circulate the draft": the owner is what precedes "to"."""
    doc = c.doc
    for j in range(c.start, min(c.start + 6, c.end)):
        if doc[j].lower_ in {"to", "will", "shall", "should"} or doc[j].text == ":":
            owner = doc[c.start:j].text.strip() if j > c.start else None
            if owner and doc[c.start].lower_ not in _RELATIVE | {"it", "this", "a"}:
                return Verdict(owner, c.start)
            break
        if doc[j].is_punct and doc[j].text not in {"&", "/", ".", ","}:
            break
    # "AI:" also heads talk about artificial intelligence: only "AI: X to ...".
    return None if c.span[0].lower_ == "ai" else Verdict(None, c.start)


TERSE_RULES: dict[str, Rule] = {
    "ACTION_LABEL": action_label, "NEED_ING": need_ing, "NECESSARY": anywhere,
    "NEEDED": needed, "TO_BE": to_be, "X_TO": x_to, "PLEASE": please,
}
