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
from collections.abc import Callable
from datetime import date

from bot.extract.date_handlers import HANDLERS
from bot.extract.date_patterns import (
    ANCHOR_SHAPES,
    ANCHORS,
    FAMILY_OF,
    NEEDS,
    PATTERNS,
    REACH,
    RELATIVE_WORDS,
)
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
from bot.extract.lexicon import first_chars, trie_pattern

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
# Every match of _FUTURE contains one of these: without any, there is nothing to scan for.
_FUTURE_HINTS = ("will", "would", "next", "is to", "are to", "due", "schedul", "expect", "plan",
                 "set to", "to be held", "going", "coming", "shall")  # fmt: skip


def future_marks(text: str, low: str | None = None) -> list[int]:
    """Where the text speaks of something still to come ("will", "is scheduled to"...).

    ``low`` is ``text.lower()`` when the caller already has it."""
    if low is None:
        low = text.lower()
    if not any(map(low.__contains__, _FUTURE_HINTS)):
        return []
    return [match.start() for match in _FUTURE.finditer(low)]


def is_future(text: str) -> bool:
    """Crude tense test: does the text speak about something still to come?"""
    return bool(future_marks(text))


def find_dates(
    text: str, published: date | None, *, future: bool = False, low: str | None = None
) -> list[DateSpan]:
    """All date expressions in ``text``, longest match first, left to right.

    ``published`` anchors relative expressions; ``future`` says the sentence is
    in the future tense (it decides bare weekdays and year-less months); ``low``
    is ``text.lower()`` when the caller already has it.
    """
    if low is None:
        low = text.lower()
    candidates: list[tuple[int, int, _Handler, re.Match[str]]] = []
    length = len(text)
    word_starts = _WORD_START.finditer
    for relative, anchor, shape, before, after, entries, starting_with in _FAMILIES:
        if relative:
            # No relative keyword in the text: its anchor regex would find nothing.
            if not any(map(low.__contains__, RELATIVE_WORDS)):
                continue
            family_hits = list(anchor(low))
        else:
            family_hits = list(anchor(text))
        if not family_hits:
            continue
        # The hits that are a month word or a year (see ANCHOR_SHAPES): every match
        # of the family's patterns has one between its start and its end.
        shaped = [h.span() for h in family_hits if shape(text, h.start())] if shape else None
        if shaped == []:
            continue
        last = len(family_hits) - 1
        for number, hit in enumerate(family_hits):
            # Every word start in [hit - before, hit] may begin a date expression
            # running to ``stop``; one that is also that close to the next hit
            # is tried with that hit (whose expressions may run further).
            hit_start, hit_end = hit.span()
            first = hit_start - before if hit_start > before else 0
            upto = hit_start
            if number < last:
                upto = min(upto, family_hits[number + 1].start() - before - 1)
            stop = hit_end + after
            if stop > length:
                stop = length
            if shaped is not None and not any(first <= a and b <= stop for a, b in shaped):
                continue  # no month word or year within reach: nothing to match here
            for word in word_starts(text, first, upto + 1):
                start = word.start()
                present: set[str] | None = None
                # Only the patterns a match of which can begin with this character
                # (a non-ASCII one is never judged: every pattern is tried).
                for pattern, needs, handler in starting_with.get(word.group(), entries):
                    match = pattern.match(text, start, stop)
                    if match is None or match.end() <= start:
                        continue
                    if needs:
                        if present is None:
                            present = set(_NEED_RE.findall(low, start, stop))
                        if needs.isdisjoint(present):
                            continue
                    candidates.append((start, match.end(), handler, match))
    if not candidates:
        return []
    # Longest first, so "Tuesday, 7 August" beats "on Tuesday" and a range
    # beats the single day inside it; then report left to right.
    if len(candidates) > 1:
        candidates.sort(key=_longest_first)
    spans: list[DateSpan] = []
    for start, end, handler, match in candidates:
        if spans and any(start < s.end and s.start < end for s in spans):
            continue
        span = handler(match, published, future)
        if span is not None:
            spans.append(span)
    if len(spans) > 1:
        spans.sort(key=_span_start)
    return spans


def _span_start(span: DateSpan) -> int:
    return span.start


def _longest_first(candidate: tuple[int, int, object, object]) -> tuple[int, int]:
    return candidate[0] - candidate[1], candidate[0]


# A word start: a word character or "$" that does not continue a word, a number
# or an abbreviation (the lookbehind sees the text before the ``pos`` it is
# scanned from, so a window's first character is judged by what precedes it).
_WORD_START = re.compile(r"(?<![\w$.,’'-])[\w$]")


_Handler = Callable[[re.Match[str], date | None, bool], DateSpan | None]
_NEED_SETS = {name: frozenset(n for n in needs if n) for name, needs in NEEDS.items()}
_NEED_RE = re.compile(trie_pattern({n for needs in _NEED_SETS.values() for n in needs}))


def _family(family: str, anchor: re.Pattern[str]) -> tuple:
    entries = tuple(
        (pattern, _NEED_SETS[name], HANDLERS[name], first_chars(pattern))
        for name, pattern in PATTERNS
        if FAMILY_OF[name] == family
    )
    shape = ANCHOR_SHAPES.get(family)
    return (
        family == "relative",  # its anchors are matched against the lower-cased text
        anchor.finditer,
        shape.match if shape is not None else None,
        *REACH[family],
        tuple(entry[:3] for entry in entries),
        _by_initial(entries),
    )


def _by_initial(entries: tuple) -> dict[str, tuple]:
    """ASCII character -> the entries (in order) whose matches can begin with it: the
    per-position pattern choice made once instead of a set test per pattern."""
    return {
        char: tuple(entry[:3] for entry in entries if char in entry[3])
        for char in map(chr, range(128))
    }


_FAMILIES = tuple(_family(family, anchor) for family, anchor in ANCHORS.items())
