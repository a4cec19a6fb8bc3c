"""Turning each shape of date expression into a normalised ``DateSpan``.

Every handler takes the regex match, the publication date (None when unknown)
and whether the sentence speaks of the future; see ``dates`` for the rules
they implement (year inference, weekdays, weeks, anchors).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from bot.extract.datespan import (
    ABSOLUTE,
    ANCHOR,
    DAY,
    MONTH,
    RELATIVE,
    VAGUE,
    YEAR,
    DateSpan,
    iso,
)
from bot.extract.lexicon import NUMBER_WORDS

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_NOUN_NEXT = re.compile(r"\s+[a-z]")


def _month_num(text: str) -> int:
    return _MONTHS[text[:3].lower()]


def _valid(y: int, m: int, d: int) -> bool:
    # calendar.monthrange(y, m)[1] without working out the weekday it also returns
    return 1 <= m <= 12 and 1 <= d <= _MONTH_DAYS[m] + (m == 2 and calendar.isleap(y))


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _infer_year(month: int, published: date | None, future: bool) -> int | None:
    if published is None:
        return None
    if future:
        return published.year + 1 if month < published.month else published.year
    return published.year - 1 if month > published.month else published.year


def _span(match: re.Match[str], **kw: object) -> DateSpan:
    return DateSpan(match.start(), match.end(), match.group(0), **kw)  # type: ignore[arg-type]


def _unresolved(match: re.Match[str], kind: str = RELATIVE) -> DateSpan:
    return _span(match, kind=kind, unresolved=True)


def _prep(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    prep = groups.get("prep") or groups.get("mod")
    return prep.lower() if prep else None


def _days(match: re.Match[str], published: date | None, future: bool) -> DateSpan | None:
    g = match.groupdict()
    m1 = _month_num(g["m1"])
    m2 = _month_num(g["m2"]) if g.get("m2") else m1
    d1, d2 = int(g["d1"]), int(g["d2"]) if g.get("d2") else None
    y2 = g.get("y2") or g.get("y1")
    y1 = g.get("y1") or y2
    if y1 is None:
        inferred = _infer_year(m1, published, future)
        if inferred is None:
            return _unresolved(match, ABSOLUTE)
        year1 = inferred
        year2 = year1 + (1 if m2 < m1 else 0)
        kind = RELATIVE
    else:
        year1, year2 = int(y1), int(y2 or y1)
        if g.get("y2") and not g.get("y1") and m2 < m1:
            year1 = year2 - 1
        kind = ABSOLUTE
    if not _valid(year1, m1, d1):
        return None
    end = None
    if d2 is not None:
        if not _valid(year2, m2, d2) or (year2, m2, d2) <= (year1, m1, d1):
            return None
        end = iso(year2, m2, d2)
    return _span(
        match, date=iso(year1, m1, d1), end_date=end, precision=DAY, kind=kind, prep=_prep(match)
    )


def _iso_date(match: re.Match[str], published: date | None, future: bool) -> DateSpan | None:
    y, m, d = int(match.group("y1")), int(match.group("mm")), int(match.group("dd"))
    return _span(match, date=iso(y, m, d), precision=DAY) if _valid(y, m, d) else None


def _month_year(match: re.Match[str], published: date | None, future: bool) -> DateSpan:
    return _span(
        match,
        date=iso(int(match.group("y1")), _month_num(match.group("m1"))),
        precision=MONTH,
        prep=_prep(match),
    )


def _month_only(match: re.Match[str], published: date | None, future: bool) -> DateSpan:
    prep = _prep(match) or "mid"
    month = _month_num(match.group("m1"))
    if published is None:
        return _unresolved(match)
    if prep == "last":
        year = published.year - (1 if month >= published.month else 0)
    elif prep == "next":
        year = published.year + (1 if month <= published.month else 0)
    elif prep == "this":
        year = published.year
    else:
        year = _infer_year(month, published, future) or published.year
    return _span(match, date=iso(year, month), precision=MONTH, kind=RELATIVE, prep=prep)


def _year_range(match: re.Match[str], published: date | None, future: bool) -> DateSpan | None:
    y1 = int(match.group("y1"))
    if match.groupdict().get("yy"):
        y2 = (y1 // 100) * 100 + int(match.group("yy"))
    else:
        y2 = int(match.group("y2"))
    if y2 <= y1 or y2 - y1 > 50:
        return None
    return _span(match, date=iso(y1), end_date=iso(y2), precision=YEAR, prep=_prep(match))


def _decade(match: re.Match[str], published: date | None, future: bool) -> DateSpan:
    y = int(match.group("y1"))
    return _span(match, date=iso(y), end_date=iso(y + 9), precision=YEAR, approximate=True)


def _year_only(match: re.Match[str], published: date | None, future: bool) -> DateSpan | None:
    prep = _prep(match)
    if prep in ("the", "a", "its", "their"):
        # "the 2013 agreement": a year used as a modifier of a following noun.
        if not _NOUN_NEXT.match(match.string, match.end()):
            return None
    elif prep is None and match.start() != 0:
        return None
    return _span(match, date=match.group("y1"), precision=YEAR, prep=prep)


def _rel_day(match: re.Match[str], published: date | None, future: bool) -> DateSpan:
    if published is None:
        return _unresolved(match)
    rel = match.group("rel").lower()
    offset = {
        "the day before yesterday": -2,
        "yesterday": -1,
        "last night": -1,
        "tomorrow": 1,
        "the day after tomorrow": 2,
    }.get(rel, 0)
    value = published + timedelta(days=offset)
    return _span(match, date=value.isoformat(), precision=DAY, kind=RELATIVE)


def _rel_period(match: re.Match[str], published: date | None, future: bool) -> DateSpan | None:
    if published is None:
        return _unresolved(match)
    rel = match.group("rel").lower()
    unit = match.group("unit").lower()
    step = {
        "last": -1,
        "the past": -1,
        "past": -1,
        "next": 1,
        "the coming": 1,
        "coming": 1,
        "this coming": 1,
    }.get(rel, 0)
    mod = (match.group("mod") or "").lower() or None
    if rel in ("past", "the past") and unit == "year":
        return _span(match, kind=VAGUE)  # "over the past year": a period, not a date
    if unit == "year":
        return _span(
            match, date=iso(published.year + step), precision=YEAR, kind=RELATIVE, prep=mod
        )
    if unit == "month":
        total = published.year * 12 + published.month - 1 + step
        return _span(
            match, date=iso(total // 12, total % 12 + 1), precision=MONTH, kind=RELATIVE, prep=mod
        )
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
    if unit == "weekend":
        saturday = monday + timedelta(days=5)
        if step == 0 and not future and saturday > published:
            saturday -= timedelta(weeks=1)  # "this weekend" in past tense: the one just gone
        first, last = saturday, saturday + timedelta(days=1)
    else:
        first, last = monday, monday + timedelta(days=6)
    return _span(
        match,
        date=first.isoformat(),
        end_date=last.isoformat(),
        precision=DAY,
        kind=RELATIVE,
        prep=mod,
        approximate=True,
    )


def _weekday(match: re.Match[str], published: date | None, future: bool) -> DateSpan | None:
    prep = (match.group("prep") or "").lower() or None
    if published is None:
        return _unresolved(match)
    target = _WEEKDAYS.index(match.group("wd").lower())
    today = published.weekday()
    if prep in ("last", "on last"):
        delta = -((today - target) % 7 or 7)
    elif prep == "next":
        delta = (target - today) % 7 or 7
    elif prep in ("this coming", "coming") or (future and prep != "since"):
        delta = (target - today) % 7
    else:
        delta = -((today - target) % 7)
    value = published + timedelta(days=delta)
    return _span(match, date=value.isoformat(), precision=DAY, kind=RELATIVE, prep=prep)


def _count(text: str) -> int:
    low = text.lower()
    return int(low) if low.isdigit() else NUMBER_WORDS.get(low, 1)


def _ago(match: re.Match[str], published: date | None, future: bool) -> DateSpan:
    if published is None:
        return _unresolved(match)
    n = _count(match.group("n"))
    unit = match.group("unit").lower().rstrip("s")
    if unit in ("day", "week"):
        value = published - timedelta(days=n * (7 if unit == "week" else 1))
        return _span(
            match, date=value.isoformat(), precision=DAY, kind=RELATIVE, approximate=unit == "week"
        )
    if unit == "month":
        total = published.year * 12 + published.month - 1 - n
        return _span(match, date=iso(total // 12, total % 12 + 1), precision=MONTH, kind=RELATIVE)
    return _span(match, date=iso(published.year - n), precision=YEAR, kind=RELATIVE)


def _anchor(match: re.Match[str], published: date | None, future: bool) -> DateSpan:
    n = _count(match.group("n")) if match.group("n") else 1
    unit = match.group("unit").lower().rstrip("s")
    sign = -1 if match.group("dir").lower() in ("before", "earlier", "prior to") else 1
    days = {"day": n, "week": 7 * n}.get(unit, 0) * sign
    months = {"month": n, "year": 12 * n}.get(unit, 0) * sign
    anchor = (match.group("anchor") or "").lower() or "previous"
    det = (match.group("det") or "").lower() or None
    return _span(
        match,
        kind=ANCHOR,
        unresolved=True,
        anchor=anchor,
        anchor_owner=det,
        offset_days=days,
        offset_months=months,
    )


def _next_day(match: re.Match[str], published: date | None, future: bool) -> DateSpan:
    unit = match.group("unit").lower()
    days = {"day": 1, "week": 7}.get(unit, 0)
    months = {"month": 1, "year": 12}.get(unit, 0)
    return _span(
        match,
        kind=ANCHOR,
        unresolved=True,
        anchor="previous",
        offset_days=days,
        offset_months=months,
    )


def _vague(match: re.Match[str], published: date | None, future: bool) -> DateSpan:
    return _span(match, kind=VAGUE)


HANDLERS = {
    "dmy_cross": _days,
    "mdy_cross": _days,
    "dmy_range": _days,
    "mdy_range": _days,
    "dmy": _days,
    "mdy": _days,
    "my": _month_year,
    "m": _month_only,
    "year_range": _year_range,
    "year_dash": _year_range,
    "decade": _decade,
    "year": _year_only,
    "rel_day": _rel_day,
    "rel_period": _rel_period,
    "weekday": _weekday,
    "iso": _iso_date,
    "ago": _ago,
    "anchor": _anchor,
    "next_day": _next_day,
    "vague": _vague,
}
