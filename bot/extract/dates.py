"""A small date grammar for news English, normalised against the publication date.

Why our own grammar rather than dateparser on whole sentences: dateparser is
slow (milliseconds per call) and over-eager (it reads "May" the modal, "March"
the verb and bare numbers as dates). News uses a few dozen date shapes; this
module recognises them with precompiled regexes in one pass per shape and
never invents precision: "2013" stays a year, "April 2015" a month.

Conventions (documented because they are choices):

- A month without a year takes the publication year; in a past-tense sentence
  a month after the publication month means the previous year ("August 7-9" in
  an article of 14 August 2017 is 2017; "December" in one of March 2018 is
  2017). In a future-tense sentence a month before it means the next year.
- A bare weekday ("on Friday") is the most recent such day on or before the
  publication date in a past-tense sentence, and the next one on or after it
  in a future-tense sentence; "last Friday" is strictly before, "next Friday"
  strictly after.
- "last/this/next week" is the Monday-Sunday window, flagged approximate.
- "by 2030" is a year with ``prep="by"`` (a target); "in coming years", "soon",
  "in the near future" are recognised as vague so callers know the text gave
  no date and must not borrow one from context.
- "two days after his visit" is an anchor: the caller resolves it against the
  date of the event it names (see ``resolve_anchor``).
- Without a publication date every relative expression is returned with
  ``unresolved=True`` and no date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.extract.lexicon import NUMBER_WORDS, trie_pattern

ABSOLUTE = "absolute"
RELATIVE = "relative"
VAGUE = "vague"
ANCHOR = "anchor"

DAY = "day"
MONTH = "month"
YEAR = "year"


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


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _month(g: str) -> str:
    return (
        rf"(?P<{g}>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|"
        rf"July?|Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
        rf"Dec(?:ember|\.)?)(?![a-z])"
    )


def _day(g: str) -> str:
    return rf"(?<![\d.,$])(?P<{g}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%])"


def _year(g: str) -> str:
    return rf"(?P<{g}>1[5-9]\d\d|2[01]\d\d)(?![\d%])"


_SEP = r"\s*(?:-|–|—|to|until|till|through|and)\s*"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_OPT_WD = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_RANGE_PREP = r"(?:(?P<prep>from|between)\s+)?"
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_YEAR_PREPS = (
    r"in|since|by|until|till|before|after|during|from|through|throughout|of|for|around|"
    r"circa|as of|as early as|early|mid|late|end of|the end of|by the end of|"
    r"before the end of|beginning of|the beginning of|start of|the start of|"
    r"(?:the )?(?:first|second) half of|the year|year|fiscal(?: year)?|FY|the|a|its|their"
)
_MONTH_PREPS = (
    r"in|since|by|until|till|during|from|through|before|after|last|next|this|early|late|"
    r"end of|the end of|by the end of|beginning of|the beginning of"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            "dmy_cross",
            _RANGE_PREP
            + _day("d1")
            + r"\s+(?:of\s+)?"
            + _month("m1")
            + r"(?:,?\s+"
            + _year("y1")
            + r")?"
            + _SEP
            + _day("d2")
            + r"\s+(?:of\s+)?"
            + _month("m2")
            + r"(?:,?\s+"
            + _year("y2")
            + r")?",
        ),
        (
            "mdy_cross",
            _RANGE_PREP
            + _month("m1")
            + r"\s+"
            + _day("d1")
            + r"(?:,?\s+"
            + _year("y1")
            + r")?"
            + _SEP
            + _month("m2")
            + r"\s+"
            + _day("d2")
            + r"(?:,?\s+"
            + _year("y2")
            + r")?",
        ),
        (
            "dmy_range",
            _RANGE_PREP
            + _day("d1")
            + _SEP
            + _day("d2")
            + r"\s+(?:of\s+)?"
            + _month("m1")
            + r"(?:,?\s+"
            + _year("y1")
            + r")?",
        ),
        (
            "mdy_range",
            _RANGE_PREP
            + _month("m1")
            + r"\s+"
            + _day("d1")
            + _SEP
            + _day("d2")
            + r"(?:,?\s+"
            + _year("y1")
            + r")?",
        ),
        (
            "dmy",
            _OPT_WD
            + r"(?:the\s+)?"
            + _day("d1")
            + r"\s+(?:of\s+)?"
            + _month("m1")
            + r"(?:,?\s+"
            + _year("y1")
            + r")?",
        ),
        ("mdy", _OPT_WD + _month("m1") + r"\s+" + _day("d1") + r"(?:,?\s+" + _year("y1") + r")?"),
        (
            "my",
            r"(?:(?P<mod>early|mid|late|end of|the end of|beginning of)[\s-]+)?"
            + _month("m1")
            + r",?\s+"
            + _year("y1"),
        ),
        ("m", r"(?:(?P<prep>" + _MONTH_PREPS + r")\s+|mid-)" + _month("m1") + r"(?!\s*,?\s*\d)"),
        (
            "year_range",
            r"(?P<prep>from|between)\s+"
            + _year("y1")
            + r"\s*(?:-|–|to|and|until|through)\s*"
            + _year("y2"),
        ),
        (
            "year_dash",
            r"(?<![\d$])" + _year("y1") + r"\s*[-–]\s*(?:" + _year("y2") + r"|(?P<yy>\d\d)(?!\d))",
        ),
        ("decade", r"(?:the\s+)?(?P<y1>1[89]\d0|20\d0)s\b"),
        (
            "year",
            r"(?:\b(?P<prep>"
            + _YEAR_PREPS
            + r")\s*-?\s*|^)"
            + _year("y1")
            + r"(?!\s*(?:percent|per cent|tonnes|tons|people|km|troops|million|billion)\b)",
        ),
        (
            "rel_day",
            r"(?i:\b(?P<rel>the day before yesterday|the day after tomorrow|"
            r"yesterday|today|tomorrow|tonight|last night|this morning|this afternoon|"
            r"this evening)\b)",
        ),
        (
            "rel_period",
            r"(?i:\b(?:(?P<mod>earlier|later|early|late|the end of|end of|"
            r"by the end of|the beginning of|mid)(?:\s+in)?[\s-]+)?(?P<rel>this coming|"
            r"this|last|next|the coming|coming|the past|past)\s+(?P<unit>year|month|week"
            r"|weekend)\b)",
        ),
        (
            "weekday",
            r"(?:\b(?P<prep>(?i:on|last|next|this coming|this|coming|since|by|until"
            r"|from|on last))\s+)?\b" + _WD + r"(?:\s+(?:morning|afternoon|evening|night))?",
        ),
        ("iso", r"\b" + _year("y1") + r"-(?P<mm>0[1-9]|1[0-2])-(?P<dd>[0-2]\d|3[01])\b"),
        ("ago", r"(?i:\b" + _NUM + r"\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b)"),
        (
            "anchor",
            r"(?i:\b(?:" + _NUM + r"|the)\s+(?P<unit>days?|weeks?|months?|years?)"
            r"\s+(?P<dir>after|before|later|earlier|prior to)(?:\s+(?P<det>the|his|her|their"
            r"|its|this|that)\s+(?:\w+\s+)?(?P<anchor>visit|trip|meeting|talks|summit|"
            r"signing|arrival|departure|election|announcement|event|tour))?\b)",
        ),
        ("next_day", r"(?i:\bthe\s+(?:next|following)\s+(?P<unit>day|week|month|year)\b)"),
        (
            "vague",
            r"(?i:\b(?:in\s+(?:the\s+)?(?:coming|next few|next several|years ahead)"
            r"(?:\s+years?)?|in\s+(?:the\s+)?(?:near|foreseeable|not-too-distant)\s+future|"
            r"in\s+the\s+future|in\s+the\s+years\s+(?:ahead|to\s+come)|in\s+the\s+long\s+"
            r"(?:run|term)|soon|recently|in\s+recent\s+years|in\s+the\s+past|over\s+the\s+"
            r"years|for\s+(?:decades|years))\b)",
        ),
    )
)

# Each family of patterns only runs in small windows around cheap anchor hits
# (a month word, a digit run, a relative keyword): most date patterns start
# with optional words, which makes a whole-sentence regex scan slow.
_ANCHORS: dict[str, re.Pattern[str]] = {
    "month": re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
    "year": re.compile(r"\d\d\d+"),
    "relative": re.compile(  # matched against the lower-cased sentence
        trie_pattern(
            ("day", "night", "morning", "afternoon", "evening", "week", "month", "year", "ago",
             "later", "earlier", "after", "before", "prior", "next", "following", "coming",
             "future", "soon", "recent", "past", "long", "decades", "tomorrow")
        )
    ),
}  # fmt: skip
# How far a date expression may reach before/after its anchor, per family.
_REACH = {"month": (16, 32), "year": (26, 12), "relative": (22, 30)}
_RANGE_MARKS = ("-", "–", "—", " to ", " and ", "until", "till", "through")
_DIGITS = tuple("0123456789")
# A pattern only runs in a window whose lower-cased text contains one of these.
_NEEDS: dict[str, tuple[str, ...]] = {
    "dmy_cross": _RANGE_MARKS, "mdy_cross": _RANGE_MARKS, "dmy_range": _RANGE_MARKS,
    "mdy_range": _RANGE_MARKS, "dmy": _DIGITS, "mdy": _DIGITS, "my": _DIGITS, "m": ("",),
    "year_range": ("from", "between"), "year_dash": ("-", "–"), "decade": ("0s",),
    "year": ("",), "iso": ("-",),
    "rel_day": ("yesterday", "today", "tomorrow", "tonight", "night", "morning", "afternoon",
                "evening"),
    "rel_period": ("year", "month", "week"),
    "weekday": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "ago": ("ago",), "anchor": ("after", "before", "later", "earlier", "prior"),
    "next_day": ("next", "following"),
    "vague": ("coming", "future", "ahead", "to come", "long", "soon", "recent", "past",
              "over the years", "decades", "for years", "next few", "next several"),
}  # fmt: skip
_GUARD_OF = {
    **dict.fromkeys(
        ("dmy_cross", "mdy_cross", "dmy_range", "mdy_range", "dmy", "mdy", "my", "m"), "month"
    ),
    **dict.fromkeys(("year_range", "year_dash", "decade", "year", "iso"), "year"),
    **dict.fromkeys(
        ("rel_day", "rel_period", "weekday", "ago", "anchor", "next_day", "vague"), "relative"
    ),
}

_NOUN_NEXT = re.compile(r"\s+[a-z]")
_FUTURE = re.compile(  # run on lower-cased text
    r"\b(?:will|shall|would|is to|are to|is due|are due|is scheduled|are scheduled|"
    r"is expected|are expected|plans? to|planning to|planned|is set to|are set to|"
    r"to be held|going to|upcoming|forthcoming|next)\b"
)
_FUTURE_HINTS = ("will", "shall", "would", " to ", "due", "schedul", "expect", "plan", "going",
                 "coming", "next")  # fmt: skip


def future_marks(text: str) -> list[int]:
    """Where the text speaks of something still to come ("will", "is scheduled to"...)."""
    low = text.lower()
    if not any(hint in low for hint in _FUTURE_HINTS):
        return []
    return [match.start() for match in _FUTURE.finditer(low)]


def is_future(text: str) -> bool:
    """Crude tense test: does the text speak about something still to come?"""
    return bool(future_marks(text))


def find_dates(text: str, published: date | None, *, future: bool = False) -> list[DateSpan]:
    """All date expressions in ``text``, longest match first, left to right.

    ``published`` anchors relative expressions; ``future`` says the sentence is
    in the future tense (it decides bare weekdays and year-less months).
    """
    low = text.lower()
    starts = {
        family: _starts(text, anchor.finditer(low if family == "relative" else text), _REACH[family])
        for family, anchor in _ANCHORS.items()
    }
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for family, positions in starts.items():
        for start, stop in positions:
            present = set(_NEED_RE.findall(low, start, stop))
            for name, pattern in _FAMILY_PATTERNS[family]:
                needs = _NEED_SETS[name]
                if needs and not needs & present:
                    continue
                match = pattern.match(text, start, stop)
                if match is not None and match.end() > start:
                    candidates.append((start, match.end(), name, match))
    # Longest first, so "Tuesday, 7 August" beats "on Tuesday" and a range
    # beats the single day inside it; then report left to right.
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    spans: list[DateSpan] = []
    for start, end, name, match in candidates:
        if any(start < s.end and s.start < end for s in spans):
            continue
        span = _HANDLERS[name](match, published, future)
        if span is not None:
            spans.append(span)
    return sorted(spans, key=lambda s: s.start)


_NEED_SETS = {name: frozenset(n for n in needs if n) for name, needs in _NEEDS.items()}
_NEED_RE = re.compile(trie_pattern({n for needs in _NEED_SETS.values() for n in needs}))
_FAMILY_PATTERNS = {
    family: [(name, pattern) for name, pattern in _PATTERNS if _GUARD_OF[name] == family]
    for family in _ANCHORS
}
_WORD_START = re.compile(r"(?<![\w$.,’'-])[\w$]")


def _starts(
    text: str, hits: Iterable[re.Match[str]], reach: tuple[int, int]
) -> list[tuple[int, int]]:
    """(start, stop) pairs: every word start shortly before an anchor hit, where a
    date expression may begin, and how far it may run. Trying patterns only
    there (``pattern.match``) is what keeps the grammar cheap."""
    found: dict[int, int] = {}
    for hit in hits:
        stop = min(len(text), hit.end() + reach[1])
        for word in _WORD_START.finditer(text, max(0, hit.start() - reach[0]), hit.start() + 1):
            found[word.start()] = max(found.get(word.start(), 0), stop)
    return sorted(found.items())


# --- ISO helpers ---------------------------------------------------------------------------


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """ISO string at the precision given by which parts are present."""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


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


# --- handlers ------------------------------------------------------------------------------


def _month_num(text: str) -> int:
    return _MONTHS[text[:3].lower()]


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


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


_HANDLERS = {
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
