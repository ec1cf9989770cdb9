"""Prose commitments: whether a marked clause states an action, and whose."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ingest.extractors.actions_clauses import (
    body_start,
    clause_start,
    joins_subject,
    segment_bounds,
    spaced_dash,
)
from ingest.extractors.actions_context import (
    DONE_MARK,
    ISSUE_TITLE,
    NO_ACTIONS,
    TOPIC_LABEL,
    WITHIN_MEETING,
    heading_line,
    lead_in,
    under_proposal,
)
from ingest.extractors.actions_notes import NOTE_RULES, WORK_VERBS
from ingest.extractors.actions_owner import speaker_of
from ingest.extractors.actions_rules import BASE_RULES, Clause
from ingest.extractors.actions_sections import section_kinds
from ingest.extractors.actions_terse import TERSE_RULES
from ingest.extractors.actions_words import HEDGES, conditional, words
from ingest.extractors.context import ExtractionContext, span_text
from ingest.model import ActionItem

_NEGATION = words("not n't n’t never no")
# Proposals and ideas under consideration are not work given to anyone.
_PROPOSING = words("proposed proposal proposition proposes propose considering")
# The purpose or reason of an action, or a cross-reference, is not part of it:
# "..., so that a short paper can be prepared", "..., since their meetings are
# closed", "... – see last meeting's notes".
_PURPOSE_TAIL = re.compile(
    r"(?:,?\s+so that|,\s+since|,\s+because|\s+[–—-]\s+see)\b.*$",
    re.IGNORECASE | re.DOTALL)
_OWNER_LABEL_WORDS = 4
_EXAMPLE = re.compile(r"(?:e\.\s?g\.|i\.\s?e\.|for (?:example|instance)\b)", re.I)
_QUOTES = frozenset({'"', "“", "„", "«", "'", "‘"})
_CLAUSE_LABELS = frozenset({"MODAL", "GOING_TO", "REQUEST", "OFFER", "NEED_ING"})
_CONNECTIVES = ("for this reason", "therefore", "so ", "thus", "hence", "as a result",
                "and ", "but ", "then")
_JOINERS = words("and or")
RULES = {**BASE_RULES, **TERSE_RULES, **NOTE_RULES}
MODALS = words("will would should shall 'll ’ll 'd ’d")
_PERSONAL = words("we they i he she it")
_WISHES = words("want wants wish wishes hope hopes")
_FRAMING = words("""
said say says agree confirm note add explain suggest propose notifies notified
informs informed tells told reminds reminded advised advises assured warned
""")
# A capitalised word after a lower-case word, a digit or a comma is mid-sentence:
# a name ("agree with Myles"), not a sentence, label or quote that happens to start.
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,;)])[ \t]+([A-Z][\w'’-]*)")


@dataclass(frozen=True, slots=True)
class DocumentCues:
    """What the prose rules need from the whole document, read once."""

    proper: frozenset[str]  # words written capitalised in mid-sentence: names
    skipped_blocks: frozenset[int]  # decisions, agenda, attendance...

    @classmethod
    def of(cls, ctx: ExtractionContext) -> DocumentCues:
        """Read the cues from the document's blocks and docs."""
        proper = {word for block in ctx.blocks
                  for word in _MID_SENTENCE_CAPITAL.findall(block.text)}
        kinds = section_kinds(ctx.blocks)
        skipped = frozenset(i for i, kind in enumerate(kinds)
                            if kind in {"skip", "decision"})
        return cls(proper=frozenset(proper), skipped_blocks=skipped)

    def skipped(self, block: int) -> bool:
        """Whether a block sits in a section that holds no actions."""
        return block in self.skipped_blocks


def _rejected(doc: Doc, start: int, end: int, trigger: int) -> bool:
    """Questions, hedges, conditions, negations and proposals are not commitments."""
    text = span_text(doc[start:end])
    if text.rstrip().endswith("?") or conditional(text) \
            or doc[start].lower_ in _WISHES:  # "Want a list of open questions"
        return True
    window = doc[max(start, trigger - 2):min(end, trigger + 4)]
    if any(t.lower_ in HEDGES or t.lower_ in _NEGATION for t in window):
        return True
    return any(t.lower_ in _PROPOSING for t in doc[start:trigger])


def _clause_end(doc: Doc, text_start: int, end: int, label: str,
                span_start: int) -> int:
    """Where the action's text ends: the segment, or the clause for "X to ..."."""
    for j in range(text_start, end - 2):
        # "..., who would then draft a letter" is the next commitment.
        if doc[j].text == "," and doc[j + 1].lower_ in {"who", "which"} \
                and doc[j + 2].lower_ in MODALS:
            return j
        if label == "X_TO" and doc[j].text in {";", ":"}:
            return j
        # "... find a supplier very soon and we expect no issue": another clause.
        if j > span_start and doc[j].lower_ in {"and", "but"} and (
                doc[j + 1].lower_ in _PERSONAL
                or joins_subject(doc, text_start, j, end)):
            return j
    return end


