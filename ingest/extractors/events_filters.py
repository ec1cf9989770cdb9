"""Which dates are not events (stamps, figures, due dates), tense, and moved dates."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.extractors.context import ExtractionContext
from ingest.extractors.dates import DateMention
from ingest.extractors.events_titles import EVENT_NOUN

# A date that stamps a document or dates figures: "Issue Date", "as of 20 March".
_STAMP = re.compile(
    r"\b(?:issued?|issue\s+date|publi(?:shed|cation)|updated|modified|created|printed|"
    r"revised|dated|version|formatted|generated|newsletter\s+of|as\s+(?:of|at)|"
    r"compared\s+(?:to|with)|since|(?:year|period|quarter|month)\s+end(?:ing|ed)?)\b"
    r"[^.;\n]{0,25}$", re.IGNORECASE)
# A task with a date is an action item, not a happening: "policy to be reviewed in May".
_TASK = re.compile(r"\bto\s+be\s+(?!held\b|hosted\b)\w+ed\b[^.;]{0,30}$", re.IGNORECASE)
# The date a rule or clause takes effect: "the CA retroactively applies to 1 May".
_EFFECTIVE = re.compile(
    r"\b(?:appl(?:y|ies|ied)|applicable|effective|retroactive\w*|in\s+force)\b"
    r"(?:\s+\w+){0,2}?\s+(?:to|from|as\s+(?:of|from)|on|with)\s+(?:the\s+)?$",
    re.IGNORECASE)
# "opened: 2023-03-14" / "closed: ...": a record's (an issue's, a vote's) stamp.
_RECORD_STAMP = re.compile(r"\b(?:opened|closed|resolved|merged)\s*:\s*$",
                           re.IGNORECASE)
_COMPARED = re.compile(r"\bcompared\s+(?:to|with)\b", re.IGNORECASE)
# A label that names a document, not a happening: "Minutes: 2023-06-24".
_DOC_LABEL = re.compile(
    r"(?:^|\n)\W*(?:[\w']+\s+){0,3}?(?:minutes|agenda|notes|recording|slides|report)"
    r"['’s]*\W*$", re.IGNORECASE)
# A month after money words is the period of figures: "Income from May",
# "Accounts for Approval May 2014", "the budget for 2024".
_FIGURES = re.compile(
    r"\b(?:accounts?|income|expenditure|payments?|receipts?|budgets?|balances?|"
    r"statements?|invoices?|figures|payroll|salar(?:y|ies)|costs?|spending|revenue|"
    r"sales|takings|fees|donations)\b[^.;:\n]{0,25}$", re.IGNORECASE)
_MONEY = re.compile(r"[£$€¥]\s?\d|\d\s?(?:euros?|EUR|USD|GBP)\b")
_BY = re.compile(
    r"\b(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than)\s+"
    r"(?:the\s+)?(?:(?:end|begin\w*|start|middle)\s+of\s+)?"
    r"(?:(?:next|this|coming)\s+\w+\s*\(\s*)?$", re.IGNORECASE)
# "holds an agreement with X until May 2015": a standing arrangement ends then.
_UNTIL = re.compile(r"\b(?:until|till)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.IGNORECASE)
_STANDING = re.compile(
    r"\b(?:agreement|contract|lease|licen[cs]e|in\s+place|valid|closed|suspended|"
    r"in\s+force)\b", re.IGNORECASE)
_TO_DO = re.compile(r"\b(?:will|shall|to|should|must|needs?|asked|agreed)\b",
                    re.IGNORECASE)
_SUBORDINATE = re.compile(r"^\W*(?:if|when|unless|whether|as|because|once)\b", re.I)
# With these words a "by" date is a happening (a deadline), not an action's due date.
_DEADLINE = re.compile(
    r"\b(?:deadlines?|due(?!\s+to\b)|closes?|closing|opens?|arrive|applications\b|application\s+"
    r"(?:for|window|period|deadline)|registration|submissions?|nominations?|targeted|"
    r"expected|frozen|cfp|call\s+for|window|regist\w*|runs?)\b", re.IGNORECASE)
# Personal changes are not happenings: "Sarah joined the council in March 2022".
_PERSONAL = re.compile(
    r"\b(?:joined|joins|left|leaves|retired|retires|resigned|resigns|appointed|hired|"
    r"leaving|retiring|resigning|elected|co-?opted|born|died|passed\s+away|away|"
    r"on\s+(?:annual\s+|parental\s+|sick\s+)?leave|on\s+holiday|on\s+vacation|"
    r"off\s+sick|unavailable|"
    r"stepped\s+down|"
    r"took\s+over|starts?\s+as|"
    r"started\s+as|becomes?|became)\b", re.IGNORECASE)
_LOOSE_PAST = re.compile(
    r"\b(?:\w{3,}ed|ran|met|went|gave|took|came|began|saw|said|told|made|got|had|was|"
    r"were|did|sent|spent|won|held|led|wrote|brought|bought|found|left|kept)\b",
    re.IGNORECASE)
# A year alone dates a named happening: "Big Brother Awards 2004", "Congress in 2026",
# "the workshop at eResAus 2019" (a name with capitals inside, after "at").
YEAR_NAME = re.compile(
    r"(?:(?P<name>(?:[A-Z][\w'-]*\s)+?(?:Awards?|Congress|Conference|Summit|Games|"
    r"Festival|Forum|Expo|Elections?|Cup|Championships?|Convention|Assembly|Symposium|"
    r"Olympics|Fair|Week|Workshop|Hackathon|Meetup|Retreat|Camp|Gala|Marathon))"
    r"|(?<=\bat\s)(?P<brand>[a-z]*[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)*))"
    r"\s(?P<sep>in\s|of\s)?$")
_TO_AT = re.compile(r"\b(?:to|at)\s+$")
_AND_OR = re.compile(r"\b(?:and|or|&)\s+$")
_PUNCT = re.compile(r"[,;:]")
_MONTH_LIST = re.compile(r"^\s*(?:and|or|&|,)\s+[A-Z][a-z]+\b")
_NAME_END = re.compile(r"[\w-]*[A-Z][\w-]*$")
OR_NEXT = re.compile(r"^\s*or\s", re.IGNORECASE)
_CLOCKSTAMP = re.compile(r"^\s*\d\d:\d\d:\d\d")
_ACTIONS_LABEL = re.compile(
    r"^\W*(?:\d+[.)]?\s*)?(?:actions?|action\s+(?:items?|points?|list|log)|next\s+steps|"
    r"to[\s-]?dos?|follow[\s-]?ups?|tasks)\W*$", re.IGNORECASE)
_ACTION_HEADER = re.compile(r"\b(?:action|task|owner|who|responsible|status)\b",
                            re.IGNORECASE)

_PAST = re.compile(
    r"\b(?:took\s+place|was\s+held|were\s+held|held\s+on|held\s+in|worked\s+well|"
    r"went\s+well|took\s+part|happened|was|were|had|did|attended|last|minutes)\b",
    re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|shall|going\s+to|next|upcoming|scheduled|planned|to\s+be|coming|"
    r"is\s+taking|are\s+taking|forthcoming|should|must|can|could|would|need|"
    r"needs|expected|proposed|intended|due|tentative\w*|shortly|soon)\b"
    r"|\w['’]d\s(?!been\b)(?!\w+ed\b)", re.IGNORECASE)  # "we'd reserve": would
_MAY = re.compile(r"\bmay\b")  # the modal, not the month
POSTPONED_TO = re.compile(
    r"^[^.;]{0,40}?\b(?:postponed|moved|rescheduled|changed|shifted|pushed\s+back|"
    r"brought\s+forward|delayed)\s+(?:to|till|until)\s+(?:the\s+)?$", re.IGNORECASE)
_MOVED = re.compile(
    r"\b(?:moved|moving|postponed|rescheduled|changed|shifted|brought\s+forward|delayed|"
    r"pushed\s+back|moves)\b[^.;]{0,40}?\bfrom\s+$", re.IGNORECASE)


def _action_row(ctx: ExtractionContext, block: int) -> bool:
    """A row of an action table (a column for the owner, the task or its status)."""
    row = ctx.blocks[block]
    if row.kind != "table_row" or row.table is None:
        return False
    for b in ctx.blocks[max(0, block - 60):block + 1]:
        if b.kind == "table_row" and b.table == row.table:
            return b is not row and bool(_ACTION_HEADER.search(b.text))
    return False


def action_sections(ctx: ExtractionContext) -> frozenset[int]:
    """The blocks under an "Actions" / "Next steps" heading or label."""
    inside, found = False, set()
    for block in ctx.blocks:
        label = _ACTIONS_LABEL.match(block.text)
        if block.kind == "heading" or (label and block.text.rstrip().endswith(":")):
            inside = bool(label)
        elif inside:
            found.add(block.index)
    return frozenset(found)


def is_not_event(ctx: ExtractionContext, block: int, text: str, pos: int, end: int,
                 mention: DateMention, *, in_actions: bool = False) -> bool:
    """True when the date stamps, references or bounds something, not a happening."""
    before, after = text[:pos], text[end:]
    if _STAMP.search(before) or _COMPARED.search(text) or _CLOCKSTAMP.match(after) \
            or _EFFECTIVE.search(before) or _RECORD_STAMP.search(before):
        return True
    if _PERSONAL.search(before[-80:]):
        return True
    if _TASK.search(before) and not _DEADLINE.search(text):
        return True
    if _DOC_LABEL.search(before.rstrip().rstrip(":").rstrip() + " "):
        return True
    if _MONEY.search(text) and _TO_AT.search(before):
        return True  # "Income to 30/09/04: £5579.69" dates a figure
    figures = _FIGURES.search(before) if mention.precision != "day" else None
    if figures is not None and not EVENT_NOUN.search(figures.group(0)):
        return True
    if ctx.blocks[block].checked is not None or _action_row(ctx, block):
        return not _DEADLINE.search(text[max(0, pos - 25):pos])
    if in_actions and not (_DEADLINE.search(text[max(0, pos - 25):pos])
                           or EVENT_NOUN.search(text)):
        return True  # an action's date, unless the action names a happening
    clause = _clause_of(text, pos, end)
    if _BY.search(before) and not _DEADLINE.search(clause) and not (
            _UNTIL.search(before) and _STANDING.search(clause)
            and not _TO_DO.search(clause)):
        return True  # an action's due date; "an agreement ... until May 2015" ends
    if mention.precision == "year":
        return not (YEAR_NAME.search(before) or short_year_name(text, pos))
    if mention.precision == "month" and mention.first.year is None and (
            _MONTH_LIST.match(after) or _AND_OR.search(before)
            or _SUBORDINATE.match(_PUNCT.split(before)[-1])):
        return True  # "in September and October", "if they took part in May"
    return bool(OR_NEXT.match(after))  # "late November or early December": the latter


def short_year_name(text: str, pos: int) -> str | None:
    """ "C3DIS'20": the name a short year is written onto, with that year."""
    if text[pos:pos + 1] not in ("'", "’"):
        return None
    name = _NAME_END.search(text, 0, pos)
    return name.group(0) if name else None


def _clause_of(text: str, pos: int, end: int) -> str:
    """The clause holding text[pos:end], between semicolons or sentence ends."""
    start = max(text.rfind("; ", 0, pos), text.rfind(". ", 0, pos), 0)
    stops = [i for i in (text.find("; ", end), text.find(". ", end)) if i >= 0]
    return text[start:min(stops) if stops else len(text)]


def is_past(text: str, pos: int, *, loose: bool = False) -> bool:
    """The clause around a date is in the past tense ("took place on 6-7 March").

    `loose` also takes any past-looking verb ("the survey ran from..."): callers use it
    only when the next occurrence of the date would lie far ahead.
    """
    stops = (". ", "; ", ": ", ", ") if loose else (". ", "; ")
    start = max(0, *(text.rfind(stop, 0, pos) for stop in stops))
    clause = text[start:pos + 60]
    if loose:
        clause = re.split(r"[,;:.]\s", text[start + 1:pos + 60])[0]
    marker = _LOOSE_PAST if loose else _PAST
    return bool(marker.search(clause)) and not (
        _FUTURE.search(clause) or _MAY.search(clause))


def moved_to(text: str, pos: int, mention: DateMention) -> DateMention | None:
    """ "moved from 31 May to 1 June": the new date alone, as a single date."""
    if mention.last is None or not _MOVED.search(text[:pos]):
        return None
    last = mention.last
    if last.year is None and mention.first.year is not None:
        last = replace(last, year=mention.first.year)
    return replace(mention, first=last, last=None)
