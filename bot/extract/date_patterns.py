"""The date grammar's shapes: one regex per shape, and where each is worth trying.

Each regex is tried with ``match`` at word starts shortly before an anchor hit
(a month word, a digit run, a relative keyword); ``dates.find_dates`` does the
trying, ``date_handlers`` turns each kind of match into a ``DateSpan``.
"""

from __future__ import annotations

import re

from bot.extract.lexicon import NUMBER_WORDS, trie_pattern


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
# Prepositions match case-insensitively: a sentence may start with one ("In 2010, ...").
_RANGE_PREP = r"(?:(?P<prep>(?i:from|between))\s+)?"
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

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
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
            r"(?:(?P<mod>(?i:early|mid|late|end of|the end of|beginning of))[\s-]+)?"
            + _month("m1")
            + r",?\s+"
            + _year("y1"),
        ),
        (
            "m",
            r"(?:(?P<prep>(?i:"
            + _MONTH_PREPS
            + r"))\s+|[Mm]id-)"
            + _month("m1")
            + r"(?!\s*,?\s*\d)",
        ),
        (
            "year_range",
            r"(?P<prep>(?i:from|between))\s+"
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
            r"(?:\b(?P<prep>(?i:"
            + _YEAR_PREPS
            + r"))\s*-?\s*|^)"
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

# The relative keywords, most frequent first (``dates`` tests for them with ``in``).
RELATIVE_WORDS = (
    "year", "day", "after", "month", "week", "before", "next", "past", "long", "later", "ago",
    "coming", "recent", "earlier", "future", "following", "prior", "soon", "decades", "night",
    "morning", "evening", "afternoon", "tomorrow",
)  # fmt: skip
# Each family of patterns only runs in small windows around cheap anchor hits
# (a month word, a digit run, a relative keyword): most date patterns start
# with optional words, which makes a whole-sentence regex scan slow.
ANCHORS: dict[str, re.Pattern[str]] = {
    "month": re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
    "year": re.compile(r"\d\d\d+"),
    "relative": re.compile(trie_pattern(RELATIVE_WORDS)),  # against the lower-cased sentence
}
# What every match of a family's patterns contains at one of its anchor hits: a month
# word (``m1``) for the month family, a year (``y1``, a run of exactly four digits)
# for the year family. An anchor hit with no such hit within its reach can begin
# no date, so ``dates`` does not try the patterns around it ("Mayor", "615 firms").
ANCHOR_SHAPES: dict[str, re.Pattern[str]] = {
    "month": re.compile(_month("m1")),
    "year": re.compile(_year("y1")),
}
# How far a date expression may reach before/after its anchor, per family.
REACH = {"month": (16, 32), "year": (26, 12), "relative": (22, 30)}
_RANGE_MARKS = ("-", "–", "—", " to ", " and ", "until", "till", "through")
_DIGITS = tuple("0123456789")
# A pattern only runs in a window whose lower-cased text contains one of these.
NEEDS: dict[str, tuple[str, ...]] = {
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
FAMILY_OF = {
    **dict.fromkeys(
        ("dmy_cross", "mdy_cross", "dmy_range", "mdy_range", "dmy", "mdy", "my", "m"), "month"
    ),
    **dict.fromkeys(("year_range", "year_dash", "decade", "year", "iso"), "year"),
    **dict.fromkeys(
        ("rel_day", "rel_period", "weekday", "ago", "anchor", "next_day", "vague"), "relative"
    ),
}
