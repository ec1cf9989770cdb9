"""Action items: commitments, requests and checklist rows, with owner and due date.

Two sources feed the list. Structured ones (action tables, unchecked boxes,
bullets under an "Actions" heading) are read by `actions_structured`; prose
commitments are marked by the `minutegraph_actions` component below and judged
by `actions_prose`. A prose sentence that restates a structured item is dropped.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.extractors.actions_context import done_later
from ingest.extractors.actions_dedupe import ItemIndex
from ingest.extractors.actions_due import item_due
from ingest.extractors.actions_labels import volunteered_items
from ingest.extractors.actions_matcher import TokenMatcher
from ingest.extractors.actions_notes import NOTE_PATTERNS
from ingest.extractors.actions_prose import DocumentCues, prose_item
from ingest.extractors.actions_structured import structured_items
from ingest.extractors.context import ExtractionContext
from ingest.model import ActionItem

SPAN_KEY = "actions"

# Each label names the kind of commitment a match may be; actions_prose decides.
# "shall" is left out: in minutes it mostly quotes rules and constitutions.
_MODALS = ["will", "should", "'ll", "’ll", "wo", "would", "'d", "’d"]
_REQUEST_VERBS = ["asked", "requested", "encouraged", "urged", "reminded"]
_LABEL_NOUNS = ["item", "items", "point", "points", "required"]
_LABEL_MARKS = [":", "-", "–", "—"]
_OFFER_VERBS = ["offered", "volunteered", "promised", "undertook", "committed",
                "agreed", "offers", "volunteers", "promises", "undertakes", "agrees",
                "vowed", "vows", "pledged", "pledges"]
PATTERNS: dict[str, list[list[dict]]] = {
    "ACTION_LABEL": [[{"LOWER": {"IN": ["action", "actions", "todo", "ap"]}},
                      {"LOWER": {"IN": _LABEL_NOUNS}, "OP": "?"},
                      {"TEXT": {"IN": _LABEL_MARKS}}],
                     [{"LOWER": "to"}, {"LOWER": "do"},
                      {"TEXT": {"IN": _LABEL_MARKS}}],
                     # "AI: Kim to draft ...": an action item, in capitals only
                     # (a lower-case "ai:" is no label).
                     [{"LOWER": "ai", "IS_UPPER": True}, {"TEXT": ":"}]],
    "MODAL": [[{"LOWER": {"IN": _MODALS}}]],
    "HAVE_TO": [[{"LOWER": {"IN": ["have", "has"]}},
                 {"LOWER": {"IN": ["still", "also", "now"]}, "OP": "?"},
                 {"LOWER": "to"}]],
    "GOING_TO": [[{"LOWER": {"IN": ["is", "are", "am", "'s", "'re"]}},
                  {"LOWER": {"IN": ["also", "still", "now", "then"]}, "OP": "*"},
                  {"LOWER": "going"}, {"LOWER": "to"}]],
    "REQUEST": [[{"LOWER": {"IN": _REQUEST_VERBS}}]],
    "OFFER": [[{"LOWER": {"IN": _OFFER_VERBS}}, {"LOWER": "to"}]],
    "NEED": [[{"LOWER": {"IN": ["need", "needs"]}}, {"LOWER": "to"}]],
    "NEED_ING": [[{"LOWER": {"IN": ["need", "needs"]}},
                  {"LOWER": {"REGEX": "^[a-z]+ing$"}}]],
    "PLAN": [[{"LOWER": {"IN": ["plan", "plans"]}}, {"LOWER": "to"}]],
    "TO_BE": [[{"LOWER": "to"}, {"LOWER": "be"}, {"IS_ALPHA": True}]],
    "X_TO": [[{"IS_TITLE": True}, {"LOWER": "to"}, {"IS_LOWER": True}],
             [{"IS_UPPER": True}, {"LOWER": "to"}, {"IS_LOWER": True}],
             # A handle in mixed case: "JaneDoe to request review".
             [{"IS_ALPHA": True, "IS_LOWER": False, "IS_TITLE": False,
               "IS_UPPER": False}, {"LOWER": "to"}, {"IS_LOWER": True}],
             [{"LOWER": {"IN": ["all", "everyone", "everybody"]}}, {"LOWER": "to"},
              {"IS_LOWER": True}]],
    "PLEASE": [[{"LOWER": "please"}, {"IS_ALPHA": True}]],
    "NECESSARY": [[{"LOWER": "it"}, {"LOWER": {"IN": ["is", "'s", "’s", "was"]}},
                   {"LOWER": {"IN": ["necessary", "essential"]}}, {"LOWER": "to"}]],
    "NEEDED": [[{"IS_ALPHA": True}, {"LOWER": "needed"}]],
}


class ActionMarker:
    """Mark candidate action clauses: the trigger words, labelled by kind."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = TokenMatcher(nlp.vocab)  # spaCy's Matcher's matches, faster
        for label, patterns in {**PATTERNS, **NOTE_PATTERNS}.items():
            self.matcher.add(label, patterns)

    def __call__(self, doc: Doc) -> Doc:
        """Store the matches as doc.spans["actions"], in text order."""
        spans = [Span(doc, start, end, label=match_id)
                 for match_id, start, end in self.matcher(doc)]
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc


@Language.factory("minutegraph_actions", assigns=["doc.spans"])
def make_action_marker(nlp: Language, name: str) -> ActionMarker:
    """The registered component; the Matcher is built once per pipeline."""
    return ActionMarker(nlp)


def extract_action_items(ctx: ExtractionContext) -> list[ActionItem]:
    """Every action item in the document, in reading order."""
    structured, claimed = structured_items(ctx)
    volunteered, used = volunteered_items(ctx)
    structured = _distinct(structured + volunteered)
    claimed |= used
    rows, prose = ItemIndex(), ItemIndex()
    for item in structured:
        rows.add(item)
    cues = DocumentCues.of(ctx)
    for index, doc in enumerate(ctx.docs):
        if index in claimed or cues.skipped(index) or SPAN_KEY not in doc.spans:
            continue
        for span in doc.spans[SPAN_KEY]:
            found = prose_item(ctx, cues, index, span)
            if found is None or rows.restated(found):
                continue
            # "Quotes to be obtained. ACTION: JB" states the item, then its owner.
            seen = prose.repeated(found)
            if seen is None:
                prose.add(found)
            elif seen.owner is None:
                seen.owner = found.owner
    items = structured + [i for i in prose.items if not done_later(ctx, i)]
    for item in items:
        if item.due is None:
            item.due = item_due(ctx, item)
    items.sort(key=lambda i: (i.provenance.block, i.provenance.start))
    return items



def _distinct(items: list[ActionItem]) -> list[ActionItem]:
    """Items once each: an action list may repeat a line word for word."""
    seen: set[str] = set()
    kept: list[ActionItem] = []
    for item in items:
        key = " ".join(item.text.casefold().split())
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
