"""A small date grammar for news English, normalised against the publication date.

Why our own grammar rather than dateparser on whole sentences: dateparser is
slow (milliseconds per call) and over-eager (it reads "May" the modal, "March"
the verb and bare numbers as dates). News uses a few dozen date shapes
(``date_patterns``); this module tries each only at word starts next to a cheap
anchor (a month word, a digit run, a relative keyword), keeps the longest
matches, and has ``date_handlers`` normalise them into ``DateSpan`` values
(``datespan``). It never invents precision: "2013" stays a year, "April 2015" a
month.

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

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date

from bot.extract.date_handlers import HANDLERS
from bot.extract.date_patterns import ANCHORS, FAMILY_OF, NEEDS, PATTERNS, REACH
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
    parse_iso,
    precision_of,
    resolve_anchor,
    shift_years,
)
from bot.extract.lexicon import trie_pattern

__all__ = [
    "ABSOLUTE", "ANCHOR", "DAY", "MONTH", "RELATIVE", "VAGUE", "YEAR", "DateSpan",
    "find_dates", "future_marks", "is_future", "iso", "parse_iso", "precision_of",
    "resolve_anchor", "shift_years",
]  # fmt: skip

_FUTURE = re.compile(  # run on lower-cased text
    r"\b(?:will|shall|would|is to|are to|is due|are due|is scheduled|are scheduled|"
    r"is expected|are expected|plans? to|planning to|is set to|are set to|"
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
    hits = {
        family: list(anchor.finditer(low if family == "relative" else text))
        for family, anchor in ANCHORS.items()
    }
    if not any(hits.values()):
        return []
    words = [word.start() for word in _WORD_START.finditer(text)]
    starts = {
        family: _starts(words, family_hits, REACH[family], len(text))
        for family, family_hits in hits.items()
    }
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for family, positions in starts.items():
        for start, stop in positions:
            present = set(_NEED_RE.findall(low, start, stop))
            for name, pattern in _BY_FAMILY[family]:
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
        span = HANDLERS[name](match, published, future)
        if span is not None:
            spans.append(span)
    return sorted(spans, key=lambda s: s.start)


_NEED_SETS = {name: frozenset(n for n in needs if n) for name, needs in NEEDS.items()}
_NEED_RE = re.compile(trie_pattern({n for needs in _NEED_SETS.values() for n in needs}))
_BY_FAMILY = {
    family: [(name, pattern) for name, pattern in PATTERNS if FAMILY_OF[name] == family]
    for family in ANCHORS
}
_WORD_START = re.compile(r"(?<![\w$.,’'-])[\w$]")


def _starts(
    words: list[int], hits: Iterable[re.Match[str]], reach: tuple[int, int], length: int
) -> list[tuple[int, int]]:
    """(start, stop) pairs: every word start shortly before an anchor hit, where a
    date expression may begin, and how far it may run. Trying patterns only
    there (``pattern.match``) is what keeps the grammar cheap."""
    found: dict[int, int] = {}
    for hit in hits:
        stop = min(length, hit.end() + reach[1])
        first = bisect_left(words, hit.start() - reach[0])
        last = bisect_right(words, hit.start())
        for word in words[first:last]:
            found[word] = max(found.get(word, 0), stop)
    return sorted(found.items())
