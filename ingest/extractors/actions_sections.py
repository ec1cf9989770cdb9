"""Sections that matter to action items: "Actions" lists, and sections without any."""

from __future__ import annotations

import re
from typing import Literal

from ingest.blocks import Block

# "decision": what was decided or resolved; its prose is no task, but a bullet
# that gives a person work ("Luther: Introduce Soares to Juanita") is.
SectionKind = Literal["action", "decision", "skip", ""]

_NUMBER = r"^\W*(?:\d+(?:\.\d+)*[.)]?\s*)?"
# A short heading that names an action list: "Actions", "Action points", "Next
# steps", "Follow-up actions", "Summary of actions"; not the review of past ones.
_ACTION_WORDS = re.compile(
    r"\b(?:actions?|action\s+(?:items?|points?|list|log|register)|to-?\s?dos?"
    r"|next\s+steps|tasks|follow[- ]?ups?|assignments)\b", re.IGNORECASE)
# "Info > questions/tasks/proposals": topics of all kinds, not a list of tasks.
_NOT_ACTION_LIST = re.compile(
    r"\b(?:previous|last|past|prior|completed|closed|done|decisions?|review(?:ed)?"
    r"|matters|questions?|proposals?|info|information|ideas|discussion)\b",
    re.IGNORECASE)
# "Actions from last meeting": the old list.
_PAST_ACTIONS = re.compile(
    r"\b(?:previous|last|past|prior|completed|closed|done)\b",
    re.IGNORECASE)
_ACTION_HEADING_WORDS = 5
# Sections whose sentences are not work to do: what was decided, who came, the
# agenda, tool output. A short heading naming one of them anywhere ("TSC
# Attendees", "Key decisions", "Members present") is enough.
SKIP_HEADING = re.compile(
    r"\b(?:agenda|attendees|attendance|present|participants|apologies|regrets|absent"
    r"|diagnostics)\b", re.IGNORECASE)
DECISION_HEADING = re.compile(
    r"\b(?:decisions?|decided|resolutions?|resolved|agreed|agreements?|outcomes?"
    r"|conclusions?)\b", re.IGNORECASE)
_SKIP_HEADING_WORDS = 4
# "AGENDA III: Events", "Agenda item 4 - Finance": one item's topic, not the agenda.
_AGENDA_ITEM = re.compile(r"^agenda\s+(?:item\s*)?(?:\d+[a-z]?|[ivxlc]+)\b", re.I)
_LABEL_WORDS = 5
# "Options:", "Alternatives:" head choices put to the meeting, not work to do.
_CHOICES = re.compile(r"^\W*(?:options?|alternatives|choices|possibilities)\W*$",
                      re.IGNORECASE)
# An Emacs org-mode heading kept as a plain line: "** Review draft policies".
_ORG_HEADING = re.compile(r"^(\*{2,6})[ \t]+[^*\s][^*]*$")
_ORG_HEADING_WORDS = 10
_NOTES = re.compile(r"\b(?:notes|minutes|discussions?)\b", re.IGNORECASE)
_PROSE_WORDS = 25  # a paragraph this long is discussion, not a list entry


def _label(block: Block) -> bool:
    """A short line ending in a colon that heads what follows: "Action items:"."""
    text = block.text.strip()
    return block.kind in {"paragraph", "list_item"} and text.endswith(":") \
        and len(text.split()) <= _LABEL_WORDS


def _kind(text: str) -> SectionKind:
    text = re.sub(_NUMBER, "", text.strip().rstrip(":"))
    if _ACTION_WORDS.search(text):
        if not _NOT_ACTION_LIST.search(text):
            return "action" if len(text.split()) <= _ACTION_HEADING_WORDS else ""
        if _PAST_ACTIONS.search(text):
            return "skip"
        return ""  # "Decisions and actions": the prose rules tell them apart
    if len(text.split()) > _SKIP_HEADING_WORDS or _AGENDA_ITEM.match(text):
        return ""
    if DECISION_HEADING.search(text):
        # "Notes/Decision", "Discussion and decisions": the notes hold work too.
        return "" if _NOTES.search(text) else "decision"
    return "skip" if SKIP_HEADING.search(text) else ""


def _org_level(block: Block) -> int:
    """The level of a short "** Title" line read as a paragraph, else 0."""
    text = block.text.lstrip()
    found = _ORG_HEADING.match(text.rstrip()) \
        if block.kind == "paragraph" and text.startswith("**") else None
    if found is None or len(block.text.split()) > _ORG_HEADING_WORDS \
            or block.text.rstrip().endswith("."):
        return 0
    return len(found.group(1))


def section_kinds(blocks: list[Block]) -> list[SectionKind]:
    """For each block, the kind of section it sits in (headings are their own)."""
    kinds: list[SectionKind] = []
    stack: list[tuple[int, SectionKind]] = []  # (heading level, kind)
    label: SectionKind = ""
    label_level = 0
    for block in blocks:
        org = _org_level(block)
        if block.kind == "heading" or org:
            level = org or block.level or 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, _kind(block.text)))
            label = ""
            kinds.append("")
            continue
        # A lead-in nested under a labelled list ("Next steps:" > "Update the
        # documents:") belongs to that list.
        if _label(block) and not (label and block.level > label_level):
            label, label_level = _kind(block.text), block.level
            label = "skip" if _CHOICES.match(block.text) else label
            # "Attendees (please correct the list):" is part of what it heads.
            kinds.append("skip" if label == "skip" else "")
            continue
        # "Agenda:" or "Present:" heads a list; prose after it is the discussion.
        if label == "skip" and block.kind == "paragraph" \
                and len(block.text.split()) > _PROSE_WORDS:
            label = ""
        # An action list reaches into its sub-sections; a skipped section does
        # not: minutes often hang the whole discussion under "## Agenda".
        nearest = stack[-1][1] if stack else ""
        if not nearest and any(kind == "action" for _, kind in stack):
            nearest = "action"
        kinds.append(label or nearest)
    return kinds
