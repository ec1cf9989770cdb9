"""Prose commitments: decide whether a marked clause is an action, and whose."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ingest.extractors.actions_owner import (
    agent_owner,
    owner_text,
    speaker_of,
    subject_tokens,
)
from ingest.extractors.actions_sections import section_kinds
from ingest.extractors.actions_words import (
    CONDITIONAL,
    GROUP_WORDS,
    HEDGES,
    STATE_PARTICIPLES,
    STATE_VERBS,
    is_participle,
    words,
)
from ingest.extractors.context import ExtractionContext
from ingest.model import ActionItem

_BOUNDARY = frozenset({",", ";", ":", "(", "—", "–"})
_RELATIVE = words("that which who whom whose where whether")
# "X explained that the issue should be reviewed" reports a view, not a task.
_OPINION = words("""
explained noted mentioned said stated commented argued believes believed thinks
thought felt indicated feels
""")
_BE = words("be is are am was were been being 's 're")
_NEGATION = words("not n't never no")
_ADVERBS = words("""
also still then now soon shortly jointly further first later again both all
therefore hence thus together directly eventually
""")
_PROPOSING = words("proposed proposal proposition proposes propose")
_NOT_REQUESTS = words("note see refer find let")
# "so that a short paper can be prepared" is the purpose of an action, not part of it.
_PURPOSE_TAIL = re.compile(r",?\s+so that\b.*$", re.IGNORECASE | re.DOTALL)
_LABEL_WORDS = 4  # "Descriptive information:", "Action:", "EK:" — a label, not text
# After these a capitalised word may just start a sentence, a label or a quote.
_OPENERS = frozenset({".", "!", "?", ":", "…", "-", "–", "•", "*", '"', "“", "(", "["})


@dataclass(frozen=True, slots=True)
class DocumentCues:
    """What the prose rules need from the whole document, read once."""

    proper: frozenset[str]  # words written capitalised in mid-sentence: names
    skipped_blocks: frozenset[int]  # decisions, agenda, attendance...

    @classmethod
    def of(cls, ctx: ExtractionContext) -> DocumentCues:
        """Read the cues from the document's blocks and docs."""
        proper: set[str] = set()
        for doc in ctx.docs:
            for token in doc[1:]:
                prev = doc[token.i - 1]
                if token.text[:1].isupper() and not token.is_sent_start \
                        and prev.text not in _OPENERS and not prev.is_space:
                    proper.add(token.text)
        kinds = section_kinds(ctx.blocks)
        skipped = frozenset(i for i, kind in enumerate(kinds) if kind == "skip")
        return cls(proper=frozenset(proper), skipped_blocks=skipped)

    def skipped(self, block: int) -> bool:
        """Whether a block sits in a section that holds no actions."""
        return block in self.skipped_blocks


def segment_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """The sentence around token i, cut at line breaks and semicolons."""
    sent = doc[i].sent
    start, end = sent.start, sent.end
    for j in range(i - 1, start - 1, -1):
        if _breaks(doc[j]):
            start = j + 1
            break
    for j in range(i + 1, end):
        if _breaks(doc[j]):
            end = j
            break
    return start, end


def _breaks(token: Token) -> bool:
    """A line break or a semicolon: what comes after is a new statement."""
    return token.text == ";" or (token.is_space and "\n" in token.text)


def body_start(doc: Doc, start: int, end: int) -> int:
    """Skip a leading label ("EK:", "Action:", "RGr -") and bullet marks."""
    i = start
    while i < end and (doc[i].is_space or doc[i].text in {"…", "...", "-", "•", "*"}):
        i += 1
    for j in range(i, min(i + _LABEL_WORDS + 1, end)):
        if doc[j].text == ":" or (doc[j].text in {"-", "–"} and doc[j].whitespace_):
            return body_start(doc, j + 1, end) if j > i else i
        if doc[j].is_punct:
            break
    return i


