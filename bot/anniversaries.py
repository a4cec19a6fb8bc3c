"""Which past events to remind of on a given day or in a given year, and how to say it.

Pure functions over facts: the store supplies the facts, the scheduler supplies
the day, the templates take the resulting ``ReminderItem`` list. Nothing here
knows about chats, send logs or time zones; "today" is always a parameter, so
every rule below can be tested for any date, leap years included.

Rules, in short:

- A day-precision event is remembered every year on its day (a range on its
  first day); 29 February on 28 February in common years.
- A month-precision event is remembered on the 1st of its month: every year for
  anniversary facts, only at round anniversaries for the other kinds.
- A year-precision event is remembered on 1 January at round anniversaries.
- Events that did not (yet) happen, totals, and undated facts are never remembered.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from bot.errors import UsageError
from bot.facts_text import fact_details, fact_head, narrate_first
from bot.partial_date import MONTH_NAMES, PartialDate, parse_partial_date
from bot.records import Fact

# The anniversaries people mark: every 5 years up to 30, then every 10 to 100 (plus the
# diamond 75th), then every 25th. The tuple stops at 1000 years, further back than any
# ISO date a news fact carries; ``is_round_anniversary`` is the test to use.
ROUND_YEARS: tuple[int, ...] = (5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100) + tuple(
    range(125, 1001, 25)
)
_ROUND_SET = frozenset(ROUND_YEARS)

# Statuses saying the event did not take place (yet): an invitation or a plan is news,
# but "9 years ago today Abe visited Cambodia" would be false if he never went.
NOT_HAPPENED = frozenset(
    {"planned", "invited", "proposed", "expected", "scheduled", "cancelled", "canceled",
     "postponed"}
)  # fmt: skip
REASONS = ("day", "month", "year")
_REASON_RANK = MappingProxyType({reason: rank for rank, reason in enumerate(REASONS)})

COMMAND = "onthisday"  # whose usage line the error handler sends with a UsageError
_MONTHS = MappingProxyType(
    {name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
    | {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
    | {"sept": 9}
)
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})")
_DAY_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?")
_NAME_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")


@dataclass(frozen=True)
class ReminderItem:
    """One past event to remind of, and why it is due.

    ``year``/``month``/``day`` are the event's own date (for an anniversary fact,
    the date of the event it commemorates), ``years_ago`` is counted from the
    day or year asked about, ``reason`` is the precision that matched.
    Frozen so templates cannot alter it; not hashable, since ``Fact`` is not.
    """

    fact: Fact
    years_ago: int
    year: int
    reason: str
    month: int | None = None
    day: int | None = None
    article_id: int | None = None

    @classmethod
    def of(cls, fact: Fact, when: PartialDate, years_ago: int, reason: str) -> ReminderItem:
        """The item for ``fact``, whose event happened at ``when``."""
        return cls(fact, years_ago, when.year, reason, when.month, when.day, fact.article_id)

    @property
    def when(self) -> PartialDate:
        """The event's date as a ``PartialDate`` (for comparisons and month names)."""
        return PartialDate(self.year, self.month, self.day)

    @property
    def sort_key(self) -> tuple[int, int, int, int, str, str]:
        """Day matches first, then month, then year; within each, the oldest first."""
        return (
            _REASON_RANK[self.reason],
            self.year,
            self.month or 0,
            self.day or 0,
            self.fact.kind,
            self.fact.sentence,
        )


def is_round_anniversary(years: int) -> bool:
    """True for the anniversaries in ``ROUND_YEARS`` (5, 10, ..., 75, ..., 125, 150, ...)."""
    return years in _ROUND_SET or (years > 100 and years % 25 == 0)


def event_date(fact: Fact) -> PartialDate | None:
    """When the remembered event happened, at the precision the fact states.

    The extractor already stores an anniversary fact at its *base* date ("the
    60th anniversary of the Bandung Conference" in April 2015 is stored as
    1955-04 with ordinal 60), so every kind of fact is remembered from its
    own ``date``; the ordinal only tells which anniversary the article marked.
    """
    return parse_partial_date(fact.date, fact.precision)


