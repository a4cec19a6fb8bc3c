"""Dates known only to the year, the month or the day, as facts store them.

Facts keep ``date`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` because a news
sentence often says only "in 2013" or "in April 2015". Rendering
(``bot.facts_text``) and reminders (``bot.anniversaries``) both need to read
those strings the same way, without ever inventing a month or a day the text
did not give — so the parsing lives here, once.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

# Spelled out rather than taken from ``calendar.month_name``, which follows the process locale.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ISO_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_RANK = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True)
class PartialDate:
    """A calendar date with an optional month and day (never a day without a month)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year' — what the source actually stated."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def rank(self) -> int:
        """Higher is more precise; used to prefer the more precise of two reports."""
        return _RANK[self.precision]

    @property
    def month_name(self) -> str | None:
        """'April' — English whatever the locale, as every reply is."""
        return MONTH_NAMES[self.month - 1] if self.month else None

    def covers(self, other: PartialDate) -> bool:
        """True when ``other`` lies inside this date (2017 covers 2017-08-07)."""
        return (
            self.year == other.year
            and (self.month is None or self.month == other.month)
            and (self.day is None or self.day == other.day)
        )

    def compatible(self, other: PartialDate) -> bool:
        """True when the two could name the same moment (one covers the other)."""
        return self.covers(other) or other.covers(self)

    def minus_years(self, years: int) -> PartialDate:
        """The same calendar position ``years`` earlier; 29 February falls back to the 28th
        in a common year, the day a leap-day event is usually remembered."""
        year = self.year - years
        day = self.day
        if self.month == 2 and day == 29 and not calendar.isleap(year):
            day = 28
        return PartialDate(year, self.month, day)


def parse_partial_date(text: str | None, precision: str | None = None) -> PartialDate | None:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None for anything else.

    ``precision``, when given, caps what is kept: a fact stored as
    ``2017-08-07`` with precision ``month`` is August 2017, because the
    precision field is the extractor's statement of what the text supports.
    Impossible dates (2017-02-30, month 13) are rejected rather than repaired:
    a wrong anniversary is worse than none.
    """
    if not text:
        return None
    match = _ISO_RE.fullmatch(text.strip())
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year < 1 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and month is not None and not 1 <= day <= _days_in(year, month):
        return None
    cap = _RANK.get(precision or "", 2)
    if cap < 2:
        day = None
    if cap < 1:
        month = None
    return PartialDate(year, month, day)


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