def clause_start(doc: Doc, start: int, i: int) -> int:
    """Where the clause holding token i begins: after a comma, colon or "that".

    A bracketed aside is stepped over: "Projects (for which funding ...) will".
    """
    j, depth = i - 1, 0
    while j >= start:
        text = doc[j].text
        if text == ")":
            depth += 1
        elif text == "(" and depth:
            depth -= 1
        elif not depth and (text in _BOUNDARY or doc[j].lower_ == "that"):
            return j + 1
        j -= 1
    return start


def _skip_adverbs(doc: Doc, i: int, end: int) -> int:
    while i < end and doc[i].lower_ in _ADVERBS:
        i += 1
    return i


def _rejected(doc: Doc, start: int, end: int, trigger: int) -> bool:
    """Questions, hedges, conditions, negations and proposals are not commitments."""
    text = doc[start:end].text
    if text.rstrip().endswith("?") or CONDITIONAL.search(text):
        return True
    window = doc[max(start, trigger - 2):min(end, trigger + 4)]
    if any(t.lower_ in HEDGES or t.lower_ in _NEGATION for t in window):
        return True
    return any(t.lower_ in _PROPOSING for t in doc[start:trigger])


def _modal(doc: Doc, start: int, end: int, i: int,
           speaker: str | None) -> tuple[bool, str | None]:
    """ "X will/should do": an action unless a description; the owner when named."""
    if i > start and doc[i - 1].lower_ in _RELATIVE:
        return False, None
    j = _skip_adverbs(doc, i + 1, end)
    if j >= end or not doc[j].is_alpha:
        return False, None
    begin = clause_start(doc, start, i)
    clause = doc[begin:i]
    if any(t.lower_ in _RELATIVE for t in clause):
        return False, None  # "to which the Projects will contribute": a description
    if doc[i].lower_ == "should" and begin - 2 >= start \
            and doc[begin - 1].lower_ == "that" and doc[begin - 2].lower_ in _OPINION:
        return False, None
    subject = subject_tokens(clause)
    if doc[j].lower_ == "be":
        k = _skip_adverbs(doc, j + 1, end)
        passive = k < end and is_participle(doc[k].text) \
            and doc[k].lower_ not in STATE_PARTICIPLES
        if not passive or (subject and subject[0].lower_ == "there"):
            return False, None
        return True, agent_owner(doc[k + 1:end])
    if doc[j].lower_ in STATE_VERBS or (j + 1 < end and doc[j + 1].lower_ == "place"):
        return False, None
    if not subject:  # "… will show it tomorrow": the speaker's line goes on
        return begin == start, speaker
    first = subject[0].lower_
    if first == "i":
        return True, speaker
    if first in {"we", "you"}:
        return doc[i].lower_ == "will", None
    owner = owner_text(subject)
    return owner is not None, owner


def _request(doc: Doc, start: int, end: int, i: int) -> tuple[bool, str | None]:
    """ "Members are asked to ..." (owner: the subject) or "X asked Y to ..." (Y)."""
    if i > start and doc[i - 1].lower_ in _BE:
        if i + 1 >= end or doc[i + 1].lower_ != "to":
            return False, None
        return True, owner_text(subject_tokens(doc[clause_start(doc, start, i):i - 1]))
    for j in range(i + 1, min(i + 7, end)):
        if doc[j].lower_ == "to":
            owner = owner_text(list(doc[i + 1:j]))
            return owner is not None, owner
        if doc[j].is_punct or doc[j].lower_ in {"if", "whether", "for", "about"}:
            break
    return False, None


def _names_someone(doc: Doc, cues: DocumentCues, first: Token) -> bool:
    return first.text in cues.proper or (first.is_upper and len(first) > 1) \
        or first.lower_ in GROUP_WORDS


