"""Prose commitments: whether a marked clause states an action, and whose."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ingest.extractors.actions_clauses import body_start, segment_bounds
from ingest.extractors.actions_owner import speaker_of
from ingest.extractors.actions_rules import RULES, Clause
from ingest.extractors.actions_sections import section_kinds
from ingest.extractors.actions_words import CONDITIONAL, HEDGES, words
from ingest.extractors.context import ExtractionContext
from ingest.model import ActionItem

_NEGATION = words("not n't never no")
_PROPOSING = words("proposed proposal proposition proposes propose")
# "so that a short paper can be prepared" is the purpose of an action, not part of it.
_PURPOSE_TAIL = re.compile(r",?\s+so that\b.*$", re.IGNORECASE | re.DOTALL)
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


def _rejected(doc: Doc, start: int, end: int, trigger: int) -> bool:
    """Questions, hedges, conditions, negations and proposals are not commitments."""
    text = doc[start:end].text
    if text.rstrip().endswith("?") or CONDITIONAL.search(text):
        return True
    window = doc[max(start, trigger - 2):min(end, trigger + 4)]
    if any(t.lower_ in HEDGES or t.lower_ in _NEGATION for t in window):
        return True
    return any(t.lower_ in _PROPOSING for t in doc[start:trigger])


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
    if span.label_ == "ACTION_LABEL":  # "Action: ..." says so itself
        if span.end != start or start >= seg_end:
            return None
    elif span.start < start or _rejected(doc, start, seg_end, span.start):
        return None
    speaker = speaker_of(doc[seg_start:seg_end].text) or speaker_of(doc.text)
    clause = Clause(span=span, start=start, end=seg_end, speaker=speaker,
                    proper=cues.proper)
    verdict = RULES[span.label_](clause)
    if verdict is None:
        return None
    owner, text_start = verdict
    text_end = _clause_end(doc, text_start, seg_end, span.label_)
    first, last = doc[text_start], doc[text_end - 1]
    raw = doc.text[first.idx:last.idx + len(last.text)]
    text = _PURPOSE_TAIL.sub("", raw).strip(" \n,;:–-")
    if len(text.split()) < 2:
        return None
    where = ctx.provenance(index, first.idx, first.idx + len(text))
    return ActionItem(text=text, owner=owner, due=None, provenance=where)
