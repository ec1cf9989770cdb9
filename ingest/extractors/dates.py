"""Date expressions: found in text, resolved against the meeting date.

Public API (kept stable; other extractors rely on it):

- `find_dates(text, order="dmy") -> list[DateMention]`: every date, date range or
  month/year in `text`, with character spans, the parts as written (a part the text
  leaves out is None) and the clock time written right after it.
- `resolve(mention, meeting_date=..., past=False) -> (start, end)`: ISO strings at the
  document's precision, a left-out year (or month, for "the 18th") inferred from the
  meeting date: the next occurrence on or after it, or the last one before it when
  `past` (the tense places the happening before the meeting).
- `find_times(text) -> list[TimeMention]` (from `ingest.extractors.times`).
- `doc_dates(doc, order)`: the mentions the `minutegraph_dates` component found.
- `document_order(text)`: "mdy" when the document writes numeric dates month first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ingest.extractors.context import doc_text
from ingest.extractors.dates_calendar import (
    DateMention,
    DatePart,
    Order,
    parse_iso,
    resolve,
)
from ingest.extractors.dates_joins import attach_time, join_ranges, short_years
from ingest.extractors.dates_parts import is_valid, parts_of
from ingest.extractors.times import TimeMention, find_times, zone_offset

__all__ = ["DateMention", "DatePart", "TimeMention", "date_spans", "doc_dates",
           "document_order", "find_dates", "find_times", "parse_iso", "resolve",
           "zone_offset"]


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
          r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
          r"(?![a-z])(?:(?:(?<=jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)|(?<=sept))\.)?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DASH = r"\s?(?:-|–|—|to|until|till|through)\s?"
_WEEKDAY = (r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|monday|tuesday"
            r"|wednesday|thursday|friday|saturday|sunday),?\s")
_MODIFIER = (r"(?P<{0}>mid|early|late|end of|the end of|beginning of|the beginning of"
             r"|start of)[\s-]")
_SEP = r"[\s,]*"
# "#6 Apr 26, 2017": the month starts "Apr 26, 2017", so "6 Apr" is no date.
_MONTH_DAY_YEAR = rf"(?!\s?{_DAY},?\s(?:19|20)\d\d(?!\d))"

# Each pattern names its groups d1/m1/y1 (first part) and d2/m2/y2 (range end).
_PATTERNS = [
    # ISO: 2023-05-20, 2023/05/20
    # ("Motion #2016-03-09/1" is an identifier: nothing after a slash)
    rf"(?P<iy>{_YEAR})[-/](?P<im>0[1-9]|1[0-2])[-/](?P<id>[0-2]\d|3[01])(?![\d-]|/\w)",
    # numeric with year: 31/03/2023, 1.10.2020, 30/09/04
    r"(?P<n1>\d{1,2})(?P<ns>[/.])(?P<n2>\d{1,2})(?P=ns)(?P<ny>(?:19|20)?\d\d)(?![\d/.]\d)",
    # numeric without year, two digits each: 20/02, "20/02 to 03/03"
    r"(?P<p1>\d\d)/(?P<p2>\d\d)(?![\d/])",
    # dashed or year first: 14-Sep-2019, 2021 March 10
    rf"(?P<hd>{_DAY})-(?P<hm>{_MONTH})-(?P<hy>{_YEAR})|"
    rf"(?P<ry>{_YEAR})\s(?P<rm>{_MONTH})\s(?P<rd>{_DAY})",
    # day first: 15 Feb 2023, 6-7th March, 11-21 April 2023, 17th of March
    rf"(?:the\s)?(?P<d1>{_DAY})(?:\s?(?:of\s)?(?P<m1>{_MONTH})(?:{_SEP}(?P<y1>{_YEAR}))?)?"
    rf"(?:(?(m1){_DASH}|(?:{_DASH}|\s(?:and|&)\s))(?P<d2>{_DAY}))?\s?(?:of\s)?(?P<m2>{_MONTH})"
    rf"(?:{_SEP}(?P<y2>{_YEAR})|{_MONTH_DAY_YEAR})",
    # month first: April 28, 2023, May 22nd-26th, Feb 19th, March 9th
    rf"(?P<fm>{_MONTH})\s?(?P<fd1>{_DAY})(?:{_DASH}(?:(?P<fm2>{_MONTH})\s?)?(?P<fd2>{_DAY}))?"
    rf"(?:,?\s?(?P<fy>{_YEAR}))?",
    # month and year: October 2024, mid-June 2020
    rf"(?:{_MODIFIER.format('mod1')})?(?P<ym>{_MONTH}),?\s?(?P<yy>{_YEAR})",
    # a month alone after a modifier or preposition: mid April, in October
    rf"(?:{_MODIFIER.format('mod2')}|(?P<prep>in|by|until|till|from|during|before|after"
    r"|around)\s)"
    rf"(?P<bm>{_MONTH})(?![\s,]*\d|:)",  # "Reading from Jan:" is a person
    # short numeric range: between 3/9 and 3/16, from 3/9 to 3/16
    r"(?:between|from)\s(?P<s1>\d{1,2})/(?P<s2>\d{1,2})\s(?:and|to|-)\s"
    r"(?P<s3>\d{1,2})/(?P<s4>\d{1,2})(?![\d/])",
    # a month naming a meeting: "the March minutes", "the May meeting"
    rf"(?P<nm>{_MONTH})(?=\s(?:minutes|meeting)\b)",
    # day alone: the 18th
    r"(?<=\bthe\s)(?P<od>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
    r"(?=\s?(?:[,.;:)!?]|$|\s(?:at|in|and|or|to|from|where|when|until|till|[–-])\b))",
    # a year alone: in 2026, Awards 2004
    rf"(?P<yo>{_YEAR})(?![\d/.\-]\d)",
]
_DATE_RE = re.compile(
    r"(?<![\w/.\-#])(?<!\w['’])(?P<wd>" + _WEEKDAY + r")?(?:"
    + "|".join(f"(?:{p})" for p in _PATTERNS) + r")", re.IGNORECASE)
# Where a date can start: a digit, or a word one of the patterns opens with (weekday,
# "the", month, modifier, preposition) at a word start; the grammar is tried there
# only, rather than at every character.
_START = re.compile(  # the words, branched on their first letter to fail fast
    r"(?<![\w/.\-#])(?<!\w['’])(?:\d|m(?:on|ar|ay|id)|t(?:ue|hu|he|ill)|wed"
    r"|f(?:ri|eb|rom)|s(?:at|un|ep|tart)|j(?:an|un|ul)|a(?:pr|ug|fter|round)|oct|nov"
    r"|d(?:ec|uring)|e(?:arly|nd)|late|b(?:eginning|y|efore|etween)|in|until)",
    re.IGNORECASE)
# Day-month without a separator in front ("9 October2023") and similar are fine; a bare
# lowercase "may" is the verb.
_VERB_MAY = re.compile(r"\bmay\b")
# "11/12 Trumpington Street" is a house number: a short date is followed by no name.
_ADDRESS = re.compile(r"\s+(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b)[A-Z][a-z]+")
# Every date has a digit, or is a month alone after a word ("in May", "mid-June"):
# cheap tests before the full grammar (one case-insensitive alternation per
# character was slower than the grammar on the texts it let through).
_DIGIT = re.compile(r"\d")
_BARE_MONTH = re.compile(
    r"(?:^|[\s-])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)


def _is_verb_may(m: re.Match[str]) -> bool:
    """A lowercase 'may' is the modal verb, not the month."""
    for key in ("m1", "m2", "fm", "ym", "bm", "nm"):
        word = m.group(key)
        if word and _VERB_MAY.fullmatch(word.rstrip(".")):
            return True
    return False


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """`_DATE_RE.finditer(text)`, the grammar tried only where a date can start."""
    pos = 0
    for start in _START.finditer(text):
        if start.start() >= pos:
            m = _DATE_RE.match(text, start.start())
            if m is not None:
                pos = m.end()
                yield m


def find_dates(text: str, *, order: Order = "dmy") -> list[DateMention]:
    """Every date, date range, month or year written in `text`, in order."""
    if not _DIGIT.search(text) and not _BARE_MONTH.search(text):
        return []
    found: list[DateMention] = []
    for m in _date_matches(text):
        if _is_verb_may(m) or (m.group("p1") and _ADDRESS.match(text, m.end())):
            continue
        first, last = parts_of(m.groupdict(), order)
        if not is_valid(first) or (last is not None and not is_valid(last)):
            continue
        mod = m.group("mod1") or m.group("mod2")
        if mod:  # "mid April": the day is not stated
            first = replace(first, day=None)
        start = m.start("bm") if m.group("prep") else m.start(
            "s1") if m.group("s1") else m.start()
        found.append(DateMention(start, m.end(), text[start:m.end()], first, last,
                                 weekday=bool(m.group("wd")),
                                 modifier=mod.lower() if mod else None))
    found.extend(short_years(text))
    if not found:
        return []
    found = join_ranges(text, sorted(found, key=lambda m: m.start))
    times = find_times(text)
    return [attach_time(text, mention, times) for mention in found]


# Numeric dates with a year, and dates written with the month name first or second.
_NUMERIC = re.compile(r"(?<![\w/.])(\d{1,2})[/.](\d{1,2})[/.](?:19|20)?\d\d(?![\w/])")
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?,?\s(?:19|20)\d\d",
                          re.IGNORECASE)
_DAY_FIRST = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}\b",
                        re.IGNORECASE)


def document_order(text: str) -> Order:
    """The order a document writes numeric dates in: "3/14/2021" only reads month first.

    Without such a date, ambiguous ones ("3/8/2021") follow the written dates: month
    first ("March 8, 2021") when the text writes no day before a month name.
    """
    votes, ambiguous = 0, False
    for m in _NUMERIC.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        votes += (b > 12 >= a) - (a > 12 >= b)
        ambiguous = ambiguous or (a <= 12 and b <= 12)
    if votes:
        return "mdy" if votes > 0 else "dmy"
    if ambiguous and _MONTH_FIRST.search(text) and not _DAY_FIRST.search(text):
        return "mdy"
    return "dmy"


if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)


@Language.component("minutegraph_dates", assigns=["doc.spans", "doc._.dates"])
def date_spans(doc: Doc) -> Doc:
    """Mark dates (day first) as doc.spans["dates"]; the mentions go on doc._.dates."""
    mentions = find_dates(doc_text(doc))
    doc._.dates = mentions
    spans = [doc.char_span(m.start, m.end, label="DATE", alignment_mode="expand")
             for m in mentions]
    doc.spans["dates"] = [s for s in spans if s is not None]
    return doc


def doc_dates(doc: Doc, order: Order = "dmy") -> list[DateMention]:
    """The date mentions of a Doc (found again when the document writes month first)."""
    if order == "dmy" and doc._.dates is not None:
        return doc._.dates
    return find_dates(doc_text(doc), order=order)
