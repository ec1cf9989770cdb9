"""The calendar parts a date match's groups spell (see dates._PATTERNS)."""

from __future__ import annotations

import datetime as dt
import re

from ingest.extractors.dates_calendar import DatePart, Order

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
          "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}


def _month(word: str | None) -> int | None:
    """The month number of a month name."""
    return MONTHS[word[:3].casefold()] if word else None  # "ſep": re folds ſ to s


def _num(text: str | None) -> int | None:
    """The number in "22nd"."""
    return int(re.sub(r"\D", "", text)) if text else None


def _year(text: str | None) -> int | None:
    """A year, two digits meaning 20xx ("30/09/04")."""
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def is_valid(part: DatePart) -> bool:
    """The part names a real calendar day or month."""
    if part.month is None:
        return part.day is None or 1 <= part.day <= 31
    if part.day is None:
        return 1 <= part.month <= 12
    try:
        dt.date(part.year or 2000, part.month, part.day)  # 2000 allows 29 Feb
    except ValueError:
        return False
    return True


def numeric_part(a: int, b: int, year: int | None, order: Order) -> DatePart:
    """A numeric date in the document's order, or the other when only it is valid."""
    day, month = (a, b) if order == "dmy" else (b, a)
    if month > 12 >= day:
        day, month = month, day
    return DatePart(year, month, day)


def parts_of(g: dict[str, str | None],
             order: Order) -> tuple[DatePart, DatePart | None]:
    """The first part and the range end of one match's groups."""
    if g["iy"]:
        return DatePart(int(g["iy"]), int(g["im"]), int(g["id"])), None
    if g["n1"]:
        return numeric_part(int(g["n1"]), int(g["n2"]), _year(g["ny"]), order), None
    if g["hd"] or g["ry"] or g["s1"] or g["p1"]:
        return _short_parts(g, order)
    if g["m2"]:
        m2, y2 = _month(g["m2"]), _year(g["y2"])
        if g["d2"]:
            m1 = _month(g["m1"]) or m2
            y1 = _year(g["y1"]) or (y2 if m1 <= m2 else None)
            return DatePart(y1, m1, _num(g["d1"])), DatePart(y2, m2, _num(g["d2"]))
        return DatePart(y2, m2, _num(g["d1"])), None
    if g["fm"]:
        m1, y = _month(g["fm"]), _year(g["fy"])
        end = None
        if g["fd2"]:
            m2 = _month(g["fm2"]) or m1
            end = DatePart(y, m2, _num(g["fd2"]))
            y1 = y if m1 <= m2 else None
            return DatePart(y1, m1, _num(g["fd1"])), end
        return DatePart(y, m1, _num(g["fd1"])), None
    if g["ym"]:
        return DatePart(_year(g["yy"]), _month(g["ym"])), None
    if g["bm"] or g["nm"]:
        return DatePart(None, _month(g["bm"] or g["nm"])), None
    if g["od"]:
        return DatePart(None, None, _num(g["od"])), None
    return DatePart(_year(g["yo"])), None


def _short_parts(g: dict[str, str | None],
                 order: Order) -> tuple[DatePart, DatePart | None]:
    """ "14-Sep-2019", "2021 March 10", "between 3/9 and 3/16", "20/02"."""
    if g["hd"] or g["ry"]:
        return DatePart(_year(g["hy"] or g["ry"]), _month(g["hm"] or g["rm"]),
                        _num(g["hd"] or g["rd"])), None
    if g["s1"]:  # both ends in one order: "3/9 and 3/16" is March
        a, b, c, d = (int(g[k] or 0) for k in ("s1", "s2", "s3", "s4"))
        order = "mdy" if max(b, d) > 12 else "dmy" if max(a, c) > 12 else order
        first, last = numeric_part(a, b, None, order), numeric_part(c, d, None, order)
        if (last.month, last.day) <= (first.month, first.day):
            return DatePart(None, 0, 0), None  # "from 1/3 to 1/2": fractions, no date
        return first, last
    return numeric_part(int(g["p1"] or 0), int(g["p2"] or 0), None, order), None