def _own_clause(doc: Doc, text_start: int, span: Span) -> int:
    """Start the text at the commitment's own clause, after a frame such as "X
    added that" or "...: " — unless that clause leans on the one before ("...:
    for this reason contact will be made") or names who "she" is. Commas are no
    frame: "clarifications on Data Service, Distribution and Dataset will be"."""
    if span.label_ not in _CLAUSE_LABELS:
        return text_start
    begin = clause_start(doc, text_start, span.start)
    if begin <= text_start or begin >= span.start:
        return text_start
    if doc[begin].lower_ in {"who", "which"} and doc[begin - 1].text == ",":
        return begin  # "..., who would then draft a letter"
    frame = doc[begin - 1]
    if not (frame.text == ":" or spaced_dash(frame) or (
            frame.lower_ == "that" and _reports(doc, begin - 2))) \
            or doc[begin].lower_ in {"he", "she"}:
        return text_start
    if doc[begin:begin + 3].text.lower().startswith(_CONNECTIVES):
        return text_start
    return begin


def _reports(doc: Doc, at: int) -> bool:
    """ "agreed", "added", "notes" before "that" report a statement, so does
    "notifies the secretary that"; "a deliverable in WP2 that Ilse will be
    working on" is a relative clause."""
    verb = doc[at]
    if verb.is_lower and (verb.lower_ in _FRAMING or verb.lower_.endswith(("ed", "s"))):
        return True
    return any(doc[k].lower_ in _FRAMING for k in range(max(0, at - 2), at))


def _only_names(tokens: Span) -> bool:
    """ "JB", "Clerk / Treasurer", "All": a label that names owners and no task."""
    names = [t for t in tokens if not t.is_punct or t.text in {"&", "/"}]
    return 0 < len(names) <= _OWNER_LABEL_WORDS and all(
        t.text[:1].isupper() or t.text in {"&", "/"} or t.lower_ in _JOINERS
        for t in names)


def _named_by_label(ctx: ExtractionContext, index: int, seg_start: int,
                    owner: Span) -> ActionItem | None:
    """The statement an owner-only "Action: JB" label follows, owned by JB."""
    doc = owner.doc
    before = [t for t in doc[:seg_start] if not t.is_space]
    if before:
        sent, block = before[-1].sent, index
    elif index > 0 and ctx.blocks[index - 1].kind in {"paragraph", "list_item"} \
            and len(ctx.docs[index - 1]):
        sent, block = list(ctx.docs[index - 1].sents)[-1], index - 1
    else:
        return None
    text = sent.text.strip()
    if len(text.split()) < 2:
        return None
    start = sent.start_char + sent.text.find(text)
    where = ctx.provenance(block, start, start + len(text))
    return ActionItem(text=text, owner=owner.text.strip(" .,;"), due=None,
                      provenance=where)


def _out_of_context(ctx: ExtractionContext, index: int, label: str,
                    text: str) -> bool:
    """Work done at the meeting, headings, issue titles, proposals and details
    of a to-do above are no items of their own."""
    if WITHIN_MEETING.search(text) or DONE_MARK.search(text):
        return True
    if label in {"X_TO", "TO_BE"}:
        return heading_line(ctx, index)
    if label != "IMPERATIVE":
        return False
    lead = lead_in(ctx, index)
    return ISSUE_TITLE.search(text) is not None or under_proposal(lead) or (
        lead is not None and lead.split(maxsplit=1)[0].lower() in WORK_VERBS)


def prose_item(ctx: ExtractionContext, cues: DocumentCues, index: int,
               span: Span) -> ActionItem | None:
    """The action item a marked clause states, or None when it states none."""
    doc = span.doc
    seg_start, seg_end = segment_bounds(doc, span.start)
    start = body_start(doc, seg_start, seg_end)
    if span.label_ == "ACTION_LABEL":  # "Action: ..." says so itself
        if span.end != start or start >= seg_end:
            return None
        if _only_names(doc[start:seg_end]):  # "... the council. Action: JB"
            return _named_by_label(ctx, index, seg_start, doc[start:seg_end])
    elif span.start < start or _rejected(doc, start, seg_end, span.start):
        return None
    source = ctx.blocks[index].text  # the text the Doc was made from
    if TOPIC_LABEL.match(source[doc[seg_start].idx:]) or NO_ACTIONS.match(source):
        return None  # "Proposal: keep the sinks clear", "No actions - ..."
    speaker = speaker_of(span_text(doc[seg_start:seg_end])) or speaker_of(source)
    clause = Clause(span=span, start=start, end=seg_end, speaker=speaker,
                    proper=cues.proper, bullet=ctx.blocks[index].kind == "list_item")
    verdict = RULES[span.label_](clause)
    if verdict is None:
        return None
    owner, text_start = verdict
    text_start = _own_clause(doc, text_start, span)
    text_end = _clause_end(doc, text_start, seg_end, span.label_, span.start)
    first, last = doc[text_start], doc[text_end - 1]
    raw = source[first.idx:last.idx + len(last.text)]
    text = _PURPOSE_TAIL.sub("", raw).strip(" \n,;:–-")
    # A quoted sentence cites a text ("the guide says: “X should ...”"); "E.g.
    # submit the report" is an example of work, not work given.
    if len(text.split()) < 2 or text[:1] in _QUOTES or _EXAMPLE.match(text) \
            or _out_of_context(ctx, index, span.label_, text):
        return None
    where = ctx.provenance(index, first.idx, first.idx + len(text))
    return ActionItem(text=text, owner=owner, due=None, provenance=where)
