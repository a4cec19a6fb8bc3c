"""The value of a date expression: ``DateSpan``, ISO helpers, resolving anchors.

Dates are ISO strings at the precision the text gives: "2013" (year), "2017-08"
(month), "2017-08-07" (day); a fact never claims more precision than that.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.extract.frozen import fast_init

ABSOLUTE = "absolute"
RELATIVE = "relative"
VAGUE = "vague"
ANCHOR = "anchor"

DAY = "day"
MONTH = "month"
YEAR = "year"


@fast_init
@dataclass(frozen=True)
class DateSpan:
    """A date expression found in a sentence, with its normalised value.

    ``start``/``end`` are character offsets in the sentence. ``date`` and
    ``end_date`` are ISO strings at ``precision``; ``end_date`` is set only for
    ranges. ``prep`` keeps the governing preposition ("by", "since", "in").
    """

    start: int
    end: int
    text: str
    date: str | None = None
    end_date: str | None = None
    precision: str | None = None
    kind: str = ABSOLUTE
    prep: str | None = None
    approximate: bool = False
    unresolved: bool = False
    anchor: str | None = None  # the noun an anchor is relative to: "visit"
    anchor_owner: str | None = None  # its determiner: "his", "the"
    offset_days: int = 0
    offset_months: int = 0

    @property
    def target(self) -> bool:
        """True for deadlines such as "by 2030" or "by the end of 2018"."""
        return self.prep in ("by", "by the end of", "before the end of")

    @property
    def has_date(self) -> bool:
        return self.date is not None


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """ISO string at the precision given by which parts are present."""
    # %-formatting: the same digits as f"{year:04d}", at half the cost (hot path)
    if month is None:
        return "%04d" % year  # noqa: UP031
    if day is None:
        return "%04d-%02d" % (year, month)  # noqa: UP031
    return "%04d-%02d-%02d" % (year, month, day)  # noqa: UP031


def precision_of(value: str) -> str:
    """``"2017"`` -> year, ``"2017-08"`` -> month, ``"2017-08-07"`` -> day."""
    return {4: YEAR, 7: MONTH}.get(len(value), DAY)


def parse_iso(value: str) -> tuple[int, int | None, int | None]:
    parts = [int(p) for p in value.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def shift_years(value: str, years: int, *, keep_day: bool = False) -> str:
    """Move an ISO date by whole years; a day is dropped unless ``keep_day``."""
    y, m, d = parse_iso(value)
    if m is None:
        return iso(y + years)
    if d is None or not keep_day:
        return iso(y + years, m)
    d = min(d, calendar.monthrange(y + years, m)[1])
    return iso(y + years, m, d)


def resolve_anchor(span: DateSpan, event_date: str, event_end: str | None) -> DateSpan:
    """Resolve "two days after <event>" once the caller knows the event's dates.

    Offsets in days need a day-precise event; month offsets a month-precise one.
    "After" counts from the event's end, "before" from its start.
    """
    base = (
        event_end if (span.offset_days > 0 or span.offset_months > 0) and event_end else event_date
    )
    y, m, d = parse_iso(base)
    if span.offset_days:
        if d is None or m is None:
            return replace(span, unresolved=True)
        value = date(y, m, d) + timedelta(days=span.offset_days)
        return replace(span, date=value.isoformat(), precision=DAY, unresolved=False)
    months = span.offset_months
    if months % 12 == 0:
        return replace(
            span,
            date=shift_years(base, months // 12, keep_day=True),
            precision=precision_of(base),
            unresolved=False,
        )
    if m is None:
        return replace(span, unresolved=True)
    total = y * 12 + (m - 1) + months
    return replace(span, date=iso(total // 12, total % 12 + 1), precision=MONTH, unresolved=False)