def items_for_day(facts: Iterable[Fact], day: dt.date) -> list[ReminderItem]:
    """The events to remind of on ``day``: "N years ago today" and round anniversaries.

    - day precision: N years ago today, any N ≥ 1; a range counts on its first day
      only (``fact.date``), so a three-day visit is not announced three times; an
      event of 29 February is remembered on 28 February in common years and on
      29 February in leap years (never twice);
    - month precision: on the 1st of the month — every year for anniversary facts,
      which are commemorations by nature, and only at a round N for other kinds,
      since "9 years ago this month, an agreement" is noise when the day is unknown;
    - year precision: on 1 January, only at a round N.

    Skipped: undated facts, dates not strictly in an earlier year (N < 1 also
    covers the future), statuses in ``NOT_HAPPENED`` and totals (``count``:
    "has visited 21 times" is not an event). One event reported by several
    facts or articles is kept once (see ``_same_event``). Ordered day, month,
    year matches, oldest first within each.
    """
    items: list[ReminderItem] = []
    for fact in facts:
        when = event_date(fact) if _happened(fact) else None
        if when is None:
            continue
        years_ago = day.year - when.year
        reason = _due_reason(fact, when, years_ago, day)
        if reason and years_ago >= 1:
            items.append(ReminderItem.of(fact, when, years_ago, reason))
    return sorted(_dedupe(items), key=lambda item: item.sort_key)


def round_anniversaries(facts: Iterable[Fact], year: int) -> list[ReminderItem]:
    """Every event whose round anniversary falls in ``year``, for ``/anniversaries [YEAR]``.

    Same filters and de-duplication as ``items_for_day``; ``reason`` is the
    event's precision. Ordered through the calendar of ``year`` — events known
    only to the year first (they belong to the whole year), then by month and
    day — and oldest first on the same date, so the list reads as a year plan.
    """
    items: list[ReminderItem] = []
    for fact in facts:
        when = event_date(fact) if _happened(fact) else None
        if when is not None and is_round_anniversary(year - when.year):
            items.append(ReminderItem.of(fact, when, year - when.year, when.precision))
    return sorted(
        _dedupe(items),
        key=lambda item: (item.month or 0, item.day or 0, item.year, item.fact.sentence),
    )


def describe_item(item: ReminderItem) -> str:
    """'9 years ago (2017): state visit — Hun Sen → Japan, 7–9 August 2017'.

    Month and year matches say "this month"/"this year", since the exact day is
    unknown. A first-ever visit is told as a sentence when the fields allow it
    (``facts_text.narrate_first``); an anniversary fact is told by its subject,
    the event it commemorates.
    """
    years = "1 year" if item.years_ago == 1 else f"{item.years_ago} years"
    if item.reason == "day":
        lead = f"{years} ago ({item.year})"
    elif item.reason == "month":
        lead = f"{years} ago this month ({item.when.month_name} {item.year})"
    else:
        lead = f"{years} ago this year ({item.year})"
    return f"{lead}: {_event_text(item.fact)}"


def parse_day(text: str, today: dt.date) -> dt.date:
    """The day asked for by ``/onthisday``; empty means today.

    Accepts 2026-08-07, 08-07 (in ``today``'s year), 7 August, Aug 7 (an
    optional year may follow the day-month forms), today, tomorrow,
    yesterday. Anything else raises ``UsageError`` for ``/onthisday`` with a
    one-line detail; 29 February in a common year says so, rather than
    quietly becoming 28 February or 1 March.
    """
    words = " ".join(text.split()).lower()
    relative = {"": 0, "today": 0, "tomorrow": 1, "yesterday": -1}
    if words in relative:
        return today + dt.timedelta(days=relative[words])
    if match := _ISO_DAY.fullmatch(words):
        year, month, day = (int(group) for group in match.groups())
    elif match := _MONTH_DAY.fullmatch(words):
        year, month, day = today.year, int(match[1]), int(match[2])
    elif match := _DAY_NAME.fullmatch(words) or _NAME_DAY.fullmatch(words):
        day_text, name = (match[1], match[2]) if match.re is _DAY_NAME else (match[2], match[1])
        if name not in _MONTHS:
            raise UsageError(COMMAND, f"I don’t know the month “{name[:20]}”.")
        year = int(match[3]) if match[3] else today.year
        month, day = _MONTHS[name], int(day_text)
    else:
        raise UsageError(COMMAND, f"I can’t read “{text.strip()[:40]}” as a date.")
    return _make_date(year, month, day)