def _x_to(doc: Doc, cues: DocumentCues, start: int, i: int) -> int | None:
    """Start of the owner in "Myles to follow up", when the clause opens with it."""
    j = i
    while j > start and j > i - 4 and (doc[j - 1].text[:1].isupper()
                                       or doc[j - 1].lower_ in GROUP_WORDS
                                       or doc[j - 1].lower_ in {"and", "&"}):
        j -= 1
    if j == i or not _names_someone(doc, cues, doc[j]):
        return None
    opens = j == start or doc[j - 1].text in _BOUNDARY or (
        doc[j - 1].lower_ == "for" and j - 2 >= start and doc[j - 2].lower_ == "action")
    return j if opens else None


def _decide(doc: Doc, cues: DocumentCues, span: Span, bounds: tuple[int, int],
            speaker: str | None) -> tuple[bool, str | None, int]:
    """Whether the match is an action, its owner, and where its text starts."""
    start, end = bounds
    i, label = span.start, span.label_
    if label == "MODAL":
        ok, owner = _modal(doc, start, end, i, speaker)
        return ok, owner, start
    if label == "GOING_TO":
        verb = span.end
        ok = verb < end and doc[verb].lower_ not in STATE_VERBS
        subject = subject_tokens(doc[clause_start(doc, start, i):i])
        return ok and bool(subject), owner_text(subject), start
    if label == "REQUEST":
        ok, owner = _request(doc, start, end, i)
        return ok, owner, start
    if label == "OFFER":
        owner = owner_text(subject_tokens(doc[clause_start(doc, start, i):i]))
        return owner is not None, owner, start
    if label in {"NEED", "PLAN"}:
        return i == start, None, start
    if label == "NECESSARY":
        return True, None, start
    if label == "NEEDED":  # "Finance audit needed to ...": a terse to-do line
        after = doc[span.end].lower_ if span.end < end else ""
        return i - start <= 2 and after not in {"by", "for"}, None, start
    if label == "TO_BE":
        participle = doc[span.end - 1]
        ok = is_participle(participle.text) and participle.lower_ not in \
            STATE_PARTICIPLES and (i == start or (i - start <= 4
                                                  and doc[i - 1].lower_ not in _BE))
        return ok, agent_owner(doc[span.end:end]), start
    if label == "X_TO":
        to = span.start + 1
        owner_start = _x_to(doc, cues, start, to)
        verb = doc[to + 1].lower_
        if owner_start is None or verb == "be" or verb in STATE_VERBS:
            return False, None, start
        return True, doc[owner_start:to].text, owner_start
    if label == "PLEASE":
        return doc[span.end - 1].lower_ not in _NOT_REQUESTS, None, i
    return False, None, start


def _clause_end(doc: Doc, text_start: int, end: int, label: str) -> int:
    """Where the action's text ends: the segment, or the clause for "X to ..."."""
    if label != "X_TO":
        return end
    for j in range(text_start, end):
        if doc[j].text in {";", ":"}:
            return j
    return end


def prose_item(ctx: ExtractionContext, cues: DocumentCues, index: int,
               span: Span) -> ActionItem | None:
    """The action item a marked clause states, or None when it states none."""
    doc = span.doc
    seg_start, seg_end = segment_bounds(doc, span.start)
    start = body_start(doc, seg_start, seg_end)
    if span.start < start or _rejected(doc, start, seg_end, span.start):
        return None
    speaker = speaker_of(doc[seg_start:seg_end].text) or speaker_of(doc.text)
    ok, owner, text_start = _decide(doc, cues, span, (start, seg_end), speaker)
    if not ok:
        return None
    text_end = _clause_end(doc, text_start, seg_end, span.label_)
    first, last = doc[text_start], doc[text_end - 1]
    raw = doc.text[first.idx:last.idx + len(last.text)]
    text = _PURPOSE_TAIL.sub("", raw).strip(" \n,;:–-")
    if len(text.split()) < 2:
        return None
    where = ctx.provenance(index, first.idx, first.idx + len(text))
    return ActionItem(text=text, owner=owner, due=None, provenance=where)