def _make_date(year: int, month: int, day: int) -> dt.date:
    if month == 2 and day == 29 and not calendar.isleap(year):
        raise UsageError(COMMAND, f"{year} has no 29 February.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise UsageError(COMMAND, f"{year:04d}-{month:02d}-{day:02d} is not a date.") from None


def _happened(fact: Fact) -> bool:
    """Dated, not a total, and not something that was only planned or offered."""
    status = (fact.status or "").strip().lower()
    return bool(fact.date) and fact.count is None and status not in NOT_HAPPENED


def _due_reason(fact: Fact, when: PartialDate, years_ago: int, day: dt.date) -> str | None:
    if when.day is not None:
        same_day = (when.month, when.day) == (day.month, day.day)
        leap_day_fallback = (
            (when.month, when.day) == (2, 29)
            and (day.month, day.day) == (2, 28)
            and not calendar.isleap(day.year)
        )
        return "day" if same_day or leap_day_fallback else None
    if when.month is not None:
        due = day.day == 1 and day.month == when.month
        wanted = fact.kind == "anniversary" or is_round_anniversary(years_ago)
        return "month" if due and wanted else None
    return "year" if (day.month, day.day) == (1, 1) and is_round_anniversary(years_ago) else None


def _dedupe(items: list[ReminderItem]) -> list[ReminderItem]:
    """Keep one item per event: a non-anniversary report wins (it is the event's own
    fact), then the most precise one, then the fullest sentence.

    Article id and fact id break the remaining ties so the choice does not
    depend on the order the store returned the facts in.
    """
    preference = sorted(
        items,
        key=lambda item: (
            item.fact.kind == "anniversary",
            -item.when.rank,
            -len(item.fact.sentence),
            item.article_id if item.article_id is not None else float("inf"),
            item.fact.id if item.fact.id is not None else float("inf"),
            item.fact.sentence,
        ),
    )
    kept: list[ReminderItem] = []
    for item in preference:
        if not any(_same_event(item, other) for other in kept):
            kept.append(item)
    return kept


def _same_event(a: ReminderItem, b: ReminderItem) -> bool:
    """Two reports of one event.

    Same kind, compatible dates (2017-08 covers 2017-08-07), same main actor
    and same set of countries — unless both name a subject or an amount and
    those differ (two agreements signed the same day are two events). An
    anniversary fact and the event it commemorates (same date, a shared actor)
    are one event too: the event's own fact is the better report.
    """
    if not a.when.compatible(b.when):
        return False
    fa, fb = a.fact, b.fact
    if fa.kind != fb.kind:
        if "anniversary" not in (fa.kind, fb.kind):
            return False
        return bool(_actor_names(fa) & _actor_names(fb))
    if _main_actor(fa) != _main_actor(fb) or _countries(fa) != _countries(fb):
        return False
    if fa.subject and fb.subject and fa.subject.casefold() != fb.subject.casefold():
        return False
    return not (
        fa.amount_usd is not None and fb.amount_usd is not None and fa.amount_usd != fb.amount_usd
    )


def _main_actor(fact: Fact) -> str | None:
    return fact.actors[0].name.casefold() if fact.actors else None


def _actor_names(fact: Fact) -> frozenset[str]:
    return frozenset(actor.name.casefold() for actor in fact.actors)


def _countries(fact: Fact) -> frozenset[str]:
    return frozenset(country.casefold() for country in fact.countries)


def _event_text(fact: Fact) -> str:
    narrative = narrate_first(fact)
    if narrative:
        return narrative
    if fact.kind == "anniversary" and fact.subject:
        return fact.subject[:1].upper() + fact.subject[1:]
    head = fact_head(fact)
    if len(head) > 1 and head[1].islower():  # "State visit" -> "state visit", not "aSEAN"
        head = head[0].lower() + head[1:]
    details = fact_details(fact)
    return f"{head} — {details}" if details else head
